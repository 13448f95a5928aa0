// Takes the README's screenshots from the built site (run `npm run build` first):
// `npm run screenshots` writes docs/screenshots/*.png, desktop and phone.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, serveStatic } from '../tests/helpers/browser.ts';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'docs/screenshots');
const shots = [
  { name: 'home', path: '/' },
  { name: 'write-up', path: '/experiences/su-changyou-bricklaying/' },
  { name: 'write-up-results', path: '/experiences/stakhanov-coal-hewing/' },
  { name: 'search', path: '/search/?q=drill' },
  { name: 'sector', path: '/sectors/industry/' },
  { name: 'contribute', path: '/contribute/' },
  { name: 'zh-write-up', path: '/zh/experiences/ni-zhifu-drill/' },
  { name: 'zh-search', path: '/zh/search/?q=钻头' },
];
const viewports = [
  { suffix: 'desktop', width: 1280, height: 900 },
  { suffix: 'phone', width: 390, height: 844 },
];
const only = process.argv.slice(2);

mkdirSync(out, { recursive: true });
const server = await serveStatic(path.join(root, 'dist'));
const browser = await launchBrowser();
try {
  for (const viewport of viewports) {
    const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
    for (const shot of shots.filter((candidate) => only.length === 0 || only.includes(candidate.name))) {
      await page.goto(server.url + shot.path, { waitUntil: 'networkidle' });
      // Search results are drawn after the index loads.
      if (shot.path.includes('search')) await page.waitForSelector('.result', { timeout: 10_000 });
      const file = path.join(out, `${shot.name}-${viewport.suffix}.png`);
      await page.screenshot({ path: file, fullPage: false });
      console.log(path.relative(root, file));
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
