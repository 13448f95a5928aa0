// The side-by-side benchmark: Pacesetter and Starlight build the same synthetic
// corpus on the same machine in the same run, alternating so machine drift hits
// both; then one write-up is edited and Pacesetter rebuilds; then both sites are
// searched in headless Chromium with the same Pagefind JS API calls.
//
//   npm run bench -- --n 10000 [--runs 1] [--seed 1] [--skip-starlight] [--skip-search]
//
// Prints a table and writes bench/results/latest.json. docs/performance.md
// explains the method and records the figures.
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
import { makeStarlightSite, STARLIGHT_TEMPLATE } from '../bench/starlight-site.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const PROJECT_FILES = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public'];

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    'skip-starlight': { type: 'boolean', default: false },
    'skip-search': { type: 'boolean', default: false },
    'skip-rebuild': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const N = Number(args.n);
const RUNS = Math.max(1, Number(args.runs));
const benchDir = path.join(ROOT, 'bench/.corpus', String(N));
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
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

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
// Search in headless Chromium: the same Pagefind JS API calls on both sites

interface SearchFigures {
  queries: number;
  cold_median_ms: number;
  cold_p95_ms: number;
  warm_median_ms: number;
  warm_p95_ms: number;
  cold_bytes_median: number;
  warm_bytes_median: number;
  warm_bytes_p95: number;
  results_median: number;
}

