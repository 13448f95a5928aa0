// An index of all write-ups, computed once per build: pages look things up here
// instead of scanning the collection again for every page.
import {
  COUNTED_ADOPTION_STATUSES,
  DIMENSIONS,
  type Dimension,
  type Experience,
  type Lang,
  type Measure,
} from '../../schema/experience.ts';
import type { Sector, Taxonomy } from '../../schema/taxonomy.ts';
import { computeImprovement, headlineResult } from './metrics.ts';
import { dateSortValue, dateStartYear, decadeOfDate } from './uncertain.ts';
import { relatedIndex } from './related.ts';
import { reviewStatus, type ReviewStatus } from '../review/review.ts';
import { experienceUrl } from '../urls.ts';

export interface ExperienceRecord {
  /** The id in URLs: the file name without extension. */
  id: string;
  lang: Lang;
  /** Project-relative source path, for edit links. */
  file: string;
  data: Experience;
  url: string;
  headline: Experience['results'][number] | undefined;
  /** Trials and adoptions (see countAdoptions). */
  adoptionCount: number;
  /** Every recorded attempt, failed and abandoned ones included. */
  attemptCount: number;
  /** The earliest year of the period, e.g. 1950 for "1950/1951" or "early 1950s", 1952 for "~1952". */
  year: number;
  decade: string;
  /** Due date and state of the next review, as of the build date. */
  review: ReviewStatus;
  /** Date (YYYY-MM-DD) of the last commit touching the file, when git history is available. */
  lastChanged?: string;
}

export interface RecordContext {
  /** The build date review states are computed against. */
  today: Date;
  lastChanged?: string;
}

/** The earliest year of a period in any date form ("~1952" → 1952, "mid 1950s" → 1953): the sort key. */
export function periodStartYear(period: string): number {
  return dateStartYear(period);
}

/** The decade facet, from the same year as sorting. */
export function decadeOf(period: string): string {
  return decadeOfDate(period);
}

/** Adoptions that count: trials and adoptions. Abandoned and failed attempts are attempts, not adoptions. */
export function countAdoptions(adoptions: Experience['adoptions']): number {
  return adoptions.filter((adoption) => (COUNTED_ADOPTION_STATUSES as readonly string[]).includes(adoption.status))
    .length;
}

export function toRecord(id: string, file: string, data: Experience, context: RecordContext): ExperienceRecord {
  return {
    id,
    lang: data.lang,
    file,
    data,
    url: experienceUrl(data.lang, id),
    headline: headlineResult(data.results),
    adoptionCount: countAdoptions(data.adoptions),
    attemptCount: data.adoptions.length,
    year: periodStartYear(data.period),
    decade: decadeOf(data.period),
    review: reviewStatus(data.reviewed, data.reviewEvery, context.today),
    lastChanged: context.lastChanged,
  };
}

export function measuresByKind(measures: readonly Measure[]) {
  return {
    technical: measures.filter((measure) => measure.kind === 'technical'),
    organizational: measures.filter((measure) => measure.kind === 'organizational'),
  };
}

/** Newest first by the period they describe, then by title. */
export const byNewest = (a: ExperienceRecord, b: ExperienceRecord) =>
  b.year - a.year ||
  dateSortValue(b.data.period) - dateSortValue(a.data.period) ||
  a.data.title.localeCompare(b.data.title);

export const byMostAdopted = (a: ExperienceRecord, b: ExperienceRecord) =>
  b.adoptionCount - a.adoptionCount || byNewest(a, b);

/** "Most adopted" lists only write-ups with at least this many counted adoptions. */
export const MOST_ADOPTED_MINIMUM = 2;

/** The most adopted write-ups: at least MOST_ADOPTED_MINIMUM counted adoptions, most first. */
export function mostAdopted(records: readonly ExperienceRecord[], limit: number): ExperienceRecord[] {
  return records
    .filter((record) => record.adoptionCount >= MOST_ADOPTED_MINIMUM)
    .sort(byMostAdopted)
    .slice(0, limit);
}

