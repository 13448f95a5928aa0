// The side-by-side benchmark: Pacesetter and Starlight build the same synthetic
// corpus on the same machine in the same run, alternating so machine drift hits
// both; then one write-up is edited and Pacesetter rebuilds; then both sites are
// searched in headless Chromium: Pacesetter through its sharded search client
// (src/client/sharded-search.ts), unscoped and scoped to a sector, Starlight
// through Pagefind's JS API over its one index; then Pacesetter is rebuilt with
// one index per language (PACESETTER_SEARCH_SHARDS=single) and the sharded
// merge's rankings are compared with it.
//
//   npm run bench -- --n 10000 [--runs 1] [--search-rounds 3] [--seed 1] [--skip-starlight] [--skip-search]
//                    [--skip-rebuild] [--skip-overlap] [--dir d] [--out file.json]
//   npm run bench -- --n 50000 --skip-starlight --skip-search --skip-rebuild --scale
//
// Prints a table and writes bench/results/latest.json, or with --scale an entry
// `n<N>` in bench/results/scale.json (a failed or stopped build included).
// docs/performance.md explains the method and records the figures.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { formatStats, generateCorpus, searchQueries, type GeneratedWriteUp } from '../bench/generate.ts';
import { cleanBuild, measureBuild, type Measured } from '../bench/measure.ts';
import { buildError, lastPhase, phaseSeconds, recordScale, shardProgress, shardSummary } from '../bench/scale.ts';
import {
  bundleShardedSearch,
  collectRankings,
  compareRankings,
  measureSearch,
  median,
  rawPagefindRunner,
  scopedQueries,
  searchRound,
  shardedRunner,
  summariseSearch,
  type SearchRound,
  type BenchQuery,
  type OverlapFigures,
  type SearchFigures,
} from '../bench/search.ts';
import { makeStarlightSite, STARLIGHT_TEMPLATE } from '../bench/starlight-site.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const PROJECT_FILES = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public'];

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
    // Rounds of the search queries, each system's in turn; percentiles are taken over all of them.
    'search-rounds': { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'skip-starlight': { type: 'boolean', default: false },
    'skip-search': { type: 'boolean', default: false },
    'skip-rebuild': { type: 'boolean', default: false },
    // The comparison with one index (a second, warm build with PACESETTER_SEARCH_SHARDS=single).
    'skip-overlap': { type: 'boolean', default: false },
    // Record the build in bench/results/scale.json (or --out) under n<N> instead of writing latest.json.
    scale: { type: 'boolean', default: false },
    // Search with K of the 20 queries, spread from common to rare (a quick run; default all).
    queries: { type: 'string' },
    // Where the corpus and the site copies go (default bench/.corpus/<N>).
    dir: { type: 'string' },
    out: { type: 'string' },
  },
});
const N = Number(args.n);
const RUNS = Math.max(1, Number(args.runs));
const SEARCH_ROUNDS = Math.max(1, Number(args['search-rounds']));
const SEED = Number(args.seed);
/** The search words: all of searchQueries, or --queries K of them spread over the list. */
function benchWords(): string[] {
  const all = searchQueries(SEED);
  const wanted = args.queries ? Math.max(1, Math.min(all.length, Number(args.queries))) : all.length;
  return Array.from({ length: wanted }, (_, index) => all[Math.floor((index * all.length) / wanted)]!);
}
const benchDir = path.resolve(args.dir ?? path.join(ROOT, 'bench/.corpus', String(N)));
const outFile = path.resolve(
  args.out ?? path.join(ROOT, args.scale ? 'bench/results/scale.json' : 'bench/results/latest.json'),
);
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

// ---------------------------------------------------------------------------
// Sites

/**
 * node_modules for a benchmark site: a real folder whose entries link to the
 * packages of `from`. Astro's cache (node_modules/.astro: content data store,
 * incremental-build manifest) then stays inside the site instead of landing in
 * the shared node_modules of the project.
 */
function linkNodeModules(from: string, site: string) {
  const target = path.join(site, 'node_modules');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target);
  for (const name of readdirSync(from)) {
    if (name === '.astro' || name === '.cache' || name === '.vite') continue;
    symlinkSync(path.join(from, name), path.join(target, name), 'dir');
  }
}

