// One content problem, with everything a contributor needs to fix it, and the
// two ways it is printed: for people and as GitHub Actions annotations. Every
// piece of it may carry a contributor's words, so each is printed inert
// (src/lib/content/safe-text.ts): no control character reaches a terminal or a CI log.
import { inert } from './safe-text.ts';

export type Severity = 'error' | 'warning';

export interface ContentProblem {
  severity: Severity;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line?: number;
  column?: number;
  /** Frontmatter path such as `results[0].better`, or a short label such as `file name`. */
  field?: string;
  message: string;
  got?: string;
  expected?: string;
  hint?: string;
}

export function formatLocation(problem: ContentProblem): string {
  const file = inert(problem.file);
  if (problem.line === undefined) return file;
  return `${file}:${problem.line}:${problem.column ?? 1}`;
}

function describe(problem: ContentProblem): string {
  const detail = [
    problem.got !== undefined ? `got ${inert(problem.got)}` : undefined,
    problem.expected !== undefined ? `expected ${inert(problem.expected)}` : undefined,
  ].filter(Boolean);
  const message = inert(problem.message);
  const text = detail.length > 0 ? `${message} (${detail.join(', ')})` : message;
  return problem.hint ? `${text}\n    hint: ${inert(problem.hint)}` : text;
}

/** `file:line:col  field  message (got …, expected …)` */
export function formatProblem(problem: ContentProblem): string {
  const parts = [formatLocation(problem)];
  if (problem.field) parts.push(inert(problem.field));
  parts.push(describe(problem));
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return prefix + parts.join('  ');
}

const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,col=…,title=…::message` for GitHub's pull-request annotations. */
export function formatGithubAnnotation(problem: ContentProblem): string {
  const properties = [`file=${escapeProperty(inert(problem.file))}`];
  if (problem.line !== undefined) properties.push(`line=${problem.line}`);
  if (problem.column !== undefined) properties.push(`col=${problem.column}`);
  if (problem.field) properties.push(`title=${escapeProperty(inert(problem.field))}`);
  return `::${problem.severity} ${properties.join(',')}::${escapeData(describe(problem))}`;
}

export function sortProblems(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

/** The summary a build or `npm run check` prints when it refuses the content. */
export function formatReport(problems: ContentProblem[]): string {
  const sorted = sortProblems(problems);
  const errors = sorted.filter((problem) => problem.severity === 'error');
  const files = new Set(errors.map((problem) => problem.file));
  const lines = sorted.map(formatProblem);
  lines.push(
    errors.length === 0
      ? `${sorted.length} warning(s), no errors.`
      : `${errors.length} error(s) in ${files.size} file(s).`,
  );
  return lines.join('\n');
}
