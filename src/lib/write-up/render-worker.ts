// A worker thread of src/lib/write-up/parallel-render.ts: renders its share of
// the bodies with the same function the loader uses on its own thread. Plain
// TypeScript that Node runs directly: the worker is not bundled.
import { parentPort, workerData } from 'node:worker_threads';
import { renderBody, type BodyTask } from './parallel-render.ts';

parentPort?.postMessage((workerData as BodyTask[]).map(renderBody));
