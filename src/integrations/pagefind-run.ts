// One Pagefind run over one shard per request, in a worker thread so that the
// build's thread stays free while it reads back what Pagefind wrote
// (src/integrations/search-index.ts, which reuses the worker for the next
// shard). Plain TypeScript that Node runs directly: the worker is not bundled.
//
// The run is Pagefind's own command line over a folder that holds only the
// shard's pages, as hard links at their paths in dist/ (so each page keeps its
// URL), rather than the pagefind package's service fed page by page: the same
// pages give the same fragments, for about a fifth less CPU (800 English
// pages: 5.1 against 6.2 s; 250 Chinese: 4.9 against 6.6 s; docs/performance.md).
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { facetTable, type FacetPage } from '../lib/search/facet-table.ts';
import { FRAGMENT_URLS_FILE, readFragment } from './pagefind-fragment.ts';

export interface PagefindRunRequest {
  site: string;
  /** The pages of this shard, relative to `site` ("experiences/x/index.html"). */
  files: string[];
  outputPath: string;
  /** The name of the facet table written beside the index (src/lib/search/facet-table.ts). */
  facetTableFile: string;
}

/**
 * Pagefind's extended binary, which segments Chinese text, as the pagefind
 * package finds it: its platform package, or PAGEFIND_EXTENDED_BINARY_PATH.
 */
export function pagefindBinary(): string {
  const override = process.env.PAGEFIND_EXTENDED_BINARY_PATH;
  if (override) return override;
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const executable = platform === 'windows' ? 'pagefind_extended.exe' : 'pagefind_extended';
  // Resolved from the pagefind package, which depends on the platform packages.
  return createRequire(import.meta.resolve('pagefind')).resolve(
    `@pagefind/${platform}-${process.arch}/bin/${executable}`,
  );
}

/**
 * Settings for the memory allocator Pagefind's binary is linked with (jemalloc,
 * which reads them from `_RJEM_MALLOC_CONF`): back its memory with huge pages and
 * keep what it freed for reuse. On this kind of virtual machine every first touch
 * of a 4 kB page leaves the guest; an 800-page English shard took 102,000 page
 * faults and 5.4 s of CPU; with these settings 5,500 faults and 3.5–4.3 s, for
 * 10% more resident memory and the same files (docs/performance.md). Where the
 * kernel offers no huge pages on request, or the binary is not Linux's, they
 * change nothing.
 */
export const PAGEFIND_ALLOCATOR_SETTINGS = 'thp:always,metadata_thp:always,dirty_decay_ms:-1,muzzy_decay_ms:-1';

/**
 * The environment of a Pagefind run: settings come from the command line alone
 * (no PAGEFIND_* variable), and the allocator gets PAGEFIND_ALLOCATOR_SETTINGS
 * unless the maintainer set `_RJEM_MALLOC_CONF` themselves.
 */
export function pagefindEnvironment(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    _RJEM_MALLOC_CONF: PAGEFIND_ALLOCATOR_SETTINGS,
    ...Object.fromEntries(Object.entries(environment).filter(([name]) => !name.toUpperCase().startsWith('PAGEFIND_'))),
  };
}

/** Puts each page into `folder` at its own path, as a hard link (a copy across file systems). */
function stagePages(site: string, files: readonly string[], folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(folder, file);
    mkdirSync(path.dirname(target), { recursive: true });
    try {
      linkSync(path.join(site, file), target);
    } catch {
      copyFileSync(path.join(site, file), target);
    }
  }
}

/**
 * Each indexed page's filters and URL, read back from the fragments Pagefind
 * wrote (a fragment is named by the page's result id), so the facet table holds
 * exactly what Pagefind stored.
 */
function writtenPages(outputPath: string): (FacetPage & { url: string })[] {
  const folder = path.join(outputPath, 'fragment');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.pf_fragment'))
    .map((name) => {
      const fragment = readFragment(readFileSync(path.join(folder, name)));
      return {
        id: name.slice(0, -'.pf_fragment'.length),
        filters: fragment.filters ?? {},
        url: fragment.url,
      };
    });
}

function run({ site, files, outputPath, facetTableFile }: PagefindRunRequest): string[] {
  const staged = `${outputPath}.site`;
  try {
    stagePages(site, files, staged);
    const result = spawnSync(pagefindBinary(), ['--site', staged, '--output-path', outputPath, '--silent'], {
      // The staged folder as the working directory, where no pagefind.yml can be.
      cwd: staged,
      env: pagefindEnvironment(process.env),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) return [`Pagefind could not start: ${result.error.message}`];
    if (result.status !== 0)
      return [
        `Pagefind stopped (exit ${result.status ?? result.signal}):`,
        result.stderr.trim() || result.stdout.trim(),
      ];
    const pages = writtenPages(outputPath);
    // One fragment per page; anything else (Pagefind grouping fragments, say) would leave pages uncounted.
    if (pages.length !== files.length)
      return [`Pagefind wrote ${pages.length} page fragment(s) for ${files.length} page(s); expected one per page`];
    writeFileSync(path.join(outputPath, facetTableFile), gzipSync(JSON.stringify(facetTable(pages))));
    writeFileSync(
      path.join(outputPath, FRAGMENT_URLS_FILE),
      JSON.stringify(Object.fromEntries(pages.map(({ id, url }) => [`${id}.pf_fragment`, url]))),
    );
    return [];
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

// One answer per request: the problems, empty when the run went well.
parentPort?.on('message', (request: PagefindRunRequest) => {
  try {
    parentPort?.postMessage(run(request));
  } catch (error) {
    parentPort?.postMessage([String(error)]);
  }
});
