// A write-up printed for the notice board: no navigation, the page's address and a
// QR code back to it, on at most two A4 pages.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtureSite, type ServedSite } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

let server: ServedSite;

beforeAll(async () => {
  server = await serveFixtureSite('print', path.join(PROJECT_ROOT, 'tests/fixtures/site/content'));
});

afterAll(() => server?.close());

describe('printing a write-up', () => {
  it('hides navigation, shows the source address and QR code, and fits on two A4 pages', async () => {
    const page = await server.browser.newPage();
    await page.goto(`${server.url}/experiences/fixture-drill/`);
    expect(await page.locator('.print-source').isVisible()).toBe(false);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.site-footer').isVisible()).toBe(false);
    expect(await page.locator('.print-source').isVisible()).toBe(true);
    expect(await page.locator('.print-url').textContent()).toBe(
      'https://pacesetter.example.org/experiences/fixture-drill/',
    );
    // The QR code is an SVG drawn at build time: a path of dark modules.
    expect(await page.locator('.print-qr svg path').count()).toBeGreaterThan(0);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
    await page.close();
  });
});
