// Writes one language's merged index (src/lib/search/merged-index.ts) from its
// shards' indexes in the build cache, one per request, in a worker thread so
// that the build's thread stays free and the languages merge side by side
// (src/integrations/search-index.ts). Plain TypeScript that Node runs directly:
// the worker is not bundled.
//
// The folder it writes is a Pagefind index like a shard's: its entry, its
// metadata, its index and filter chunks, a facet table, and a fragment per
// page, hard-linked from the shard that holds the page (a copy across file
// systems) under the merged index's page id.
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { promisify } from 'node:util';
import { gunzipSync, gzip as gzipCallback, gzipSync } from 'node:zlib';
import { facetTable, parseFacetTable, rowId, type FacetTable } from '../lib/search/facet-table.ts';
import { mergeShardIndexes, type ShardIndex } from '../lib/search/merged-index.ts';
import {
  metaValue,
  pagefindBody,
  pagefindFileBytes,
  parseFilterChunk,
  parseMeta,
  readPagefindFile,
  scanIndexChunk,
} from '../lib/search/pagefind-format.ts';
import type { PagefindEntry } from '../lib/search/search-merge.ts';

export interface MergedIndexRunRequest {
  /** The shards' cached index folders, in the manifest's order. */
  shards: { name: string; folder: string }[];
  outputPath: string;
  /** The facet table's file name (src/lib/search/facet-table.ts). */
  facetTableFile: string;
  /** Pagefind's chunk size for the merged chunks. */
  chunkSize: number;
  /** The language's merged index of the last build, if the cache has it: its unchanged chunks are linked, not compressed again. */
  previous?: string;
}

/**
 * Beside a merged index, for the build only: the SHA-256 of each chunk file's
 * uncompressed bytes, so that the next build can tell an unchanged chunk by its
 * content rather than by its name (which holds only a prefix of the digest).
 */
const CHUNK_DIGESTS_FILE = 'pacesetter-chunk-digests.json';

/** The last build's chunk digests, or none when there is no readable last build. */
function previousDigests(previous: string | undefined): Record<string, string> {
  if (!previous) return {};
  try {
    return JSON.parse(readFileSync(path.join(previous, CHUNK_DIGESTS_FILE), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

const gzip = promisify(gzipCallback);

async function run({ shards, outputPath, facetTableFile, chunkSize, previous }: MergedIndexRunRequest): Promise<void> {
  const entries = shards.map(
    ({ folder }) => JSON.parse(readFileSync(path.join(folder, 'pagefind-entry.json'), 'utf8')) as PagefindEntry,
  );
  const languages = Object.keys(entries[0]!.languages);
  if (languages.length !== 1 || entries.some((entry) => Object.keys(entry.languages).join() !== languages[0]))
    throw new Error(`the shards do not share one Pagefind language; expected one each, the same (${languages.join()})`);
  const language = languages[0]!;
  const read = (file: string) => readPagefindFile(gunzipSync(readFileSync(file)), file);
  const sources: ShardIndex[] = shards.map(({ name, folder }, index) => {
    const metaFile = path.join(folder, `pagefind.${entries[index]!.languages[language]!.hash}.pf_meta`);
    return {
      name,
      meta: parseMeta(read(metaFile), metaFile),
      chunk: (hash) => {
        const file = path.join(folder, 'index', `${hash}.pf_index`);
        return scanIndexChunk(pagefindBody(gunzipSync(readFileSync(file)), file), file);
      },
      filter: (hash) => {
        const file = path.join(folder, 'filter', `${hash}.pf_filter`);
        return parseFilterChunk(read(file), file);
      },
    };
  });

  const lastDigests = previousDigests(previous);
  const digests: Record<string, string> = {};
  const writing: Promise<void>[] = [];
  mkdirSync(path.join(outputPath, 'index'), { recursive: true });
  mkdirSync(path.join(outputPath, 'filter'), { recursive: true });
  const merged = mergeShardIndexes(sources, {
    language,
    chunkSize,
    // Page ids are positions (short in the metadata, and the facet table can list pages by position).
    pageId: rowId,
    write: (file, bytes, digest) => {
      digests[file] = digest;
      // A chunk the last build wrote with the same content is linked: one edit changes some chunks, not all.
      if (previous && lastDigests[file] === digest) {
        try {
          linkSync(path.join(previous, file), path.join(outputPath, file));
          return;
        } catch {
          // Gone or on another file system: written again below.
        }
      }
      // Index chunks at gzip's fastest level: 2.9 times faster than the default (6) for 9% more bytes,
      // about 1 kB more per word a reader searches (measured on 7,654 pages: 47 MB of chunks). Compressed
      // on libuv's threads while this one merges on: a core left free at the end of the build takes them.
      writing.push(
        gzip(bytes, { level: file.startsWith('index/') ? 1 : 9 }).then((compressed) =>
          writeFile(path.join(outputPath, file), compressed),
        ),
      );
    },
  });
  await Promise.all(writing);
  writeFileSync(path.join(outputPath, CHUNK_DIGESTS_FILE), JSON.stringify(digests));
  const metaBytes = pagefindFileBytes(metaValue(merged.meta));
  // Named as Pagefind names its metadata: the language and a hash of the content.
  const metaHash = `${language}_${createHash('sha256').update(metaBytes).digest('hex').slice(0, 10)}`;
  // The metadata and the facet table come with every search over the language: compressed hardest.
  writeFileSync(path.join(outputPath, `pagefind.${metaHash}.pf_meta`), gzipSync(metaBytes, { level: 9 }));

  // Each page's fragment under its merged id, and its facet values from its shard's table.
  mkdirSync(path.join(outputPath, 'fragment'));
  const tables: FacetTable[] = shards.map(({ folder }) => {
    const file = path.join(folder, facetTableFile);
    return parseFacetTable(gunzipSync(readFileSync(file)).toString('utf8'), file);
  });
  const facetPages = merged.pages.map(({ shard, hash }, page) => {
    const id = rowId(page);
    const from = path.join(shards[shard]!.folder, 'fragment', `${hash}.pf_fragment`);
    const to = path.join(outputPath, 'fragment', `${id}.pf_fragment`);
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
    const table = tables[shard]!;
    const positions = table.pages?.[hash];
    if (!positions) throw new Error(`${shards[shard]!.name}: its facet table has no page ${hash}`);
    const filters: Record<string, string[]> = {};
    for (const position of positions) {
      const [key, value] = table.values[position]!;
      (filters[key] ??= []).push(value);
    }
    return { id, filters };
  });
  writeFileSync(
    path.join(outputPath, facetTableFile),
    gzipSync(JSON.stringify(facetTable(facetPages, { byRow: true })), { level: 9 }),
  );

  const entry: PagefindEntry = {
    ...entries[0]!,
    languages: {
      [language]: { ...entries[0]!.languages[language]!, hash: metaHash, page_count: merged.pages.length },
    },
  };
  writeFileSync(path.join(outputPath, 'pagefind-entry.json'), JSON.stringify(entry));
}

// One answer per request: the problems, empty when the merge went well.
parentPort?.on('message', (request: MergedIndexRunRequest) => {
  run(request).then(
    () => parentPort?.postMessage([]),
    (error: unknown) => parentPort?.postMessage([String(error instanceof Error ? error.message : error)]),
  );
});