async function measureSearch(dist: string, pagePath: string, queries: string[]): Promise<SearchFigures> {
  const { launchBrowser, serveStatic } = await import('../tests/helpers/browser.ts');
  const server = await serveStatic(dist);
  const browser = await launchBrowser();
  // Time from issuing the query to the first result's data (title, URL, excerpt).
  const runQuery = (query: string) =>
    `(async () => {
      const started = performance.now();
      window.__pagefind ??= await import('/pagefind/pagefind.js');
      const search = await window.__pagefind.search(${JSON.stringify(query)});
      const first = search.results[0] ? await search.results[0].data() : null;
      return { ms: performance.now() - started, count: search.results.length, url: first?.url ?? null };
    })()`;
  try {
    const cold: number[] = [];
    const coldBytes: number[] = [];
    const warm: number[] = [];
    const warmBytes: number[] = [];
    const counts: number[] = [];
    const open = async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      let bytes = 0;
      page.on('requestfinished', (request) => {
        void request
          .sizes()
          .then((sizes) => {
            bytes += sizes.responseBodySize + sizes.responseHeadersSize;
          })
          .catch(() => {});
      });
      await page.goto(`${server.url}${pagePath}`, { waitUntil: 'load' });
      await page.waitForTimeout(50);
      return {
        context,
        page,
        measure: async (query: string) => {
          bytes = 0;
          const result = await page.evaluate<{ ms: number; count: number }>(runQuery(query));
          // Response sizes arrive asynchronously; give them a moment.
          await page.waitForTimeout(30);
          return { ...result, bytes };
        },
      };
    };
    // Cold: a fresh browser context per query (empty cache, Pagefind not loaded).
    for (const query of queries) {
      const { context, measure } = await open();
      const result = await measure(query);
      cold.push(result.ms);
      coldBytes.push(result.bytes);
      await context.close();
    }
    // Warm: one page, Pagefind loaded by a first query, then every query once.
    const { context, measure } = await open();
    await measure('warmup');
    for (const query of queries) {
      const result = await measure(query);
      warm.push(result.ms);
      warmBytes.push(result.bytes);
      counts.push(result.count);
    }
    await context.close();
    return {
      queries: queries.length,
      cold_median_ms: round(median(cold)),
      cold_p95_ms: round(percentile(cold, 95)),
      warm_median_ms: round(median(warm)),
      warm_p95_ms: round(percentile(warm, 95)),
      cold_bytes_median: median(coldBytes),
      warm_bytes_median: median(warmBytes),
      warm_bytes_p95: percentile(warmBytes, 95),
      results_median: median(counts),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

// ---------------------------------------------------------------------------
// The run

interface SideResult {
  wall_s: number;
  wall_s_runs: number[];
  peak_rss_mb: number;
  peak_rss_mb_runs: number[];
  pages: number;
  pages_per_s: number;
  search_index_s: number | null;
  search_index_bytes: number;
  page: PageWeight;
  page_html_bytes: number;
  page_js_bytes: number;
  page_css_bytes: number;
  rebuild_one_edit_s?: number;
  rebuild_one_edit_rss_mb?: number;
  search?: SearchFigures;
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

async function main() {
  mkdirSync(benchDir, { recursive: true });
  const logs = path.join(benchDir, 'logs');
  rmSync(logs, { recursive: true, force: true });
  mkdirSync(logs, { recursive: true });

  log(`generating ${N} write-ups into ${path.relative(ROOT, benchDir)}/content …`);
  const { stats, writeUps } = generateCorpus({ n: N, out: benchDir, seed: Number(args.seed) });
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

  const sides = args['skip-starlight'] ? (['pacesetter'] as const) : (['pacesetter', 'starlight'] as const);
  const runs: Record<string, Measured[]> = { pacesetter: [], starlight: [] };
  for (let run = 1; run <= RUNS; run += 1) {
    for (const side of sides) {
      const site = side === 'pacesetter' ? pacesetterSite : starlightSite;
      cleanBuild(site);
      const logFile = path.join(logs, `${side}-${run}.log`);
      log(`${side}: full build ${run}/${RUNS} (log: ${path.relative(ROOT, logFile)}) …`);
      const measured = await measureBuild(site, logFile);
      log(
        `${side}: ${measured.status === 0 ? 'ok' : `FAILED (exit ${measured.status})`} in ${measured.wall_s} s, peak ${measured.peak_rss_mb} MB`,
      );
      if (measured.status !== 0) {
        console.error(measured.output.slice(-4000));
        // Keep what was measured: a build that failed or was stopped at BENCH_MAX_RSS_MB is a result too.
        const failed = path
          .resolve(args.out ?? path.join(ROOT, 'bench/results/latest.json'))
          .replace(/\.json$/, '.failed.json');
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
      page,
      page_html_bytes: page.html_bytes,
      page_js_bytes: page.js_bytes,
      page_css_bytes: page.css_bytes,
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
    const queries = searchQueries(Number(args.seed));
    log(`search: ${queries.length} queries in headless Chromium …`);
    // A page of each site in English, so pagefind.js picks the English index.
    pacesetter.search = await measureSearch(path.join(pacesetterSite, 'dist'), '/about/', queries);
    if (starlight) starlight.search = await measureSearch(path.join(starlightSite, 'dist'), '/', queries);
  }

  const result = {
    n: N,
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? 'unknown',
      memory_gb: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    versions: {
      astro: versionOf(path.join(ROOT, 'node_modules/astro')),
      pagefind: versionOf(path.join(ROOT, 'node_modules/pagefind')),
      // Write-ups are rendered by Sätteri in the content loader (no @astrojs/mdx).
      satteri: versionOf(path.join(ROOT, 'node_modules/satteri')),
      starlight: versionOf(path.join(STARLIGHT_TEMPLATE, 'node_modules/@astrojs/starlight')),
      starlight_astro: versionOf(path.join(STARLIGHT_TEMPLATE, 'node_modules/astro')),
    },
    runs: RUNS,
    corpus: stats,
    queries: args['skip-search'] ? [] : searchQueries(Number(args.seed)),
    pacesetter,
    starlight: starlight ?? null,
    ratio: starlight
      ? {
          wall: round(pacesetter.wall_s / starlight.wall_s, 2),
          rss: round(pacesetter.peak_rss_mb / starlight.peak_rss_mb, 2),
          search_warm_p95:
            pacesetter.search && starlight.search
              ? round(pacesetter.search.warm_p95_ms / starlight.search.warm_p95_ms, 2)
              : null,
          search_cold_p95:
            pacesetter.search && starlight.search
              ? round(pacesetter.search.cold_p95_ms / starlight.search.cold_p95_ms, 2)
              : null,
        }
      : null,
    rebuild_ratio: pacesetter.rebuild_one_edit_s ? round(pacesetter.rebuild_one_edit_s / pacesetter.wall_s, 2) : null,
  };

  printTable(result.pacesetter, result.starlight);
  const out = path.resolve(args.out ?? path.join(ROOT, 'bench/results/latest.json'));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`written ${path.relative(ROOT, out)}`);
}

function printTable(pacesetter: SideResult, starlight: SideResult | null) {
  const rows: [string, (side: SideResult) => number | string | null | undefined][] = [
    ['full build, wall (s)', (side) => side.wall_s],
    ['peak RSS, process tree (MB)', (side) => side.peak_rss_mb],
    ['pages', (side) => side.pages],
    ['pages per second', (side) => side.pages_per_s],
    ['search index time (s)', (side) => side.search_index_s],
    ['search index size (MB)', (side) => round(side.search_index_bytes / 1024 / 1024, 1)],
    [
      'write-up page HTML (kB, gzip)',
      (side) => `${round(side.page.html_bytes / 1024)} (${round(side.page.html_gzip_bytes / 1024)})`,
    ],
    [
      'write-up page JS (kB, gzip)',
      (side) => `${round(side.page.js_bytes / 1024)} (${round(side.page.js_gzip_bytes / 1024)})`,
    ],
    [
      'write-up page CSS (kB, gzip)',
      (side) => `${round(side.page.css_bytes / 1024)} (${round(side.page.css_gzip_bytes / 1024)})`,
    ],
    ['rebuild after one edit (s)', (side) => side.rebuild_one_edit_s],
    [
      'search cold: median / p95 (ms)',
      (side) => side.search && `${side.search.cold_median_ms} / ${side.search.cold_p95_ms}`,
    ],
    [
      'search warm: median / p95 (ms)',
      (side) => side.search && `${side.search.warm_median_ms} / ${side.search.warm_p95_ms}`,
    ],
    [
      'search bytes: cold / warm median (kB)',
      (side) =>
        side.search &&
        `${round(side.search.cold_bytes_median / 1024)} / ${round(side.search.warm_bytes_median / 1024)}`,
    ],
  ];
  const show = (value: number | string | null | undefined) =>
    value === undefined || value === null ? '—' : String(value);
  const lines = [['', 'Pacesetter', 'Starlight', 'ratio']];
  for (const [label, get] of rows) {
    const ours = get(pacesetter);
    const theirs = starlight ? get(starlight) : undefined;
    const ratio =
      typeof ours === 'number' && typeof theirs === 'number' && theirs !== 0 ? round(ours / theirs, 2) : undefined;
    lines.push([label, show(ours), show(theirs), show(ratio)]);
  }
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  console.log(`\nN = ${N}`);
  for (const line of lines) console.log(line.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
}

await main();
