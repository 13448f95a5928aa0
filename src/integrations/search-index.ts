// Writes the sharded search index into dist/pagefind/ at the end of every build,
// so `npm run build` is the only step (docs/scaling.md says how it scales).
// Pagefind reads the built HTML: write-up pages mark their article with
// data-pagefind-body, and the write-up template adds the filters, meta and sort
// keys (src/components/SearchFacets.astro); pages without it are not indexed.
//
// Each language's write-ups are split into shards, one per sector and further
// by a hash of the id when a sector passes the page limit (the plan:
// src/lib/search/search-shards.ts). Each shard is a Pagefind run of its own, in
// a worker thread, so its memory is bounded by the shard, not the site; runs
// go side by side as far as the cores and the memory they are estimated to
// need allow (src/lib/search/search-index-plan.ts). Each shard's output is kept
// in Astro's cache under a key made of its pages' content, so a build reuses
// every shard whose pages did not change (Pagefind has no incremental mode):
// one edited write-up re-indexes one shard.
//
// dist/pagefind/ then holds Pagefind's runtime (patched for shards:
// src/lib/search/pagefind-patch.ts), the first shard of each language at its
// root, every other shard in <lang>/<name>/, and per language the manifest
// shards-<lang>.json that the search page reads (src/client/sharded-search.ts).
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { facetTableFile } from '../lib/search/facet-table.ts';
import { placeIndex } from './index-folder.ts';
import { openWorkerPool, type WorkerPool } from '../lib/worker-threads.ts';
import { patchPagefindRuntime } from '../lib/search/pagefind-patch.ts';
import {
  concurrentRuns,
  estimatedIndexingMs,
  estimatedPeakMb,
  pagesByLocale,
} from '../lib/search/search-index-plan.ts';
import type { PagefindEntry, ShardInfo } from '../lib/search/search-merge.ts';
import {
  mergedIndexOf,
  planShards,
  shardKey,
  shardManifest,
  type Shard,
  type ShardPlan,
  type ShardRecord,
} from '../lib/search/search-shards.ts';
import { checkedWriteUps, type CheckedWriteUp } from './content-check.ts';
import { openFileFacts, type FileFacts } from './file-facts-cache.ts';
import { FRAGMENT_URLS_FILE } from './pagefind-fragment.ts';
import type { MergedIndexRunRequest } from './merged-index-run.ts';
import type { PagefindRunRequest } from './pagefind-run.ts';

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

/** Per fragment file of the search index this process wrote last (a path below dist/pagefind/): its page's URL. */
let fragmentUrls: Map<string, string> | undefined;
/**
 * The page URL of each shard fragment in dist/pagefind/, as the Pagefind run
 * that wrote it read it back (FRAGMENT_URLS_FILE), for the content audit;
 * undefined when this process wrote no index.
 */
export const searchFragmentUrls = (): ReadonlyMap<string, string> | undefined => fragmentUrls;

/** What a shard's cached index says of its fragments' URLs, by fragment path below `bundle` (none when it says nothing). */
function readFragmentUrls(cachedShard: string, bundle: string, into: Map<string, string>): void {
  let urls: Record<string, string>;
  try {
    urls = JSON.parse(readFileSync(path.join(cachedShard, FRAGMENT_URLS_FILE), 'utf8')) as Record<string, string>;
  } catch {
    return;
  }
  for (const [name, url] of Object.entries(urls)) into.set(path.join(bundle, 'fragment', name), url);
}

