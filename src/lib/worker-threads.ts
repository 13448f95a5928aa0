// Work split over worker threads, for the build's steps that would otherwise
// keep one core busy and leave the others waiting (src/lib/content/parallel-check.ts,
// src/lib/write-up/parallel-render.ts). Node runs the worker modules' TypeScript
// directly: they are not bundled.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The fewest items worth starting workers for (each costs about half a second to
 * start): `usual`, unless PACESETTER_PARALLEL_FROM says otherwise (the build tests use 1).
 */
export const workersFrom = (usual: number) => Number(process.env.PACESETTER_PARALLEL_FROM) || usual;

/** How many workers a step starts by default: one per core, at most four. */
export const defaultWorkers = () => Math.min(availableParallelism(), 4);

/**
 * Splits `items` into `workers` parts and runs the worker module `url` on each
 * (its workerData is the part; it posts one array back, one answer per item).
 * Returns the parts and their answers, in order; a part whose worker failed or
 * answered a different number of items gets undefined, for the caller to do itself.
 */
export async function inWorkerThreads<Item, Answer>(
  url: URL,
  items: readonly Item[],
  workers: number,
): Promise<{ part: Item[]; answer: Answer[] | undefined }[]> {
  const size = Math.ceil(items.length / workers);
  const parts = Array.from({ length: workers }, (_, index) => items.slice(index * size, (index + 1) * size));
  return Promise.all(parts.map(async (part) => ({ part, answer: await inWorkerThread<Item, Answer>(url, part) })));
}

function inWorkerThread<Item, Answer>(url: URL, part: Item[]): Promise<Answer[] | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(url, { workerData: part });
    let answer: Answer[] | undefined;
    worker.once('message', (message: Answer[]) => (answer = message));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(answer?.length === part.length ? answer : undefined));
  });
}
