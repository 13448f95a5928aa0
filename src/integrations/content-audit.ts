// After every build: did every write-up file become exactly one page and one
// search record? Reads dist/ (pages written) and dist/pagefind/ (the search
// index the search integration wrote just before — register this integration
// after it) and fails the build naming whatever is missing.
import type { AstroIntegration } from 'astro';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditBuild, type SearchRecord } from '../lib/content/content-audit.ts';
import { loadCorpus } from '../lib/content/corpus.ts';
import { experienceUrl, withoutBase } from '../lib/urls.ts';
import { checkedWriteUps } from './content-check.ts';
import { readFragment } from './pagefind-fragment.ts';
import { searchFragmentUrls } from './search-index.ts';
import type { ShardManifest } from '../lib/search/search-merge.ts';
import { LANGS } from '../schema/experience.ts';

export class ContentAuditError extends Error {
  override name = 'ContentAuditError';
}

/** URLs of the write-up pages in dist/, for every language. */
export function writtenExperiencePages(dist: string): string[] {
  return LANGS.flatMap((lang) => {
    // experienceUrl(lang, '') ends in "//": keep one slash.
    const prefix = withoutBase(experienceUrl(lang, '')).replace(/\/+$/, '/');
    const folder = path.join(dist, prefix);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter(
        (name) => statSync(path.join(folder, name)).isDirectory() && existsSync(path.join(folder, name, 'index.html')),
      )
      .map((name) => `${prefix}${name}/`);
  });
}

/**
 * The records of the search index: each fragment is a gzipped
 * "pagefind_dcd"-prefixed JSON document with the page URL; the file name starts
 * with the index's language ("en_1a2b3c.pf_fragment"). The index is sharded
 * (src/integrations/search-index.ts): the root holds each language's first
 * shard and every other shard sits in its own folder below, so every
 * fragment/ folder under dist/pagefind/ is read. Undefined when there is no index.
 * A fragment's URL is taken from `known` (by its path below dist/pagefind/:
 * what the Pagefind run that wrote it read back); any other fragment is
 * unzipped and read.
 */
export function readSearchRecords(dist: string, known?: ReadonlyMap<string, string>): SearchRecord[] | undefined {
  const folder = path.join(dist, 'pagefind');
  if (!existsSync(path.join(folder, 'pagefind-entry.json'))) return undefined;
  const entry = JSON.parse(readFileSync(path.join(folder, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string }>;
  };
  const langByPrefix = Object.keys(entry.languages).map((lang) => ({ lang, prefix: `${lang}_` }));
  // A merged index holds the shards' fragments again, under its own ids: counted apart (mergedIndexProblems).
  const merged = new Set(mergedIndexes(folder).map(({ folder: mergedFolder }) => path.join(mergedFolder, 'fragment')));
  return fragmentFolders(folder)
    .filter((fragmentFolder) => !merged.has(fragmentFolder))
    .flatMap((fragmentFolder) =>
      readdirSync(fragmentFolder).map((name) => {
        const file = path.join(fragmentFolder, name);
        const url = known?.get(path.relative(folder, file)) ?? readFragment(readFileSync(file)).url;
        // Pagefind names fragments "<language>_<hash>"; a language such as zh-Hans maps back to zh.
        const indexLang = langByPrefix.find(({ prefix }) => name.startsWith(prefix))?.lang ?? name.split('_')[0] ?? '';
        return { lang: indexLang.split('-')[0] ?? indexLang, url };
      }),
    );
}

/** Each language's merged index (src/lib/search/merged-index.ts), from the shard manifests. */
function mergedIndexes(folder: string): { lang: string; folder: string; pages: number; shardPages: number }[] {
  return readdirSync(folder)
    .filter((name) => /^shards-[^/]+\.json$/.test(name))
    .flatMap((name) => {
      const manifest = JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as ShardManifest;
      if (!manifest.merged) return [];
      return [
        {
          lang: manifest.lang,
          folder: path.join(folder, manifest.merged.path),
          pages: manifest.merged.pages,
          shardPages: manifest.shards.reduce((sum, shard) => sum + shard.pages, 0),
        },
      ];
    });
}

/**
 * A merged index must hold every page of its language's shards once: as many
 * fragments as the shards' pages. (Which pages they are is the merge's own
 * test: it links each fragment from the shard that holds the page.)
 */
export function mergedIndexProblems(dist: string): string[] {
  const folder = path.join(dist, 'pagefind');
  if (!existsSync(folder)) return [];
  return mergedIndexes(folder).flatMap(({ lang, folder: mergedFolder, pages, shardPages }) => {
    const fragmentFolder = path.join(mergedFolder, 'fragment');
    const fragments = existsSync(fragmentFolder) ? readdirSync(fragmentFolder).length : 0;
    return fragments === shardPages && pages === shardPages
      ? []
      : [
          `dist/pagefind/${path.relative(folder, mergedFolder)}: the merged search index of ${lang} has ${fragments} ` +
            `page(s), expected the ${shardPages} of its shards`,
        ];
  });
}

/** Every fragment/ folder in a search index, shards included. */
function fragmentFolders(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      entry.name === 'fragment' ? [path.join(folder, entry.name)] : fragmentFolders(path.join(folder, entry.name)),
    );
}

export function contentAudit(): AstroIntegration {
  let root = '';
  return {
    name: 'pacesetter:content-audit',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        // The write-ups this build was made from, as the content check found them; loaded
        // again (reading every file) only where no check ran in this process.
        const files =
          checkedWriteUps()?.map(({ file, lang, page, draft }) => ({ file, lang, url: page, draft })) ??
          loadCorpus(root).entries.map((entry) => ({
            file: entry.file,
            lang: entry.lang,
            // dist/ has no base-path folder: audit routes, not links.
            url: withoutBase(experienceUrl(entry.lang, entry.id)),
            draft: entry.data.status === 'draft',
          }));
        const result = auditBuild({
          files,
          pages: writtenExperiencePages(dist),
          search: readSearchRecords(dist, searchFragmentUrls()),
        });
        const problems = [...result.problems, ...mergedIndexProblems(dist)];
        if (problems.length > 0) {
          throw new ContentAuditError(
            `The build lost write-ups:\n${problems.map((problem) => `  ${problem}`).join('\n')}\n${result.summary.join('\n')}`,
          );
        }
        for (const line of result.summary) logger.info(line);
        if (!result.searchAudited) logger.warn('No search index in dist/pagefind/: search records were not audited.');
      },
    },
  };
}
