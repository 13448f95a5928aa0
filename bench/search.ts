// The search side of the benchmark, in headless Chromium (docs/performance.md,
// method 7; docs/scaling.md for the sharded index):
//
// - `searchRound`, `summariseSearch`, `measureSearch`: cold and warm timings,
//   bytes and requests per query (over one round of the queries or several), with a
//   runner that says what the page does: Pagefind's raw JS API over one index
//   (`rawPagefindRunner`, Starlight) or the search page's sharded client
//   (`shardedRunner`: src/client/sharded-search.ts, bundled by
//   `bundleShardedSearch` into the bench's copy of the built site only);
// - `collectRankings` and `compareRankings`: the sharded merge against one index
//   (top-10 overlap by URL for best match, sort-key sequences for the sorts,
//   totals and facet counts);
// - `scopedQueries`: the bench's words, each narrowed to one sector that has a
//   write-up containing them.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { FilterSelection, SortOrder } from '../src/lib/search/search-state.ts';
import { prng, type GeneratedWriteUp } from './generate.ts';

/** Where the bench puts the bundled client in a built site's copy (never in the product's build). */
export const BENCH_MODULE = '__bench/sharded-search.js';

export interface BenchQuery {
  q: string;
  filters: FilterSelection;
}

export interface SearchFigures {
  queries: number;
  /** Rounds of the queries the figures are taken over. */
  rounds: number;
  cold_median_ms: number;
  cold_p95_ms: number;
  warm_median_ms: number;
  warm_p95_ms: number;
  cold_bytes_median: number;
  warm_bytes_median: number;
  warm_bytes_p95: number;
  cold_requests_median: number;
  warm_requests_median: number;
  results_median: number;
  /** Shards the client searched (1 for a single index). */
  shards_median: number;
  /** Cold requests per query by kind of file (mean over queries): where the requests go. */
  cold_requests_by_kind: Record<string, number>;
}

/** The kind of file a search request fetched, for cold_requests_by_kind. */
export function requestKind(url: string): string {
  const { pathname } = new URL(url, 'http://localhost');
  if (/\/filter\/[^/]+\.pf_filter$/.test(pathname)) return 'filter';
  if (/\/index\/[^/]+\.pf_index$/.test(pathname)) return 'index';
  if (/\/fragment\/[^/]+\.pf_fragment$/.test(pathname)) return 'fragment';
  if (pathname.endsWith('.pf_meta')) return 'meta';
  if (/\/pacesetter-facets\.[^/]+\.bin$/.test(pathname)) return 'facets';
  if (/wasm\.[^/]+\.pagefind$/.test(pathname)) return 'wasm';
  if (pathname.endsWith('.js')) return 'js';
  if (pathname.endsWith('.json')) return 'json';
  return 'other';
}

/** What one query gives back from the page. */
interface QueryOutcome {
  ms: number;
  count: number;
  shards: number;
  url: string | null;
}

/** A JavaScript expression the page evaluates to a QueryOutcome for one query. */
export type Runner = (query: BenchQuery) => string;

/** Pagefind's own JS API over the site's one index: what Starlight's search does. Filters are passed as given. */
export const rawPagefindRunner: Runner = ({ q, filters }) =>
  `(async () => {
    const started = performance.now();
    window.__pagefind ??= await import('/pagefind/pagefind.js');
    const search = await window.__pagefind.search(${JSON.stringify(q)}, { filters: ${JSON.stringify(filters)} });
    const first = search.results[0] ? await search.results[0].data() : null;
    return { ms: performance.now() - started, count: search.results.length, shards: 1, url: first?.url ?? null };
  })()`;

/** The search page's sharded client (src/client/sharded-search.ts), best match, as bundled by bundleShardedSearch. */
export const shardedRunner =
  (lang: string): Runner =>
  ({ q, filters }) =>
    `(async () => {
      const started = performance.now();
      const m = await import('/${BENCH_MODULE}');
      window.__s ??= await m.openShardedSearch({ pagefindUrl: '/pagefind/', lang: ${JSON.stringify(lang)} });
      const answer = await window.__s.search({ q: ${JSON.stringify(q)}, filters: ${JSON.stringify(filters)}, sort: 'relevance' });
      const first = await answer.take(1);
      const ms = performance.now() - started;
      // The facet counts follow the first results; their bytes count for the query, their time does not.
      await answer.counts();
      return { ms, count: answer.total, shards: answer.shardsSearched, url: first[0]?.url ?? null };
    })()`;

