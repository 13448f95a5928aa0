// One Pagefind run, in a worker thread of its own: the pagefind package keeps one
// Pagefind process per module instance, so a worker is what lets two shards be
// indexed by two processes at once (src/integrations/search-index.ts).
// Plain TypeScript that Node runs directly: the worker is not bundled.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { facetTable, type FacetPage } from '../lib/search/facet-table.ts';
import { readFragment } from './pagefind-fragment.ts';

export interface PagefindRunRequest {
  site: string;
  /** The pages of this shard, relative to `site` ("experiences/x/index.html"). */
  files: string[];
  outputPath: string;
  /** The name of the facet table written beside the index (src/lib/search/facet-table.ts). */
  facetTableFile: string;
}

/**
 * Each indexed page's filters, read back from the fragments Pagefind wrote
 * (a fragment is named by the page's result id), so the facet table holds
 * exactly what Pagefind stored.
 */
function writtenPages(outputPath: string): FacetPage[] {
  const folder = path.join(outputPath, 'fragment');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.pf_fragment'))
    .map((name) => ({
      id: name.slice(0, -'.pf_fragment'.length),
      filters: readFragment(readFileSync(path.join(folder, name))).filters ?? {},
    }));
}

/** The URL Pagefind gives a page at this path: "experiences/x/index.html" → "/experiences/x/". */
export const urlOfPage = (file: string): string => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

async function run({ site, files, outputPath, facetTableFile }: PagefindRunRequest): Promise<string[]> {
  // The npm package runs pagefind_extended when the platform package ships it
  // (it does for linux, macOS and Windows), which segments Chinese text.
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) return [`Pagefind could not start: ${errors.join('; ')}`];
    // Page by page rather than a folder glob: a shard's pages are spread over
    // experiences/ (its write-ups are picked by sector and hash, not by folder).
    // Pagefind parses each page exactly as it would from disk.
    for (const file of files) {
      const added = await index.addHTMLFile({
        url: urlOfPage(file),
        content: readFileSync(path.join(site, file), 'utf8'),
      });
      if (added.errors.length > 0) return [`Pagefind could not index ${file}:`, ...added.errors];
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) return ['Pagefind could not write its index:', ...written.errors];
    const pages = writtenPages(outputPath);
    // One fragment per page; anything else (Pagefind grouping fragments, say) would leave pages uncounted.
    if (pages.length !== files.length)
      return [`Pagefind wrote ${pages.length} page fragment(s) for ${files.length} page(s); expected one per page`];
    writeFileSync(path.join(outputPath, facetTableFile), gzipSync(JSON.stringify(facetTable(pages))));
    return [];
  } finally {
    // Ends the Pagefind process, and with it the memory this index held.
    await pagefind.close();
  }
}

run(workerData as PagefindRunRequest).then(
  (problems) => parentPort?.postMessage(problems),
  (error: unknown) => parentPort?.postMessage([String(error)]),
);
