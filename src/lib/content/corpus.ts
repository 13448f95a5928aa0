// Reads the whole content folder and reports every problem at once: taxonomy,
// file names and places, frontmatter, duplicate ids and cross-references.
// Used by `npm run check` and, before anything is rendered, by every build.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { LANGS, type Experience, type Lang } from '../../schema/experience.ts';
import { ID_PATTERN, MAX_ID_LENGTH, type Taxonomy } from '../../schema/taxonomy.ts';
import { CheckCache, type FileCheck } from './check-cache.ts';
import { codeFingerprint } from './code-fingerprint.ts';
import { parseFrontmatter, splitFrontmatter } from './frontmatter.ts';
import type { FrontmatterHandoff } from './frontmatter-handoff.ts';
import { readRegularFile, toProjectPath, walkFolder, type SafeRead } from './files.ts';
import { lastCommitDates } from './git-dates.ts';
import { guardWriteUp, MAX_BODY_BYTES } from '../write-up/mdx-guard.ts';
import { PLACEHOLDER_MARK, slugify } from '../contribute/skeleton.ts';
import { type ContentProblem } from './problems.ts';
import { EXPERIENCES_DIR, entryId, WRITE_UP_EXTENSION, writeUpPath } from './paths.ts';
import { validateExperience } from './validate-experience.ts';
import { loadTaxonomy, TAXONOMY_FILE } from './taxonomy-file.ts';
import { checkIdentities, checkReferences, checkTranslations } from './corpus-checks.ts';

export const CONTENT_DIR = 'content';
// Split out (taxonomy-file.ts, corpus-checks.ts), still exported from here for their importers.
export { TAXONOMY_FILE, loadTaxonomy } from './taxonomy-file.ts';
export { checkIdentities, checkReferences, checkTranslations } from './corpus-checks.ts';
export { EXPERIENCES_DIR, WRITE_UP_EXTENSION } from './paths.ts';

export interface CorpusEntry {
  /** Project-relative path with forward slashes. */
  file: string;
  /** The id in URLs: the file name without `.mdx`; unique within a language. */
  id: string;
  lang: Lang;
  data: Experience;
  body: string;
  bodyStartLine: number;
  /** 1-based line of each top-level frontmatter key, so cross-reference problems can point at it. */
  keyLines?: Record<string, number>;
}

export interface Corpus {
  taxonomy: Taxonomy;
  entries: CorpusEntry[];
  problems: ContentProblem[];
}

/** A write-up's file name is its id (kebab-case ASCII, at most MAX_ID_LENGTH) plus `.mdx`. */
export const isWriteUpFileName = (name: string) => {
  const id = name.slice(0, -WRITE_UP_EXTENSION.length);
  return name.endsWith(WRITE_UP_EXTENSION) && ID_PATTERN.test(id) && id.length <= MAX_ID_LENGTH;
};

/** Suggests a file name that isWriteUpFileName accepts, made the way `npm run new` makes ids. */
export function suggestFileName(name: string): string {
  return `${slugify(name.replace(/\.[^.]*$/, '')) || 'write-up'}${WRITE_UP_EXTENSION}`;
}


/** Checks where a file sits and what it is called, before reading it. */
function checkPlace(file: string, taxonomy: Taxonomy): ContentProblem[] {
  const relative = file.slice(EXPERIENCES_DIR.length + 1);
  const name = path.posix.basename(file);
  const expectedPlace = 'content/experiences/<lang>/<sector>/<id>.mdx';
  if (!name.endsWith(WRITE_UP_EXTENSION)) {
    return [
      {
        severity: 'error',
        file,
        field: 'file name',
        message: 'only .mdx write-ups belong in content/experiences',
        got: JSON.stringify(name),
        expected: expectedPlace,
        hint: `rename it to ${suggestFileName(name)} if it is a write-up, or move it elsewhere`,
      },
    ];
  }
  const problems: ContentProblem[] = [];
  if (!isWriteUpFileName(name)) {
    problems.push({
      severity: 'error',
      file,
      field: 'file name',
      message: `file names are the write-up id: lower-case ASCII letters, digits and single hyphens, at most ${MAX_ID_LENGTH} characters`,
      got: JSON.stringify(name),
      expected: 'a kebab-case name such as ni-zhifu-drill.mdx',
      hint: `rename it to ${suggestFileName(name)}`,
    });
  }
  const place = writeUpPath(file);
  if (
    !place ||
    !(LANGS as readonly string[]).includes(place.lang) ||
    !taxonomy.some((s) => s.id === place.sector)
  ) {
    problems.push({
      severity: 'error',
      file,
      field: 'file location',
      message: 'a write-up must sit in its language folder and its sector folder',
      got: JSON.stringify(`content/experiences/${relative}`),
      expected: `${expectedPlace} with lang one of ${LANGS.join(', ')} and sector one of ${taxonomy.map((s) => s.id).join(', ')}`,
    });
  }
  return problems;
}

