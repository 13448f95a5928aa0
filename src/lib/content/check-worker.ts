// A worker thread of src/lib/content/parallel-check.ts: checks its share of the
// write-ups with the same function loadCorpus uses. Plain TypeScript that Node
// runs directly: the worker is not bundled.
import { parentPort, workerData } from 'node:worker_threads';
import { checkWriteUpFile, loadTaxonomy } from './corpus.ts';
import type { CheckAnswer, CheckItem } from './parallel-check.ts';

const items = workerData as CheckItem[];
const { taxonomy } = items.length > 0 ? loadTaxonomy(items[0]!.root) : { taxonomy: undefined };
// Without a taxonomy nothing is checked here: loadCorpus reports why.
const answer: CheckAnswer[] = taxonomy
  ? items.map(({ file, source }) => checkWriteUpFile(file, source, taxonomy))
  : [];
parentPort?.postMessage(answer);
