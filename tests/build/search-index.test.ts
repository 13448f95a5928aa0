// Builds the search fixture once and checks the search index the build wrote:
// only write-ups are indexed, with the filters, meta and sorts the template sets,
// and search code ships on the search page alone.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildFixture,
  buildSite,
  distFile,
  makeFixtureSite,
  PROJECT_ROOT,
  type FixtureBuild,
} from '../helpers/fixture-site.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/search/content');
let build: FixtureBuild;

interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

/** Pagefind stores one gzipped, "pagefind_dcd"-prefixed JSON fragment per indexed page. */
function fragments(): Fragment[] {
  const folder = distFile(build, 'pagefind/fragment');
  return readdirSync(folder).map(
    (name) =>
      JSON.parse(
        gunzipSync(readFileSync(path.join(folder, name)))
          .toString('utf8')
          .replace(/^pagefind_dcd/, ''),
      ) as Fragment,
  );
}
const fragment = (url: string) => fragments().find((candidate) => candidate.url === url);

function htmlPages(dir = build.dist): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'pagefind' ? [] : htmlPages(full);
    return entry.name.endsWith('.html') ? [path.relative(build.dist, full)] : [];
  });
}

beforeAll(() => {
  build = buildFixture('search-index', FIXTURE);
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
});

