import { describe, expect, it } from 'vitest';
import { toRecord } from '../../src/lib/catalog/catalog.ts';
import {
  facetGroups,
  filterLabel,
  FROM_ZERO_SCORE,
  improvementSortValue,
  NO_FIGURES_SCORE,
  periodSortValue,
  searchFacets,
} from '../../src/lib/search/search-filters.ts';
import { experienceSchema } from '../../src/schema/experience.ts';
import type { Taxonomy } from '../../src/schema/taxonomy.ts';
import { validFrontmatter } from '../helpers/write-up.ts';

const taxonomy: Taxonomy = [
  {
    id: 'industry',
    name: { en: 'Industry', zh: '工业' },
    description: { en: 'Factories.', zh: '工厂。' },
    industries: [
      { id: 'machine-building', name: { en: 'Machine building', zh: '机械制造' } },
      { id: 'mining', name: { en: 'Mining', zh: '采矿' } },
    ],
  },
  {
    id: 'agriculture',
    name: { en: 'Agriculture', zh: '农业' },
    description: { en: 'Farms.', zh: '农场。' },
    industries: [{ id: 'grain', name: { en: 'Grain', zh: '粮食' } }],
  },
];

function record(changes: Record<string, unknown> = {}, id = 'ni-zhifu-drill') {
  const data = experienceSchema(taxonomy).parse({ ...validFrontmatter(), ...changes });
  return toRecord(id, `content/experiences/en/industry/${id}.mdx`, data, { today: new Date('2026-11-26') });
}

describe('searchFacets', () => {
  it('writes ids as filter values, one list per facet', () => {
    const facets = searchFacets(
      record({
        measures: [
          { kind: 'organizational', title: 'Rota' },
          { kind: 'technical', title: 'Geometry' },
          { kind: 'technical', title: 'Jig' },
        ],
        results: [
          { metric: 'Bits', unit: 'bits', before: 12, after: 3, better: 'lower', dimension: 'cheaper' },
          { metric: 'Holes', unit: 'holes', before: 10, after: 40, better: 'higher', dimension: 'more' },
        ],
      }),
      taxonomy,
    );
    expect(facets.filters).toEqual({
      sector: ['industry'],
      industry: ['machine-building'],
      measure: ['technical', 'organizational'],
      dimension: ['more', 'cheaper'],
      evidence: ['reported'],
      decade: ['1950s'],
      lang: ['en'],
    });
  });

  it('gives result cards display names and the headline result', () => {
    const { meta } = searchFacets(record(), taxonomy);
    expect(meta).toMatchObject({
      title: 'Ni Zhifu drill',
      sector: 'Industry',
      industry: 'Machine building',
      organization: 'Beijing Yongding Machinery Works',
      originators: 'Ni Zhifu',
      period: '1953',
      headline: '3 bits (−75%)',
      metric: 'Bits burned per day',
    });
    expect(meta.status).toBeUndefined();
  });

  it('leaves out the headline when there are no figures, and marks drafts', () => {
    const { meta, filters } = searchFacets(record({ results: [], status: 'draft' }), taxonomy);
    expect(meta.headline).toBeUndefined();
    expect(meta.status).toBe('draft');
    expect(filters.dimension).toEqual([]);
  });

  it('writes numeric sort keys for every write-up', () => {
    expect(searchFacets(record({ period: '1951-08/1952' }), taxonomy).sort).toEqual({
      date: '195108',
      improvement: String(Math.round(Math.log(4) * 10_000) / 10_000),
    });
  });
});

describe('sort values', () => {
  it('orders periods by year, then month', () => {
    expect(periodSortValue('1953')).toBe(195300);
    expect(periodSortValue('1953-02')).toBe(195302);
    expect(periodSortValue('1950/1951')).toBeLessThan(periodSortValue('1950-01'));
  });

  it('keeps improvement finite: gains from zero first, write-ups without figures last', () => {
    const fromZero = improvementSortValue({
      headline: { metric: 'm', unit: 'u', before: 0, after: 5, better: 'higher', dimension: 'more' },
    });
    const fourfold = improvementSortValue({
      headline: { metric: 'm', unit: 'u', before: 10, after: 40, better: 'higher', dimension: 'more' },
    });
    const worse = improvementSortValue({
      headline: { metric: 'm', unit: 'u', before: 10, after: 20, better: 'lower', dimension: 'cheaper' },
    });
    const none = improvementSortValue({ headline: undefined });
    expect(fromZero).toBe(FROM_ZERO_SCORE);
    expect(none).toBe(NO_FIGURES_SCORE);
    expect([fromZero, fourfold, worse, none].every(Number.isFinite)).toBe(true);
    expect(fromZero > fourfold && fourfold > 0 && worse < 0 && worse > none).toBe(true);
  });
});

describe('filterLabel', () => {
  it('names taxonomy ids in the reader’s language', () => {
    expect(filterLabel('sector', 'agriculture', 'en', taxonomy)).toBe('Agriculture');
    expect(filterLabel('sector', 'agriculture', 'zh', taxonomy)).toBe('农业');
    expect(filterLabel('industry', 'machine-building', 'zh', taxonomy)).toBe('机械制造');
  });

  it('names the fixed vocabularies with the UI strings', () => {
    expect(filterLabel('measure', 'organizational', 'en', taxonomy)).toBe('Organizational');
    expect(filterLabel('dimension', 'cheaper', 'zh', taxonomy)).toBe('省');
    expect(filterLabel('evidence', 'contested', 'en', taxonomy)).toBe('Contested');
    expect(filterLabel('decade', '1950s', 'en', taxonomy)).toBe('1950s');
    expect(filterLabel('decade', '1950s', 'zh', taxonomy)).toBe('1950年代');
    expect(filterLabel('lang', 'zh', 'en', taxonomy)).toBe('Chinese');
  });

  it('shows an unknown value as it is, so a stale link still says what it filters on', () => {
    expect(filterLabel('sector', 'space', 'en', taxonomy)).toBe('space');
    expect(filterLabel('measure', 'magic', 'en', taxonomy)).toBe('magic');
  });
});

describe('facetGroups', () => {
  const records = [
    record(),
    record({ sector: 'agriculture', industry: 'grain', period: '1962', evidence: 'anecdotal' }, 'close-planting'),
  ];
  const groups = facetGroups(records, taxonomy, 'en');

  it('lists the facets in pane order, without language (one index per language)', () => {
    expect(groups.map((group) => group.key)).toEqual([
      'sector',
      'industry',
      'measure',
      'dimension',
      'evidence',
      'decade',
    ]);
    expect(groups[0]?.legend).toBe('Sector');
  });

  it('lists every taxonomy value with labels and counts, zero included', () => {
    expect(groups.find((group) => group.key === 'sector')?.options).toEqual([
      { value: 'industry', label: 'Industry', count: 1 },
      { value: 'agriculture', label: 'Agriculture', count: 1 },
    ]);
    expect(
      groups.find((group) => group.key === 'industry')?.options.map((option) => [option.value, option.count]),
    ).toEqual([
      ['machine-building', 1],
      ['mining', 0],
      ['grain', 1],
    ]);
  });

  it('lists only the decades that occur, oldest first', () => {
    expect(groups.find((group) => group.key === 'decade')?.options.map((option) => option.label)).toEqual([
      '1950s',
      '1960s',
    ]);
  });
});