export interface Catalog {
  taxonomy: Taxonomy;
  /** Published write-ups only; drafts and archived ones have pages but are not listed. */
  listed(lang: Lang): ExperienceRecord[];
  all: ExperienceRecord[];
  inSector(lang: Lang, sector: string): ExperienceRecord[];
  inIndustry(lang: Lang, sector: string, industry: string): ExperienceRecord[];
  withTag(lang: Lang, tag: string): ExperienceRecord[];
  find(lang: Lang, id: string): ExperienceRecord | undefined;
  sector(id: string): Sector | undefined;
  /** The same write-up in the other language: the translation of an original, or a translation's original. */
  counterpart(record: ExperienceRecord): ExperienceRecord | undefined;
  /** Up to four related write-ups in the same language (src/lib/catalog/related.ts). */
  related(record: ExperienceRecord): ExperienceRecord[];
}

export function buildCatalog(taxonomy: Taxonomy, records: ExperienceRecord[]): Catalog {
  const all = [...records].sort(byNewest);
  const listed = all.filter((record) => record.data.status === 'published');
  const byId = new Map(all.map((record) => [`${record.lang}/${record.id}`, record]));
  // Originals are English; each may have one translation per language (checked by the content check).
  const translationOf = new Map(
    all.filter((record) => record.data.translationOf).map((record) => [record.data.translationOf!, record]),
  );
  const group = (key: (record: ExperienceRecord) => string) => Map.groupBy(listed, key);
  const byLang = group((record) => record.lang);
  const bySector = group((record) => `${record.lang}/${record.data.sector}`);
  const byIndustry = group((record) => `${record.lang}/${record.data.sector}/${record.data.industry}`);
  const byTag = new Map<string, ExperienceRecord[]>();
  for (const record of listed) {
    for (const tag of record.data.tags) {
      const members = byTag.get(`${record.lang}/${tag}`);
      if (members) members.push(record);
      else byTag.set(`${record.lang}/${tag}`, [record]);
    }
  }
  const relatedByLang = new Map<Lang, ReturnType<typeof relatedIndex<ExperienceRecord>>>();
  return {
    taxonomy,
    all,
    listed: (lang) => byLang.get(lang) ?? [],
    inSector: (lang, sector) => bySector.get(`${lang}/${sector}`) ?? [],
    inIndustry: (lang, sector, industry) => byIndustry.get(`${lang}/${sector}/${industry}`) ?? [],
    withTag: (lang, tag) => byTag.get(`${lang}/${tag}`) ?? [],
    find: (lang, id) => byId.get(`${lang}/${id}`),
    counterpart: (record) =>
      record.data.translationOf
        ? byId.get(`en/${record.data.translationOf}`)
        : record.lang === 'en'
          ? translationOf.get(record.id)
          : undefined, // a write-up that exists only in this language
    sector: (id) => taxonomy.find((sector) => sector.id === id),
    related: (record) => {
      let related = relatedByLang.get(record.lang);
      if (!related) {
        related = relatedIndex(all.filter((candidate) => candidate.lang === record.lang));
        relatedByLang.set(record.lang, related);
      }
      return related(record);
    },
  };
}

export interface GroupSummary {
  writeUps: number;
  adoptions: number;
  /** For each dimension, how many write-ups show an improved result in it. */
  improved: Record<Dimension, number>;
}

/** The small summary at the top of a sector page. */
/** Summaries by group, computed once: every page of a paginated sector shows the same one. */
const summaries = new WeakMap<readonly ExperienceRecord[], GroupSummary>();

export function summarize(records: readonly ExperienceRecord[]): GroupSummary {
  const known = summaries.get(records);
  if (known) return known;
  const summary = summarizeNow(records);
  summaries.set(records, summary);
  return summary;
}

function summarizeNow(records: readonly ExperienceRecord[]): GroupSummary {
  const improved = Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, 0])) as Record<Dimension, number>;
  for (const record of records) {
    const dimensions = new Set(
      record.data.results
        .filter((result) => computeImprovement(result).direction === 'improved')
        .map((result) => result.dimension),
    );
    for (const dimension of dimensions) improved[dimension] += 1;
  }
  return {
    writeUps: records.length,
    adoptions: records.reduce((sum, record) => sum + record.adoptionCount, 0),
    improved,
  };
}
