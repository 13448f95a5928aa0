// Builds the fixture site once and checks what a reader gets in dist/.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, distFile, exists, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/site/content');
let build: FixtureBuild;
const page = (file: string) => readFileSync(distFile(build, file), 'utf8');

beforeAll(() => {
  // Pinned so review verdicts do not change with the calendar.
  build = buildFixture('site', FIXTURE, { PACESETTER_TODAY: '2026-11-26' });
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
});

describe('every content file becomes a page', () => {
  it('writes one page per write-up file', () => {
    const ids = ['industry', 'construction'].flatMap((sector) =>
      readdirSync(path.join(FIXTURE, 'experiences/en', sector)).map((name) => name.replace(/\.mdx$/, '')),
    );
    expect(ids.sort()).toEqual(['fixture-bricklaying', 'fixture-drill', 'fixture-old-drill']);
    for (const id of ids) expect(exists(build, `experiences/${id}/index.html`), id).toBe(true);
  });

  it('writes every sector and industry page, and an index of sectors', () => {
    for (const file of [
      'sectors/index.html',
      'sectors/industry/index.html',
      'sectors/industry/machine-building/index.html',
      'sectors/industry/mining/index.html',
      'sectors/construction/index.html',
      'sectors/construction/building/index.html',
      'sectors/health/index.html',
      'sectors/health/hospitals/index.html',
      '404.html',
      'index.html',
    ]) {
      expect(exists(build, file), file).toBe(true);
    }
  });
});

describe("a write-up's data stays out of Astro's data store", () => {
  it('is read from the file the store names, not compiled into the store', () => {
    // Astro compiles the whole store into one module per build: at 10,000 write-ups their data made it 25 MB.
    const store = readFileSync(path.join(build.root, '.astro/cache/data-store.json'), 'utf8');
    expect(store).toContain('content/experiences/en/industry/fixture-drill.mdx');
    expect(store).toMatch(/write-up-bodies\/en--fixture-drill\.data/);
    expect(store).not.toContain('Fixture drill geometry');
    expect(store).not.toContain('lasts longer between regrinds');
    expect(page('experiences/fixture-drill/index.html')).toContain('lasts longer between regrinds');
  });
});

