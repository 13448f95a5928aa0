// The content loader for write-ups: content/experiences/<lang>/<sector>/<id>.mdx
// → entries whose data, validated by the experience schema, and body, rendered to
// HTML (src/lib/write-up/render-write-up.ts), go into two files beside the data
// store (src/lib/write-up/write-up-bodies.ts); the entry holds their paths. No
// write-up becomes a JavaScript module, so the build bundles no per-write-up code:
// that was most of its time and memory at 10,000 write-ups (docs/performance.md).
//
// Like Astro's glob loader, it keeps an entry whose file is unchanged (same
// digest) from the last build's data store, so a rebuild renders only what
// changed. Unlike it, a file that cannot be rendered fails the load with every
// problem listed, instead of being logged and stored without a body.
import type { Loader, LoaderContext } from 'astro/loaders';
import type { z } from 'astro/zod';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeFingerprint } from '../lib/content/code-fingerprint.ts';
import { entryId, EXPERIENCES_DIR, WRITE_UP_EXTENSION, writeUpPath } from '../lib/content/paths.ts';
import { listFiles, readRegularFile, toProjectPath } from '../lib/content/files.ts';
import { parseFrontmatter } from '../lib/content/frontmatter.ts';
import { findFrontmatterHandoff, type FrontmatterHandoff } from '../lib/content/frontmatter-handoff.ts';
import { MAX_BODY_BYTES } from '../lib/write-up/mdx-guard.ts';
import { formatReport, type ContentProblem } from '../lib/content/problems.ts';
import { findBodyHandoff, type BodyHandoff } from '../lib/write-up/body-handoff.ts';
import { bodyTaskOf, renderBodies, type BodyOutcome, type BodyTask } from '../lib/write-up/parallel-render.ts';
import { inert } from '../lib/content/safe-text.ts';
import { serialHandler } from '../lib/serial-handler.ts';
import { bodyFile, dataFile, pruneBodies, saveData } from '../lib/write-up/write-up-bodies.ts';
import { schemaProblems } from '../lib/content/validate-experience.ts';

export class WriteUpLoadError extends Error {
  override name = 'WriteUpLoadError';
}

/**
 * "content/experiences/en/industry/ni-zhifu-drill.mdx" → "en/ni-zhifu-drill", unique per language.
 * A file out of place keeps its path as id, and syncing it reports it.
 */
export function writeUpEntryId(file: string): string {
  const place = writeUpPath(file);
  return place ? entryId(place) : file;
}

const cacheDir = (context: LoaderContext) => fileURLToPath(context.config.cacheDir);

/**
 * `schema` validates each write-up's frontmatter (the experience schema). The
 * collection's own schema describes what the store holds: no data, only the
 * entry's files.
 */
export function writeUpLoader(schema: z.ZodType<Record<string, unknown>>): Loader {
  return {
    name: 'pacesetter:write-ups',
    load: async (context) => {
      const root = fileURLToPath(context.config.root);
      const { store } = context;
      // The rendering code is part of every entry's digest: an old page body must never
      // outlive the code that made it.
      const fingerprint = codeFingerprint(root);
      // What the content check parsed in this process (absent when the check did not run).
      const handoff = findFrontmatterHandoff(context.config.integrations);
      const handedOver = handoff?.size ?? 0;
      const untouched = new Set(store.keys());
      const fileOfId = new Map<string, string>();
      const problems: ContentProblem[] = [];
      const changed: PreparedWriteUp[] = [];
      const files = listFiles(path.join(root, EXPERIENCES_DIR))
        .map((full) => toProjectPath(root, full))
        .filter((file) => file.endsWith(WRITE_UP_EXTENSION))
        .sort();
      for (const file of files) {
        const id = writeUpEntryId(file);
        const other = fileOfId.get(id);
        if (other) {
          // Two entries with one id: the second would silently replace the first.
          problems.push({
            severity: 'error',
            file,
            field: 'id',
            message: `has the same file name as ${other} in the same language`,
            expected: 'one file name per write-up and language',
          });
          continue;
        }
        fileOfId.set(id, file);
        untouched.delete(id);
        const prepared = prepareWriteUp(context, schema, root, file, id, fingerprint, handoff);
        if (Array.isArray(prepared)) problems.push(...prepared);
        else if (prepared) changed.push(prepared);
      }
      // The changed bodies are rendered together: on every core when there are many, or
      // taken from the render the content check started.
      problems.push(...(await renderAndStore(context, changed, findBodyHandoff(context.config.integrations))));
      for (const id of untouched) store.delete(id);
      pruneBodies(
        cacheDir(context),
        new Set(store.keys().flatMap((id) => [bodyFile(cacheDir(context), id), dataFile(cacheDir(context), id)])),
      );
      // Unchanged files were not parsed again; what the content check parsed for them is not needed.
      const taken = handedOver - (handoff?.size ?? 0);
      context.logger.info(`${taken} frontmatter(s) taken from the content check, not parsed again.`);
      handoff?.clear();
      if (problems.length > 0) {
        const report = formatReport(problems);
        // In dev the server stays up so that the contributor can fix files one by one.
        if (context.watcher) context.logger.error(report);
        else throw new WriteUpLoadError(`Write-ups could not be loaded:\n${report}`);
      }
      watchWriteUps(context, schema, root, fingerprint);
    },
  };
}

