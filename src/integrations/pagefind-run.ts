// One Pagefind run, in a worker thread of its own: the pagefind package keeps one
// Pagefind process per module instance, so a worker is what lets two languages
// be indexed by two processes at once (src/integrations/search-index.ts).
// Plain TypeScript that Node runs directly: the worker is not bundled.
import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';

export interface PagefindRunRequest {
  site: string;
  glob: string;
  outputPath: string;
}

async function run({ site, glob, outputPath }: PagefindRunRequest): Promise<string[]> {
  // The npm package runs pagefind_extended when the platform package ships it
  // (it does for linux, macOS and Windows), which segments Chinese text.
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) return [`Pagefind could not start: ${errors.join('; ')}`];
    const added = await index.addDirectory({ path: site, glob });
    if (added.errors.length > 0) return [`Pagefind could not index ${site}:`, ...added.errors];
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