/**
 * Bundles `<site>/src/client/sharded-search.ts` (the site's own copy of the
 * project) into `<site>/dist/__bench/sharded-search.js`. Minified, as the
 * search page's bundle would be; its size is reported beside the search figures.
 */
export async function bundleShardedSearch(site: string): Promise<{ file: string; bytes: number }> {
  const entry = path.join(site, 'src/client/sharded-search.ts');
  const outfile = path.join(site, 'dist', BENCH_MODULE);
  mkdirSync(path.dirname(outfile), { recursive: true });
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: true,
    outfile,
    logLevel: 'error',
  });
  return { file: outfile, bytes: statSync(outfile).size };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function withBrowser<T>(dist: string, run: (browser: Browser, url: string) => Promise<T>): Promise<T> {
  const { launchBrowser, serveStatic } = await import('../tests/helpers/browser.ts');
  const server = await serveStatic(dist);
  const browser = await launchBrowser();
  try {
    return await run(browser, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** One query's figures in one round. */
interface MeasuredQuery extends QueryOutcome {
  bytes: number;
  requests: number;
  kinds: Record<string, number>;
}

/** The raw figures of one round of a query set: each query cold, then each warm. */
export interface SearchRound {
  cold: MeasuredQuery[];
  warm: MeasuredQuery[];
}

/**
 * Times each query from issuing it to the first result's data (title, URL,
 * excerpt). Cold: a fresh browser context per query (empty cache, nothing
 * loaded). Warm: one page in which a first query ("warmup", with the first
 * query's filters) loaded everything it needs, then each query once. Bytes
 * (bodies and headers) and requests count what the page requested while the
 * query ran, the Pagefind worker's requests included.
 */
export async function searchRound(
  dist: string,
  pagePath: string,
  queries: BenchQuery[],
  runner: Runner,
): Promise<SearchRound> {
  return withBrowser(dist, async (browser, url) => {
    const open = async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${url}${pagePath}`, { waitUntil: 'load' });
      await page.waitForTimeout(50);
      let measuring = false;
      let bytes = 0;
      let requests = 0;
      let kinds: Record<string, number> = {};
      const pending: Promise<void>[] = [];
      const ours = new WeakSet<object>();
      page.on('request', (request) => {
        if (measuring) ours.add(request);
      });
      page.on('requestfinished', (request) => {
        if (!ours.has(request)) return;
        requests += 1;
        const kind = requestKind(request.url());
        kinds[kind] = (kinds[kind] ?? 0) + 1;
        pending.push(
          request
            .sizes()
            .then((sizes) => {
              bytes += sizes.responseBodySize + sizes.responseHeadersSize;
            })
            .catch(() => {}),
        );
      });
      return {
        context,
        measure: async (query: BenchQuery): Promise<MeasuredQuery> => {
          bytes = 0;
          requests = 0;
          kinds = {};
          pending.length = 0;
          measuring = true;
          const outcome = await page.evaluate<QueryOutcome>(runner(query));
          measuring = false;
          // Finished events and response sizes arrive asynchronously; give them a moment.
          await page.waitForTimeout(30);
          await Promise.all(pending);
          return { ...outcome, bytes, requests, kinds };
        },
      };
    };
    const cold: MeasuredQuery[] = [];
    for (const query of queries) {
      const { context, measure } = await open();
      cold.push(await measure(query));
      await context.close();
    }
    const warm: MeasuredQuery[] = [];
    const { context, measure } = await open();
    await measure({ q: 'warmup', filters: queries[0]?.filters ?? {} });
    for (const query of queries) warm.push(await measure(query));
    await context.close();
    return { cold, warm };
  });
}

/**
 * The figures of one or more rounds of the same queries: medians and p95s over
 * every query of every round. With one round of 20 queries the p95 is the
 * second slowest query, which one pause of the machine decides; the bench runs
 * several rounds, each system's in turn, and takes its percentiles over all.
 */
export function summariseSearch(rounds: readonly SearchRound[]): SearchFigures {
  const cold = rounds.flatMap((round) => round.cold);
  const warm = rounds.flatMap((round) => round.warm);
  const last = rounds.at(-1)?.warm ?? [];
  const coldKinds: Record<string, number> = {};
  for (const outcome of cold)
    for (const [kind, count] of Object.entries(outcome.kinds)) coldKinds[kind] = (coldKinds[kind] ?? 0) + count;
  const times = (outcomes: MeasuredQuery[]) => outcomes.map((outcome) => outcome.ms);
  return {
    queries: last.length,
    rounds: rounds.length,
    cold_median_ms: round(median(times(cold))),
    cold_p95_ms: round(percentile(times(cold), 95)),
    warm_median_ms: round(median(times(warm))),
    warm_p95_ms: round(percentile(times(warm), 95)),
    cold_bytes_median: median(cold.map((outcome) => outcome.bytes)),
    warm_bytes_median: median(warm.map((outcome) => outcome.bytes)),
    warm_bytes_p95: percentile(
      warm.map((outcome) => outcome.bytes),
      95,
    ),
    cold_requests_median: median(cold.map((outcome) => outcome.requests)),
    warm_requests_median: median(warm.map((outcome) => outcome.requests)),
    results_median: median(last.map((outcome) => outcome.count)),
    shards_median: median(last.map((outcome) => outcome.shards)),
    cold_requests_by_kind: Object.fromEntries(
      Object.entries(coldKinds)
        .sort(([, a], [, b]) => b - a)
        .map(([kind, count]) => [kind, round(count / Math.max(1, cold.length))]),
    ),
  };
}

/** One round of the queries, summarised (searchRound, summariseSearch). */
export async function measureSearch(
  dist: string,
  pagePath: string,
  queries: BenchQuery[],
  runner: Runner,
): Promise<SearchFigures> {
  return summariseSearch([await searchRound(dist, pagePath, queries, runner)]);
}

// ---------------------------------------------------------------------------
// The sharded merge against one index

/** What one query gave, for comparing two indexes. */
export interface Ranking {
  q: string;
  filters: FilterSelection;
  total: number;
  shards: number;
  counts: Record<string, Record<string, number>>;
  /** Best match: the first 10 result URLs. */
  top10: string[];
  /** For the sorted queries only: the first 20 results' sort keys (`meta.sort_date`, `meta.sort_improvement`). */
  sorted?: Partial<Record<SortOrder, { keys: (string | null)[]; urls: string[]; error?: string }>>;
}

/** The first few facet values whose counts differ: "sector/industry 3≠5" (sharded≠single). */
function countsDiffer(
  sharded: Record<string, Record<string, number>>,
  single: Record<string, Record<string, number>>,
): string[] {
  const differ: string[] = [];
  for (const key of [...new Set([...Object.keys(sharded), ...Object.keys(single)])].sort())
    for (const value of [...new Set([...Object.keys(sharded[key] ?? {}), ...Object.keys(single[key] ?? {})])].sort()) {
      const a = sharded[key]?.[value] ?? 0;
      const b = single[key]?.[value] ?? 0;
      if (a !== b) differ.push(`${key}/${value} ${a}≠${b}`);
    }
  return differ.slice(0, 5);
}

const sameQuery = (a: BenchQuery, b: BenchQuery) =>
  a.q === b.q && JSON.stringify(a.filters) === JSON.stringify(b.filters);

export const SORT_META: Partial<Record<SortOrder, string>> = { newest: 'sort_date', improvement: 'sort_improvement' };

/**
 * Runs every query through the sharded client in one page (best match, the first
 * 10 URLs, the total and facet counts) and, for the `sorted` ones, the newest and
 * improvement sorts (the first 20 results' sort keys). One page per call: one
 * ShardedSearch, opened with `normalise`.
 */
export async function collectRankings(
  dist: string,
  pagePath: string,
  lang: string,
  queries: BenchQuery[],
  options: { normalise: 'idf' | 'none'; sorted?: BenchQuery[] },
): Promise<Ranking[]> {
  return withBrowser(dist, async (browser, url) => {
    const page = await browser.newPage();
    await page.goto(`${url}${pagePath}`, { waitUntil: 'load' });
    const sorted = options.sorted ?? [];
    const jobs = queries.map(({ q, filters }) => ({
      q,
      filters,
      sorted: sorted.some((query) => sameQuery(query, { q, filters })),
    }));
    for (const { q, filters } of sorted)
      if (!jobs.some((job) => sameQuery(job, { q, filters }))) jobs.push({ q, filters, sorted: true });
    const rankings: Ranking[] = [];
    for (const job of jobs) {
      const ranking = await page.evaluate(
        async ({ module, lang, normalise, job, sortMeta }) => {
          type Answer = {
            total: number;
            shardsSearched: number;
            counts(): Promise<Record<string, Record<string, number>>>;
            take(count: number): Promise<{ url: string; meta: Record<string, string | undefined> }[]>;
          };
          type Client = { search(state: unknown): Promise<Answer> };
          type Module = {
            openShardedSearch(options: { pagefindUrl: string; lang: string; normalise: string }): Promise<Client>;
          };
          const holder = window as unknown as { __rank?: Client };
          const m = (await import(module)) as Module;
          holder.__rank ??= await m.openShardedSearch({ pagefindUrl: '/pagefind/', lang, normalise });
          const client = holder.__rank;
          const answer = await client.search({ q: job.q, filters: job.filters, sort: 'relevance' });
          const top = await answer.take(10);
          const sorted: Record<string, { keys: (string | null)[]; urls: string[]; error?: string }> = {};
          if (job.sorted)
            for (const [sort, key] of Object.entries(sortMeta)) {
              // A merge that throws is a finding to record, not a reason to stop the run.
              try {
                const inOrder = await client.search({ q: job.q, filters: job.filters, sort });
                const first = await inOrder.take(20);
                sorted[sort] = { keys: first.map((hit) => hit.meta[key] ?? null), urls: first.map((hit) => hit.url) };
              } catch (error) {
                sorted[sort] = { keys: [], urls: [], error: String(error) };
              }
            }
          return {
            q: job.q,
            filters: job.filters,
            total: answer.total,
            shards: answer.shardsSearched,
            counts: await answer.counts(),
            top10: top.map((hit) => hit.url),
            ...(job.sorted ? { sorted } : {}),
          };
        },
        { module: `/${BENCH_MODULE}`, lang, normalise: options.normalise, job, sortMeta: SORT_META },
      );
      rankings.push(ranking as Ranking);
    }
    return rankings;
  });
}

/** Facet counts without zero counts, keys sorted: the same for one index and the sum over shards. */
function canonicalCounts(counts: Record<string, Record<string, number>>): string {
  const entries = Object.keys(counts)
    .sort()
    .map((key) => [
      key,
      Object.keys(counts[key]!)
        .sort()
        .filter((value) => counts[key]![value] !== 0)
        .map((value) => [value, counts[key]![value]]),
    ]);
  return JSON.stringify(entries);
}

export interface OverlapFigures {
  /** Mean over queries of |top10(sharded) ∩ top10(single)| / min(10, |top10(single)|), queries with no single-index results skipped. */
  top10_overlap: number;
  top10_overlap_min: number;
  /** The same with Pagefind's raw scores (`normalise: 'none'`, what mergeIndex does). */
  top10_overlap_raw: number;
  top10_overlap_raw_min: number;
  queries_compared: number;
  /** Newest and improvement sorts: the first 20 sort keys equal to one index's, for every sorted query. */
  sorted_top20_equal: boolean;
  sorted_compared: number;
  /** Matches per query equal to one index's, for every query. */
  totals_equal: boolean;
  /** Facet counts (zero counts dropped) equal to one index's, for every query. */
  counts_equal: boolean;
  per_query: {
    q: string;
    single_results: number;
    sharded_results: number;
    shards: number;
    overlap: number | null;
    overlap_raw: number | null;
  }[];
  sorted: {
    q: string;
    filters: FilterSelection;
    sort: string;
    equal: boolean;
    sharded?: (string | null)[];
    single?: (string | null)[];
    /** What the client threw, if it did. */
    error?: string;
  }[];
  /** Queries whose total or facet counts differ from one index's (the first few differing counts named). */
  mismatches: {
    q: string;
    filters: FilterSelection;
    single_total: number;
    sharded_total: number;
    counts_differ?: string[];
  }[];
}

/** |top10(a) ∩ top10(single)| / min(10, |top10(single)|); null when one index found nothing. */
export function topOverlap(sharded: readonly string[], single: readonly string[]): number | null {
  const expected = new Set(single.slice(0, 10));
  if (expected.size === 0) return null;
  const got = new Set(sharded.slice(0, 10));
  return [...got].filter((url) => expected.has(url)).length / Math.min(10, expected.size);
}

/** Compares the sharded rankings (idf-normalised and raw) with one index's, query by query. */
export function compareRankings(idf: Ranking[], raw: Ranking[], single: Ranking[]): OverlapFigures {
  const find = (list: Ranking[], query: BenchQuery) => list.find((ranking) => sameQuery(ranking, query));
  const perQuery: OverlapFigures['per_query'] = [];
  const mismatches: OverlapFigures['mismatches'] = [];
  let totalsEqual = true;
  let countsEqual = true;
  for (const one of single) {
    const sharded = find(idf, one);
    const shardedRaw = find(raw, one);
    if (!sharded) throw new Error(`no sharded ranking for ${JSON.stringify(one.q)}`);
    const sameTotal = sharded.total === one.total;
    const sameCounts = canonicalCounts(sharded.counts) === canonicalCounts(one.counts);
    if (!sameTotal) totalsEqual = false;
    if (!sameCounts) countsEqual = false;
    if (!sameTotal || !sameCounts)
      mismatches.push({
        q: one.q,
        filters: one.filters,
        single_total: one.total,
        sharded_total: sharded.total,
        ...(sameCounts ? {} : { counts_differ: countsDiffer(sharded.counts, one.counts) }),
      });
    if (Object.keys(one.filters).length > 0) continue; // overlap: unscoped queries only
    perQuery.push({
      q: one.q,
      single_results: one.total,
      sharded_results: sharded.total,
      shards: sharded.shards,
      overlap: topOverlap(sharded.top10, one.top10),
      overlap_raw: shardedRaw ? topOverlap(shardedRaw.top10, one.top10) : null,
    });
  }
  const sorted: OverlapFigures['sorted'] = [];
  for (const one of single) {
    if (!one.sorted) continue;
    const sharded = find(idf, one);
    for (const [sort, expected] of Object.entries(one.sorted)) {
      const got = sharded?.sorted?.[sort as SortOrder];
      // A missing key (no meta.sort_date / sort_improvement on a result) is a failure, not a match.
      const complete = [...(got?.keys ?? []), ...expected.keys].every((key) => key !== null);
      const error = got?.error ?? expected.error;
      const equal =
        got !== undefined && !error && complete && JSON.stringify(got.keys) === JSON.stringify(expected.keys);
      sorted.push({
        q: one.q,
        filters: one.filters,
        sort,
        equal,
        ...(equal ? {} : { sharded: got?.keys, single: expected.keys }),
        ...(error ? { error } : {}),
      });
    }
  }
  const values = perQuery.flatMap((row) => (row.overlap === null ? [] : [row.overlap]));
  const rawValues = perQuery.flatMap((row) => (row.overlap_raw === null ? [] : [row.overlap_raw]));
  const mean = (list: number[]) => (list.length === 0 ? NaN : round(list.reduce((a, b) => a + b, 0) / list.length, 3));
  return {
    top10_overlap: mean(values),
    top10_overlap_min: values.length === 0 ? NaN : Math.min(...values),
    top10_overlap_raw: mean(rawValues),
    top10_overlap_raw_min: rawValues.length === 0 ? NaN : Math.min(...rawValues),
    queries_compared: values.length,
    sorted_top20_equal: sorted.length > 0 && sorted.every((row) => row.equal),
    sorted_compared: sorted.length,
    totals_equal: totalsEqual,
    counts_equal: countsEqual,
    per_query: perQuery,
    sorted,
    mismatches,
  };
}

// ---------------------------------------------------------------------------
// Sector-scoped queries

const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[a-z]+/g) ?? []);

/**
 * The same words as `words`, each narrowed to one sector: the sector of an
 * English write-up that contains every word of the query, picked with the seed
 * (so a query's sector is drawn in proportion to where its words occur). A
 * query no write-up contains whole gets the sector of a seeded English write-up.
 */
export function scopedQueries(
  words: readonly string[],
  writeUps: readonly GeneratedWriteUp[],
  corpusDir: string,
  seed: number,
): BenchQuery[] {
  const english = writeUps.filter((writeUp) => writeUp.lang === 'en');
  const wanted = words.map((query) => query.toLowerCase().split(/\s+/).filter(Boolean));
  const holders: string[][] = words.map(() => []);
  for (const writeUp of english) {
    const text = wordsOf(readFileSync(path.join(corpusDir, writeUp.file), 'utf8'));
    wanted.forEach((parts, index) => {
      if (parts.every((part) => text.has(part))) holders[index]!.push(writeUp.sector);
    });
  }
  return words.map((q, index) => {
    const random = prng(seed * 1_000 + index + 1);
    const candidates = holders[index]!.length > 0 ? holders[index]! : english.map((writeUp) => writeUp.sector);
    const sector = candidates[Math.floor(random() * candidates.length)];
    return { q, filters: sector ? { sector: [sector] } : {} };
  });
}
