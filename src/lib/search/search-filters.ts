// What a write-up tells the search index (Pagefind filters, result-card meta and
// sort keys), and how the search page names those values for a reader.
//
// Filter values are ids ("industry", "machine-building", "1950s"), never display
// names: they appear in shareable URLs (/search/?sector=industry) and must not
// change when a name is reworded or translated. The search page maps them to
// names with `filterLabel`.
import { DIMENSIONS, EVIDENCE_LEVELS, LANGS, MEASURE_KINDS, type Lang } from '../../schema/experience.ts';
import type { Taxonomy } from '../../schema/taxonomy.ts';
import type { ExperienceRecord } from '../catalog/catalog.ts';
import { translate, type StringKey } from '../i18n/i18n.ts';
import { formatHeadline, improvementScore } from '../catalog/metrics.ts';
import { SORT_META, type FilterKey, type SortKey } from './search-state.ts';
import { dateSortValue, formatDate } from '../catalog/uncertain.ts';

export { FILTER_KEYS, SORT_KEYS, type FilterKey, type SortKey } from './search-state.ts';

/**
 * Sort value for write-ups without figures: below every real result, so sorting
 * by improvement lists them last instead of dropping them (Pagefind leaves out a
 * page that lacks the sort key).
 */
export const NO_FIGURES_SCORE = -1000;
/** Sort value for a gain from a zero baseline (an infinite factor): above every finite one. */
export const FROM_ZERO_SCORE = 1000;

export interface SearchFacets {
  filters: Record<FilterKey, string[]>;
  /** Shown on result cards; Pagefind also searches these. */
  meta: Record<string, string>;
  /** Numbers as strings, so Pagefind sorts them numerically. */
  sort: Record<SortKey, string>;
}

const unique = <T>(values: Iterable<T>) => [...new Set(values)];

/**
 * The period's start as a sortable number: 1951-08 → 195108, 1953 → 195300,
 * "~1952" → 195200 (its stated year), "early 1950s" → 195000, "mid 1950s" → 195300.
 */
export function periodSortValue(period: string): number {
  return Math.floor(dateSortValue(period) / 100);
}

/** A finite number for Pagefind's numeric sort: the log of the headline factor. */
export function improvementSortValue(record: Pick<ExperienceRecord, 'headline'>): number {
  if (!record.headline) return NO_FIGURES_SCORE;
  const score = improvementScore(record.headline);
  if (score === Number.POSITIVE_INFINITY) return FROM_ZERO_SCORE;
  if (score === Number.NEGATIVE_INFINITY) return -FROM_ZERO_SCORE;
  return Math.round(score * 10_000) / 10_000;
}

/** Everything the write-up template writes for the index. */
export function searchFacets(record: ExperienceRecord, taxonomy: Taxonomy): SearchFacets {
  const { data, lang } = record;
  const filters: Record<FilterKey, string[]> = {
    sector: [data.sector],
    industry: [data.industry],
    // Canonical order, whatever order the write-up lists its measures and results in.
    measure: MEASURE_KINDS.filter((kind) => data.measures.some((measure) => measure.kind === kind)),
    dimension: DIMENSIONS.filter((dimension) => data.results.some((result) => result.dimension === dimension)),
    evidence: [data.evidence],
    decade: [record.decade],
    lang: [lang],
  };
  const meta: Record<string, string> = {
    title: data.title,
    // What a result card shows when there are no words to match (and so no useful excerpt).
    summary: data.summary,
    sector: filterLabel('sector', data.sector, lang, taxonomy),
    industry: filterLabel('industry', data.industry, lang, taxonomy),
    organization: data.organization,
    // Meta is searched too. The facts list on the page runs each label into its value
    // ("OriginatorsNi Zhifu") in Pagefind's text, so names are made findable here.
    originators: data.originators.join(', '),
    location: data.location,
    period: formatDate(data.period, lang),
  };
  if (record.headline) {
    meta.headline = formatHeadline(record.headline, lang);
    meta.metric = record.headline.metric;
  }
  if (data.status !== 'published') meta.status = data.status;
  const sort = { date: String(periodSortValue(data.period)), improvement: String(improvementSortValue(record)) };
  // Pagefind sorts by these but returns them to no one; the sharded search merges
  // shards sorted by date or improvement, so it reads them from the result's meta.
  meta[SORT_META.date] = sort.date;
  meta[SORT_META.improvement] = sort.improvement;
  return { filters, meta, sort };
}