describe('a write-up page', () => {
  it('shows the header facts, the computed change and the rendered body', () => {
    const html = page('experiences/fixture-drill/index.html');
    expect(html).toMatch(/<h1[^>]*>Fixture drill geometry<\/h1>/);
    expect(html).toContain('Fixture Works');
    expect(html).toContain('FIXTURE_BODY_MARKER');
    // 10 → 40 holes per bit, higher is better: computed, not typed in.
    expect(html).toMatch(/<td class="num change-improved"[^>]*>4×<\/td>/);
    // 4% → 1% scrap, lower is better: a fall is a percentage, never "4×" (issue 13).
    expect(html).toMatch(/<td class="num change-improved"[^>]*>−75%<\/td>/);
    expect(html).toContain('Technical measures');
    expect(html).toContain('Organizational measures');
    expect(html).toContain('2026-01-15');
  });

  it('draws and labels an approximate figure and a range as such, with an approximate change', () => {
    const html = page('experiences/fixture-drill/index.html');
    // Regrind time: 400–500 min (a range) → about 300 min, lower is better.
    expect(html).toMatch(/<td class="num"[^>]*>400–500<\/td>\s*<td class="num"[^>]*>≈ 300<\/td>/);
    expect(html).toMatch(/<td class="num change-improved"[^>]*>≈ −33%<\/td>/);
    const chart = /<svg class="chart"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(chart).toMatch(/<rect class="bar-before bar-approx"/);
    expect(chart).toMatch(/<rect class="bar-after bar-approx"/);
    expect(chart).toMatch(/<path class="whisker"/);
    expect(chart).toContain('Before 400–500');
    expect(chart).toContain('≈ 300');
    expect(chart).toContain('Pale dashed bar, ≈: an approximate figure; whisker: a range');
    // Exact figures stay solid bars.
    expect(chart.match(/<rect class="bar-before"/g)).toHaveLength(2);
    // The period is approximate too, on the page and on the cards.
    expect(html).toMatch(/<dd>about 1953/);
    expect(page('sectors/industry/index.html')).toContain('Fixture Works · about 1953');
  });

  it('says on /about/ who issued the 1956 notice and what it asks, reports and names', () => {
    const en = page('about/index.html');
    expect(en).toContain('Central Committee of the Communist Party of China');
    expect(en).toContain('<cite>Notice on Actively Leading the Advanced Producers Movement</cite>');
    expect(en).toMatch(
      /Party committees, administrative departments, trade union organizations and Communist Youth\s+League/,
    );
    expect(en).toContain('<em>reports</em> that large numbers of workers had broken old quotas');
    expect(en).toContain('guiding principle');
    expect(en).toContain('advanced producer');
    expect(en).not.toMatch(/advanced\s+units/);
    expect(en).not.toMatch(/results weighed/);
    const zh = page('zh/about/index.html');
    expect(zh).toContain('《关于积极领导先进生产者运动的通知》');
    expect(zh).toContain('先进生产者、先进工作者积极帮助落后者');
    expect(zh).not.toContain('按照"多快好省"衡量成效');
  });

  it('renders the sources as a numbered reference list', () => {
    const html = page('experiences/fixture-drill/index.html');
    const list = /<ol class="sources"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    const items = list.match(/<li[\s\S]*?<\/li>/g) ?? [];
    expect(items).toHaveLength(2);
    const first = items[0]!.replace(/<!--.*?-->/g, '');
    expect(first).toContain('id="source-1"');
    // Author, title, publisher, date, page, link: one reference, in that order.
    expect(first).toContain(
      'Fixture Reporter, <cite>Fixture source</cite>, Fixture Daily, about February 1953, p. 2, <a href="https://example.org/fixture-daily/1953/2/" class="source-url">',
    );
    expect(first).toContain('Supports: The regrind times');
    expect(first).toMatch(/class="tag"[^>]*>primary</);
    expect(items[1]).toMatch(/class="tag"[^>]*>project notes</);
  });

  it('shows an abandoned adoption with its reason instead of hiding it', () => {
    const html = page('experiences/fixture-drill/index.html');
    expect(html).toContain('Third fixture shop');
    expect(html).toContain('Abandoned');
    expect(html).toContain('Machines too old for the geometry');
  });

  it('says plainly when no figures are documented', () => {
    expect(page('experiences/fixture-bricklaying/index.html')).toContain('No before-and-after figures are documented');
  });

  it('ships no JavaScript', () => {
    expect(page('experiences/fixture-drill/index.html')).not.toMatch(/<script/i);
  });
});

describe('browsing', () => {
  it('counts write-ups per sector on the home page', () => {
    const html = page('index.html');
    expect(html).toMatch(/Industry<\/a>[\s\S]*?2 write-ups/);
    expect(html).toMatch(/Construction<\/a>[\s\S]*?1 write-up</);
    expect(html).toMatch(/Health<\/a>[\s\S]*?no write-ups yet/);
  });

  it('invites contributions on an empty sector instead of a blank page', () => {
    const html = page('sectors/health/index.html');
    expect(html).toContain('No write-ups in this sector yet.');
    expect(html).toContain('Propose a write-up');
  });

  it('lists a write-up on its sector and industry pages, with its headline result', () => {
    for (const file of ['sectors/industry/index.html', 'sectors/industry/machine-building/index.html']) {
      const html = page(file);
      expect(html).toContain('href="/experiences/fixture-drill/"');
      expect(html).toContain('Holes per bit: 40 holes (4×)');
    }
    expect(page('sectors/industry/mining/index.html')).toContain('No write-ups in this industry yet.');
  });
});

describe('keeping write-ups current', () => {
  it('shows an overdue notice with the due date and owner', () => {
    const html = page('experiences/fixture-old-drill/index.html');
    expect(html).toContain('data-review-state="overdue"');
    expect(html).toContain('Overdue for review since 2020-05-01 — owner: old-owner.');
    expect(html).toContain('Review status as of 2026-11-26.');
    expect(page('experiences/fixture-drill/index.html')).not.toContain('data-review-state');
  });

  it('lists the overdue write-up on /review/ with an edit link, and not the current ones', () => {
    const html = page('review/index.html');
    expect(html).toContain('data-review-id="fixture-old-drill"');
    expect(html).toContain('/edit/main/content/experiences/en/industry/fixture-old-drill.mdx');
    expect(html).not.toContain('data-review-id="fixture-drill"');
  });

  it('banners a superseded write-up with a link to its successor, and the successor names it', () => {
    expect(page('experiences/fixture-old-drill/index.html')).toMatch(
      /notice-superseded[^>]*>This write-up has been superseded by <a href="\/experiences\/fixture-drill\/">Fixture drill geometry<\/a>/,
    );
    expect(page('experiences/fixture-drill/index.html')).toContain(
      'This write-up replaces <a href="/experiences/fixture-old-drill/">',
    );
  });

  it('lists related write-ups: the named one first, then computed ones', () => {
    const html = page('experiences/fixture-drill/index.html');
    const related = html.slice(html.indexOf('id="related"'));
    expect(related.indexOf('/experiences/fixture-bricklaying/')).toBeGreaterThan(-1);
    // Same industry and a shared tag: computed, not named.
    expect(related.indexOf('/experiences/fixture-old-drill/')).toBeGreaterThan(
      related.indexOf('/experiences/fixture-bricklaying/'),
    );
  });
});

