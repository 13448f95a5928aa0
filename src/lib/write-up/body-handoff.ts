// Bodies the content check starts rendering, handed to the content loader in the same build.
//
// On a full build the loader renders every body (parallel-render.ts), but only after the
// check's one-thread part, Astro's start of the content sync and the loader's own
// validation: about 4 s at 10,000 write-ups with one core idle. The check knows by then
// which files it has just checked in worker threads (new or changed bytes), so it starts
// rendering those in the background; the loader takes each outcome whose task is exactly
// its own (same body file, source, language and base) and renders anything else itself.
// An early render that is not taken costs time, never a wrong body: the body file of an
// unchanged write-up is written again with the same HTML.
//
// The handoff crosses from the check's module instance to the loader's the way the
// frontmatter does (frontmatter-handoff.ts): through a custom hook of the check's integration.
import { offeredByContentCheck } from '../content/frontmatter-handoff.ts';
import { renderBodies, type BodyOutcome, type BodyTask } from './parallel-render.ts';

/** The content check's custom hook that returns its body handoff. */
export const BODY_HANDOFF_HOOK = 'pacesetter:body-handoff';

export interface BodyHandoff {
  /** Starts rendering these bodies in the background, in worker threads; forgets an earlier start. */
  start(tasks: readonly BodyTask[]): void;
  /** The early outcome of exactly this task, once; undefined when it was not started (or already taken). */
  take(task: BodyTask): Promise<BodyOutcome> | undefined;
  /** Resolves when the early render has ended and written all its files (at once if none was started). */
  settled(): Promise<void>;
}

const sameTask = (a: BodyTask, b: BodyTask) =>
  a.bodyFile === b.bodyFile && a.source === b.source && a.lang === b.lang && a.base === b.base && a.file === b.file;

export function createBodyHandoff(render = renderBodies): BodyHandoff {
  let tasks = new Map<string, { task: BodyTask; position: number }>();
  let outcomes: Promise<BodyOutcome[]> = Promise.resolve([]);
  return {
    start(started) {
      tasks = new Map(started.map((task, position) => [task.bodyFile, { task, position }]));
      outcomes = render(started).then(({ outcomes: list }) => list);
      // A failure surfaces where an outcome is taken; nobody may be waiting yet.
      outcomes.catch(() => undefined);
    },
    take(task) {
      const early = tasks.get(task.bodyFile);
      if (!early || !sameTask(early.task, task)) return undefined;
      tasks.delete(task.bodyFile);
      return outcomes.then((list) => list[early.position]!);
    },
    settled: () =>
      outcomes.then(
        () => undefined,
        () => undefined,
      ),
  };
}

/** The body handoff offered by the content-check integration among `integrations`, if it is there. */
export const findBodyHandoff = (integrations: Parameters<typeof offeredByContentCheck>[0]) =>
  offeredByContentCheck<BodyHandoff>(integrations, BODY_HANDOFF_HOOK);