/** A new or changed write-up whose data is valid, waiting for its body to be rendered. */
interface PreparedWriteUp {
  task: BodyTask;
  id: string;
  digest: string;
  data: Record<string, unknown>;
}

/**
 * Reads one file and validates its data: undefined when it is unchanged since the
 * last build (its entry and body are kept), the problems when it cannot be loaded.
 */
function prepareWriteUp(
  context: LoaderContext,
  schema: z.ZodType<Record<string, unknown>>,
  root: string,
  file: string,
  id: string,
  fingerprint: string,
  handoff?: FrontmatterHandoff,
): PreparedWriteUp | ContentProblem[] | undefined {
  const { store } = context;
  // Never through a link, never past the size cap (in `astro dev` this runs on files the check has not passed).
  const read = readRegularFile(path.join(root, file), MAX_BODY_BYTES);
  if (!read.ok) return [{ severity: 'error', file, field: 'file', message: `cannot be read: ${read.reason}` }];
  const source = read.text;
  // The rendering code is part of the digest: when it changes, every body is rendered
  // again, and every page's incremental-build key (src/site-data/routes.ts) changes with it.
  // So is the base path, which site paths in the body are rendered with.
  const base = context.config.base;
  const digest = context.generateDigest(`${fingerprint}\0${base}\0${source}`);
  const existing = store.get(id);
  const unchanged =
    existing?.digest === digest &&
    existing.filePath === file &&
    existsSync(bodyFile(cacheDir(context), id)) &&
    existsSync(dataFile(cacheDir(context), id));
  if (unchanged) return undefined;

  // Parsed once already by the content check in this process, in the usual build.
  const frontmatter = (handoff?.take(source) ?? parsedFrontmatter(source)).data;
  if (frontmatter === undefined || frontmatter === null || typeof frontmatter !== 'object') {
    // The content check has printed the details; this only stops the build.
    return [{ severity: 'error', file, field: 'frontmatter', message: 'is not valid YAML (run npm run check)' }];
  }
  const task = bodyTaskOf(file, source, cacheDir(context), base);
  if (!task) {
    return [
      {
        severity: 'error',
        file,
        field: 'file name',
        message: 'is not in a language folder',
        got: writeUpPath(file)?.lang ?? file,
        expected: `${EXPERIENCES_DIR}/<lang>/<sector>/<id>${WRITE_UP_EXTENSION}`,
      },
    ];
  }
  const parsed = schema.safeParse(frontmatter);
  if (parsed.success) return { task, id, digest, data: parsed.data };
  // The content check has reported every problem of every file with its line; this names
  // the fields, and in a build stops it (in dev the contributor fixes files one by one).
  return schemaProblems(file, frontmatter, parsed.error.issues).map((problem) => ({
    ...problem,
    hint: '`npm run check` gives the line',
  }));
}

