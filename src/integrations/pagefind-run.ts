// One Pagefind run, in a worker thread of its own: the pagefind package keeps one
// Pagefind process per module instance, so a worker is what lets two shards be
// indexed by two processes at once (src/integrations/search-index.ts).
// Plain TypeScript that Node runs directly: the worker is not bundled.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';

export interface PagefindRunRequest {
  site: string;
  /** The pages of this shard, relative to `site` ("experiences/x/index.html"). */
  files: string[];
  outputPath: string;
}

/** The URL Pagefind gives a page at this path: "experiences/x/index.html" → "/experiences/x/". */
export const urlOfPage = (file: string): string => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

async function run({ site, files, outputPath }: PagefindRunRequest): Promise<string[]> {
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
