// Every page of the built fixture site validates with the Nu Html Checker (vnu-jar,
// run on the machine's Java) with zero errors, and the site's reachability rules hold:
// the review queue and the feeds are linked from every page, sector pages link their
// own feed, and inline separators have spaces on both sides.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/site/content');
const VNU = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
let build: FixtureBuild;

function htmlPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'pagefind' ? [] : htmlPages(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}
const page = (file: string) => readFileSync(path.join(build.dist, file), 'utf8');

beforeAll(() => {
  build = buildFixture('valid-html', FIXTURE, { PACESETTER_TODAY: '2026-11-26' });
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
});

describe('the built pages', () => {
  it('validate with the Nu Html Checker: zero errors on every page', { timeout: 120_000 }, () => {
    const pages = htmlPages(build.dist);
    expect(pages.length).toBeGreaterThan(30);
    const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
    if (java.error)
      throw new Error('The HTML validation needs Java (17 or newer) on PATH: apt-get install default-jre-headless');
    const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...pages], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(run.stderr || run.stdout) as {
      messages: { type: string; url: string; lastLine?: number; message: string; extract?: string }[];
    };
    const errors = report.messages
      .filter((message) => message.type === 'error' || message.type === 'non-document-error')
      .map(
        (message) =>
          `${path.relative(build.dist, new URL(message.url).pathname)}:${message.lastLine}: ${message.message}`,
      );
    expect(errors).toEqual([]);
  });

  it('give body headings ids of their own, even a legacy "Results" heading', () => {
    const html = page('experiences/fixture-bricklaying/index.html');
    expect(html.match(/ id="results"/g)).toHaveLength(1);
    expect(html).toContain('<h2 id="body-results">Results</h2>');
    // A long write-up lists its sections; each link points at an id on the page.
    const onThisPage = /<nav class="on-this-page[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
    const targets = [...onThisPage.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]!);
    expect(targets).toEqual([
      'results',
      'measures',
      'body-the-problem',
      'body-the-old-way',
      'body-how-it-was-done',
      'body-results',
      'body-how-to-adopt-it',
      'adoptions',
      'sources',
    ]);
    for (const target of targets) expect(html).toContain(` id="${target}"`);
    // A short one does not.
    expect(page('experiences/fixture-drill/index.html')).not.toContain('<nav class="on-this-page');
    expect(page('zh/experiences/fixture-zh-only/index.html')).toContain('本页内容');
  });

  it('link the review queue and the feed on every page, in the page’s language', () => {
    for (const file of htmlPages(build.dist)) {
      const html = readFileSync(file, 'utf8');
      const zh = path.relative(build.dist, file).startsWith('zh/');
      const prefix = zh ? '/zh' : '';
      const where = path.relative(build.dist, file);
      expect(html, where).toContain(`href="${prefix}/review/"`);
      expect(html, where).toMatch(
        new RegExp(`<link rel="alternate" type="application/rss\\+xml" title="[^"]+" href="${prefix}/rss.xml"`),
      );
      expect(html, where).toMatch(new RegExp(`<a href="${prefix}/rss.xml" type="application/rss\\+xml">`));
    }
  });

  it('link a sector’s own feed from its page, visibly and as an alternate', () => {
    for (const prefix of ['', '/zh']) {
      const html = page(`${prefix.slice(1)}${prefix ? '/' : ''}sectors/industry/index.html`);
      expect(html).toMatch(
        new RegExp(
          `<link rel="alternate" type="application/rss\\+xml" title="[^"]+" href="${prefix}/sectors/industry/rss.xml"`,
        ),
      );
      expect(html).toMatch(new RegExp(`<a href="${prefix}/sectors/industry/rss.xml" type="application/rss\\+xml">`));
      expect(
        readFileSync(path.join(build.dist, `${prefix.slice(1)}${prefix ? '/' : ''}sectors/industry/rss.xml`), 'utf8'),
      ).toContain('<rss');
    }
  });

  it('put a space on both sides of every "·" separator (Astro drops whitespace at line breaks)', () => {
    const lopsided: string[] = [];
    for (const file of htmlPages(build.dist)) {
      const text = readFileSync(file, 'utf8').replace(/<[^>]+>/g, '');
      for (const match of text.matchAll(/.{0,20}( ·\S|\S· ).{0,20}/g))
        lopsided.push(`${path.relative(build.dist, file)}: ${match[0]}`);
    }
    expect(lopsided).toEqual([]);
    expect(page('sectors/industry/index.html')).toMatch(/2 write-ups · 1 adoption · /);
  });

  it('words the sector summary so a reader understands it', () => {
    expect(page('sectors/industry/index.html')).toMatch(/Write-ups by kind of improvement:[\s\S]*more output 1/);
  });

  it('show one search box on the home and search pages, and the header box elsewhere', () => {
    for (const file of ['index.html', 'zh/index.html', 'search/index.html', 'zh/search/index.html'])
      expect(page(file).match(/type="search"/g), file).toHaveLength(1);
    expect(page('sectors/index.html')).toContain('id="header-search-q"');
  });
});
