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
import path from 'node:path';
import type { CheckCache, FileCheck } from './check-cache.ts';
import { readRegularFile, toProjectPath, walkFolder } from './files.ts';
import type { FrontmatterHandoff } from './frontmatter-handoff.ts';
import { EXPERIENCES_DIR, WRITE_UP_EXTENSION } from './paths.ts';
import { MAX_BODY_BYTES } from '../write-up/mdx-guard.ts';
import { defaultWorkers, inWorkerThreads, workersFrom } from '../worker-threads.ts';

/** One file for a worker: the project it belongs to, its path and its bytes. */
export interface CheckItem {
  root: string;
  file: string;
  source: string;
}

/** A file the workers checked, and whether the MDX guard passed its body (nothing refused). */
export interface CheckedItem extends CheckItem {
  guarded: boolean;
}

export interface CheckAnswer {
  check: FileCheck;
  frontmatter: unknown;
}

/** Below this many unknown files, starting workers (about 0.5 s each) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 500;

/**
 * Checks in worker threads the write-ups whose results `cache` does not know,
 * and gives the valid ones' frontmatter to `handoff`. Returns the files the
 * workers checked, each with whether the guard passed its body (none when
 * there were too few to be worth it, or one core).
 */
export async function checkInWorkers(
  root: string,
  cache: CheckCache,
  handoff?: Pick<FrontmatterHandoff, 'give'>,
  workers = defaultWorkers(),
): Promise<CheckedItem[]> {
  const unknown = unknownWriteUps(root, cache);
  if (workers < 2 || unknown.length < workersFrom(MIN_FILES_FOR_WORKERS)) return [];
  const worker = new URL('./check-worker.ts', import.meta.url);
  const checked: CheckedItem[] = [];
  for (const { part, answer } of await inWorkerThreads<CheckItem, CheckAnswer>(worker, unknown, workers)) {
    for (const [position, { check, frontmatter }] of (answer ?? []).entries()) {
      const item = part[position]!;
      cache.remember(item.file, item.source, check);
      if (check.validated.data) handoff?.give(item.source, frontmatter);
      checked.push({ ...item, guarded: check.guard.length === 0 });
    }
  }
  return checked;
}

/** The write-up files (as loadCorpus reads them) whose results the cache does not know. */
function unknownWriteUps(root: string, cache: CheckCache): CheckItem[] {
  const prefix = `${EXPERIENCES_DIR}/`;
  return walkFolder(path.join(root, EXPERIENCES_DIR)).files.flatMap((full) => {
    const file = toProjectPath(root, full);
    if (!file.startsWith(prefix) || !file.endsWith(WRITE_UP_EXTENSION)) return [];
    // Whatever cannot be read is left to loadCorpus, which reports it.
    const read = readRegularFile(full, MAX_BODY_BYTES);
    return read.ok && !cache.has(file, read.text) ? [{ root, file, source: read.text }] : [];
  });
}
