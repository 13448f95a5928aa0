// The 404 page under /zh/ (see src/pages/404.astro): the same page, made Chinese.
// The Chinese section comes first with the page's h1; the English one follows.
const root = document.querySelector<HTMLElement>('[data-not-found]');
const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
if (root && window.location.pathname.startsWith(`${base}zh/`)) {
  const zh = root.querySelector<HTMLElement>('[data-not-found-lang="zh"]');
  const en = root.querySelector<HTMLElement>('[data-not-found-lang="en"]');
  const zhHeading = zh?.querySelector('h2');
  const enHeading = en?.querySelector('h1');
  if (zh && en && zhHeading && enHeading) {
    document.documentElement.lang = 'zh-Hans';
    document.title = root.dataset.zhTitle ?? document.title;
    // Swap the heading levels, then the order: the page's language leads.
    const h1 = document.createElement('h1');
    h1.textContent = zhHeading.textContent;
    zhHeading.replaceWith(h1);
    const h2 = document.createElement('h2');
    h2.textContent = enHeading.textContent;
    enHeading.replaceWith(h2);
    zh.querySelector('.button')?.classList.remove('secondary');
    en.querySelector('.button')?.classList.add('secondary');
    root.prepend(zh);
  }
}
