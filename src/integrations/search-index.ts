// Writes the Pagefind search index into dist/pagefind/ at the end of every build,
// so `npm run build` is the only step. Pagefind reads the built HTML: write-up
// pages mark their article with data-pagefind-body, which makes Pagefind skip
// every page without it (home, sectors, search…), and the write-up template adds
// the filters, meta and sort keys (src/components/SearchFacets.astro). Pagefind
// builds one index per <html lang>, so Chinese pages get their own index.
//
// Each language is a Pagefind run of its own (src/lib/search/search-index-plan.ts says
// why and how many run at once), in a worker thread so that two can run side by
// side. Their outputs are merged into one bundle: the chunk files have
// content-hashed names and pagefind-entry.json lists every language. Each
// language's output is kept in Astro's cache under a hash of that language's
// pages, so a build whose Chinese pages did not change reuses the Chinese index
// instead of rebuilding it (Pagefind has no incremental mode).
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { concurrentRuns, estimatedPeakMb, globFor, pagesByLocale } from '../lib/search/search-index-plan.ts';
import type { PagefindRunRequest } from './pagefind-run.ts';

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

/** The part of pagefind-entry.json this integration merges. */
interface PagefindEntry {
  version: string;
  languages: Record<string, { page_count: number }>;
  include_characters?: string[];
}

/** HTML files under dir, as paths relative to it, leaving out Pagefind's own folder. */
function htmlFiles(dir: string, relative = ''): string[] {
  return readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return child === 'pagefind' ? [] : htmlFiles(dir, child);
    return entry.name.endsWith('.html') ? [child] : [];
  });
}

interface Group {
  locale: string;
  files: string[];
  hash: string;
  /** Pages Pagefind will index: those with data-pagefind-body. */
  indexed: number;
}

/** Reads a group's pages once: how many are indexed, and the hash its index depends on. */
function describeGroup(site: string, locale: string, files: string[]): Group {
  const hash = createHash('sha256').update(`pagefind ${pagefindVersion()}\0`);
  let indexed = 0;
  for (const file of files) {
    const html = readFileSync(path.join(site, file));
    if (html.includes('data-pagefind-body')) indexed += 1;
    hash.update(file).update('\0').update(html).update('\0');
  }
  return { locale, files, hash: hash.digest('hex').slice(0, 16), indexed };
}

let cachedVersion: string | undefined;
function pagefindVersion(): string {
  cachedVersion ??= (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }
  ).version;
  return cachedVersion;
}

/** Runs Pagefind over one group of pages into outputPath, in a worker (and a Pagefind process) of its own. */
function indexGroup(site: string, group: Group, outputPath: string): Promise<void> {
  const request: PagefindRunRequest = { site, glob: globFor(group.files), outputPath };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pagefind-run.ts', import.meta.url), { workerData: request });
    worker.once('message', (problems: string[]) => {
      if (problems.length === 0) resolve();
      else reject(new SearchIndexError(problems.join('\n')));
    });
    worker.once('error', reject);
    // After a message this is a no-op; without one, the worker died before it could answer.
    worker.once('exit', (code) => {
      reject(new SearchIndexError(`the Pagefind worker for ${group.locale} stopped (code ${code}) without a result`));
    });
  });
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

/**
 * Puts every file of `from` into `to` as a hard link (20,000 files at 10,000
 * write-ups: linking is several times faster than copying), or as a copy where
 * the two folders are on different file systems. The cache never changes a file
 * in place, so the link is as good as a copy.
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      linkTree(source, target);
      continue;
    }
    rmSync(target, { force: true });
    try {
      linkSync(source, target);
    } catch {
      copyFileSync(source, target);
    }
  }
}

export function searchIndex(): AstroIntegration {
  let cacheDir = '';
  let defaultLocale = 'en';
  let prefixedLocales: string[] = [];
  return {
    name: 'pacesetter:search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), 'search-index');
        const i18n = config.i18n;
        defaultLocale = i18n?.defaultLocale ?? defaultLocale;
        prefixedLocales = (i18n?.locales ?? [])
          .map((locale) => (typeof locale === 'string' ? locale : locale.path))
          .filter((locale) => locale !== i18n?.defaultLocale);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = Date.now();
        const groups = [...pagesByLocale(htmlFiles(site), defaultLocale, prefixedLocales)]
          .map(([locale, files]) => describeGroup(site, locale, files))
          // Without data-pagefind-body anywhere in a run, Pagefind would index every page of it.
          .filter((group) => group.indexed > 0);

        const cachedOutput = (group: Group) => path.join(cacheDir, `${group.locale}-${group.hash}`);
        const reused = groups.filter((group) => existsSync(path.join(cachedOutput(group), 'pagefind-entry.json')));
        const toIndex = groups.filter((group) => !reused.includes(group));
        const runs = concurrentRuns(
          toIndex.map((group) => estimatedPeakMb(group.locale, group.indexed)),
          availableMemoryMb(),
          availableParallelism(),
          process.env.PACESETTER_SEARCH_INDEX_RUNS,
        );
        await inBatches(
          toIndex.map((group) => async () => {
            const cached = cachedOutput(group);
            // Only the newest index per locale is kept.
            for (const old of existsSync(cacheDir) ? readdirSync(cacheDir) : [])
              if (old.startsWith(`${group.locale}-`))
                rmSync(path.join(cacheDir, old), { recursive: true, force: true });
            mkdirSync(cacheDir, { recursive: true });
            // Written aside and renamed, so an interrupted build never leaves a half index to reuse.
            const began = Date.now();
            await indexGroup(site, group, `${cached}.partial`);
            renameSync(`${cached}.partial`, cached);
            logger.info(`${group.locale}: ${group.indexed} page(s) indexed in ${Date.now() - began} ms`);
          }),
          runs,
        );

        const outputFolder = path.join(site, 'pagefind');
        rmSync(outputFolder, { recursive: true, force: true });
        const entry: PagefindEntry = { version: pagefindVersion(), languages: {} };
        for (const group of groups) {
          // Every run writes the same pagefind.js and wasm files; the chunks have content-hashed names.
          linkTree(cachedOutput(group), outputFolder);
          const groupEntry = JSON.parse(
            readFileSync(path.join(cachedOutput(group), 'pagefind-entry.json'), 'utf8'),
          ) as PagefindEntry;
          Object.assign(entry.languages, groupEntry.languages);
          entry.include_characters ??= groupEntry.include_characters;
        }
        if (groups.length > 0) {
          // The linked entry file is the cache's own: replace the link, never write through it.
          const entryFile = path.join(outputFolder, 'pagefind-entry.json');
          rmSync(entryFile, { force: true });
          writeFileSync(entryFile, JSON.stringify(entry));
        }
        const perLanguage = Object.entries(entry.languages).map(([lang, { page_count }]) => `${lang}: ${page_count}`);
        logger.info(
          `Search index written in ${Date.now() - started} ms (${perLanguage.join(', ') || 'no pages'})` +
            (toIndex.length > 1 ? `; ${toIndex.length} languages indexed, ${runs} at a time` : '') +
            (reused.length > 0
              ? `; unchanged, reused from the last build: ${reused.map((group) => group.locale).join(', ')}.`
              : '.'),
        );
      },
    },
  };
}