/** Renders the prepared write-ups' bodies and stores their entries; returns the bodies refused. */
async function renderAndStore(
  context: LoaderContext,
  prepared: readonly PreparedWriteUp[],
  early?: BodyHandoff,
): Promise<ContentProblem[]> {
  const taken = prepared.map((write) => early?.take(write.task));
  const rest = prepared.filter((_, index) => taken[index] === undefined);
  const rendered = await renderBodies(rest.map((write) => write.task));
  const outcomes: BodyOutcome[] = [];
  for (const promise of taken) outcomes.push(promise ? await promise : rendered.outcomes.shift()!);
  // Every file the early render writes is written before the loader prunes the body folder.
  await early?.settled();
  const startedEarly = prepared.length - rest.length;
  if (startedEarly > 0 || rendered.inWorkers > 0)
    context.logger.info(
      `${outcomes.length} bodies rendered` +
        (startedEarly > 0 ? `, ${startedEarly} of them started by the content check` : '') +
        (rendered.inWorkers > 0 ? `, ${rendered.inWorkers} of them in worker threads here` : '') +
        '.',
    );
  const problems: ContentProblem[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    const { task, id, digest, data } = prepared[index]!;
    if ('refused' in outcome) problems.push(...outcome.refused);
    // Whatever else went wrong names its file (render-write-up.ts); the build stops, as before.
    else if ('error' in outcome) throw new Error(outcome.error);
    // The HTML and the data stay out of the store (src/lib/write-up/write-up-bodies.ts): the page
    // reads bodyFile, the catalog dataFile. The data file is written first, so that an entry
    // never names a file that is not there.
    else {
      const file = dataFile(cacheDir(context), id);
      saveData(file, data);
      context.store.set({
        id,
        data: {},
        filePath: task.file,
        digest,
        rendered: { html: '', metadata: { headings: outcome.headings, bodyFile: task.bodyFile, dataFile: file } },
      });
    }
  }
  return problems;
}

/** Loads one file into the store unless it is unchanged; returns what is wrong with it. */
async function syncWriteUp(
  context: LoaderContext,
  schema: z.ZodType<Record<string, unknown>>,
  root: string,
  file: string,
  id: string,
  fingerprint: string,
): Promise<ContentProblem[]> {
  const prepared = prepareWriteUp(context, schema, root, file, id, fingerprint);
  if (prepared === undefined) return [];
  return Array.isArray(prepared) ? prepared : renderAndStore(context, [prepared]);
}

function parsedFrontmatter(source: string): { data: unknown } {
  const parsed = parseFrontmatter(source);
  return { data: 'error' in parsed ? undefined : parsed.data };
}

/** In `astro dev`: reload a write-up when it is saved, drop it when it is deleted. */
function watchWriteUps(
  context: LoaderContext,
  schema: z.ZodType<Record<string, unknown>>,
  root: string,
  fingerprint: string,
): void {
  const { watcher, store, logger } = context;
  if (!watcher) return;
  const directory = path.join(root, EXPERIENCES_DIR);
  const isWriteUp = (full: string) => full.startsWith(directory + path.sep) && full.endsWith(WRITE_UP_EXTENSION);
  // The watcher does not await its listeners: events are handled one at a time, in order,
  // and a failure (a body that cannot be rendered, say) is logged naming the file instead of
  // escaping as an unhandled rejection (which Astro's dev server logs without the file path).
  const handle = serialHandler(
    async (event: 'add' | 'change' | 'unlink', full: string) => {
      if (!isWriteUp(full)) return;
      const file = toProjectPath(root, full);
      if (event === 'unlink') {
        store.delete(writeUpEntryId(file));
        return;
      }
      const problems = await syncWriteUp(context, schema, root, file, writeUpEntryId(file), fingerprint);
      // The content check lists every problem of every file; here only that this file waits.
      if (problems.length > 0)
        logger.warn(`${inert(file)} was not reloaded: it has content problems (listed by the content check).`);
      else logger.info(`Reloaded ${inert(file)}`);
    },
    (error, _event, full) =>
      logger.error(
        `${inert(toProjectPath(root, full))} could not be reloaded:\n${inert(error instanceof Error ? error.message : String(error))}`,
      ),
  );
  watcher.on('add', (full: string) => handle('add', full));
  watcher.on('change', (full: string) => handle('change', full));
  watcher.on('unlink', (full: string) => handle('unlink', full));
}