function makePacesetterSite(corpusDir: string): string {
  const site = path.join(corpusDir, 'pacesetter');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  for (const entry of PROJECT_FILES) cpSync(path.join(ROOT, entry), path.join(site, entry), { recursive: true });
  cpSync(path.join(corpusDir, 'content'), path.join(site, 'content'), { recursive: true });
  linkNodeModules(path.join(ROOT, 'node_modules'), site);
  return site;
}

function ensureStarlightInstalled() {
  if (existsSync(path.join(STARLIGHT_TEMPLATE, 'node_modules/@astrojs/starlight/package.json'))) return;
  log('installing Starlight into bench/starlight (first use)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--prefix', STARLIGHT_TEMPLATE], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm install --prefix bench/starlight failed');
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------
// What a build produced

function walk(directory: string, found: string[] = []): string[] {
  for (const name of readdirSync(directory)) {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) walk(full, found);
    else found.push(full);
  }
  return found;
}

const bytesOf = (directory: string) =>
  existsSync(directory) ? walk(directory).reduce((sum, file) => sum + statSync(file).size, 0) : 0;

interface PageWeight {
  url: string;
  html_bytes: number;
  html_gzip_bytes: number;
  js_bytes: number;
  js_gzip_bytes: number;
  css_bytes: number;
  css_gzip_bytes: number;
}

/** The HTML of one page, and the JavaScript and CSS it loads (external and inline). */
function pageWeight(dist: string, url: string): PageWeight {
  const html = readFileSync(path.join(dist, url, 'index.html'));
  const text = html.toString('utf8');
  const assets = (pattern: RegExp) =>
    [...text.matchAll(pattern)].map((match) => match[1]!).filter((href) => href.startsWith('/'));
  const scripts = [
    ...assets(/<script[^>]*\ssrc="([^"]+)"/g).map((src) => readFileSync(path.join(dist, src))),
    ...[...text.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      .map((match) => Buffer.from(match[1]!))
      .filter((code) => code.length > 0),
  ];
  const styles = [
    ...assets(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g).map((href) => readFileSync(path.join(dist, href))),
    ...assets(/<link[^>]*href="([^"]+)"[^>]*rel="stylesheet"/g).map((href) => readFileSync(path.join(dist, href))),
    ...[...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => Buffer.from(match[1]!)),
  ];
  const sum = (buffers: Buffer[]) => buffers.reduce((total, buffer) => total + buffer.length, 0);
  const gzipSum = (buffers: Buffer[]) => buffers.reduce((total, buffer) => total + gzipSync(buffer).length, 0);
  return {
    url,
    html_bytes: html.length,
    html_gzip_bytes: gzipSync(html).length,
    js_bytes: sum(scripts),
    js_gzip_bytes: gzipSum(scripts),
    css_bytes: sum(styles),
    css_gzip_bytes: gzipSum(styles),
  };
}

const countPages = (dist: string) => walk(dist).filter((file) => file.endsWith('.html')).length;

// ---------------------------------------------------------------------------
// The run

/** Pacesetter's search figures: through the sharded client, and against one index. */
interface PacesetterSearch {
  /** Bytes of the bundled client (dist/__bench/sharded-search.js, minified), counted in cold queries. */
  module_bytes: number;
  unscoped: SearchFigures;
  scoped: SearchFigures;
  /** The scoped queries: each word with the sector it was narrowed to. */
  scoped_sectors: Record<string, string>;
  /** The unscoped queries through the same client on one index per language (PACESETTER_SEARCH_SHARDS=single). */
  single_unscoped?: SearchFigures;
  single_rebuild_s?: number;
  top10_overlap?: number;
  top10_overlap_min?: number;
  top10_overlap_raw?: number;
  top10_overlap_raw_min?: number;
  sorted_top20_equal?: boolean;
  totals_equal?: boolean;
  counts_equal?: boolean;
  overlap?: OverlapFigures;
}

interface SideResult {
  wall_s: number;
  wall_s_runs: number[];
  peak_rss_mb: number;
  peak_rss_mb_runs: number[];
  pages: number;
  pages_per_s: number;
  search_index_s: number | null;
  search_index_bytes: number;
  /** Shards per language, from dist/pagefind/shards-<lang>.json (Pacesetter; null without manifests). */
  shards?: ReturnType<typeof shardSummary>;
  page: PageWeight;
  page_html_bytes: number;
  page_js_bytes: number;
  page_css_bytes: number;
  phases_s?: Record<string, number>;
  rebuild_one_edit_s?: number;
  rebuild_one_edit_rss_mb?: number;
  search?: SearchFigures | PacesetterSearch;
  log: string;
}

