// Write-up bodies rendered to their body files (write-up-bodies.ts) in worker
// threads when a build has many to render: at 10,000 write-ups the loader
// rendered and wrote bodies on one core for 14 s while the other waited.
//
// Each body is rendered by the same renderWriteUp, in a worker or on this
// thread, so the HTML does not depend on where it was made. A worker that fails
// costs time only: its share is rendered here.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ContentProblem } from '../content/problems.ts';
import { renderWriteUp, WriteUpRefusedError, type WriteUpHeading, type WriteUpSource } from './render-write-up.ts';
import { saveBody } from './write-up-bodies.ts';

export interface BodyTask extends WriteUpSource {
  /** Where the HTML goes (bodyFile). */
  bodyFile: string;
}

export type BodyOutcome =
  | { headings: WriteUpHeading[] }
  /** The guard or the renderer refused the body (WriteUpRefusedError). */
  | { refused: ContentProblem[] }
  /** Anything else that went wrong, as the error's message. */
  | { error: string };

/** Below this many bodies, starting workers costs more than it saves. */
export const MIN_BODIES_FOR_WORKERS = 500;

/** The threshold in force: PACESETTER_PARALLEL_FROM sets another (the build tests use 1). */
const minimum = () => Number(process.env.PACESETTER_PARALLEL_FROM) || MIN_BODIES_FOR_WORKERS;

/** Renders one body and writes its file; never throws. */
export function renderBody(task: BodyTask): BodyOutcome {
  try {
    const { html, headings } = renderWriteUp(task);
    saveBody(task.bodyFile, html);
    return { headings };
  } catch (error) {
    if (error instanceof WriteUpRefusedError) return { refused: error.problems };
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Renders every task's body, in worker threads when there are many. Outcomes are
 * in task order; `inWorkers` counts the bodies the workers rendered.
 */
export async function renderBodies(
  tasks: readonly BodyTask[],
  workers = Math.min(availableParallelism(), 4),
): Promise<{ outcomes: BodyOutcome[]; inWorkers: number }> {
  if (workers < 2 || tasks.length < minimum()) return { outcomes: tasks.map(renderBody), inWorkers: 0 };
  const size = Math.ceil(tasks.length / workers);
  const parts = Array.from({ length: workers }, (_, index) => tasks.slice(index * size, (index + 1) * size));
  const answers = await Promise.all(parts.map(renderInWorker));
  return {
    outcomes: answers.flatMap((answer, index) => answer ?? parts[index]!.map(renderBody)),
    inWorkers: answers.reduce((sum, answer) => sum + (answer?.length ?? 0), 0),
  };
}

/** One worker's outcomes, in the order of `tasks`; undefined if it failed. */
function renderInWorker(tasks: BodyTask[]): Promise<BodyOutcome[] | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./render-worker.ts', import.meta.url), { workerData: tasks });
    let answer: BodyOutcome[] | undefined;
    worker.once('message', (message: BodyOutcome[]) => (answer = message));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(answer?.length === tasks.length ? answer : undefined));
  });
}
