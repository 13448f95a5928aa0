// The /contribute/ form's logic, apart from the DOM: turns the fields a person filled
// in into a write-up skeleton (src/lib/skeleton.ts, as `npm run new` does) and the
// GitHub URL that opens it as a new file. Field names here are the form's control names.
import { DIMENSIONS, MEASURE_KINDS, type Dimension, type Lang } from '../schema/experience.ts';
import {
  buildSkeleton,
  checkSkeletonInput,
  skeletonPath,
  slugify,
  SKELETON_LANGS,
  type SkeletonInput,
  type SkeletonMeasure,
  type SkeletonResult,
} from './skeleton.ts';
import { MAX_PREFILL_URL_LENGTH, newFileUrl } from './urls.ts';

/** The part of the taxonomy the form needs, small enough to embed in the page. */
export interface FormTaxonomy {
  id: string;
  name: string;
  industries: { id: string; name: string }[];
}

/** How many measure rows the form offers; the first is required. */
export const MEASURE_ROWS = 3;

export interface ProposalProblem {
  /** The form control to mark, e.g. `title` or `measure-title-0`. */
  field: string;
  message: string;
}

export type Proposal =
  | { ok: false; problems: ProposalProblem[] }
  | {
      ok: true;
      file: string;
      content: string;
      /** GitHub's new-file page carrying the content, or undefined when it would be too long. */
      prefilledUrl?: string;
      /** GitHub's new-file page with only the file name, for pasting the content by hand. */
      emptyUrl: string;
    };

type Fields = Record<string, string | undefined>;

const text = (fields: Fields, name: string) => (fields[name] ?? '').trim();

function readResult(fields: Fields, problems: ProposalProblem[]): SkeletonResult | undefined {
  const names = ['metric', 'unit', 'before', 'after'] as const;
  if (names.every((name) => !text(fields, name))) return undefined;
  for (const name of ['metric', 'unit'] as const) {
    if (!text(fields, name))
      problems.push({ field: name, message: `Give the ${name}, or leave the whole result empty.` });
  }
  const number = (name: 'before' | 'after') => {
    const raw = text(fields, name).replace(',', '.');
    const value = Number(raw);
    if (!raw || !Number.isFinite(value) || value < 0) {
      problems.push({ field: name, message: `"${name}" must be a number of zero or more, e.g. 12 or 3.5.` });
    }
    return value;
  };
  const before = number('before');
  const after = number('after');
  const better = text(fields, 'better') === 'lower' ? 'lower' : 'higher';
  const dimension = (DIMENSIONS as readonly string[]).includes(text(fields, 'dimension'))
    ? (text(fields, 'dimension') as Dimension)
    : 'more';
  return { metric: text(fields, 'metric'), unit: text(fields, 'unit'), before, after, better, dimension };
}

export function buildProposal(
  fields: Fields,
  taxonomy: readonly FormTaxonomy[],
  repository: { url: string; branch: string },
  today: string,
): Proposal {
  const problems: ProposalProblem[] = [];
  const title = text(fields, 'title');
  const id = text(fields, 'id') || slugify(title);
  const lang = text(fields, 'lang') as Lang;
  const sector = taxonomy.find((candidate) => candidate.id === text(fields, 'sector'));
  if (!sector) problems.push({ field: 'sector', message: 'Choose a sector.' });
  const industry = sector?.industries.find((candidate) => candidate.id === text(fields, 'industry'));
  if (sector && !industry) problems.push({ field: 'industry', message: `Choose an industry of ${sector.name}.` });

  const measures: SkeletonMeasure[] = [];
  for (let row = 0; row < MEASURE_ROWS; row += 1) {
    const measureTitle = text(fields, `measure-title-${row}`);
    const kind = text(fields, `measure-kind-${row}`);
    if (!measureTitle) continue;
    measures.push({
      kind: (MEASURE_KINDS as readonly string[]).includes(kind) ? (kind as SkeletonMeasure['kind']) : 'technical',
      title: measureTitle,
    });
  }
  if (measures.length === 0) {
    problems.push({
      field: 'measure-title-0',
      message: 'Name at least one measure: what was changed, in a few words.',
    });
  }
  const result = readResult(fields, problems);

  const summary = text(fields, 'summary');
  for (const problem of checkSkeletonInput({
    title,
    id,
    lang,
    sector: sector?.id ?? '',
    industry: industry?.id ?? '',
    summary,
  })) {
    // An id made from the title is invisible to the person: say what to do in the title's terms.
    const message =
      problem.field === 'id' && !text(fields, 'id')
        ? 'This title has no Latin letters or digits to make a file name from: give an id, e.g. ni-zhifu-drill.'
        : problem.message;
    if (problem.field !== 'measures' && problem.field !== 'result') problems.push({ field: problem.field, message });
  }
  if (!(SKELETON_LANGS as readonly string[]).includes(lang) && !problems.some((problem) => problem.field === 'lang')) {
    problems.push({ field: 'lang', message: 'Choose a language.' });
  }
  if (problems.length > 0 || !sector || !industry) return { ok: false, problems };

  const input: SkeletonInput = {
    title,
    sector: sector.id,
    industry: industry.id,
    lang,
    summary,
    measures,
    result,
    today,
  };
  const file = skeletonPath(lang, sector.id, id);
  const content = buildSkeleton(input);
  const url = newFileUrl(repository, file, content);
  return {
    ok: true,
    file,
    content,
    prefilledUrl: url.length <= MAX_PREFILL_URL_LENGTH ? url : undefined,
    emptyUrl: newFileUrl(repository, file),
  };
}
