// The /contribute/ form's logic, apart from the DOM: turns the fields a person filled
// in into a write-up skeleton (src/lib/contribute/skeleton.ts, as `npm run new` does) and the
// GitHub URL that opens it as a new file. Field names here are the form's control names.
// Problems carry a dictionary key (src/lib/i18n/i18n.ts), not English text: the page hands
// the script the strings of its language, and describeProblem fills them in.
import { DIMENSIONS, MEASURE_KINDS, type Dimension, type Lang } from '../vocabulary.ts';
import {
  buildSkeleton,
  checkSkeletonInput,
  skeletonPath,
  slugify,
  MAX_ID_LENGTH,
  SKELETON_LANGS,
  SUMMARY_LIMITS,
  TITLE_LIMITS,
  type SkeletonInput,
  type SkeletonMeasure,
  type SkeletonResult,
} from './skeleton.ts';
import type { StringKey } from '../i18n/i18n.ts';
import { fillTemplate } from '../i18n/placeholders.ts';
import { MAX_PREFILL_URL_LENGTH, newFileUrl } from '../urls.ts';

/** The part of the taxonomy the form needs, small enough to embed in the page. */
export interface FormTaxonomy {
  id: string;
  name: string;
  industries: { id: string; name: string }[];
}

/** How many measure rows the form offers; the first is required. */
export const MEASURE_ROWS = 3;

/** Every message a problem can carry, so the page passes exactly these strings to the script. */
export const PROPOSAL_MESSAGE_KEYS = [
  'contribute.error.titleRequired',
  'contribute.error.title',
  'contribute.error.idFromTitle',
  'contribute.error.idInvalid',
  'contribute.error.summary',
  'contribute.error.lang',
  'contribute.error.sector',
  'contribute.error.industry',
  'contribute.error.measure',
  'contribute.error.kind',
  'contribute.error.metric',
  'contribute.error.unit',
  'contribute.error.number',
  'contribute.error.better',
  'contribute.error.dimension',
] as const satisfies readonly StringKey[];
export type ProposalMessageKey = (typeof PROPOSAL_MESSAGE_KEYS)[number];
export type ProposalMessages = Record<ProposalMessageKey, string>;

export interface ProposalProblem {
  /** The form control to mark, e.g. `title` or `measure-title-0`. */
  field: string;
  /** What is wrong, as a key of the UI dictionaries. */
  key: ProposalMessageKey;
  /** Values for the message's `{placeholders}`. */
  values?: Record<string, string | number>;
}

/** A problem in words, from the messages of the page's language. */
export function describeProblem(problem: ProposalProblem, messages: ProposalMessages): string {
  return fillTemplate(messages[problem.key], problem.values);
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
    if (!text(fields, name)) problems.push({ field: name, key: `contribute.error.${name}` });
  }
  const number = (name: 'before' | 'after') => {
    const raw = text(fields, name).replace(',', '.');
    const value = Number(raw);
    if (!raw || !Number.isFinite(value) || value < 0) {
      problems.push({ field: name, key: 'contribute.error.number' });
    }
    return value;
  };
  const before = number('before');
  const after = number('after');
  // Which way is better and which dimension improved change what the figures mean:
  // the person chooses them, the form never guesses (10 h → 6.5 h is a gain only if lower is better).
  const betterText = text(fields, 'better');
  const better = betterText === 'lower' || betterText === 'higher' ? betterText : undefined;
  if (!better) problems.push({ field: 'better', key: 'contribute.error.better' });
  const dimensionText = text(fields, 'dimension');
  const dimension = (DIMENSIONS as readonly string[]).includes(dimensionText)
    ? (dimensionText as Dimension)
    : undefined;
  if (!dimension) problems.push({ field: 'dimension', key: 'contribute.error.dimension' });
  if (!better || !dimension) return undefined;
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
  if (!sector) problems.push({ field: 'sector', key: 'contribute.error.sector' });
  const industry = sector?.industries.find((candidate) => candidate.id === text(fields, 'industry'));
  if (sector && !industry) {
    problems.push({ field: 'industry', key: 'contribute.error.industry', values: { sector: sector.name } });
  }

  const measures: SkeletonMeasure[] = [];
  for (let row = 0; row < MEASURE_ROWS; row += 1) {
    const measureTitle = text(fields, `measure-title-${row}`);
    const kind = text(fields, `measure-kind-${row}`);
    if (!measureTitle) continue;
    if (!(MEASURE_KINDS as readonly string[]).includes(kind)) {
      problems.push({ field: `measure-kind-${row}`, key: 'contribute.error.kind' });
      continue;
    }
    measures.push({ kind: kind as SkeletonMeasure['kind'], title: measureTitle });
  }
  if (measures.length === 0 && !problems.some((problem) => problem.key === 'contribute.error.kind')) {
    problems.push({ field: 'measure-title-0', key: 'contribute.error.measure' });
  }
  const result = readResult(fields, problems);

  const summary = text(fields, 'summary');
  // The same checks as `npm run new`, reported in the page's language: each field has one rule.
  const idTyped = text(fields, 'id') !== '';
  for (const problem of checkSkeletonInput({
    title,
    id,
    lang,
    sector: sector?.id ?? '',
    industry: industry?.id ?? '',
    summary,
  })) {
    if (problem.field === 'title') {
      problems.push(
        title === ''
          ? { field: 'title', key: 'contribute.error.titleRequired' }
          : { field: 'title', key: 'contribute.error.title', values: TITLE_LIMITS },
      );
    } else if (problem.field === 'id') {
      // No title yet: "title is required" says it all; the id follows from the title.
      if (title === '' && !idTyped) continue;
      // An id made from the title is invisible to the person: say what to do in the title's terms.
      problems.push(
        idTyped
          ? { field: 'id', key: 'contribute.error.idInvalid', values: { max: MAX_ID_LENGTH } }
          : { field: 'id', key: 'contribute.error.idFromTitle' },
      );
    } else if (problem.field === 'summary') {
      problems.push({ field: 'summary', key: 'contribute.error.summary', values: SUMMARY_LIMITS });
    } else if (problem.field === 'lang') {
      problems.push({ field: 'lang', key: 'contribute.error.lang' });
    }
    // measures and result are checked above, field by field.
  }
  if (!(SKELETON_LANGS as readonly string[]).includes(lang) && !problems.some((problem) => problem.field === 'lang')) {
    problems.push({ field: 'lang', key: 'contribute.error.lang' });
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
