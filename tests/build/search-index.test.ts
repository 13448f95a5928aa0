// Builds the search fixture once and checks the search index the build wrote:
// only write-ups are indexed, with the filters, meta and sorts the template sets,
// and search code ships on the search page alone.
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { countFacets, parseFacetTable } from '../../src/lib/search/facet-table.ts';
import { readSearchRecords } from '../../src/integrations/content-audit.ts';
import { PATCH_MARK } from '../../src/lib/search/pagefind-patch.ts';
import {
  buildFixture,
  buildSite,
  distFile,
  makeFixtureSite,
  PROJECT_ROOT,
  type FixtureBuild,
} from '../helpers/fixture-site.ts';
import { indexByUrl } from '../helpers/pagefind-index.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/search/content');
let build: FixtureBuild;

interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

/** A language's merged index folder (src/lib/search/merged-index.ts), which holds its shards' fragments again. */
const MERGED_FOLDER = /(^|\/)[a-z]+\/all-[0-9a-f]{16}\//;

/**
 * Pagefind stores one gzipped, "pagefind_dcd"-prefixed JSON fragment per indexed
 * page, in the fragment/ folder of the page's shard (the root, or <lang>/<shard>/);
 * merged indexes are left out unless asked for.
 */
function fragmentsIn(pagefind: string, { merged = false } = {}): Fragment[] {
  return readdirSync(pagefind, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.pf_fragment') && (merged || !MERGED_FOLDER.test(name)))
    .map(
      (name) =>
        JSON.parse(
          gunzipSync(readFileSync(path.join(pagefind, name)))
            .toString('utf8')
            .replace(/^pagefind_dcd/, ''),
        ) as Fragment,
    );
}
const fragments = () => fragmentsIn(distFile(build, 'pagefind'));

interface ManifestShard {
  name: string;
  sector: string;
  pages: number;
  key: string;
  path: string;
  entry?: unknown;
}
interface Manifest {
  lang: string;
  shards: ManifestShard[];
  merged?: ManifestShard;
}
const manifestOf = (dist: string, lang: string) =>
  JSON.parse(readFileSync(path.join(dist, `pagefind/shards-${lang}.json`), 'utf8')) as Manifest;
/** What an English index folder other than the root holds in dist/: Pagefind's index and the facet table. */
const indexFiles = () => [
  'filter',
  'fragment',
  'index',
  'pacesetter-facets.en.bin',
  'pagefind-entry.json',
  expect.stringMatching(/^pagefind\.en_\w+\.pf_meta$/),
];
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
  it('is written by the build into dist/pagefind/: one shard per sector, the first at the root', () => {
    expect(build.output).toMatch(
      /Search index written in \d+ ms \(en: 3 page\(s\) in 3 shard\(s\)\); 3 shard\(s\) indexed/,
    );
    const manifest = manifestOf(build.dist, 'en');
    expect(manifest.shards.map(({ name, sector, pages, path }) => ({ name, sector, pages, path }))).toEqual([
      { name: 'en-agriculture-1of1', sector: 'agriculture', pages: 1, path: '' },
      { name: 'en-industry-1of1', sector: 'industry', pages: 1, path: 'en/en-industry-1of1/' },
      { name: 'en-transport-1of1', sector: 'transport', pages: 1, path: 'en/en-transport-1of1/' },
    ]);
    // The other shards come with their entry, which the search page hands to Pagefind instead of fetching it.
    expect(manifest.shards[0]!.entry).toBeUndefined();
    for (const shard of manifest.shards.slice(1))
      expect(shard.entry, shard.name).toEqual(
        JSON.parse(readFileSync(distFile(build, `pagefind/${shard.path}pagefind-entry.json`), 'utf8')),
      );
    // The root is Pagefind's primary index: the first shard, with the runtime beside it.
    const entry = JSON.parse(readFileSync(distFile(build, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.keys(entry.languages)).toEqual(['en']);
    expect(entry.languages.en?.page_count).toBe(1);
    expect(fragmentsIn(distFile(build, 'pagefind/en/en-transport-1of1')).map((page) => page.url)).toEqual([
      '/experiences/search-wagon-turnaround/',
    ]);
    // Other shards carry their index only, not another copy of the runtime (nor the build's own files).
    expect(readdirSync(distFile(build, 'pagefind/en/en-industry-1of1')).sort()).toEqual(indexFiles());
  });

  it('merges the shards into one index for searches over the whole language, with every page once', () => {
    const { merged } = manifestOf(build.dist, 'en');
    expect(merged).toMatchObject({
      name: 'en-all',
      sector: '*',
      pages: 3,
      path: expect.stringMatching(/^en\/all-[0-9a-f]{16}\/$/),
    });
    expect(merged!.entry).toEqual(
      JSON.parse(readFileSync(distFile(build, `pagefind/${merged!.path}pagefind-entry.json`), 'utf8')),
    );
    expect(readdirSync(distFile(build, `pagefind/${merged!.path}`)).sort()).toEqual(indexFiles());
    const urls = (pages: Fragment[]) => pages.map((page) => page.url).sort();
    expect(urls(fragmentsIn(distFile(build, `pagefind/${merged!.path}`), { merged: true }))).toEqual(urls(fragments()));
    // Its facet table counts its pages as the shards' tables count theirs.
    const table = parseFacetTable(
      gunzipSync(readFileSync(distFile(build, `pagefind/${merged!.path}pacesetter-facets.en.bin`))).toString('utf8'),
      'merged',
    );
    expect(table.pages).toBeUndefined();
    expect(countFacets(table, ['0', '1', '2']).sector).toEqual({ agriculture: 1, industry: 1, transport: 1 });
  });

  it('writes beside each shard a facet table: every page of the shard, with the filters Pagefind stored for it', () => {
    const manifest = manifestOf(build.dist, 'en');
    for (const shard of manifest.shards) {
      const folder = distFile(build, `pagefind/${shard.path}`);
      const table = parseFacetTable(
        gunzipSync(readFileSync(path.join(folder, 'pacesetter-facets.en.bin'))).toString('utf8'),
        shard.name,
      );
      // The fragments in the shard's own folder (the root also holds Pagefind's runtime, not other shards).
      const pages = readdirSync(path.join(folder, 'fragment')).map((name) => ({
        id: name.replace(/\.pf_fragment$/, ''),
        filters: (
          JSON.parse(
            gunzipSync(readFileSync(path.join(folder, 'fragment', name)))
              .toString('utf8')
              .replace(/^pagefind_dcd/, ''),
          ) as Fragment
        ).filters,
      }));
      expect(pages, shard.name).toHaveLength(shard.pages);
      expect(Object.keys(table.pages ?? {}).sort(), shard.name).toEqual(pages.map((page) => page.id).sort());
      for (const page of pages) {
        const expected = Object.fromEntries(
          Object.entries(page.filters).map(([key, values]) => [
            key,
            Object.fromEntries(values.map((value) => [value, 1])),
          ]),
        );
        expect(countFacets(table, [page.id]), `${shard.name} ${page.id}`).toEqual(expected);
      }
    }
  });

  it('keeps each shard’s fragment URLs in the cache, not in dist/, for the content audit to take', () => {
    const cache = path.join(build.root, '.astro/cache/search-index');
    for (const shard of manifestOf(build.dist, 'en').shards) {
      const urls = JSON.parse(
        readFileSync(path.join(cache, `${shard.name}-${shard.key}`, 'pacesetter-fragment-urls.json'), 'utf8'),
      ) as Record<string, string>;
      // Every fragment of the shard in dist/, each with the URL the fragment itself holds.
      const folder = distFile(build, `pagefind/${shard.path}fragment`);
      expect(Object.keys(urls).sort(), shard.name).toEqual(readdirSync(folder).sort());
      for (const [name, url] of Object.entries(urls))
        expect(url, name).toBe(
          (
            JSON.parse(
              gunzipSync(readFileSync(path.join(folder, name)))
                .toString('utf8')
                .replace(/^pagefind_dcd/, ''),
            ) as Fragment
          ).url,
        );
    }
    expect(readdirSync(distFile(build, 'pagefind'))).not.toContain('pacesetter-fragment-urls.json');
    // The audit takes a fragment's URL from what the run read back, and reads only the fragments it was not told of.
    const [told, ...others] = readdirSync(distFile(build, 'pagefind/en/en-transport-1of1/fragment'));
    const records = readSearchRecords(
      build.dist,
      new Map([[`en/en-transport-1of1/fragment/${told}`, '/as-the-run-read-it/']]),
    );
    expect(others).toEqual([]);
    expect(records?.map((record) => record.url).sort()).toEqual([
      '/as-the-run-read-it/',
      '/experiences/search-close-planting/',
      '/experiences/search-drill-geometry/',
    ]);
  });

  it('ships Pagefind’s runtime patched to search named shards', () => {
    for (const file of ['pagefind.js', 'pagefind-worker.js']) {
      const runtime = readFileSync(distFile(build, `pagefind/${file}`), 'utf8');
      expect(runtime.startsWith(PATCH_MARK), file).toBe(true);
      expect(runtime, file).toContain('response.pacesetterShards=');
    }
  });

  it('keeps Pagefind’s own unzipping working, its tables built only when it first runs', () => {
    // The patched runtime's copy of fflate, from its first declaration to gunzipSync, run as
    // it is shipped: what a browser without DecompressionStream unzips every file with.
    const runtime = readFileSync(distFile(build, 'pagefind/pagefind.js'), 'utf8');
    const start = runtime.indexOf('var u8=Uint8Array');
    const gunzipAt = runtime.indexOf('function gunzipSync(');
    expect(start).toBeGreaterThan(-1);
    expect(gunzipAt).toBeGreaterThan(start);
    const inflate = runtime.slice(start, runtime.indexOf('}', gunzipAt) + 1);
    const { gunzipSync: unzip, built } = new Function(
      `${inflate}; return { gunzipSync, built: () => flrm !== undefined };`,
    )() as { gunzipSync: (data: Uint8Array) => Uint8Array; built: () => boolean };
    expect(built()).toBe(false);
    const pagefind = distFile(build, 'pagefind');
    const name = readdirSync(pagefind, { recursive: true, encoding: 'utf8' }).find((file) =>
      file.endsWith('.pf_fragment'),
    );
    const bytes = new Uint8Array(readFileSync(path.join(pagefind, name!)));
    expect(Buffer.from(unzip(bytes))).toEqual(gunzipSync(bytes));
    expect(built()).toBe(true);
    // Every kind of block: stored, fixed codes and dynamic codes.
    const text = Buffer.from('pagefind_dcd{"url":"/experiences/a/"}'.repeat(50));
    for (const options of [{ level: 0 }, { strategy: zlibConstants.Z_FIXED }, { level: 9 }])
      expect(Buffer.from(unzip(new Uint8Array(gzipSync(text, options))))).toEqual(text);
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

  it('writes both sort keys on every write-up page, and repeats them in the meta for merging shards', () => {
    for (const id of ['search-close-planting', 'search-drill-geometry', 'search-wagon-turnaround']) {
      const html = readFileSync(distFile(build, `experiences/${id}/index.html`), 'utf8');
      const date = /data-pagefind-sort="date">(\d{6})</.exec(html)?.[1];
      const improvement = /data-pagefind-sort="improvement">(-?\d+(?:\.\d+)?)</.exec(html)?.[1];
      expect(date, id).toBeDefined();
      expect(improvement, id).toBeDefined();
      expect(fragment(`/experiences/${id}/`)?.meta, id).toMatchObject({
        sort_date: date,
        sort_improvement: improvement,
      });
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
  // The project's own content in English and Chinese, with shards of at most 3
  // pages so that sectors split by hash as they would at 1,000 pages.
  let root: string;
  const env = { PACESETTER_SEARCH_SHARD_PAGES: '3' };
  const pagesOf = (lang: string) =>
    readdirSync(path.join(root, 'content/experiences', lang), { recursive: true }).filter((name) =>
      String(name).endsWith('.mdx'),
    ).length;
  const shardCount = (dist: string) => manifestOf(dist, 'en').shards.length + manifestOf(dist, 'zh').shards.length;

  // Two builds of the whole corpus: more than the default test timeout on a loaded machine.
  it(
    'indexes every shard on a first build, each within the page limit, then reuses every unchanged shard',
    { timeout: 180_000 },
    () => {
      root = makeFixtureSite('search-rebuild', path.join(PROJECT_ROOT, 'content'));
      const first = buildSite(root, env);
      expect(first.status, first.output).toBe(0);
      for (const lang of ['en', 'zh']) {
        const { shards } = manifestOf(first.dist, lang);
        expect(
          shards.reduce((sum, shard) => sum + shard.pages, 0),
          lang,
        ).toBe(pagesOf(lang));
        expect(Math.max(...shards.map((shard) => shard.pages)), lang).toBeLessThanOrEqual(3);
        // A sector over the limit is split into 2^k buckets by a hash of the id.
        expect(
          shards.some((shard) => /-\d+of(2|4|8)$/.test(shard.name)),
          lang,
        ).toBe(true);
        expect(new Set(shards.map((shard) => shard.path)).size, lang).toBe(shards.length);
      }
      const total = shardCount(first.dist);
      expect(first.output).toContain(`${total} shard(s) indexed`);
      const pages = fragmentsIn(path.join(first.dist, 'pagefind')).map((page) => page.url);
      expect(pages).toHaveLength(pagesOf('en') + pagesOf('zh'));
      expect(new Set(pages).size).toBe(pages.length);

      const again = buildSite(root, env);
      expect(again.status, again.output).toBe(0);
      expect(again.output).not.toContain('shard(s) indexed');
      expect(again.output).toContain(
        `; ${total} unchanged shard(s) reused from the last build; merged index(es) of en, zh reused.`,
      );
      expect(manifestOf(again.dist, 'en')).toEqual(manifestOf(first.dist, 'en'));
    },
  );

  it('re-indexes only the shard of an edited write-up, and finds the new text', { timeout: 120_000 }, () => {
    const file = path.join(root, 'content/experiences/en/industry/ni-zhifu-drill.mdx');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nREINDEXMARKER appears after the edit.\n`);
    const before = manifestOf(path.join(root, 'dist'), 'en');
    // A shard folder below the root whose pages did not change, and the change time of one of its files.
    const untouched = before.shards.find((shard) => shard.path !== '' && shard.sector !== 'industry')!;
    const untouchedEntry = path.join(root, 'dist/pagefind', untouched.path, 'pagefind-entry.json');
    const untouchedSince = statSync(untouchedEntry).ctimeMs;
    const rebuilt = buildSite(root, env);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(rebuilt.output).toMatch(/; 1 shard\(s\) indexed: /);
    // Its folder stayed in dist/ as it was (src/integrations/index-folder.ts): linking the file
    // again, as a build that empties dist/pagefind/ does, changes the change time of its inode.
    expect(statSync(untouchedEntry).ctimeMs).toBe(untouchedSince);
    const after = manifestOf(rebuilt.dist, 'en');
    const changed = after.shards.filter((shard, index) => shard.key !== before.shards[index]?.key);
    expect(changed.map((shard) => shard.sector)).toEqual(['industry']);
    const marked = fragmentsIn(path.join(rebuilt.dist, 'pagefind')).filter((page) =>
      page.content.includes('REINDEXMARKER'),
    );
    expect(marked.map((page) => page.url)).toEqual(['/experiences/ni-zhifu-drill/']);
    expect(
      fragmentsIn(path.join(rebuilt.dist, 'pagefind', changed[0]!.path)).some((page) =>
        page.content.includes('REINDEXMARKER'),
      ),
    ).toBe(true);
    // The English merged index is made again (from the last one's unchanged chunks), the Chinese one reused;
    // made again from nothing, it is the same index.
    expect(rebuilt.output).toMatch(/; merged index\(es\) of en written/);
    expect(after.merged!.key).not.toBe(before.merged!.key);
    expect(manifestOf(rebuilt.dist, 'zh').merged).toEqual(manifestOf(path.join(root, 'dist'), 'zh').merged);
    const reused = indexByUrl(path.join(rebuilt.dist, 'pagefind', after.merged!.path), 'en');
    expect(Object.keys(reused.words).filter((word) => word.startsWith('reindexmark'))).not.toEqual([]);
    const cache = path.join(root, '.astro/cache/search-index');
    for (const name of readdirSync(cache))
      if (/^en-all-[0-9a-f]{16}$/.test(name)) rmSync(path.join(cache, name), { recursive: true });
    const fresh = buildSite(root, env);
    expect(fresh.status, fresh.output).toBe(0);
    expect(indexByUrl(path.join(fresh.dist, 'pagefind', after.merged!.path), 'en')).toEqual(reused);
  });

  it('indexes shards while pages are still being written, into the same index', { timeout: 180_000 }, () => {
    const before = {
      en: manifestOf(path.join(root, 'dist'), 'en'),
      zh: manifestOf(path.join(root, 'dist'), 'zh'),
    };
    const urls = (dist: string) =>
      fragmentsIn(path.join(dist, 'pagefind'))
        .map((page) => `${page.url} ${page.content.length}`)
        .sort();
    const expected = urls(path.join(root, 'dist'));
    // Without the cache every shard must be indexed again; looking every 20 ms gives this
    // small site's shards the time to be done before the last pages are.
    rmSync(path.join(root, '.astro'), { recursive: true, force: true });
    const early = buildSite(root, { ...env, PACESETTER_SEARCH_POLL_MS: '20' });
    expect(early.status, early.output).toBe(0);
    const counts = /; (\d+) shard\(s\) indexed: (\d+) while pages were written, (\d+) after/.exec(early.output);
    expect(counts, early.output).not.toBeNull();
    expect(Number(counts![2])).toBeGreaterThan(0);
    expect(Number(counts![2]) + Number(counts![3])).toBe(before.en.shards.length + before.zh.shards.length);
    // Same shards, same keys, same records as the index written after the build.
    expect(manifestOf(early.dist, 'en')).toEqual(before.en);
    expect(manifestOf(early.dist, 'zh')).toEqual(before.zh);
    expect(urls(early.dist)).toEqual(expected);
  });

  it(
    'builds one index per language when asked for a single index, which the merged index equals page for page',
    { timeout: 120_000 },
    () => {
      const sharded = path.join(root, 'sharded-pagefind');
      cpSync(path.join(root, 'dist/pagefind'), sharded, { recursive: true });
      const single = buildSite(root, { PACESETTER_SEARCH_SHARDS: 'single' });
      expect(single.status, single.output).toBe(0);
      for (const [lang, language] of [
        ['en', 'en'],
        ['zh', 'zh-hans'],
      ] as const) {
        const manifest = manifestOf(single.dist, lang);
        expect(manifest.shards.map(({ name, sector, pages, path }) => ({ name, sector, pages, path }))).toEqual([
          { name: `${lang}-all-1of1`, sector: '*', pages: pagesOf(lang), path: '' },
        ]);
        // One index needs no merged one.
        expect(manifest.merged).toBeUndefined();
        // The same pages, word counts, words with their locations and weights, meta fields
        // and filters as one Pagefind run over the language: only the page numbers differ,
        // read as URLs here, and the chunks, which are cut smaller (search-index.ts).
        const { merged } = JSON.parse(readFileSync(path.join(sharded, `shards-${lang}.json`), 'utf8')) as Manifest;
        expect(merged?.pages).toBe(pagesOf(lang));
        const expected = indexByUrl(path.join(single.dist, 'pagefind'), language);
        const actual = indexByUrl(path.join(sharded, merged!.path), language);
        expect(Object.keys(actual.words).length, lang).toBe(Object.keys(expected.words).length);
        expect(actual, lang).toEqual(expected);
      }
    },
  );

  it('refuses an unknown sharding mode by name', () => {
    const refused = buildSite(root, { PACESETTER_SEARCH_SHARDS: 'by-moon' });
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain(
      'PACESETTER_SEARCH_SHARDS is "by-moon"; expected "sectors" (the default) or "single"',
    );
  });
});
