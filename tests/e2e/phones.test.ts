// The site on a phone, in real Chromium: every page of the fixture site's sitemap,
// in both languages, at 320 and 390 px, with no horizontal overflow; the search page
// puts results first and folds its facets behind a "Filters" button; what a reader
// sees on every page is whole (placeholders not cut, one font family, footer at the
// bottom of short pages, a Chinese 404 under /zh/).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, serveFixtureSite, type ServedSite } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/site/content');
let server: ServedSite;

beforeAll(async () => {
  server = await serveFixtureSite('phones', FIXTURE, { PACESETTER_TODAY: '2026-11-26' });
});

afterAll(() => server?.close());

function sitemapPaths(): string[] {
  const sitemap = readFileSync(path.join(server.build.dist, 'sitemap-0.xml'), 'utf8');
  return [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
}

/** What sticks out to the right of the viewport, unless a scrolling or clipping box holds it. */
function overflowReport() {
  const width = window.innerWidth;
  const describe = (element: Element) =>
    `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${
      element.classList.length > 0 ? `.${[...element.classList].join('.')}` : ''
    }`;
  const clipped = (element: Element) => {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (style.overflowX !== 'visible' && parent !== document.documentElement && parent !== document.body) return true;
    }
    return false;
  };
  const sticking = [...document.body.querySelectorAll('*')]
    .filter((element) => {
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0 && (rect.right > width + 0.5 || rect.left < -0.5);
    })
    .filter((element) => !clipped(element) && !element.closest('.visually-hidden, .skip-link'))
    .map((element) => `${describe(element)} (${Math.round(element.getBoundingClientRect().right)} px)`);
  return { scrollWidth: document.documentElement.scrollWidth, width, sticking: sticking.slice(0, 5) };
}

describe('on a phone', () => {
  it('walks a sitemap that covers both languages', () => {
    const paths = sitemapPaths();
    expect(paths).toContain('/contribute/');
    expect(paths).toContain('/zh/contribute/');
    expect(paths).toContain('/search/');
  });

  for (const width of [320, 390]) {
    it(`no page is wider than a ${width} px screen`, { timeout: 240_000 }, async () => {
      const page = await server.browser.newPage({ viewport: { width, height: 800 } });
      const found: string[] = [];
      for (const pathname of [...sitemapPaths(), '/404.html', '/zh/no-such-page/']) {
        await page.goto(server.url + pathname, { waitUntil: 'load' });
        const report = await page.evaluate(overflowReport);
        if (report.scrollWidth > report.width || report.sticking.length > 0)
          found.push(`${pathname}: ${report.scrollWidth} px wide; ${report.sticking.join(', ')}`);
      }
      await page.close();
      expect(found).toEqual([]);
    });
  }

  it('shows search results first, with the facets behind a Filters button', async () => {
    const page = await server.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = collectErrors(page);
    await page.goto(`${server.url}/search/?q=fixture`);
    await page.waitForSelector('.result', { timeout: 10_000 });
    const toggle = page.getByRole('button', { name: 'Filters' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#facet-pane').isVisible()).toBe(false);
    // The first result starts on the first screen.
    const first = await page.locator('.result').first().boundingBox();
    expect(first!.y).toBeLessThan(844);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#facet-pane').isVisible()).toBe(true);
    // A chosen filter is counted on the button, and the pane works as before.
    await page.locator('input[name="sector"][value="industry"]').check();
    await expect.poll(() => toggle.textContent(), { timeout: 10_000 }).toBe('Filters (1)');
    await expect.poll(() => new URL(page.url()).search).toBe('?q=fixture&sector=industry');
    // On a wide screen the facets are always shown and the button is not.
    await page.setViewportSize({ width: 1200, height: 800 });
    expect(await toggle.isVisible()).toBe(false);
    expect(await page.locator('#facet-pane').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows every search placeholder whole', async () => {
    const page = await server.browser.newPage({ viewport: { width: 320, height: 800 } });
    const cut: string[] = [];
    for (const pathname of ['/', '/zh/', '/search/', '/zh/search/', '/sectors/', '/zh/sectors/']) {
      await page.goto(server.url + pathname);
      const found = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLInputElement>('input[placeholder]')]
          .filter((input) => input.getClientRects().length > 0)
          .flatMap((input) => {
            const style = getComputedStyle(input);
            const context = document.createElement('canvas').getContext('2d')!;
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            const needed = context.measureText(input.placeholder).width;
            return needed > room ? [`${input.id}: "${input.placeholder}" needs ${needed} px, has ${room}`] : [];
          }),
      );
      cut.push(...found.map((text) => `${pathname} ${text}`));
    }
    await page.close();
    expect(cut).toEqual([]);
  });
});

describe('on every screen', () => {
  it('uses one font family for headings and text, and a CJK stack on Chinese pages', async () => {
    const page = await server.browser.newPage();
    await page.goto(`${server.url}/experiences/fixture-drill/`);
    const fonts = await page.evaluate(() => ({
      h1: getComputedStyle(document.querySelector('h1')!).fontFamily,
      p: getComputedStyle(document.querySelector('main p')!).fontFamily,
    }));
    expect(fonts.h1).toBe(fonts.p);
    await page.goto(`${server.url}/zh/experiences/fixture-drill/`);
    const zh = await page.evaluate(() => ({
      h1: getComputedStyle(document.querySelector('h1')!).fontFamily,
      p: getComputedStyle(document.querySelector('main p')!).fontFamily,
    }));
    expect(zh.h1).toBe(zh.p);
    expect(zh.p).toMatch(/^"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC"/);
    await page.close();
  });

  it('keeps the footer at the bottom of the window on a short page', async () => {
    const page = await server.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    await page.goto(`${server.url}/404.html`);
    const bottom = await page.evaluate(() => document.querySelector('.site-footer')!.getBoundingClientRect().bottom);
    expect(Math.round(bottom)).toBe(1000);
    await page.close();
  });

  it('answers a missing /zh/ address with a Chinese 404 page', async () => {
    const page = await server.browser.newPage();
    const errors = collectErrors(page);
    const response = await page.goto(`${server.url}/zh/no-such-page/`);
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    expect(await page.textContent('h1')).toBe('找不到页面');
    expect(await page.title()).toBe('找不到页面 · 先进经验库');
    await page.goto(`${server.url}/no-such-page/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Page not found');
    // The 404 status itself is logged as a console error by Chromium; nothing else may be.
    expect(errors.filter((error) => !/404/.test(error))).toEqual([]);
    await page.close();
  });
});
