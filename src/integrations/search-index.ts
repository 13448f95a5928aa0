// Writes the Pagefind search index into dist/pagefind/ at the end of every build,
// so `npm run build` is the only step. Pagefind reads the built HTML: write-up
// pages mark their article with data-pagefind-body, which makes Pagefind skip
// every page without it (home, sectors, search…), and the write-up template adds
// the filters, meta and sort keys (src/components/SearchFacets.astro). Pagefind
// builds one index per <html lang>, so Chinese pages get their own index.
//
// Why one Pagefind run per language, one after the other (docs/performance.md):
// Pagefind holds the whole index in memory while it builds it — 5.9 GB for
// 10,000 write-ups in one run, 4.1 GB at most when each language runs alone —
// and it already uses both cores, so running them side by side saves no time.
// Each language's output is kept in Astro's cache under a hash of that
// language's pages: a build whose Chinese pages did not change reuses the
// Chinese index instead of rebuilding it (Pagefind has no incremental mode).
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
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

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

/**
 * The built pages, split by the locale whose URL prefix they sit under
 * ("zh/…" → zh); everything else belongs to the default locale.
 */
export function pagesByLocale(files: readonly string[], prefixedLocales: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const locale = prefixedLocales.find((prefix) => file.startsWith(`${prefix}/`)) ?? '';
    groups.set(locale, [...(groups.get(locale) ?? []), file]);
  }
  return groups;
}

/**
 * Pagefind's glob for these files, relative to the site folder: per top-level
 * folder rather than per file, so that it stays short at 10,000 pages. A group
 * owns its top-level folders whole (a locale's prefix, or everything else).
 */
export function globFor(files: readonly string[]): string {
  const parts = [...new Set(files.map((file) => (file.includes('/') ? `${file.split('/')[0]}/**/*.html` : file)))];
  return parts.length === 1 ? parts[0]! : `{${parts.join(',')}}`;
}

interface Group {
  name: string;
  files: string[];
  hash: string;
  indexable: boolean;
}

/** Reads a group's pages once: whether any is indexable, and the hash its index depends on. */
function describeGroup(site: string, name: string, files: string[]): Group {
  const hash = createHash('sha256').update(`pagefind ${pagefindVersion()}\0`);
  let indexable = false;
  for (const file of files) {
    const html = readFileSync(path.join(site, file));
    // Without data-pagefind-body anywhere in a run, Pagefind would index every page of it.
    indexable ||= html.includes('data-pagefind-body');
    hash.update(file).update('\0').update(html).update('\0');
  }
  return { name, files, hash: hash.digest('hex').slice(0, 16), indexable };
}

let cachedVersion: string | undefined;
function pagefindVersion(): string {
  cachedVersion ??= (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }
  ).version;
  return cachedVersion;
}

/** Runs Pagefind over one group of pages into outputPath, in a Pagefind process of its own. */
async function indexGroup(site: string, group: Group, outputPath: string): Promise<void> {
  // The npm package runs pagefind_extended when the platform package ships it
  // (it does for linux, macOS and Windows), which segments Chinese text.
  const { index, errors: createErrors } = await pagefind.createIndex({});
  try {
    if (!index) throw new SearchIndexError(`Pagefind could not start: ${createErrors.join('; ')}`);
    const added = await index.addDirectory({ path: site, glob: globFor(group.files) });
    if (added.errors.length > 0)
      throw new SearchIndexError(`Pagefind could not index ${site}:\n${added.errors.join('\n')}`);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0)
      throw new SearchIndexError(`Pagefind could not write its index:\n${written.errors.join('\n')}`);
  } finally {
    // Ends the Pagefind process, and with it the memory this group's index held.
    await pagefind.close();
  }
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
  let prefixedLocales: string[] = [];
  return {
    name: 'pacesetter:search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), 'search-index');
        const i18n = config.i18n;
        prefixedLocales = (i18n?.locales ?? [])
          .map((locale) => (typeof locale === 'string' ? locale : locale.path))
          .filter((locale) => locale !== i18n?.defaultLocale);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = Date.now();
        const groups = [...pagesByLocale(htmlFiles(site), prefixedLocales)]
          .map(([name, files]) => describeGroup(site, name || 'default', files))
          .filter((group) => group.indexable);

        const outputFolder = path.join(site, 'pagefind');
        rmSync(outputFolder, { recursive: true, force: true });
        const entry: PagefindEntry = { version: pagefindVersion(), languages: {} };
        const reused: string[] = [];
        for (const group of groups) {
          const cached = path.join(cacheDir, `${group.name}-${group.hash}`);
          if (existsSync(path.join(cached, 'pagefind-entry.json'))) {
            reused.push(group.name);
          } else {
            // Only the newest index per group is kept.
            for (const old of existsSync(cacheDir) ? readdirSync(cacheDir) : [])
              if (old.startsWith(`${group.name}-`)) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
            mkdirSync(cacheDir, { recursive: true });
            // Written aside and renamed, so an interrupted build never leaves a half index to reuse.
            rmSync(`${cached}.partial`, { recursive: true, force: true });
            await indexGroup(site, group, `${cached}.partial`);
            renameSync(`${cached}.partial`, cached);
          }
          // Every run writes the same pagefind.js and wasm files; the chunks have content-hashed names.
          linkTree(cached, outputFolder);
          const groupEntry = JSON.parse(
            readFileSync(path.join(cached, 'pagefind-entry.json'), 'utf8'),
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
            (reused.length > 0 ? `; unchanged, reused from the last build: ${reused.join(', ')}.` : '.'),
        );
      },
    },
  };
}