/**
 * The last corpus loaded for each root, with a hash of the content it was loaded
 * from. A build loads the corpus twice (the content check before rendering, the
 * content audit after it); at 10,000 write-ups the second full parse costs about
 * half a minute for an identical answer. Reading and hashing every file again is
 * cheap, and any changed byte, added or removed file, or new commit date loads afresh.
 */
const loadedCorpora = new Map<string, { hash: string; corpus: Corpus }>();

/**
 * The content folder as one pass read it: the walk, every file as readRegularFile
 * gives it (so a file over the cap is refused unread), and a hash of it all. The
 * corpus is checked from these reads, not from a second pass over the disk.
 */
interface ContentSnapshot {
  walk: ReturnType<typeof walkFolder>;
  reads: Map<string, SafeRead>;
  hash: string;
}

function readContent(root: string, changed: ReadonlyMap<string, string>): ContentSnapshot {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([...changed]));
  const walk = walkFolder(path.join(root, CONTENT_DIR));
  walk.files.sort();
  hash.update(JSON.stringify(walk.refused));
  const reads = new Map<string, SafeRead>();
  for (const full of walk.files) {
    const read = readRegularFile(full, MAX_BODY_BYTES);
    reads.set(full, read);
    hash.update(`${full}\0`);
    // A file over the cap is refused unread; its size is enough to notice a change.
    hash.update(read.ok ? read.text : read.reason === 'too large' ? `\0size ${read.bytes}` : `\0${read.reason}`);
    hash.update('\0');
  }
  return { walk, reads, hash: hash.digest('hex') };
}

export interface LoadOptions {
  /**
   * A file in which each write-up's own check results are kept between runs
   * (src/lib/content/check-cache.ts). The build passes one in Astro's cache folder.
   */
  checkCacheFile?: string;
  /**
   * The same, already open (openCheckCache), e.g. after checkInWorkers filled it;
   * saving it is then the caller's (the build saves it once the pages are written).
   */
  checkCache?: CheckCache;
  /** Receives the raw frontmatter of each valid file parsed now, for the loader (src/lib/content/frontmatter-handoff.ts). */
  handoff?: Pick<FrontmatterHandoff, 'give'>;
}

/** The check cache at `file`, valid for the checking code and the taxonomy of `root`. */
export const openCheckCache = (root: string, file: string) =>
  // The checking code and the taxonomy decide every per-file result.
  new CheckCache(file, codeFingerprint(root, [TAXONOMY_FILE]));

/** One write-up's own checks (schema, then the guard): what the check cache keeps per file. */
export function checkWriteUpFile(
  file: string,
  source: string,
  taxonomy: Taxonomy,
): { check: FileCheck; frontmatter: unknown } {
  const { body: _body, frontmatter, ...validated } = validateExperience(file, source, taxonomy);
  // The body is untrusted MDX: refuse code, unsafe HTML and unsafe links (src/lib/write-up/mdx-guard.ts).
  // A refused body does not drop the entry, so id and reference checks still report on it.
  return { check: { validated, guard: guardWriteUp(file, source) }, frontmatter };
}

/** Loads and checks every write-up; entries holds only the files without errors. */
export function loadCorpus(root: string, options: LoadOptions = {}): Corpus {
  const changed = lastCommitDates(root);
  const snapshot = readContent(root, changed);
  const { hash } = snapshot;
  const cached = loadedCorpora.get(root);
  if (cached?.hash === hash) {
    const { corpus } = cached;
    return { taxonomy: corpus.taxonomy, entries: [...corpus.entries], problems: [...corpus.problems] };
  }
  const opened =
    !options.checkCache && options.checkCacheFile ? openCheckCache(root, options.checkCacheFile) : undefined;
  const corpus = readCorpus(root, snapshot, changed, options.checkCache ?? opened, options.handoff);
  opened?.save();
  loadedCorpora.set(root, { hash, corpus });
  return { taxonomy: corpus.taxonomy, entries: [...corpus.entries], problems: [...corpus.problems] };
}

