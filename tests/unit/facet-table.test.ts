// The facet table (src/lib/search/facet-table.ts): what the search page counts
// facets from. Checked against counting every result's filters directly, which
// is what Pagefind's own counts are.
import { describe, expect, it } from 'vitest';
import { countFacets, facetTable, parseFacetTable, type FacetPage } from '../../src/lib/search/facet-table.ts';
import type { FacetCounts } from '../../src/lib/search/search-merge.ts';

const PAGES: FacetPage[] = [
  { id: 'en_a1', filters: { sector: ['industry'], measure: ['technical', 'organizational'], decade: ['1950s'] } },
  { id: 'en_b2', filters: { sector: ['industry'], measure: ['technical'], decade: ['1960s'] } },
  { id: 'en_c3', filters: { sector: ['agriculture'], measure: [], decade: ['1950s'] } },
  { id: 'en_d4', filters: { sector: ['agriculture'], measure: ['organizational'], lang: ['en'] } },
];

/** Counting each result's filters one by one: the answer the table must give. */
function countDirectly(pages: readonly FacetPage[], ids: readonly string[]): FacetCounts {
  const counts: FacetCounts = {};
  for (const id of ids)
    for (const [key, values] of Object.entries(pages.find((page) => page.id === id)!.filters))
      for (const value of values) (counts[key] ??= {})[value] = (counts[key]?.[value] ?? 0) + 1;
  return counts;
}

describe('the facet table', () => {
  it('counts any set of results as counting their filters one by one would', () => {
    const table = facetTable(PAGES);
    const ids = PAGES.map((page) => page.id);
    // Every subset of the four pages.
    for (let mask = 0; mask < 1 << ids.length; mask++) {
      const chosen = ids.filter((_, index) => mask & (1 << index));
      expect(countFacets(table, chosen), chosen.join(',')).toEqual(countDirectly(PAGES, chosen));
    }
  });

  it('is the same table whatever order the pages come in, and survives being written and read back', () => {
    const table = facetTable(PAGES);
    expect(facetTable([...PAGES].reverse())).toEqual(table);
    expect(parseFacetTable(JSON.stringify(table), 'x')).toEqual(table);
    // Each (filter, value) pair is stored once, however many pages carry it.
    expect(table.values.filter(([key, value]) => key === 'sector' && value === 'industry')).toHaveLength(1);
  });

  it('refuses a result it has no row for, instead of counting it as nothing', () => {
    expect(() => countFacets(facetTable(PAGES), ['en_a1', 'en_zz'])).toThrow(/no page en_zz/);
  });

  it('refuses a file that is not a table', () => {
    expect(() => parseFacetTable('{"values":[["sector"]],"pages":{}}', '/pagefind/x.bin')).toThrow(
      '/pagefind/x.bin is not a facet table',
    );
    expect(() => parseFacetTable('{"values":[],"pages":{"en_a":[0]}}', 'y')).toThrow('y is not a facet table');
    expect(() => parseFacetTable('[]', 'z')).toThrow('z is not a facet table');
  });
});
