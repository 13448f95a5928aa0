// Switching language and searching in Chinese, in a real browser.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, serveFixtureSite, type ServedSite } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/site/content');

let server: ServedSite;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await serveFixtureSite('bilingual-e2e', FIXTURE, { PACESETTER_TODAY: '2026-11-26' });
  page = await server.browser.newPage();
  errors = collectErrors(page);
});

afterAll(() => server?.close());

const titles = () => page.locator('.result-title a').allTextContents();
const htmlLang = () => page.locator('html').getAttribute('lang');

describe('switching language', () => {
  it('goes from a write-up to its translation and back with the keyboard', async () => {
    await page.goto(`${server.url}/experiences/fixture-drill/`);
    await page.locator('a.lang-switch').focus();
    await Promise.all([page.waitForURL('**/zh/experiences/fixture-drill/'), page.keyboard.press('Enter')]);
    expect(await htmlLang()).toBe('zh-Hans');
    expect(await page.locator('h1').textContent()).toBe('测试用钻头新刃形');
    await Promise.all([
      page.waitForURL(`${server.url}/experiences/fixture-drill/`),
      page.locator('a.lang-switch').click(),
    ]);
    expect(await htmlLang()).toBe('en');
  });
});

describe('searching the Chinese site', () => {
  it('finds the Chinese drill write-up with a two-character query', async () => {
    const requested: string[] = [];
    const record = (request: { url: () => string }) => {
      const url = new URL(request.url());
      if (/^\/pagefind\/[^/]+$/.test(url.pathname)) requested.push(url.pathname + url.search);
    };
    page.on('request', record);
    await page.goto(`${server.url}/zh/search/`);
    await page.locator('#search-q').focus();
    await page.keyboard.type('钻头');
    await expect.poll(titles).toEqual(['测试用钻头新刃形']);
    page.off('request', record);
    // Fetched early by the search page, for the Chinese index (Pagefind's WebAssembly for a
    // language it does not stem), and each once: Pagefind took them instead of asking again.
    expect(requested.filter((file) => /entry|\.pf_meta$|^\/pagefind\/wasm\./.test(file))).toEqual([
      '/pagefind/pagefind-entry.json',
      expect.stringMatching(/^\/pagefind\/pagefind\.zh-hans_\w+\.pf_meta$/),
      '/pagefind/wasm.unknown.pagefind',
    ]);
    // Only the Chinese index is searched: the English write-ups never appear.
    expect(await page.locator('.result-title a').first().getAttribute('href')).toBe('/zh/experiences/fixture-drill/');
  });

  it('shows facets with Chinese labels, and a sector filter narrows the results', async () => {
    expect(await page.locator('fieldset[data-facet="sector"] legend').textContent()).toBe('部门');
    await page.goto(`${server.url}/zh/search/?q=${encodeURIComponent('钻头')}&sector=construction`);
    await expect.poll(() => page.locator('[data-search-summary]').textContent()).toContain('没有');
    expect(await titles()).toEqual([]);
    await page.goto(`${server.url}/zh/search/?sector=industry`);
    await expect.poll(titles).toEqual(['测试用钻头新刃形']);
    const option = page
      .locator('[data-facet-option]')
      .filter({ has: page.locator('input[name="sector"][value="industry"]') });
    expect(await option.textContent()).toContain('工业');
  });

  it('logged no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