/** HTML files under dir, as paths relative to it, leaving out Pagefind's own folder. */
function htmlFiles(dir: string, relative = ''): string[] {
  // Astro removes its .prerender folder while this walks (the index starts at astro:build:generated):
  // a folder gone by the time it is read held no page.
  let entries;
  try {
    entries = readdirSync(path.join(dir, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return child === 'pagefind' ? [] : htmlFiles(dir, child);
    return entry.name.endsWith('.html') ? [child] : [];
  });
}

/** The sector filter a write-up page gives Pagefind (src/components/SearchFacets.astro), as bytes. */
const SECTOR_FILTER_OPEN = Buffer.from('<span data-pagefind-filter="sector">');
const SECTOR_FILTER_CLOSE = Buffer.from('</span>');
const INDEXED_MARK = Buffer.from('data-pagefind-body');

/** What the index needs of a built page: whether it is indexed, its sector filter, a hash of its HTML. */
interface PageFacts {
  indexed: boolean;
  sector: string | null;
  digest: string;
}

/** Bump when pageFacts changes what it reads from a page. */
const PAGE_FACTS_VERSION = 'page facts 2';

/**
 * Read from the page's bytes, not a decoded string: at 10,000 write-ups the
 * build reads 250 MB of pages here, and decoding them to text (then encoding
 * them again for the hash) was most of the cost.
 */
function pageFacts(bytes: Buffer): PageFacts {
  const open = bytes.indexOf(SECTOR_FILTER_OPEN);
  const start = open + SECTOR_FILTER_OPEN.length;
  const end = open < 0 ? -1 : bytes.indexOf('<', start);
  const closed = end >= 0 && bytes.subarray(end, end + SECTOR_FILTER_CLOSE.length).equals(SECTOR_FILTER_CLOSE);
  return {
    indexed: bytes.includes(INDEXED_MARK),
    sector: closed ? bytes.toString('utf8', start, end) : null,
    digest: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * The indexed pages of one language as shard records: id is the page's path,
 * sector its sector filter, digest a hash of the whole page (so anything the
 * index could hold changes it). Pages without data-pagefind-body are skipped;
 * an indexed page without a sector filter is a build error, not a silent drop.
 */
function shardRecords(site: string, files: readonly string[], pages: FileFacts<PageFacts>): ShardRecord[] {
  const records: ShardRecord[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const { indexed, sector, digest } = pages.get(path.join(site, file), file, pageFacts);
    if (!indexed) continue;
    if (sector === null) {
      problems.push(
        `dist/${file}: an indexed page without a sector filter; expected <span data-pagefind-filter="sector">`,
      );
      continue;
    }
    records.push({ id: file, sector, file: `dist/${file}`, digest });
  }
  if (problems.length > 0) throw new SearchIndexError(problems.join('\n'));
  return records;
}

let cachedVersion: string | undefined;
function pagefindVersion(): string {
  cachedVersion ??= (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }
  ).version;
  return cachedVersion;
}

/** Bump when what is handed to Pagefind, or how, changes: every shard is then indexed again. */
const INDEXING_VERSION = 'pages by the command line 1, facet table 1, fragment urls 1';

/** The worker threads of a build's search index, reused from run to run (openWorkerPool). */
interface IndexWorkers {
  shards: WorkerPool<PagefindRunRequest, string[]>;
  merges: WorkerPool<MergedIndexRunRequest, string[]>;
}

const openIndexWorkers = (): IndexWorkers => ({
  shards: openWorkerPool(new URL('./pagefind-run.ts', import.meta.url)),
  merges: openWorkerPool(new URL('./merged-index-run.ts', import.meta.url)),
});

/** Runs one request in a pool's worker, whose answer lists the problems (none when it went well). */
async function runInWorker<Request>(
  pool: WorkerPool<Request, string[]>,
  request: Request,
  what: string,
): Promise<void> {
  let problems: string[];
  try {
    problems = await pool.run(request);
  } catch (error) {
    throw new SearchIndexError(
      `the worker for ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (problems.length > 0) throw new SearchIndexError(`${what}: ${problems.join('\n')}`);
}

/** Runs Pagefind over one shard's pages into outputPath, in a worker (and a Pagefind process). */
function indexShard(workers: IndexWorkers, site: string, shard: Shard, outputPath: string): Promise<void> {
  const request: PagefindRunRequest = {
    site,
    files: shard.ids,
    outputPath,
    facetTableFile: facetTableFile(shard.lang),
  };
  return runInWorker(workers.shards, request, `search shard ${shard.name}`);
}

/**
 * Pagefind's chunk size for merged indexes: half its default (20,000). Measured
 * on 7,654 English pages: the metadata, loaded by every search, is 39 kB at
 * 20,000, 44 kB at 10,000 and 51 kB at 5,000, and the chunk a word needs 26, 14
 * and 8 kB; half the default costs a first search least (58 kB for both) and
 * each further word 14 kB.
 */
const MERGED_CHUNK_SIZE = 10_000;

/**
 * Merges a plan's cached shards into its merged index in the cache: written
 * aside and renamed, like a shard. The language's merged index of the last
 * build, still in the cache, lends its unchanged chunks.
 */
async function mergeIntoCache(
  workers: IndexWorkers,
  plan: ShardPlan,
  merged: ShardInfo,
  shardOutput: (shard: Shard) => string,
  output: string,
): Promise<void> {
  rmSync(`${output}.partial`, { recursive: true, force: true });
  const cacheDir = path.dirname(output);
  // Named "<lang>-all-<key>" (a shard of the single index, "<lang>-all-1of1-<key>", is not one).
  const previous = readdirSync(cacheDir).find(
    (name) => new RegExp(`^${merged.name}-[0-9a-f]{16}$`).test(name) && isCached(path.join(cacheDir, name)),
  );
  const request: MergedIndexRunRequest = {
    shards: plan.shards.map((shard) => ({ name: shard.name, folder: shardOutput(shard) })),
    outputPath: `${output}.partial`,
    facetTableFile: facetTableFile(plan.lang),
    chunkSize: MERGED_CHUNK_SIZE,
    previous: previous && path.join(cacheDir, previous),
  };
  await runInWorker(workers.merges, request, `the merged search index of ${plan.lang}`);
  renameSync(`${output}.partial`, output);
}

/** How the build shards, from the environment (the bench and the tests set these). */
function shardingFromEnvironment(): { single: boolean; pageLimit: number | undefined } {
  const mode = process.env.PACESETTER_SEARCH_SHARDS ?? '';
  if (mode !== '' && mode !== 'single' && mode !== 'sectors')
    throw new SearchIndexError(
      `PACESETTER_SEARCH_SHARDS is ${JSON.stringify(mode)}; expected "sectors" (the default) or "single"`,
    );
  const pages = process.env.PACESETTER_SEARCH_SHARD_PAGES ?? '';
  const pageLimit = Number(pages);
  if (pages !== '' && !(Number.isInteger(pageLimit) && pageLimit > 0))
    throw new SearchIndexError(
      `PACESETTER_SEARCH_SHARD_PAGES is ${JSON.stringify(pages)}; expected a whole number above 0`,
    );
  return { single: mode === 'single', pageLimit: pages === '' ? undefined : pageLimit };
}

/** Memory the machine can give without swapping (MemAvailable on Linux), in MB. */
function availableMemoryMb(): number {
  try {
    const kb = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // Not Linux: the free memory is the next best figure.
  }
  return freemem() / 1024 / 1024;
}

/** Runs the tasks, at most `limit` at a time. */
async function inBatches(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  const queue = [...tasks];
  const lane = async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, lane));
}

/** A shard's own index: its entry, its language metadata, its chunk folders and its facet table (not Pagefind's runtime). */
const isIndexFile = (name: string) =>
  name === 'pagefind-entry.json' ||
  name.endsWith('.pf_meta') ||
  ['index', 'filter', 'fragment'].includes(name) ||
  name.startsWith('pacesetter-facets.');

/** Where a shard's index is kept between builds: named by the shard and its content key. */
const cachedOutputOf = (cacheDir: string, name: string, key: string) => path.join(cacheDir, `${name}-${key}`);
const isCached = (output: string) => existsSync(path.join(output, 'pagefind-entry.json'));

/** Indexes a shard into the cache: written aside and renamed, so an interrupted build never leaves a half index to reuse. */
async function indexIntoCache(workers: IndexWorkers, site: string, shard: Shard, output: string): Promise<void> {
  rmSync(`${output}.partial`, { recursive: true, force: true });
  await indexShard(workers, site, shard, `${output}.partial`);
  renameSync(`${output}.partial`, output);
}

/** The file Astro writes for a page path: /zh/experiences/x/ → zh/experiences/x/index.html. */
const pageFile = (page: string) => `${page.replace(/^\//, '')}index.html`;

/**
 * Indexes shards while Astro is still writing pages. Page generation runs on one
 * core; a Pagefind run on the other turns that idle time into finished shards.
 * The shards are planned from the content check's write-ups (the same ids and
 * sectors the pages will carry); a shard is indexed once every one of its pages
 * has been written by this build and left alone for half a second (Astro writes
 * a page in one call; PACESETTER_SEARCH_POLL_MS=n makes that 2n ms). Its key is
 * computed from those pages exactly as after the build, so what this indexes is
 * only ever used through the cache, under a key the final plan computes again:
 * if anything differs, the shard is indexed after the build as before. One run
 * at a time, so that Astro keeps its core; the run under way when the last page
 * is written is waited for, not repeated.
 */
function indexBesidePages(options: {
  site: string;
  cacheDir: string;
  salt: string;
  sharding: { single: boolean; pageLimit: number | undefined };
  writeUps: readonly CheckedWriteUp[];
  /** How often to look at the written pages; a page counts as written after two such intervals. */
  pollMs: number;
  pages: FileFacts<PageFacts>;
  workers: IndexWorkers;
}): { finish: () => { inFlight: Map<string, Promise<void>>; indexed: () => number } } {
  const { site, cacheDir, salt, sharding } = options;
  const since = Date.now();
  const published = options.writeUps.filter((writeUp) => !writeUp.draft);
  const pending = [...Map.groupBy(published, (writeUp) => writeUp.lang)].flatMap(([lang, writeUps]) =>
    planShards(
      lang,
      writeUps.map((writeUp) => ({ id: pageFile(writeUp.page), sector: writeUp.sector, digest: '-' })),
      { ...sharding, salt },
    ).shards.map((shard) => ({ shard, written: 0 })),
  );
  /** The run under way, by its output folder: the build's end waits for it rather than indexing its shard again. */
  const inFlight = new Map<string, Promise<void>>();
  let running = false;
  let indexed = 0;
  /** Whether this build wrote the file, and has not touched it for two polls. */
  const settled = (file: string) => {
    const stat = statSync(path.join(site, file), { throwIfNoEntry: false });
    return stat !== undefined && stat.mtimeMs >= since && stat.mtimeMs <= Date.now() - 2 * options.pollMs;
  };
  const poll = () => {
    if (running) return;
    for (const entry of pending) {
      // Files already seen written are not looked at again.
      while (entry.written < entry.shard.ids.length && settled(entry.shard.ids[entry.written]!)) entry.written += 1;
      if (entry.written < entry.shard.ids.length) continue;
      pending.splice(pending.indexOf(entry), 1);
      const records = shardRecords(site, entry.shard.ids, options.pages);
      const output = cachedOutputOf(cacheDir, entry.shard.name, shardKey(entry.shard.name, records, salt));
      if (records.length !== entry.shard.ids.length || isCached(output)) return;
      running = true;
      mkdirSync(cacheDir, { recursive: true });
      inFlight.set(
        output,
        indexIntoCache(options.workers, site, entry.shard, output)
          .then(() => void (indexed += 1))
          // A failed early run is not an error: the shard is indexed after the build.
          .catch(() => undefined)
          .finally(() => {
            running = false;
            inFlight.delete(output);
          }),
      );
      return;
    }
  };
  const timer = setInterval(() => {
    try {
      poll();
    } catch {
      // Reading a page that is being replaced can fail; the next poll, or the build's end, retries.
    }
  }, options.pollMs);
  timer.unref();
  return {
    finish: () => {
      clearInterval(timer);
      return { inFlight: new Map(inFlight), indexed: () => indexed };
    },
  };
}

export function searchIndex(): AstroIntegration {
  let cacheDir = '';
  let defaultLocale = 'en';
  let prefixedLocales: string[] = [];
  let sharding = { single: false, pageLimit: undefined as number | undefined };
  let outDir = '';
  let besidePages: ReturnType<typeof indexBesidePages> | undefined;
  let afterPages: Promise<string> | undefined;
  let pageFactsFile = '';
  let pages: FileFacts<PageFacts> | undefined;
  let indexWorkers: IndexWorkers | undefined;
  const salt = `pagefind ${pagefindVersion()}\0${INDEXING_VERSION}`;
  /** Plans the shards from the built pages, indexes those not in the cache and assembles dist/pagefind/; resolves to the log line. */
  const indexAfterPages = async (site: string): Promise<string> => {
    const early = besidePages?.finish();
    besidePages = undefined;
    const workers = indexWorkers ?? openIndexWorkers();
    indexWorkers = undefined;
    const started = Date.now();
    const facts = (pages ??= openFileFacts(pageFactsFile, PAGE_FACTS_VERSION));
    const plans = [...pagesByLocale(htmlFiles(site), defaultLocale, prefixedLocales)]
      .sort(([a], [b]) => (a === defaultLocale ? -1 : b === defaultLocale ? 1 : a < b ? -1 : 1))
      .map(([locale, files]) => planShards(locale, shardRecords(site, files, facts), { salt, ...sharding }))
      .filter((plan) => plan.shards.length > 0);
    facts.save();
    pages = undefined;
    const shards = plans.flatMap((plan) => plan.shards);

    const cachedOutput = (shard: Shard) => cachedOutputOf(cacheDir, shard.name, shard.key);
    const inFlight = early?.inFlight ?? new Map<string, Promise<void>>();
    const isRunning = (shard: Shard) => inFlight.has(cachedOutput(shard));
    // The shards still running beside pages go first, so that each takes one of the lanes below;
    // then the longest first, so that no long run is left alone on one core at the end.
    const cost = (shard: Shard) => estimatedIndexingMs(shard.lang, shard.pages);
    const toIndex = shards
      .filter((shard) => !isCached(cachedOutput(shard)))
      .sort((a, b) => Number(isRunning(b)) - Number(isRunning(a)) || cost(b) - cost(a));
    const runs = concurrentRuns(
      toIndex.map((shard) => estimatedPeakMb(shard.lang, shard.pages)),
      availableMemoryMb(),
      availableParallelism(),
      process.env.PACESETTER_SEARCH_INDEX_RUNS,
    );
    mkdirSync(cacheDir, { recursive: true });
    let slowest = 0;
    let indexedAfter = 0;
    /** Per shard left to index: settled once it is in the cache (or its run failed). */
    const inCache = new Map(toIndex.map((shard) => [shard, Promise.withResolvers<void>()]));
    const indexing = inBatches(
      toIndex.map((shard) => async () => {
        const done = inCache.get(shard)!;
        try {
          const output = cachedOutput(shard);
          await inFlight.get(output);
          if (!isCached(output)) {
            const began = Date.now();
            await indexIntoCache(workers, site, shard, output);
            indexedAfter += 1;
            slowest = Math.max(slowest, Date.now() - began);
          }
          done.resolve();
        } catch (error) {
          done.reject(error);
          throw error;
        }
      }),
      runs,
    );
    for (const { promise } of inCache.values()) promise.catch(() => undefined);
    // Each language's merged index, made as soon as the language's last shard is indexed:
    // the Chinese shards, mostly indexed beside the pages, merge while English ones still index.
    const merges = plans.flatMap((plan) => {
      const merged = mergedIndexOf(plan);
      return merged ? [{ plan, merged, output: path.join(cacheDir, `${merged.name}-${merged.key}`) }] : [];
    });
    const mergedNow = merges.filter(({ output }) => !isCached(output));
    let mergingMs = 0;
    try {
      await Promise.all([
        indexing,
        ...mergedNow.map(async ({ plan, merged, output }) => {
          await Promise.all(plan.shards.flatMap((shard) => inCache.get(shard)?.promise ?? []));
          const began = Date.now();
          await mergeIntoCache(workers, plan, merged, cachedOutput, output);
          mergingMs = Math.max(mergingMs, Date.now() - began);
        }),
      ]);
    } finally {
      // A run beside pages for a shard the final plan does not index (it never fails) ends first.
      await Promise.all(inFlight.values());
      await Promise.all([workers.shards.close(), workers.merges.close()]);
    }
    // Only the shards of this build are kept: a shard whose key changed leaves its old output behind.
    const current = new Set([
      ...shards.map((shard) => path.basename(cachedOutput(shard))),
      ...merges.map(({ output }) => path.basename(output)),
    ]);
    for (const old of readdirSync(cacheDir))
      if (!current.has(old)) rmSync(path.join(cacheDir, old), { recursive: true, force: true });

    const outputFolder = path.join(site, 'pagefind');
    const languages = plans.map((plan) => ({
      plan,
      manifest: shardManifest(plan),
      merge: merges.find((candidate) => candidate.plan === plan),
    }));
    placeIndex(
      outputFolder,
      languages.flatMap(({ plan, manifest, merge }) => [
        // The first shard brings Pagefind's runtime (every run writes the same one); the others only their index.
        ...plan.shards.map((shard, index) => ({
          folder: manifest.shards[index]!.path,
          source: cachedOutput(shard),
          include: index === 0 ? (name: string) => name !== FRAGMENT_URLS_FILE : isIndexFile,
        })),
        ...(merge && manifest.merged
          ? [{ folder: manifest.merged.path, source: merge.output, include: isIndexFile }]
          : []),
      ]),
    );
    const entry: PagefindEntry = { version: pagefindVersion(), languages: {} };
    const urls = new Map<string, string>();
    for (const { plan, manifest, merge } of languages) {
      plan.shards.forEach((shard, index) => {
        readFragmentUrls(cachedOutput(shard), manifest.shards[index]!.path, urls);
        const shardEntry = JSON.parse(
          readFileSync(path.join(cachedOutput(shard), 'pagefind-entry.json'), 'utf8'),
        ) as PagefindEntry;
        // The search page merges the other shards with their entry in hand, rather than fetching it.
        if (index > 0) {
          manifest.shards[index]!.entry = shardEntry;
          return;
        }
        Object.assign(entry.languages, shardEntry.languages);
        entry.include_characters ??= shardEntry.include_characters;
      });
      if (merge && manifest.merged) {
        manifest.merged.entry = JSON.parse(
          readFileSync(path.join(merge.output, 'pagefind-entry.json'), 'utf8'),
        ) as PagefindEntry;
      }
      writeFileSync(path.join(outputFolder, `shards-${plan.lang}.json`), JSON.stringify(manifest));
    }
    if (plans.length > 0) {
      // Linked files are the cache's own: replace the links, never write through them.
      const replace = (file: string, text: string) => {
        rmSync(path.join(outputFolder, file), { force: true });
        writeFileSync(path.join(outputFolder, file), text);
      };
      // The root entry lists every language's first shard, as one Pagefind run over all of them would.
      replace('pagefind-entry.json', JSON.stringify(entry));
      for (const file of ['pagefind.js', 'pagefind-worker.js'])
        replace(
          file,
          patchPagefindRuntime(readFileSync(path.join(outputFolder, file), 'utf8'), `dist/pagefind/${file}`),
        );
    }
    fragmentUrls = urls;
    const perLanguage = plans.map(
      (plan) =>
        `${plan.lang}: ${plan.shards.reduce((sum, shard) => sum + shard.pages, 0)} page(s) in ${plan.shards.length} shard(s)`,
    );
    const indexedBesidePages = early?.indexed() ?? 0;
    const indexed = indexedBesidePages + indexedAfter;
    const reusedFromLastBuild = shards.length - indexed;
    return (
      `Search index written in ${Date.now() - started} ms (${perLanguage.join(', ') || 'no pages'})` +
      (indexed > 0
        ? `; ${indexed} shard(s) indexed: ${indexedBesidePages} while pages were written, ` +
          `${indexedAfter} after (${runs} at a time, the slowest in ${slowest} ms)`
        : '') +
      (reusedFromLastBuild > 0 ? `; ${reusedFromLastBuild} unchanged shard(s) reused from the last build` : '') +
      (mergedNow.length > 0
        ? `; merged index(es) of ${mergedNow.map(({ plan }) => plan.lang).join(', ')} written, the slowest in ${mergingMs} ms.`
        : merges.length > 0
          ? `; merged index(es) of ${merges.map(({ plan }) => plan.lang).join(', ')} reused.`
          : '.')
    );
  };
  return {
    name: 'pacesetter:search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        // Read before any page is built, so that a wrong setting costs no build.
        sharding = shardingFromEnvironment();
        cacheDir = path.join(fileURLToPath(config.cacheDir), 'search-index');
        // Beside that folder, which keeps only the current shards.
        pageFactsFile = path.join(fileURLToPath(config.cacheDir), 'search-page-facts.json');
        outDir = fileURLToPath(config.outDir);
        const i18n = config.i18n;
        defaultLocale = i18n?.defaultLocale ?? defaultLocale;
        prefixedLocales = (i18n?.locales ?? [])
          .map((locale) => (typeof locale === 'string' ? locale : locale.path))
          .filter((locale) => locale !== i18n?.defaultLocale);
      },
      'astro:build:start': () => {
        fragmentUrls = undefined;
        pages = openFileFacts(pageFactsFile, PAGE_FACTS_VERSION);
        indexWorkers = openIndexWorkers();
        // Started while Astro bundles and renders, so that a rebuild's one shard and its
        // language's merge do not each wait for a worker to load its modules first.
        indexWorkers.shards.start();
        indexWorkers.merges.start();
        besidePages = indexBesidePages({
          site: outDir,
          cacheDir,
          salt,
          sharding,
          writeUps: checkedWriteUps() ?? [],
          // The tests look more often, so that their small sites have time to index beside pages.
          pollMs: Number(process.env.PACESETTER_SEARCH_POLL_MS) || 250,
          pages,
          workers: indexWorkers,
        });
      },
      // Right after the last page, before other integrations' build:done hooks (the sitemap's), so
      // that the shards left run beside them. Its errors reach the build in build:done.
      'astro:build:generated': ({ dir }) => {
        afterPages = indexAfterPages(fileURLToPath(dir));
        afterPages.catch(() => undefined);
      },
      'astro:build:done': async ({ dir, logger }) => {
        logger.info(await (afterPages ?? indexAfterPages(fileURLToPath(dir))));
        afterPages = undefined;
      },
    },
  };
}
