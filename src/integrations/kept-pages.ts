// Rebuilds keep in dist/ the pages Astro reuses, instead of copying them back.
//
// Astro empties dist/ before every build, so each page its incremental build
// reuses (experimental.incrementalBuild, cache keys in src/site-data/routes.ts)
// is copied back from its cache: at 10,000 write-ups that copying was 15 s of a
// 44 s rebuild. This integration turns the emptying off and does it itself,
// keeping only what Astro's own manifest says a reuse may need:
//
// - astro:build:start: everything in dist/ is deleted except the keyed pages of
//   the last build's manifest (incremental-build.json), and only if that build
//   finished (the marker below): a failed build may have left pages that no
//   manifest describes. Assets, feeds and every page without a key are written
//   again by this build; the search index's folder is left to the search index
//   (`folders`), which keeps what of it did not change. A kept page missing from dist/ (a CI job
//   that restored only .astro/cache) is hard-linked from Astro's own copy of it in
//   the cache, which costs no copying; Astro copies it back when linking fails.
// - astro:build:generated (registered first, so that later integrations see the
//   final dist/: the search index plans its shards in this hook): a kept page this
//   build neither reused nor wrote (its write-up was deleted or renamed, or its
//   list page no longer exists) is deleted. Astro has written its manifest by then.
// - astro:build:done: the build is marked finished.
import type { AstroIntegration } from 'astro';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The output files (relative to dist/, with "/") that a manifest of Astro's incremental build records. */
function keyedOutputs(manifestFile: string): Set<string> {
  if (!existsSync(manifestFile)) return new Set();
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      routes?: Record<string, { paths?: Record<string, { outputFile?: unknown }> }>;
    };
    return new Set(
      Object.values(manifest.routes ?? {}).flatMap((route) =>
        Object.values(route.paths ?? {}).flatMap((entry) =>
          typeof entry.outputFile === 'string' && safeRelative(entry.outputFile) ? [entry.outputFile] : [],
        ),
      ),
    );
  } catch {
    // An unreadable manifest keeps nothing: the build is a full one.
    return new Set();
  }
}

/** A path inside dist/: relative, no "..", no absolute or drive part. */
const safeRelative = (file: string) =>
  file.length > 0 && !file.startsWith('/') && !file.includes('\\') && !file.split('/').includes('..');

/**
 * Deletes every file under `dir` whose path (relative, with "/") is not in `keep`,
 * and the folders left empty; the top-level `folders` are left whole.
 */
function emptyExcept(dir: string, keep: ReadonlySet<string>, folders: readonly string[] = [], relative = ''): number {
  if (!existsSync(dir)) return 0;
  let kept = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
    const full = path.join(dir, entry.name);
    if (relative === '' && entry.name === '.git') continue; // as Astro's own emptying does
    if (relative === '' && entry.isDirectory() && folders.includes(entry.name)) {
      kept += 1;
      continue;
    }
    if (entry.isDirectory()) {
      const inside = emptyExcept(full, keep, [], name);
      kept += inside;
      if (inside === 0) rmdirSync(full);
    } else if (keep.has(name)) kept += 1;
    else rmSync(full, { force: true });
  }
  return kept;
}

/**
 * Hard-links each of `files` missing from `dir` from its copy under `copies`
 * (Astro's incremental cache keeps one of every keyed page). Astro writes a page
 * it renders again over the same file, which leaves the link and its copy equal.
 */
function linkMissing(dir: string, copies: string, files: Iterable<string>): void {
  const folders = new Set<string>();
  for (const file of files) {
    const target = path.join(dir, file);
    if (existsSync(target)) continue;
    const folder = path.dirname(target);
    try {
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      linkSync(path.join(copies, file), target);
    } catch {
      // No copy, or another device: Astro restores the page by copying, or renders it.
    }
  }
}

/** Deletes `file` under `dir` and the folders it leaves empty, up to `dir`. */
function removeWithEmptyFolders(dir: string, file: string) {
  rmSync(path.join(dir, file), { force: true });
  for (let folder = path.dirname(file); folder !== '.'; folder = path.dirname(folder)) {
    const full = path.join(dir, folder);
    if (!existsSync(full) || readdirSync(full).length > 0) break;
    rmdirSync(full);
  }
}

/**
 * `folders`: top-level folders of dist/ that another integration brings up to date
 * itself (the search index's `pagefind`: src/integrations/index-folder.ts). After a
 * finished build they are left as they are; after a failed one, emptied with the rest.
 */
export function keptPages({ folders = [] }: { folders?: readonly string[] } = {}): AstroIntegration {
  let outDir = '';
  let manifestFile = '';
  let finishedMarker = '';
  let cachedPages = '';
  let kept = new Set<string>();
  let started = 0;
  return {
    name: 'pacesetter:kept-pages',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        const cacheDir = fileURLToPath(config.cacheDir);
        manifestFile = path.join(cacheDir, 'incremental-build.json');
        finishedMarker = path.join(cacheDir, 'kept-pages-finished');
        // Where Astro's incremental build keeps its copy of each keyed page (astro/dist/core/build/incremental.js).
        cachedPages = path.join(cacheDir, 'dist');
      },
      'astro:build:start': () => {
        started = Date.now();
        const finished = existsSync(finishedMarker);
        kept = finished ? keyedOutputs(manifestFile) : new Set();
        rmSync(finishedMarker, { force: true });
        emptyExcept(outDir, kept, finished ? folders : []);
        linkMissing(outDir, cachedPages, kept);
      },
      'astro:build:generated': ({ logger }) => {
        const keyed = keyedOutputs(manifestFile);
        // Written by this build (a page that lost its key is rendered again) means current.
        const stale = [...kept].filter((file) => {
          if (keyed.has(file)) return false;
          const stat = statSync(path.join(outDir, file), { throwIfNoEntry: false });
          return stat !== undefined && stat.mtimeMs < started;
        });
        for (const file of stale) removeWithEmptyFolders(outDir, file);
        if (stale.length > 0) logger.info(`${stale.length} page(s) of the last build no longer built: removed.`);
      },
      'astro:build:done': () => {
        writeFileSync(finishedMarker, `${new Date().toISOString()}\n`);
      },
    },
  };
}
