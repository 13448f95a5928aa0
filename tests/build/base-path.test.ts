// A fork on GitHub Pages is served at https://<owner>.github.io/<repo>/. Built with
// `--site <origin> --base /<repo>/`, every link, asset, feed, sitemap entry, API URL,
// QR code and the language switch must stay under that base: this test crawls every
// href and src in dist/ and resolves it against dist/ as the static host would.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeFixtureSite, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';
import { validFrontmatter, writeUpSource } from '../helpers/write-up.ts';

const ORIGIN = 'https://octocat.github.io';
const BASE = '/pacesetter/';
let build: FixtureBuild;

const files = (dir: string, relative = ''): string[] =>
  readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    return entry.isDirectory() ? files(dir, child) : [child];
  });
const read = (file: string) => readFileSync(path.join(build.dist, file), 'utf8');

/** The URL a page of dist/ is served at. */
const servedAt = (file: string) => new URL(`${BASE}${file.replace(/(^|\/)index\.html$/, '$1')}`, ORIGIN);

/** Whether a same-origin URL is under the base and names a file the host would serve. */
function resolves(url: URL): boolean {
  if (!url.pathname.startsWith(BASE)) return false;
  const route = decodeURIComponent(url.pathname.slice(BASE.length));
  const target = path.join(build.dist, route);
  if (route === '' || route.endsWith('/')) return existsSync(path.join(target, 'index.html'));
  return existsSync(target) && statSync(target).isFile();
}

beforeAll(() => {
  const root = makeFixtureSite('base-path', path.join(PROJECT_ROOT, 'tests/fixtures/site/content'));
  // A write-up whose body links to a site path, as CONTRIBUTING allows.
  writeFileSync(
    path.join(root, 'content/experiences/en/industry/linking.mdx'),
    writeUpSource(
      { ...validFrontmatter(), title: 'A write-up that links to another' },
      '## The problem\n\nSee [the drill](/experiences/fixture-drill/) and [all sectors](/sectors/).\n',
    ),
  );
  build = buildSite(root, {}, ['--site', ORIGIN, '--base', BASE]);
});

describe('a site built with a base path', () => {
  it('builds', () => {
    expect(build.status, build.output).toBe(0);
  });

  it('has no broken internal link, asset or form target on any page', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of files(build.dist).filter((name) => name.endsWith('.html'))) {
      const html = read(file);
      for (const match of html.matchAll(/\s(?:href|src|action|content)="([^"]*)"/g)) {
        const value = match[1]!.replaceAll('&amp;', '&');
        // content="…" is only a URL in og:url; href="#x" is the page itself.
        if (match[0].trimStart().startsWith('content=') && !/^https?:/.test(value)) continue;
        if (value === '' || value.startsWith('#') || /^(mailto|data|javascript):/.test(value)) continue;
        const url = new URL(value, servedAt(file));
        if (url.origin !== ORIGIN) continue;
        checked += 1;
        if (!resolves(url)) broken.push(`${file}: ${value}`);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(broken).toEqual([]);
  });

  it('links back to the root-absolute base nowhere outside it', () => {
    const offenders = files(build.dist)
      .filter((name) => name.endsWith('.html'))
      .flatMap((file) =>
        [...read(file).matchAll(/\s(?:href|src|action)="(\/(?!\/)[^"]*)"/g)]
          .map((match) => match[1]!)
          .filter((value) => !value.startsWith(BASE))
          .map((value) => `${file}: ${value}`),
      );
    expect(offenders).toEqual([]);
  });

  it('puts site paths in a write-up body under the base', () => {
    const html = read('experiences/linking/index.html');
    expect(html).toContain('href="/pacesetter/experiences/fixture-drill/"');
    expect(html).toContain('href="/pacesetter/sectors/"');
  });

  it('switches language within the base', () => {
    expect(read('sectors/index.html')).toMatch(/class="lang-switch" href="\/pacesetter\/zh\/sectors\/"/);
    expect(read('zh/sectors/index.html')).toMatch(/class="lang-switch" href="\/pacesetter\/sectors\/"/);
    expect(read('index.html')).toMatch(/class="lang-switch" href="\/pacesetter\/zh\/"/);
  });

  it('gives feeds, the sitemap, the API, robots.txt and the QR code full URLs under the base', () => {
    const absolute = (text: string) => [...text.matchAll(/https?:\/\/[^\s"<>]+/g)].map((match) => match[0]);
    const own = (text: string) => absolute(text).filter((url) => url.startsWith(ORIGIN));
    const sitemap = read('sitemap-0.xml');
    const feed = read('rss.xml');
    const api = read('api/experiences.json');
    const schema = read('api/experiences.schema.json');
    const robots = read('robots.txt');
    for (const [name, text] of Object.entries({ sitemap, feed, api, schema, robots })) {
      expect(own(text).length, name).toBeGreaterThan(0);
      for (const url of own(text)) {
        expect(url, name).toMatch(new RegExp(`^${ORIGIN}${BASE}`));
        expect(resolves(new URL(url)), `${name}: ${url}`).toBe(true);
      }
    }
    expect(sitemap).toContain(`${ORIGIN}${BASE}experiences/fixture-drill/`);
    expect(robots).toContain(`Sitemap: ${ORIGIN}${BASE}sitemap-index.xml`);
    // The printed handout names (and its QR code encodes) the page's full URL.
    expect(read('experiences/fixture-drill/index.html')).toContain(
      `<span class="print-url">${ORIGIN}${BASE}experiences/fixture-drill/</span>`,
    );
  });

  it('loads the search bundle from under the base', () => {
    const scripts = files(build.dist).filter((name) => name.startsWith('_astro/') && name.endsWith('.js'));
    const search = scripts.map(read).find((text) => text.includes('pagefind'));
    expect(search).toBeDefined();
    expect(search).toContain(BASE);
    expect(existsSync(path.join(build.dist, 'pagefind/pagefind.js'))).toBe(true);
  });
});