/** The body of a valid write-up (everything after the frontmatter). */
function splitBody(source: string): string {
  const split = splitFrontmatter(source);
  return split.ok ? split.body : '';
}

function readCorpus(
  root: string,
  { walk, reads }: ContentSnapshot,
  changed: ReadonlyMap<string, string>,
  cache?: CheckCache,
  handoff?: LoadOptions['handoff'],
): Corpus {
  // Links, pipes and devices anywhere in content/ are named and never followed (src/lib/content/files.ts).
  const refused = walk.refused.map((entry): ContentProblem => ({
    severity: 'error',
    file: toProjectPath(root, entry.path),
    field: 'file type',
    message: `is ${entry.kind}; only regular files and folders belong in content/, and links are never followed`,
    hint: 'commit the file itself instead of a link to it',
  }));
  const { taxonomy, problems } = loadTaxonomy(root);
  problems.push(...refused);
  if (!taxonomy) return { taxonomy: [], entries: [], problems };

  const entries: CorpusEntry[] = [];
  const unreadable = new Set<string>();
  const experiencesPrefix = `${EXPERIENCES_DIR}/`;
  const files = walk.files
    .map((full) => toProjectPath(root, full))
    .filter((file) => file.startsWith(experiencesPrefix))
    .sort();
  for (const file of files) {
    const placeProblems = checkPlace(file, taxonomy);
    problems.push(...placeProblems);
    if (!file.endsWith(WRITE_UP_EXTENSION)) continue;

    // The size was capped before a byte was read: every later step's cost is bounded by it.
    const full = path.join(root, file);
    const read = reads.get(full) ?? readRegularFile(full, MAX_BODY_BYTES);
    reads.delete(full);
    if (!read.ok) {
      problems.push({
        severity: 'error',
        file,
        field: read.reason === 'too large' ? 'size' : 'file type',
        message:
          read.reason === 'too large'
            ? 'the write-up is too large'
            : read.reason === 'missing'
              ? 'the file disappeared while it was being checked'
              : `is ${read.kind}; only regular files are read`,
        ...(read.reason === 'too large'
          ? {
              line: 1,
              column: 1,
              got: `${Math.round(read.bytes / 1024)} kB`,
              expected: `at most ${MAX_BODY_BYTES / 1024} kB`,
              hint: 'a write-up should read in five minutes; move long data to a linked source',
            }
          : {}),
      });
      continue;
    }
    const source = read.text;
    const compute = () => {
      const { check, frontmatter } = checkWriteUpFile(file, source, taxonomy);
      if (check.validated.data) handoff?.give(source, frontmatter);
      return check;
    };
    const { validated, guard } = cache ? cache.check(file, source, compute) : compute();
    problems.push(...validated.problems, ...guard);
    if (placeProblems.length > 0) continue;

    const place = writeUpPath(file);
    if (!place) continue; // checkPlace reported it
    const { lang: folderLang, sector: folderSector } = place;
    const data = validated.data;
    if (!data) {
      unreadable.add(entryId(place));
      // The file has errors, but the rules that tie its fields to its folder and its
      // status still apply to the fields that are valid: all problems in one round.
      problems.push(...crossFileProblemsOfInvalid(file, source, taxonomy, folderLang, folderSector));
      continue;
    }
    const keyLines = frontmatterKeyLines(source);
    const lineOf = (key: string) => ({ line: keyLines[key] ?? 2, column: 1 });
    problems.push(...checkPlaceholders(file, source, data.status));
    if (data.status === 'draft') problems.push(draftNotice(file, source, keyLines.status));
    problems.push(...folderProblems(file, data, lineOf, folderLang, folderSector));
    entries.push({
      file,
      id: place.id,
      lang: data.lang,
      data,
      body: splitBody(source),
      bodyStartLine: validated.bodyStartLine ?? 1,
      keyLines,
    });
  }
  problems.push(
    ...checkIdentities(entries),
    ...checkReferences(entries, unreadable),
    ...checkTranslations(entries, changed),
  );
  return { taxonomy, entries, problems };
}

