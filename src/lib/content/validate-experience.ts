// Validates one write-up's frontmatter and turns every schema issue into a
// ContentProblem that names the file, line, field, the value given and what is expected.
import type { z } from 'astro/zod';
import { crossFieldIssues, experienceSchema, type Experience } from '../../schema/experience.ts';
import type { Taxonomy } from '../../schema/taxonomy.ts';
import { parseFrontmatter } from './frontmatter.ts';
import type { ContentProblem } from './problems.ts';
import { printable } from './safe-text.ts';

export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** A value after "got": short JSON, inert, and never throwing (cycles, BigInt, invalid dates). */
export function showValue(value: unknown): string {
  return printable(value);
}

type Issue = z.core.$ZodIssue;

/** Plain-language wording for a zod issue; `got` and `expected` are filled separately. */
function describeIssue(issue: Issue, given: unknown): Pick<ContentProblem, 'message' | 'expected'> {
  switch (issue.code) {
    case 'invalid_type':
      return given === undefined
        ? { message: 'is required', expected: issue.expected }
        : issue.message.startsWith('Invalid input')
          ? { message: 'has the wrong type', expected: issue.expected }
          : // The schema words this field itself, e.g. "must be a real date in the form YYYY-MM-DD".
            { message: issue.message };
    case 'invalid_value':
      return {
        message: 'is not one of the allowed values',
        expected: `one of: ${issue.values.map((value) => String(value)).join(', ')}`,
      };
    case 'unrecognized_keys':
      return {
        message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`,
        expected: 'only the fields listed in CONTRIBUTING.md',
      };
    case 'too_small':
      return issue.origin === 'array'
        ? {
            message: issue.message.startsWith('Too small') ? 'has too few items' : issue.message,
            expected: `at least ${String(issue.minimum)} item(s)`,
          }
        : issue.origin === 'string'
          ? { message: 'is too short', expected: `at least ${String(issue.minimum)} characters` }
          : { message: 'is too small', expected: `at least ${String(issue.minimum)}` };
    case 'too_big':
      return issue.origin === 'string'
        ? { message: 'is too long', expected: `at most ${String(issue.maximum)} characters` }
        : { message: 'is too big', expected: `at most ${String(issue.maximum)}` };
    case 'custom':
      return { message: issue.message, expected: (issue.params as { expected?: string } | undefined)?.expected };
    default:
      return { message: issue.message };
  }
}

// Building the schema costs far more than using it: build it once per taxonomy.
const schemas = new WeakMap<Taxonomy, ReturnType<typeof experienceSchema>>();
function schemaFor(taxonomy: Taxonomy) {
  let schema = schemas.get(taxonomy);
  if (!schema) schemas.set(taxonomy, (schema = experienceSchema(taxonomy)));
  return schema;
}

export interface ValidatedExperience {
  data?: Experience;
  /** The frontmatter as YAML gave it, before the schema (what Astro's parseData takes). */
  frontmatter?: unknown;
  body?: string;
  bodyStartLine?: number;
  problems: ContentProblem[];
}

export function validateExperience(file: string, source: string, taxonomy: Taxonomy): ValidatedExperience {
  const parsed = parseFrontmatter(source);
  if ('error' in parsed) {
    return { problems: [{ severity: 'error', file, ...parsed.position, field: 'frontmatter', message: parsed.error }] };
  }
  if (parsed.errors.length > 0) {
    return {
      problems: parsed.errors.map((error) => ({
        severity: 'error' as const,
        file,
        ...error.position,
        field: error.field ?? 'frontmatter',
        message: error.message,
        hint:
          error.hint ??
          'quote values that contain ": " or start with a special character, and indent lists consistently',
      })),
    };
  }
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    return {
      problems: [
        {
          severity: 'error',
          file,
          line: 2,
          column: 1,
          field: 'frontmatter',
          message: 'must be a YAML mapping of fields',
          got: showValue(parsed.data),
        },
      ],
    };
  }

  const outcome = schemaFor(taxonomy).safeParse(parsed.data);
  if (outcome.success) {
    const { data: frontmatter, body, bodyStartLine } = parsed;
    return {
      data: outcome.data,
      frontmatter,
      body,
      bodyStartLine,
      problems: sourceWarnings(file, outcome.data, (path) => parsed.positionOf(path)),
    };
  }
  // zod skips the cross-field rules once a field has failed: run them on the raw data,
  // so every problem of the file is listed in one round.
  const failedPaths = new Set(outcome.error.issues.map((issue) => fieldPath(issue.path)));
  const issues: Issue[] = [...outcome.error.issues];
  for (const cross of crossFieldIssues(parsed.data, taxonomy)) {
    if (!failedPaths.has(fieldPath(cross.path))) issues.push({ code: 'custom', ...cross });
  }
  return { problems: schemaProblems(file, parsed.data, issues, (path) => parsed.positionOf(path)) };
}

/**
 * Schema issues as problems naming the field, the value given and what is expected;
 * with `positionOf`, also the line (the content loader, which has no positions, leaves it out).
 */
export function schemaProblems(
  file: string,
  data: unknown,
  issues: readonly Issue[],
  positionOf?: (path: readonly PropertyKey[]) => { line?: number; column?: number },
): ContentProblem[] {
  return issues.map((issue): ContentProblem => {
    const given = valueAt(data, issue.path);
    const { message, expected } = describeIssue(issue, given);
    return {
      severity: 'error',
      file,
      ...positionOf?.(issue.path),
      field: issue.path.length > 0 ? fieldPath(issue.path) : 'frontmatter',
      message,
      // A missing value is said by the message ("is required"); "got nothing" would add nothing.
      got: issue.code === 'unrecognized_keys' || given === undefined ? undefined : showValue(given),
      expected,
    };
  });
}

/**
 * Warnings (not errors) about sources a reader cannot follow: one that cites only the
 * project's own notes (kind: notes), and one that names neither author nor publisher.
 */
export function sourceWarnings(
  file: string,
  data: Pick<Experience, 'sources'>,
  positionOf: (path: readonly PropertyKey[]) => { line: number; column: number },
): ContentProblem[] {
  return data.sources.flatMap((source, index): ContentProblem[] => {
    const warnings: ContentProblem[] = [];
    if (source.kind === 'notes') {
      warnings.push({
        severity: 'warning',
        file,
        ...positionOf(['sources', index, 'kind']),
        field: `sources[${index}].kind`,
        message: "cites only the project's own research notes, which no reader can look up",
        got: '"notes"',
        expected: 'primary or secondary: the original article, book or page the notes draw on',
        hint: 'find the original the notes summarize and cite it with its title, publisher and date',
      });
    }
    // A notes source has already been warned about; one warning per source says it.
    else if (source.author === undefined && source.publisher === undefined) {
      warnings.push({
        severity: 'warning',
        file,
        ...positionOf(['sources', index]),
        field: `sources[${index}]`,
        message: 'names neither an author nor a publisher, so a reader cannot find it',
        expected: 'author: "…" or publisher: "…" (or both)',
      });
    }
    return warnings;
  });
}