describe('the search index', () => {
  it('is written by the build into dist/pagefind/, one index per page language', () => {
    const entry = JSON.parse(readFileSync(distFile(build, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.keys(entry.languages)).toEqual(['en']);
    expect(entry.languages.en?.page_count).toBe(3);
    expect(build.output).toMatch(/Search index written in \d+ ms \(en: 3\)/);
  });

  it('holds the write-ups and no other page', () => {
    expect(
      fragments()
        .map((page) => page.url)
        .sort(),
    ).toEqual([
      '/experiences/search-close-planting/',
      '/experiences/search-drill-geometry/',
      '/experiences/search-wagon-turnaround/',
    ]);
  });

  it('indexes the account only, not the title, notices, facts, header, breadcrumbs or footer', () => {
    const { content } = fragment('/experiences/search-drill-geometry/')!;
    // Excerpts must not repeat the title the result card already shows, nor start inside it.
    expect(content).toMatch(/^A search fixture about a drill point/);
    expect(content).not.toContain('Drill geometry that outlasts the old bits');
    expect(content).not.toContain('Fixture Machinery Works');
    expect(content).toContain('Bits burned out in hard steel');
    // A draft's notice is page furniture: its excerpt must not read "Draft: …".
    expect(fragment('/experiences/search-close-planting/')!.content).not.toMatch(/draft/i);
    expect(content).not.toContain('Skip to content');
    expect(content).not.toContain('knowledge base of advanced experience');
  });

  it('has every facet as an id-valued filter', () => {
    expect(fragment('/experiences/search-drill-geometry/')?.filters).toEqual({
      sector: ['industry'],
      industry: ['machine-building'],
      measure: ['technical'],
      dimension: ['cheaper'],
      evidence: ['reported'],
      decade: ['1950s'],
      lang: ['en'],
    });
    expect(fragment('/experiences/search-wagon-turnaround/')?.filters).toMatchObject({
      sector: ['transport'],
      measure: ['organizational'],
      dimension: ['faster'],
      decade: ['1960s'],
    });
    // No figures: no dimension filter at all.
    expect(fragment('/experiences/search-close-planting/')?.filters.dimension).toBeUndefined();
  });

  it('has the meta a result card shows', () => {
    expect(fragment('/experiences/search-drill-geometry/')?.meta).toMatchObject({
      title: 'Drill geometry that outlasts the old bits',
      sector: 'Industry',
      industry: 'Machine building',
      organization: 'Fixture Machinery Works',
      originators: 'Ni Fixturefu',
      period: '1953',
      headline: '3 bits (−75%)',
      summary:
        'A search fixture about a drill point ground with three tips and seven edges, so bits stopped burning out.',
    });
    expect(fragment('/experiences/search-close-planting/')?.meta).toMatchObject({ status: 'archived' });
  });

  it('writes both sort keys on every write-up page', () => {
    for (const id of ['search-close-planting', 'search-drill-geometry', 'search-wagon-turnaround']) {
      const html = readFileSync(distFile(build, `experiences/${id}/index.html`), 'utf8');
      expect(html, id).toMatch(/data-pagefind-sort="date">\d{6}</);
      expect(html, id).toMatch(/data-pagefind-sort="improvement">-?\d+(\.\d+)?</);
    }
  });
});

describe('the search page', () => {
  it('is a plain GET form with the query, facet checkboxes in fieldsets, and a sort', () => {
    const page = html();
    expect(page).toMatch(/<form[^>]*role="search"[^>]*method="get"[^>]*action="\/search\/"/);
    expect(page).toMatch(/<input id="search-q" type="search" name="q"/);
    expect(page).toMatch(/<fieldset[^>]*data-facet="sector"[^>]*><legend>Sector<\/legend>/);
    expect(page).toMatch(
      /<input type="checkbox" name="sector" value="transport"[^>]*>\s*<span class="facet-label">Transport<\/span>\s*<span class="facet-count" data-facet-count>1<\/span>/,
    );
    expect(page).toMatch(/<select id="search-sort" name="sort">/);
    expect(page).toContain('No write-ups match — try removing a filter');
    expect(page).toMatch(/<a href="\/contribute\/">propose one<\/a>/);
  });

  it('hides taxonomy values no write-up has, and has no inline style attributes', () => {
    expect(html()).toMatch(
      /<li data-facet-option hidden>\s*<label>\s*<input type="checkbox" name="sector" value="health"/,
    );
    expect(html()).not.toMatch(/\sstyle="/);
  });
});

describe('JavaScript', () => {
  it('ships only on the search page (the contribute form, the 404 page), never on write-up, sector or home pages', () => {
    const withScripts = htmlPages().filter((page) => /<script/i.test(readFileSync(distFile(build, page), 'utf8')));
    // 404.html: a few lines that make the one 404 page of a static host Chinese under /zh/.
    expect(withScripts.filter((page) => !page.endsWith('contribute/index.html')).sort()).toEqual([
      '404.html',
      'search/index.html',
      'zh/search/index.html',
    ]);
    for (const page of [
      'index.html',
      'experiences/search-drill-geometry/index.html',
      'sectors/transport/index.html',
      'sectors/transport/railways/index.html',
      'zh/index.html',
    ]) {
      expect(htmlPages(), page).toContain(page);
    }
  });

  it('loads Pagefind from the search page’s bundled script, not from an inline one', () => {
    const scripts = [...html().matchAll(/<script[^>]*>/g)].map((match) => match[0]);
    expect(scripts).toEqual([expect.stringMatching(/^<script type="module" src="\/_astro\/[^"]+\.js">$/)]);
    const src = /src="([^"]+)"/.exec(scripts[0]!)![1]!;
    expect(readFileSync(distFile(build, src), 'utf8')).toContain('pagefind/pagefind.js');
  });
});

/** The search page without Astro's scoped-style attributes, which only get in the way of matching. */
function html(): string {
  return readFileSync(distFile(build, 'search/index.html'), 'utf8').replace(/ data-astro-cid-\w+/g, '');
}

describe('rebuilding the search index', () => {
  // The project's own content: English and Chinese write-ups, so both languages have an index.
  let root: string;
  const entryOf = (dist: string) =>
    JSON.parse(readFileSync(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { hash: string; page_count: number }>;
    };
  const englishFragments = (dist: string) =>
    readdirSync(path.join(dist, 'pagefind/fragment'))
      .map((name) => gunzipSync(readFileSync(path.join(dist, 'pagefind/fragment', name))).toString('utf8'))
      .filter((text) => text.includes('"url":"/experiences/'));

  // Two builds of the whole corpus: more than the default test timeout on a loaded machine.
  it(
    'indexes every language on a first build, then reuses an index whose pages did not change',
    { timeout: 180_000 },
    () => {
      root = makeFixtureSite('search-rebuild', path.join(PROJECT_ROOT, 'content'));
      const first = buildSite(root);
      expect(first.status, first.output).toBe(0);
      const pagesOf = (lang: string) =>
        readdirSync(path.join(root, 'content/experiences', lang), { recursive: true }).filter((name) =>
          String(name).endsWith('.mdx'),
        ).length;
      expect(first.output).toMatch(
        new RegExp(
          `Search index written in \\d+ ms \\(en: ${pagesOf('en')}, zh-hans: ${pagesOf('zh')}\\); 2 languages indexed, [12] at a time\\.`,
        ),
      );
      const firstEntry = entryOf(first.dist);

      const again = buildSite(root);
      expect(again.status, again.output).toBe(0);
      expect(again.output).toContain('unchanged, reused from the last build: en, zh.');
      expect(entryOf(again.dist)).toEqual(firstEntry);
    },
  );

  it('re-indexes only the language whose pages changed, and finds the new text', { timeout: 120_000 }, () => {
    const file = path.join(root, 'content/experiences/en/industry/ni-zhifu-drill.mdx');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nREINDEXMARKER appears after the edit.\n`);
    const before = entryOf(path.join(root, 'dist'));
    const rebuilt = buildSite(root);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(rebuilt.output).toContain('unchanged, reused from the last build: zh.');
    const after = entryOf(rebuilt.dist);
    expect(after.languages['zh-hans']).toEqual(before.languages['zh-hans']);
    expect(after.languages.en?.hash).not.toBe(before.languages.en?.hash);
    expect(englishFragments(rebuilt.dist).filter((text) => text.includes('REINDEXMARKER'))).toHaveLength(1);
  });
});
