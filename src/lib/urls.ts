// Every URL the site links to is made here, so routes change in one place.
// Paths are root-relative, start with the site's base path and end in "/"
// (trailingSlash: 'always'). A fork on GitHub Pages is served at /<repo>/:
// built with `--base /<repo>/`, every link carries that prefix.
import type { Lang } from '../schema/experience.ts';

/**
 * The base path without its trailing slash: "" at the root, "/pacesetter" under
 * `--base /pacesetter/`. Vite puts it into every bundled module (pages and
 * browser scripts) as import.meta.env.BASE_URL; plain Node (the CLIs, unit
 * tests) has no such value and serves from the root. (Never name Vite's env
 * object bare here, even in a comment: Astro then writes environment values into
 * this module's build output; astro.config.mjs says why that matters.)
 */
const BASE = viteBaseUrl().replace(/\/+$/, '');

function viteBaseUrl(): string {
  try {
    // Written out in full so that Vite replaces it with the configured base at build time.
    return import.meta.env.BASE_URL;
  } catch {
    return '/'; // plain Node: no Vite environment object
  }
}

/** A root-relative site path ("/favicon.svg") under the base path ("/pacesetter/favicon.svg"). */
export const withBase = (sitePath: string) => (sitePath.startsWith('/') ? `${BASE}${sitePath}` : sitePath);

/** The route of a path that carries the base path: "/pacesetter/sectors/" → "/sectors/". */
export function withoutBase(pathname: string): string {
  if (!BASE) return pathname;
  if (pathname === BASE) return '/';
  return pathname.startsWith(`${BASE}/`) ? pathname.slice(BASE.length) : pathname;
}

const langPrefix = (lang: Lang) => (lang === 'en' ? BASE : `${BASE}/${lang}`);

export const homeUrl = (lang: Lang) => `${langPrefix(lang)}/`;
export const sectorsUrl = (lang: Lang) => `${langPrefix(lang)}/sectors/`;
const pageSuffix = (page: number) => (page > 1 ? `page/${page}/` : '');
export const sectorUrl = (lang: Lang, sector: string, page = 1) =>
  `${langPrefix(lang)}/sectors/${sector}/${pageSuffix(page)}`;
export const industryUrl = (lang: Lang, sector: string, industry: string, page = 1) =>
  `${langPrefix(lang)}/sectors/${sector}/${industry}/${pageSuffix(page)}`;
export const experienceUrl = (lang: Lang, id: string) => `${langPrefix(lang)}/experiences/${id}/`;
export const aboutUrl = (lang: Lang) => `${langPrefix(lang)}/about/`;
export const contributeUrl = (lang: Lang) => `${langPrefix(lang)}/contribute/`;

/** `/search/?q=drill&sector=industry`: the state of a search, shareable as a link. */
export function searchUrl(lang: Lang, query: { q?: string; filters?: Record<string, string> } = {}): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const [name, value] of Object.entries(query.filters ?? {})) params.append(name, value);
  const search = params.toString();
  return `${langPrefix(lang)}/search/${search ? `?${search}` : ''}`;
}

/** The source file of a write-up on GitHub, opened in the web editor. */
export function editUrl(repository: { url: string; branch: string }, file: string): string {
  return `${repository.url}/edit/${repository.branch}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'zh' : 'en');

/**
 * The same page in the other language: `/sectors/health/` ↔ `/zh/sectors/health/`.
 * Every page exists in both languages except write-ups, whose counterpart is their
 * translation (see the write-up page).
 */
export function counterpartPath(pathname: string, lang: Lang): string {
  const route = withoutBase(pathname);
  const withoutPrefix = lang === 'en' ? route : route.replace(new RegExp(`^/${lang}(?=/|$)`), '') || '/';
  const target = otherLang(lang);
  return withBase(target === 'en' ? withoutPrefix : `/${target}${withoutPrefix}`);
}

export const reviewUrl = (lang: Lang) => `${langPrefix(lang)}/review/`;
/** The RSS feed of a language, or of one sector in it. */
export const feedUrl = (lang: Lang, sector?: string) =>
  sector ? `${langPrefix(lang)}/sectors/${sector}/rss.xml` : `${langPrefix(lang)}/rss.xml`;

type Repository = { url: string; branch: string };

/** GitHub refuses or truncates very long URLs; above this the form offers copy and paste instead. */
export const MAX_PREFILL_URL_LENGTH = 8000;

/**
 * GitHub's "create new file" page with the path and, optionally, the content filled in:
 * saving it there opens a pull request, so a contributor needs no local checkout.
 */
export function newFileUrl(repository: Repository, file: string, content?: string): string {
  const query = [`filename=${encodeURIComponent(file)}`];
  if (content !== undefined) query.push(`value=${encodeURIComponent(content)}`);
  return `${repository.url}/new/${repository.branch}?${query.join('&')}`;
}

/** A prefilled "this write-up is outdated" issue, using the outdated.yml issue form. */
export function outdatedIssueUrl(
  repository: Repository,
  writeUp: { title: string; file: string; pageUrl: string },
): string {
  const params = new URLSearchParams({
    template: 'outdated.yml',
    title: `Outdated: ${writeUp.title}`,
    // Issue forms fill the field whose id matches a query parameter.
    page: writeUp.pageUrl,
    file: writeUp.file,
  });
  return `${repository.url}/issues/new?${params.toString()}`;
}

/** GitHub's "create new file" page inside a folder, with nothing filled in. */
export function newFileInFolderUrl(repository: Repository, folder: string): string {
  return `${repository.url}/new/${repository.branch}/${folder.split('/').map(encodeURIComponent).join('/')}`;
}
