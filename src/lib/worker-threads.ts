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

/** Worker threads that run one script for request after request (openWorkerPool). */
export interface WorkerPool<Request, Answer> {
  /** The answer of a free worker (a new one when none is free); rejects if the worker fails or stops without one. */
  run(request: Request): Promise<Answer>;
  /**
   * Starts a worker before any request needs it, when none is free, so that the
   * first request does not wait for a worker to load its modules.
   */
  start(): void;
  /** Stops every worker. */
  close(): Promise<void>;
}

/**
 * A pool of worker threads for the worker module `url`, which answers each
 * message it gets (a request) with one message. Workers are reused rather than
 * started per request: each new worker costs about 0.14 s of CPU, most of it Node
 * stripping the types of the worker's modules again, and a build at 10,000
 * write-ups runs two dozen search shards. A free worker does not keep the process alive.
 */
export function openWorkerPool<Request, Answer>(url: URL): WorkerPool<Request, Answer> {
  const free: Worker[] = [];
  const started = new Set<Worker>();
  return {
    run(request) {
      const worker = free.pop() ?? new Worker(url);
      started.add(worker);
      worker.ref();
      return new Promise<Answer>((resolve, reject) => {
        const settle = (outcome: () => void) => {
          worker.off('message', onMessage).off('error', lost).off('exit', onExit);
          outcome();
        };
        const onMessage = (answer: Answer) =>
          settle(() => {
            worker.unref();
            free.push(worker);
            resolve(answer);
          });
        const lost = (error: Error) =>
          settle(() => {
            started.delete(worker);
            void worker.terminate();
            reject(error);
          });
        const onExit = (code: number) => lost(new Error(`the worker stopped (code ${code}) without an answer`));
        worker.on('message', onMessage).on('error', lost).on('exit', onExit);
        worker.postMessage(request);
      });
    },
    start() {
      if (free.length > 0) return;
      const worker = new Worker(url);
      worker.unref();
      started.add(worker);
      free.push(worker);
      // A worker lost while it waits is forgotten; the next request starts another.
      const forget = () => {
        started.delete(worker);
        const index = free.indexOf(worker);
        if (index >= 0) free.splice(index, 1);
      };
      worker.once('error', forget).once('exit', forget);
    },
    async close() {
      free.length = 0;
      await Promise.all([...started].map((worker) => worker.terminate()));
      started.clear();
    },
  };
}