function searchIndexSeconds(output: string): number | null {
  const ours = /Search index written in (\d+) ms/.exec(output);
  if (ours) return round(Number(ours[1]) / 1000, 2);
  const starlight = /Finished building search index in ([\d.]+)(ms|s)/.exec(output);
  if (starlight) return round(Number(starlight[1]) / (starlight[2] === 'ms' ? 1000 : 1), 2);
  return null;
}

function versionOf(packageDir: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** The write-up whose word count is the median of the English ones: the "typical" page. */
function typicalWriteUp(writeUps: GeneratedWriteUp[]): GeneratedWriteUp {
  const english = writeUps.filter((writeUp) => writeUp.lang === 'en').sort((a, b) => a.words - b.words);
  return english[Math.floor(english.length / 2)]!;
}

const machine = () => ({
  cpus: os.cpus().length,
  cpu_model: os.cpus()[0]?.model ?? 'unknown',
  memory_gb: round(os.totalmem() / 1024 ** 3, 1),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
});

const versions = () => ({
  astro: versionOf(path.join(ROOT, 'node_modules/astro')),
  pagefind: versionOf(path.join(ROOT, 'node_modules/pagefind')),
  // Write-ups are rendered by Sätteri in the content loader (no @astrojs/mdx).
  satteri: versionOf(path.join(ROOT, 'node_modules/satteri')),
  starlight: versionOf(path.join(STARLIGHT_TEMPLATE, 'node_modules/@astrojs/starlight')),
  starlight_astro: versionOf(path.join(STARLIGHT_TEMPLATE, 'node_modules/astro')),
});

/** The environment that changes what a build does or may use, as set for this run. */
const buildEnvironment = () =>
  Object.fromEntries(
    [
      'BENCH_MAX_RSS_MB',
      'NODE_OPTIONS',
      'PACESETTER_SEARCH_SHARDS',
      'PACESETTER_SEARCH_SHARD_PAGES',
      'PACESETTER_SEARCH_INDEX_RUNS',
    ].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  );

const ratioOf = (ours: number | undefined, theirs: number | undefined) =>
  ours !== undefined && theirs !== undefined && theirs !== 0 ? round(ours / theirs, 2) : null;

/** Which queries the sorted comparison uses: a few common and rare words, unscoped and scoped. */
const SORTED_QUERY_INDEXES = [0, 4, 10, 15];

/**
 * Pacesetter's search figures and, given Starlight's built site, Starlight's:
 * the same words unscoped through Pagefind's own JS API. The query sets run in
 * rounds, each system's in turn, so that both meet the machine in the same
 * state (a build just finished, memory being reclaimed).
 */
async function searchBoth(
  site: string,
  logs: string,
  writeUps: GeneratedWriteUp[],
  starlightDist: string | undefined,
): Promise<{ ours: PacesetterSearch; theirs?: SearchFigures }> {
  const dist = path.join(site, 'dist');
  const words = benchWords();
  const unscoped: BenchQuery[] = words.map((q) => ({ q, filters: {} }));
  const scoped = scopedQueries(words, writeUps, benchDir, SEED);
  const module = await bundleShardedSearch(site);
  const rounds: Record<'unscoped' | 'scoped' | 'starlight', SearchRound[]> = {
    unscoped: [],
    scoped: [],
    starlight: [],
  };
  for (let round = 1; round <= SEARCH_ROUNDS; round++) {
    log(
      `search, round ${round} of ${SEARCH_ROUNDS}: ${words.length} queries, unscoped and scoped to a sector, ` +
        `through the sharded client${starlightDist ? '; Starlight unscoped, through Pagefind’s JS API' : ''} …`,
    );
    // A page in English, so the client picks the English manifest.
    rounds.unscoped.push(await searchRound(dist, '/about/', unscoped, shardedRunner('en')));
    rounds.scoped.push(await searchRound(dist, '/about/', scoped, shardedRunner('en')));
    if (starlightDist) rounds.starlight.push(await searchRound(starlightDist, '/', unscoped, rawPagefindRunner));
  }
  const theirs = starlightDist ? summariseSearch(rounds.starlight) : undefined;
  const result: PacesetterSearch = {
    module_bytes: module.bytes,
    unscoped: summariseSearch(rounds.unscoped),
    scoped: summariseSearch(rounds.scoped),
    scoped_sectors: Object.fromEntries(scoped.map((query) => [query.q, query.filters.sector?.[0] ?? ''])),
  };
  if (args['skip-overlap']) return { ours: result, theirs };

  // Rankings from the sharded index first: the single-index build replaces dist/.
  const sorted = SORTED_QUERY_INDEXES.filter((index) => index < words.length).flatMap((index) => [
    unscoped[index]!,
    scoped[index]!,
  ]);
  log('search: rankings through the sharded client (idf-normalised and raw scores) …');
  const idf = await collectRankings(dist, '/about/', 'en', unscoped, { normalise: 'idf', sorted });
  const raw = await collectRankings(dist, '/about/', 'en', unscoped, { normalise: 'none' });

  const logFile = path.join(logs, 'pacesetter-single.log');
  log(`pacesetter: rebuild with one index per language (log: ${path.relative(ROOT, logFile)}) …`);
  const rebuilt = await measureBuild(site, logFile, { PACESETTER_SEARCH_SHARDS: 'single' });
  if (rebuilt.status !== 0) throw new Error(`the single-index rebuild failed; see ${logFile}`);
  const single = shardSummary(dist);
  if (!single?.en || single.en.shards !== 1)
    throw new Error(`PACESETTER_SEARCH_SHARDS=single gave ${JSON.stringify(single)}, not one English shard`);
  await bundleShardedSearch(site);
  log('search: the same queries on one index …');
  const one = await collectRankings(dist, '/about/', 'en', unscoped, { normalise: 'idf', sorted });
  const overlap = compareRankings(idf, raw, one);
  const ours: PacesetterSearch = {
    ...result,
    single_unscoped: await measureSearch(dist, '/about/', unscoped, shardedRunner('en')),
    single_rebuild_s: rebuilt.wall_s,
    top10_overlap: overlap.top10_overlap,
    top10_overlap_min: overlap.top10_overlap_min,
    top10_overlap_raw: overlap.top10_overlap_raw,
    top10_overlap_raw_min: overlap.top10_overlap_raw_min,
    sorted_top20_equal: overlap.sorted_top20_equal,
    totals_equal: overlap.totals_equal,
    counts_equal: overlap.counts_equal,
    overlap,
  };
  return { ours, theirs };
}

async function main() {
  mkdirSync(benchDir, { recursive: true });
  const logs = path.join(benchDir, 'logs');
  rmSync(logs, { recursive: true, force: true });
  mkdirSync(logs, { recursive: true });

  log(`generating ${N} write-ups into ${path.relative(ROOT, benchDir)}/content …`);
  const { stats, writeUps } = generateCorpus({ n: N, out: benchDir, seed: SEED });
  console.log(formatStats(stats));

  const pacesetterSite = makePacesetterSite(benchDir);
  const starlightSite = path.join(benchDir, 'starlight');
  if (!args['skip-starlight']) {
    ensureStarlightInstalled();
    makeStarlightSite(
      benchDir,
      writeUps.map((writeUp) => writeUp.file),
      starlightSite,
    );
    linkNodeModules(path.join(STARLIGHT_TEMPLATE, 'node_modules'), starlightSite);
  }

  const about = () => ({ n: N, date: new Date().toISOString(), machine: machine(), versions: versions() });
  const sides = args['skip-starlight'] ? (['pacesetter'] as const) : (['pacesetter', 'starlight'] as const);
  const runs: Record<string, Measured[]> = { pacesetter: [], starlight: [] };
  const started: Record<string, Date[]> = { pacesetter: [], starlight: [] };
  for (let run = 1; run <= RUNS; run += 1) {
    for (const side of sides) {
      const site = side === 'pacesetter' ? pacesetterSite : starlightSite;
      cleanBuild(site);
      const logFile = path.join(logs, `${side}-${run}.log`);
      log(`${side}: full build ${run}/${RUNS} (log: ${path.relative(ROOT, logFile)}) …`);
      started[side]!.push(new Date());
      const measured = await measureBuild(site, logFile);
      log(
        `${side}: ${measured.status === 0 ? 'ok' : `FAILED (exit ${measured.status})`} in ${measured.wall_s} s, peak ${measured.peak_rss_mb} MB`,
      );
      if (measured.status !== 0) {
        console.error(measured.output.slice(-4000));
        // Keep what was measured: a build that failed or was stopped at BENCH_MAX_RSS_MB is a result too.
        if (args.scale) {
          const { phase, line } = lastPhase(measured.output);
          recordScale(outFile, `n${N}`, {
            ...about(),
            side,
            run,
            env: buildEnvironment(),
            corpus: stats,
            stopped_at: phase,
            wall_s: measured.wall_s,
            peak_rss_mb: measured.peak_rss_mb,
            error: buildError(measured.output, measured.status),
            status: measured.status,
            last_line: line.slice(0, 300),
            // Shards indexed beside page generation before the build ended (the site's shard cache).
            ...(side === 'pacesetter' ? { search_shards_done: shardProgress(site) } : {}),
            phases_s: phaseSeconds(measured.output, started[side]!.at(-1)!, measured.wall_s),
            log: path.relative(ROOT, logFile),
          });
          log(`${side} build stopped at: ${phase}; recorded as n${N} in ${path.relative(ROOT, outFile)}`);
          process.exitCode = 1;
          return;
        }
        const failed = outFile.replace(/\.json$/, '.failed.json');
        writeFileSync(
          failed,
          `${JSON.stringify({ n: N, date: new Date().toISOString(), side, run, status: measured.status, wall_s: measured.wall_s, peak_rss_mb: measured.peak_rss_mb, log: path.relative(ROOT, logFile) }, null, 2)}\n`,
        );
        throw new Error(`${side} build failed; see ${logFile} and ${path.relative(ROOT, failed)}`);
      }
      runs[side]!.push(measured);
    }
  }

  const typical = typicalWriteUp(writeUps);
  const summarise = (side: 'pacesetter' | 'starlight', site: string): SideResult => {
    const dist = path.join(site, 'dist');
    const measured = runs[side]!;
    const pages = countPages(dist);
    const wall = median(measured.map((m) => m.wall_s));
    const url =
      side === 'pacesetter' ? `/experiences/${typical.id}/` : `/${typical.lang}/${typical.sector}/${typical.id}/`;
    const page = pageWeight(dist, url);
    return {
      wall_s: wall,
      wall_s_runs: measured.map((m) => m.wall_s),
      peak_rss_mb: median(measured.map((m) => m.peak_rss_mb)),
      peak_rss_mb_runs: measured.map((m) => m.peak_rss_mb),
      pages,
      pages_per_s: round(pages / wall, 1),
      search_index_s: searchIndexSeconds(measured.at(-1)!.output),
      search_index_bytes: bytesOf(path.join(dist, 'pagefind')),
      ...(side === 'pacesetter' ? { shards: shardSummary(dist) } : {}),
      page,
      page_html_bytes: page.html_bytes,
      page_js_bytes: page.js_bytes,
      page_css_bytes: page.css_bytes,
      phases_s: phaseSeconds(measured.at(-1)!.output, started[side]!.at(-1)!, measured.at(-1)!.wall_s),
      log: path.relative(ROOT, path.join(logs, `${side}-${measured.length}.log`)),
    };
  };

  const pacesetter = summarise('pacesetter', pacesetterSite);
  const starlight = args['skip-starlight'] ? undefined : summarise('starlight', starlightSite);

  if (!args['skip-rebuild']) {
    // One contributor edits one write-up; CI rebuilds with the caches of the last build.
    const edited = path.join(pacesetterSite, typical.file);
    appendFileSync(edited, '\nOne more sentence added by the benchmark to measure a rebuild.\n');
    const logFile = path.join(logs, 'pacesetter-rebuild.log');
    log(`pacesetter: rebuild after editing ${typical.file} …`);
    const rebuilt = await measureBuild(pacesetterSite, logFile);
    if (rebuilt.status !== 0) throw new Error(`rebuild failed; see ${logFile}`);
    const html = readFileSync(path.join(pacesetterSite, 'dist/experiences', typical.id, 'index.html'), 'utf8');
    if (!html.includes('One more sentence added by the benchmark'))
      throw new Error('the rebuild did not show the edit');
    pacesetter.rebuild_one_edit_s = rebuilt.wall_s;
    pacesetter.rebuild_one_edit_rss_mb = rebuilt.peak_rss_mb;
    log(`pacesetter: rebuild in ${rebuilt.wall_s} s, peak ${rebuilt.peak_rss_mb} MB`);
  }

  if (!args['skip-search']) {
    const { ours, theirs } = await searchBoth(
      pacesetterSite,
      logs,
      writeUps,
      starlight ? path.join(starlightSite, 'dist') : undefined,
    );
    pacesetter.search = ours;
    if (starlight) starlight.search = theirs;
  }

  const ours = pacesetter.search as PacesetterSearch | undefined;
  const theirs = starlight?.search as SearchFigures | undefined;

  if (args.scale) {
    const { page: _page, log: sideLog, search: _search, ...figures } = pacesetter;
    recordScale(outFile, `n${N}`, {
      ...about(),
      env: buildEnvironment(),
      corpus: stats,
      ...figures,
      ...(ours ? { search: { ...ours, overlap: undefined } } : {}),
      log: sideLog,
    });
    printTable(pacesetter, starlight ?? null);
    log(`recorded n${N} in ${path.relative(ROOT, outFile)}`);
    return;
  }

  const result = {
    ...about(),
    runs: RUNS,
    corpus: stats,
    queries: args['skip-search'] ? [] : benchWords(),
    pacesetter,
    starlight: starlight ?? null,
    ratio: starlight
      ? {
          wall: round(pacesetter.wall_s / starlight.wall_s, 2),
          rss: round(pacesetter.peak_rss_mb / starlight.peak_rss_mb, 2),
          // Pacesetter's sharded client / Starlight's one index (Starlight's queries are unscoped).
          search_unscoped_cold_p95: ratioOf(ours?.unscoped.cold_p95_ms, theirs?.cold_p95_ms),
          search_unscoped_warm_p95: ratioOf(ours?.unscoped.warm_p95_ms, theirs?.warm_p95_ms),
          search_scoped_cold_p95: ratioOf(ours?.scoped.cold_p95_ms, theirs?.cold_p95_ms),
          search_scoped_warm_p95: ratioOf(ours?.scoped.warm_p95_ms, theirs?.warm_p95_ms),
        }
      : null,
    rebuild_ratio: pacesetter.rebuild_one_edit_s ? round(pacesetter.rebuild_one_edit_s / pacesetter.wall_s, 2) : null,
  };

  printTable(result.pacesetter, result.starlight);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  log(`written ${path.relative(ROOT, outFile)}`);
}

type Cell = number | string | null | undefined;

function printTable(pacesetter: SideResult, starlight: SideResult | null) {
  const ours = pacesetter.search as PacesetterSearch | undefined;
  const theirs = starlight?.search as SearchFigures | undefined;
  const kB = (bytes: number) => round(bytes / 1024);
  const both = (figures: SearchFigures | undefined, get: (f: SearchFigures) => string) =>
    figures ? get(figures) : undefined;
  // [label, Pacesetter, Starlight, ratio]; a numeric pair gets its ratio unless one is given.
  const rows: [string, Cell, Cell, Cell?][] = [];
  const side = (label: string, get: (side: SideResult) => Cell) =>
    rows.push([label, get(pacesetter), starlight ? get(starlight) : undefined]);
  side('full build, wall (s)', (s) => s.wall_s);
  side('peak RSS, process tree (MB)', (s) => s.peak_rss_mb);
  side('pages', (s) => s.pages);
  side('pages per second', (s) => s.pages_per_s);
  side('search index time (s)', (s) => s.search_index_s);
  side('search index size (MB)', (s) => round(s.search_index_bytes / 1024 / 1024, 1));
  side('search shards (en / zh)', (s) =>
    s.shards ? `${s.shards.en?.shards ?? 0} / ${s.shards.zh?.shards ?? 0}` : undefined,
  );
  side('write-up page HTML (kB, gzip)', (s) => `${kB(s.page.html_bytes)} (${kB(s.page.html_gzip_bytes)})`);
  side('write-up page JS (kB, gzip)', (s) => `${kB(s.page.js_bytes)} (${kB(s.page.js_gzip_bytes)})`);
  side('write-up page CSS (kB, gzip)', (s) => `${kB(s.page.css_bytes)} (${kB(s.page.css_gzip_bytes)})`);
  side('rebuild after one edit (s)', (s) => s.rebuild_one_edit_s);
  if (ours) {
    const sets: [string, SearchFigures | undefined][] = [
      ['unscoped', ours.unscoped],
      ['scoped', ours.scoped],
      ['one index', ours.single_unscoped],
    ];
    for (const [name, figures] of sets) {
      if (!figures) continue;
      const pair = (get: (f: SearchFigures) => string) => [both(figures, get), both(theirs, get)] as const;
      rows.push([
        `search ${name} cold: median / p95 (ms)`,
        ...pair((f) => `${f.cold_median_ms} / ${f.cold_p95_ms}`),
        ratioOf(figures.cold_p95_ms, theirs?.cold_p95_ms),
      ]);
      rows.push([
        `search ${name} warm: median / p95 (ms)`,
        ...pair((f) => `${f.warm_median_ms} / ${f.warm_p95_ms}`),
        ratioOf(figures.warm_p95_ms, theirs?.warm_p95_ms),
      ]);
      rows.push([
        `search ${name} bytes: cold / warm median (kB)`,
        ...pair((f) => `${kB(f.cold_bytes_median)} / ${kB(f.warm_bytes_median)}`),
        null,
      ]);
      rows.push([
        `search ${name} requests: cold / warm median`,
        ...pair((f) => `${f.cold_requests_median} / ${f.warm_requests_median}`),
        null,
      ]);
      rows.push([
        `search ${name}: cold requests by kind (mean)`,
        ...pair((f) =>
          Object.entries(f.cold_requests_by_kind)
            .map(([kind, count]) => `${kind} ${count}`)
            .join(', '),
        ),
        null,
      ]);
      rows.push([
        `search ${name}: results / shards (median)`,
        ...pair((f) => `${f.results_median} / ${f.shards_median}`),
        null,
      ]);
    }
  }
  const show = (value: Cell) => (value === undefined || value === null ? '—' : String(value));
  const lines = [['', 'Pacesetter', 'Starlight', 'ratio']];
  for (const [label, mine, other, given] of rows) {
    const ratio =
      given !== undefined ? given : typeof mine === 'number' && typeof other === 'number' ? ratioOf(mine, other) : null;
    lines.push([label, show(mine), show(other), show(ratio)]);
  }
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  console.log(`\nN = ${N}`);
  for (const line of lines) console.log(line.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
  if (ours) {
    console.log(`\nsharded client bundle: ${kB(ours.module_bytes)} kB (counted in cold queries)`);
    if (ours.overlap) {
      const o = ours.overlap;
      const yes = (value: boolean) => (value ? 'yes' : 'NO');
      console.log(
        `top-10 overlap with one index (${o.queries_compared} queries): idf-normalised ${o.top10_overlap} (min ${o.top10_overlap_min}), raw scores ${o.top10_overlap_raw} (min ${o.top10_overlap_raw_min})`,
      );
      console.log(
        `newest/improvement: first 20 sort keys equal to one index's: ${yes(o.sorted_top20_equal)} (${o.sorted.filter((row) => row.equal).length} of ${o.sorted_compared}); totals equal: ${yes(o.totals_equal)}; facet counts equal: ${yes(o.counts_equal)}`,
      );
      const thrown = o.sorted.find((row) => row.error);
      if (thrown) console.log(`  the sorted merge threw, e.g. for ${JSON.stringify(thrown.q)}: ${thrown.error}`);
      for (const row of o.mismatches.slice(0, 5))
        console.log(
          `  ${JSON.stringify(row.q)}${row.filters.sector ? ` in ${row.filters.sector.join(', ')}` : ''}: ${row.sharded_total} results sharded, ${row.single_total} on one index${row.counts_differ ? `; counts ${row.counts_differ.join(', ')}` : ''}`,
        );
      if (o.mismatches.length > 5)
        console.log(`  … ${o.mismatches.length - 5} more (pacesetter.search.overlap.mismatches)`);
    }
  }
}

await main();