const GROUP_LABELS: Record<FilterKey, StringKey> = {
  sector: 'search.facet.sector',
  industry: 'search.facet.industry',
  measure: 'search.facet.measure',
  dimension: 'search.facet.dimension',
  evidence: 'search.facet.evidence',
  decade: 'search.facet.decade',
  lang: 'search.facet.lang',
};

export const groupLabel = (key: FilterKey, lang: Lang) => translate(lang, GROUP_LABELS[key]);

const oneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

/** The display name of a filter value; an unknown value is shown as it is. */
export function filterLabel(key: FilterKey, value: string, lang: Lang, taxonomy: Taxonomy): string {
  switch (key) {
    case 'sector':
      return taxonomy.find((sector) => sector.id === value)?.name[lang] ?? value;
    case 'industry': {
      // Industry ids are unique within a sector; the first sector that has it names it.
      for (const sector of taxonomy) {
        const industry = sector.industries.find((candidate) => candidate.id === value);
        if (industry) return industry.name[lang];
      }
      return value;
    }
    case 'measure':
      return oneOf(MEASURE_KINDS, value) ? translate(lang, `measure.${value}`) : value;
    case 'dimension':
      return oneOf(DIMENSIONS, value) ? translate(lang, `dimension.${value}`) : value;
    case 'evidence':
      return oneOf(EVIDENCE_LEVELS, value) ? translate(lang, `evidence.${value}`) : value;
    case 'decade':
      return /^\d{4}s$/.test(value) ? translate(lang, 'search.decade', { decade: value.slice(0, 4) }) : value;
    case 'lang':
      return oneOf(LANGS, value) ? translate(lang, `search.lang.${value}`) : value;
  }
}

export interface FacetOption {
  value: string;
  label: string;
  /** Write-ups with this value in the whole index; the page updates it for the current search. */
  count: number;
}

export interface FacetGroup {
  key: FilterKey;
  legend: string;
  options: FacetOption[];
}

/**
 * The facet pane the search page renders at build time: every value a write-up
 * may carry, in reading order (taxonomy order for sectors and industries, the
 * schema's order for kinds, oldest decade first), with counts over `records`.
 * Values no write-up has yet are listed with count 0 so that a shared URL naming
 * them still has a checkbox to show checked. Language is left out: Pagefind loads
 * one index per page language, so the language filter could only ever have one value.
 */
export function facetGroups(records: readonly ExperienceRecord[], taxonomy: Taxonomy, lang: Lang): FacetGroup[] {
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const [key, values] of Object.entries(searchFacets(record, taxonomy).filters)) {
      for (const value of values) counts.set(`${key}=${value}`, (counts.get(`${key}=${value}`) ?? 0) + 1);
    }
  }
  const decades = unique(records.map((record) => record.decade)).sort();
  const valuesOf: Record<Exclude<FilterKey, 'lang'>, readonly string[]> = {
    sector: taxonomy.map((sector) => sector.id),
    industry: unique(taxonomy.flatMap((sector) => sector.industries.map((industry) => industry.id))),
    measure: MEASURE_KINDS,
    dimension: DIMENSIONS,
    evidence: EVIDENCE_LEVELS,
    decade: decades,
  };
  return (Object.keys(valuesOf) as Exclude<FilterKey, 'lang'>[]).map((key) => ({
    key,
    legend: groupLabel(key, lang),
    options: valuesOf[key].map((value) => ({
      value,
      label: filterLabel(key, value, lang, taxonomy),
      count: counts.get(`${key}=${value}`) ?? 0,
    })),
  }));
}
