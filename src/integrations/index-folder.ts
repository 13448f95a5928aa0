// Puts the search index into dist/pagefind/ as hard links to the shards and
// merged indexes kept in Astro's cache (src/integrations/search-index.ts).
//
// A rebuild after one edit changes one shard and its language's merged index;
// the other folders a finished build left in dist/pagefind/ (src/integrations/
// kept-pages.ts keeps them) already hold links to the same cached files, so
// they stay as they are. At 10,000 write-ups that is about 24,000 files a
// rebuild no longer deletes and links again (1.3 s of the build's thread).
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** One index to place: the files of `source` (those `include` accepts, by name at its top) into `folder`. */
export interface IndexBundle {
  /** Below dist/pagefind/, with "/" ("en/en-agriculture-2of2/"); "" for the root, beside Pagefind's runtime. */
  folder: string;
  source: string;
  include: (name: string) => boolean;
}

/**
 * Puts every file of `from` into `to` as a hard link (20,000 files at 10,000
 * write-ups: linking is several times faster than copying), or as a copy where
 * the two folders are on different file systems. The cache never changes a file
 * in place, so the link is as good as a copy.
 */
export function linkTree(from: string, to: string, include: (name: string) => boolean = () => true): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (!include(entry.name)) continue;
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

const entryCount = (folder: string) => (existsSync(folder) ? readdirSync(folder).length : 0);

/**
 * Whether `target` was linked from `source` and is whole: its entry file is the
 * very file of the cache (the same inode), and each of its chunk folders holds as
 * many files. A folder copied rather than linked, or touched since, is placed again.
 */
function linkedFrom(source: string, target: string): boolean {
  const original = statSync(path.join(source, 'pagefind-entry.json'), { throwIfNoEntry: false });
  const placed = statSync(path.join(target, 'pagefind-entry.json'), { throwIfNoEntry: false });
  return (
    original !== undefined &&
    placed !== undefined &&
    original.ino === placed.ino &&
    original.dev === placed.dev &&
    ['fragment', 'index', 'filter'].every(
      (folder) => entryCount(path.join(source, folder)) === entryCount(path.join(target, folder)),
    )
  );
}

/** Deletes everything below `dir` except the `keep` folders and what leads to them (paths relative to the index). */
function removeAllBut(dir: string, relative: string, keep: ReadonlySet<string>, leadingTo: ReadonlySet<string>) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && keep.has(name)) continue;
    if (entry.isDirectory() && leadingTo.has(name)) removeAllBut(full, name, keep, leadingTo);
    else rmSync(full, { recursive: true, force: true });
  }
}

/**
 * Makes `outputFolder` hold exactly `bundles`: a bundle folder that already holds
 * links to its source stays; every other folder is placed afresh; the root (the
 * first shards and Pagefind's runtime) is always placed again; anything else is
 * deleted. Returns how many bundle folders stayed.
 */
export function placeIndex(outputFolder: string, bundles: readonly IndexBundle[]): number {
  if (bundles.length === 0) {
    rmSync(outputFolder, { recursive: true, force: true });
    return 0;
  }
  const own = bundles
    .filter((bundle) => bundle.folder !== '')
    .map((bundle) => ({ ...bundle, folder: bundle.folder.replace(/\/+$/, '') }));
  const kept = new Set(own.filter((bundle) => linkedFrom(bundle.source, path.join(outputFolder, bundle.folder))));
  const leadingTo = new Set(
    own.flatMap(({ folder }) => {
      const parts = folder.split('/');
      return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('/'));
    }),
  );
  mkdirSync(outputFolder, { recursive: true });
  removeAllBut(outputFolder, '', new Set([...kept].map((bundle) => bundle.folder)), leadingTo);
  for (const bundle of own)
    if (!kept.has(bundle)) linkTree(bundle.source, path.join(outputFolder, bundle.folder), bundle.include);
  for (const bundle of bundles) if (bundle.folder === '') linkTree(bundle.source, outputFolder, bundle.include);
  return kept.size;
}
