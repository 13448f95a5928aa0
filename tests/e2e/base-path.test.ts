// A fork served under a base path (GitHub Pages: /<repo>/), in Chromium: the search
// page loads its bundle from under the base, finds write-ups and links to them there,
// and the language switch stays under the base.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, launchBrowser, serveStatic } from '../helpers/browser.ts';
import { buildSite, makeFixtureSite, PROJECT_ROOT } from '../helpers/fixture-site.ts';

const BASE = '/pacesetter/';
let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  const root = makeFixtureSite('base-path-e2e', path.join(PROJECT_ROOT, 'tests/fixtures/search/content'));
  const build = buildSite(root, {}, ['--base', BASE]);
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
  // The host serves the site's dist/ at /pacesetter/, as GitHub Pages serves a fork.
  const host = path.join(root, 'host');
  rmSync(host, { recursive: true, force: true });
  mkdirSync(host);
  symlinkSync(build.dist, path.join(host, 'pacesetter'), 'dir');
  server = await serveStatic(host);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a site under a base path', () => {
  it('searches and links results under the base', async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    const failed: string[] = [];
    const requested: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(response.url());
    });
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}${BASE}search/?q=drill`);
    const first = page.locator('.result-title a').first();
    await first.waitFor();
    // The files fetched early for Pagefind are found under the base too: none is asked for twice.
    for (const file of ['pagefind-entry.json', 'wasm.en.pagefind'])
      expect(requested.filter((pathname) => pathname === `${BASE}pagefind/${file}`)).toHaveLength(1);
    expect(await first.getAttribute('href')).toMatch(/^\/pacesetter\/experiences\/search-[a-z-]+\/$/);
    await first.click();
    await page.waitForURL(/\/pacesetter\/experiences\//);
    expect(await page.locator('h1').count()).toBe(1);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches language within the base', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${BASE}sectors/`);
    await page.click('.lang-switch');
    await page.waitForURL(`${server.url}${BASE}zh/sectors/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    await page.close();
  });
});
