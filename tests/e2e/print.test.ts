// A write-up printed for the notice board: no navigation, the page's address and a
// QR code back to it, on at most two A4 pages.
import { createRequire } from 'node:module';
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

  it('prints a QR code that a QR reader decodes to the address of the page', async () => {
    // The site's CSP allows no script of the test's own: this context runs a QR reader (jsQR) in the page.
    const context = await server.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/zh/experiences/fixture-drill/`);
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('jsqr') });
    const decoded = await page.evaluate(async () => {
      // The SVG as the printer gets it, drawn on white with a quiet zone, as paper would show it.
      const svg = document.querySelector('.print-qr svg')!.cloneNode(true) as SVGSVGElement;
      const size = 330;
      const quiet = 40;
      svg.setAttribute('width', String(size));
      svg.setAttribute('height', String(size));
      const image = new Image();
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size + 2 * quiet;
      const context2d = canvas.getContext('2d')!;
      context2d.fillStyle = '#fff';
      context2d.fillRect(0, 0, canvas.width, canvas.height);
      context2d.drawImage(image, quiet, quiet, size, size);
      const pixels = context2d.getImageData(0, 0, canvas.width, canvas.height);
      const read = (
        globalThis as unknown as {
          jsQR: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
        }
      ).jsQR;
      return read(pixels.data, pixels.width, pixels.height)?.data ?? null;
    });
    expect(decoded).toBe('https://pacesetter.example.org/zh/experiences/fixture-drill/');
    await context.close();
  });
});