/** A write-up's lang and sector must match the folders it sits in. */
function folderProblems(
  file: string,
  data: { lang?: unknown; sector?: unknown },
  lineOf: (key: string) => { line: number; column: number },
  folderLang: string | undefined,
  folderSector: string | undefined,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (data.lang !== folderLang) {
    problems.push({
      severity: 'error',
      file,
      ...lineOf('lang'),
      field: 'lang',
      message: 'does not match the language folder',
      got: JSON.stringify(data.lang),
      expected: JSON.stringify(folderLang),
    });
  }
  if (data.sector !== folderSector) {
    problems.push({
      severity: 'error',
      file,
      ...lineOf('sector'),
      field: 'sector',
      message: 'does not match the sector folder',
      got: JSON.stringify(data.sector),
      expected: JSON.stringify(folderSector),
      hint: `move the file to content/experiences/${String(data.lang)}/${String(data.sector)}/`,
    });
  }
  return problems;
}

/** The folder and placeholder rules for a file whose frontmatter has errors, over its fields that are valid. */
function crossFileProblemsOfInvalid(
  file: string,
  source: string,
  taxonomy: Taxonomy,
  folderLang: string | undefined,
  folderSector: string | undefined,
): ContentProblem[] {
  const parsed = parseFrontmatter(source);
  if ('error' in parsed || parsed.data === null || typeof parsed.data !== 'object') return [];
  const raw = parsed.data as Record<string, unknown>;
  const lineOf = (key: string) => parsed.positionOf([key]);
  // Only fields that are valid on their own: a wrong value is already reported by the schema.
  const validLang = (LANGS as readonly unknown[]).includes(raw.lang) ? raw.lang : folderLang;
  const validSector = taxonomy.some((sector) => sector.id === raw.sector) ? raw.sector : folderSector;
  return [
    ...(raw.status === 'published' ? checkPlaceholders(file, source, 'published') : []),
    ...folderProblems(file, { lang: validLang, sector: validSector }, lineOf, folderLang, folderSector),
  ];
}

/** Lines of the top-level keys of a valid frontmatter: a cheap line scan, no second YAML parse. */
export function frontmatterKeyLines(source: string): Record<string, number> {
  const lines = source.split(/\r\n|\r|\n/);
  const found: Record<string, number> = {};
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '---') break;
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1];
    if (key && found[key] === undefined) found[key] = index + 1;
  }
  return found;
}


/** The scaffolder's placeholder lines still in a write-up (headings, which may name the marker, aside). */
export function countPlaceholders(source: string): number {
  const marker = `${PLACEHOLDER_MARK}:`;
  return source.split(/\r?\n/).filter((text) => text.includes(marker) && !text.trimStart().startsWith('#')).length;
}

/**
 * A draft is valid, but it is not published: it gets a page marked as a draft and
 * stays out of search, the lists, the feeds, the sitemap and the API. The check says
 * so, with how many placeholders are still open, so a draft is never mistaken for done.
 */
export function draftNotice(file: string, source: string, statusLine?: number): ContentProblem {
  const open = countPlaceholders(source);
  return {
    severity: 'warning',
    file,
    ...(statusLine === undefined ? { line: 1, column: 1 } : { line: statusLine, column: 1 }),
    field: 'status',
    message: `draft with ${open} open ${PLACEHOLDER_MARK}: placeholder(s); not published: left out of search, lists, feeds, the sitemap and the API`,
    hint:
      open > 0
        ? `replace each ${PLACEHOLDER_MARK}: line, then ask a maintainer to set status: published`
        : 'ask a maintainer to set status: published',
  };
}

/**
 * A published write-up must not keep the scaffolder's "TODO:" placeholders: they
 * pass the schema (they are valid text), so only this check catches them.
 */
export function checkPlaceholders(file: string, source: string, status: string): ContentProblem[] {
  if (status !== 'published') return [];
  const marker = `${PLACEHOLDER_MARK}:`;
  return source.split(/\r?\n/).flatMap((text, index): ContentProblem[] => {
    const column = text.indexOf(marker);
    if (column === -1 || text.trimStart().startsWith('#')) return [];
    return [
      {
        severity: 'error',
        file,
        line: index + 1,
        column: column + 1,
        field: 'placeholder',
        message: `a published write-up still has a ${marker} placeholder from the scaffolder`,
        got: JSON.stringify(text.trim().slice(0, 60)),
        expected: 'your own text, or status: draft until it is ready',
      },
    ];
  });
}