describe('feeds and open data', () => {
  it('serves one API entry per write-up file, valid against the published schema', async () => {
    const { apiDocumentSchema } = await import('../../src/lib/catalog/api.ts');
    const document = apiDocumentSchema.parse(JSON.parse(page('api/experiences.json')));
    expect(document.count).toBe(5);
    expect(document.experiences.map((entry) => `${entry.lang}/${entry.id}`).sort()).toEqual([
      'en/fixture-bricklaying',
      'en/fixture-drill',
      'en/fixture-old-drill',
      'zh/fixture-drill',
      'zh/fixture-zh-only',
    ]);
    const drill = document.experiences.find((entry) => entry.id === 'fixture-drill' && entry.lang === 'en')!;
    expect(drill.results[1]).toMatchObject({
      before: { value: 4, approximate: false },
      after: { value: 1, approximate: false },
      better: 'lower',
      direction: 'improved',
      factor: 4,
      change: -0.75,
    });
    // A failed attempt is an attempt, not an adoption.
    expect(drill.adoptions).toEqual({
      count: 1,
      attempts: 3,
      byStatus: { trial: 0, adopted: 1, abandoned: 1, failed: 1 },
    });
    expect(drill.period).toBe('~1953');
    expect(drill.periodStartYear).toBe(1953);
    expect(drill.results[2]).toMatchObject({
      before: { value: 450, approximate: true, from: 400, to: 500 },
      after: { value: 300, approximate: true },
      approximate: true,
      direction: 'improved',
    });
    expect(drill.sources[0]).toEqual({
      kind: 'primary',
      title: 'Fixture source',
      author: 'Fixture Reporter',
      publisher: 'Fixture Daily',
      date: '~1953-02',
      page: '2',
      url: 'https://example.org/fixture-daily/1953/2/',
      supports: 'The regrind times',
    });
    const schema = JSON.parse(page('api/experiences.schema.json')) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(['generated', 'count', 'experiences']);
  });

  it('writes RSS for all write-ups and per sector, a sitemap and robots.txt', () => {
    expect(page('rss.xml')).toContain('<link>https://pacesetter.example.org/experiences/fixture-drill/</link>');
    const construction = page('sectors/construction/rss.xml');
    expect(construction).toContain('fixture-bricklaying');
    expect(construction).not.toContain('fixture-drill');
    expect(page('sitemap-0.xml')).toContain('https://pacesetter.example.org/experiences/fixture-drill/');
    expect(page('robots.txt')).toContain('Sitemap: https://pacesetter.example.org/sitemap-index.xml');
  });

  it('gives every page a canonical link and Open Graph tags', () => {
    const html = page('experiences/fixture-drill/index.html');
    expect(html).toContain('<link rel="canonical" href="https://pacesetter.example.org/experiences/fixture-drill/">');
    expect(html).toContain('<meta property="og:title" content="Fixture drill geometry · Pacesetter">');
  });
});

describe('weight', () => {
  it('keeps a typical write-up page under 20 kB of gzipped HTML, with no JavaScript', async () => {
    const { gzipSync } = await import('node:zlib');
    const html = page('experiences/fixture-drill/index.html');
    expect(gzipSync(html).length).toBeLessThan(20 * 1024);
    expect(html).not.toMatch(/<script/i);
  });

  it('summarises a sector: write-ups, adoptions and the dimensions they improved', () => {
    const html = page('sectors/industry/index.html');
    expect(html).toContain('2 write-ups');
    expect(html).toContain('1 adoption');
    expect(html).toMatch(
      /data-sector-summary[^>]*>Write-ups by kind of improvement:[\s\S]*more output 1[\s\S]*better quality 1/,
    );
  });
});
