// The per-file part of the content check (schema and guard: about 1.3 ms a file,
// most of it parsing YAML) spread over worker threads, for a build that has
// thousands of files to check and cores that would otherwise wait: a full build
// at 10,000 write-ups checked on one core for 13 s.
//
// The workers only fill the check cache (src/lib/content/check-cache.ts) and the
// frontmatter handoff; loadCorpus then runs as always and finds every result
// known. So the report, its order and every cross-file check are the ones the
// one-thread check gives, and a worker that fails costs time, never a result:
// loadCorpus computes whatever is still missing itself.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckCache, FileCheck } from './check-cache.ts';
import { readRegularFile, toProjectPath, walkFolder } from './files.ts';
import type { FrontmatterHandoff } from './frontmatter-handoff.ts';
import { EXPERIENCES_DIR, WRITE_UP_EXTENSION } from './paths.ts';
import { MAX_BODY_BYTES } from '../write-up/mdx-guard.ts';

export interface CheckRequest {
  root: string;
  files: { file: string; source: string }[];
}

export type CheckAnswer = { check: FileCheck; frontmatter: unknown }[];

/** Below this many unknown files, starting workers (about 0.5 s each) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 500;

/** The threshold in force: PACESETTER_PARALLEL_FROM sets another (the build tests use 1). */
const minimum = () => Number(process.env.PACESETTER_PARALLEL_FROM) || MIN_FILES_FOR_WORKERS;

/**
 * Checks in worker threads the write-ups whose results `cache` does not know,
 * and gives the valid ones' frontmatter to `handoff`. Returns how many files the
 * workers checked (0 when there were too few to be worth it, or one core).
 */
export async function checkInWorkers(
  root: string,
  cache: CheckCache,
  handoff?: Pick<FrontmatterHandoff, 'give'>,
  workers = Math.min(availableParallelism(), 4),
): Promise<number> {
  const unknown = unknownWriteUps(root, cache);
  if (workers < 2 || unknown.length < minimum()) return 0;
  const size = Math.ceil(unknown.length / workers);
  const parts = Array.from({ length: workers }, (_, index) => unknown.slice(index * size, (index + 1) * size));
  const answers = await Promise.all(parts.map((files) => checkInWorker({ root, files })));
  let checked = 0;
  for (const [index, answer] of answers.entries()) {
    for (const [position, { check, frontmatter }] of answer.entries()) {
      const { file, source } = parts[index]![position]!;
      cache.remember(file, source, check);
      if (check.validated.data) handoff?.give(source, frontmatter);
      checked += 1;
    }
  }
  return checked;
}

/** The write-up files (as loadCorpus reads them) whose results the cache does not know. */
function unknownWriteUps(root: string, cache: CheckCache): CheckRequest['files'] {
  const prefix = `${EXPERIENCES_DIR}/`;
  return walkFolder(path.join(root, EXPERIENCES_DIR)).files.flatMap((full) => {
    const file = toProjectPath(root, full);
    if (!file.startsWith(prefix) || !file.endsWith(WRITE_UP_EXTENSION)) return [];
    // Whatever cannot be read is left to loadCorpus, which reports it.
    const read = readRegularFile(full, MAX_BODY_BYTES);
    return read.ok && !cache.has(file, read.text) ? [{ file, source: read.text }] : [];
  });
}

/** One worker's answers, in the order of `request.files`; none if it failed. */
function checkInWorker(request: CheckRequest): Promise<CheckAnswer> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData: request });
    let answer: CheckAnswer = [];
    worker.once('message', (message: CheckAnswer) => (answer = message));
    worker.once('error', () => resolve([]));
    worker.once('exit', () => resolve(answer.length === request.files.length ? answer : []));
  });
}
