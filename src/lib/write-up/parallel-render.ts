// Write-up bodies rendered to their body files (write-up-bodies.ts) in worker
// threads when a build has many to render: at 10,000 write-ups the loader
// rendered and wrote bodies on one core for 14 s while the other waited.
//
// Each body is rendered by the same renderWriteUp, in a worker or on this
// thread, so the HTML does not depend on where it was made. A worker that fails
// costs time only: its share is rendered here.
import { entryId, writeUpPath } from '../content/paths.ts';
import type { ContentProblem } from '../content/problems.ts';
import { LANGS, type Lang } from '../vocabulary.ts';
import {
  renderGuardedWriteUp,
  renderWriteUp,
  WriteUpRefusedError,
  type WriteUpHeading,
  type WriteUpSource,
} from './render-write-up.ts';
import { bodyFile, saveBody } from './write-up-bodies.ts';
import { defaultWorkers, inWorkerThreads, workersFrom } from '../worker-threads.ts';

export interface BodyTask extends WriteUpSource {
  /** Where the HTML goes (bodyFile). */
  bodyFile: string;
  /**
   * The MDX guard has already passed exactly this file and source in this build (the
   * content check ran it: parallel-check.ts), so the render skips running it again, a
   * fifth of a render's time. The renderer's own wall, which turns only known nodes into
   * HTML, still runs.
   */
  guarded?: boolean;
}

export type BodyOutcome =
  | { headings: WriteUpHeading[] }
  /** The guard or the renderer refused the body (WriteUpRefusedError). */
  | { refused: ContentProblem[] }
  /** Anything else that went wrong, as the error's message. */
  | { error: string };

/**
 * The render task of a write-up file, made the same way by the loader and by the content check
 * (whose early render the loader takes only for an identical task: body-handoff.ts); undefined
 * when the file is not in a language folder.
 */
export function bodyTaskOf(file: string, source: string, cacheDir: string, base: string): BodyTask | undefined {
  const place = writeUpPath(file);
  if (!place || !(LANGS as readonly string[]).includes(place.lang)) return undefined;
  return { file, source, lang: place.lang as Lang, base, bodyFile: bodyFile(cacheDir, entryId(place)) };
}

/** Below this many bodies, starting workers costs more than it saves. */
export const MIN_BODIES_FOR_WORKERS = 500;

/** Renders one body and writes its file; never throws. */
export function renderBody(task: BodyTask): BodyOutcome {
  try {
    const { html, headings } = task.guarded ? renderGuardedWriteUp(task) : renderWriteUp(task);
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
  workers = defaultWorkers(),
): Promise<{ outcomes: BodyOutcome[]; inWorkers: number }> {
  if (workers < 2 || tasks.length < workersFrom(MIN_BODIES_FOR_WORKERS))
    return { outcomes: tasks.map(renderBody), inWorkers: 0 };
  const worker = new URL('./render-worker.ts', import.meta.url);
  const parts = await inWorkerThreads<BodyTask, BodyOutcome>(worker, tasks, workers);
  return {
    outcomes: parts.flatMap(({ part, answer }) => answer ?? part.map(renderBody)),
    inWorkers: parts.reduce((sum, { answer }) => sum + (answer?.length ?? 0), 0),
  };
}
