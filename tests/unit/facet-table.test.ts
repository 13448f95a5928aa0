// The facet table (src/lib/search/facet-table.ts): what the search page counts
// facets from. Checked against counting every result's filters directly, which
// is what Pagefind's own counts are.
import { describe, expect, it } from 'vitest';
import { countFacets, facetTable, parseFacetTable, rowId, type FacetPage } from '../../src/lib/search/facet-table.ts';
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

  it('lists the pages of an index whose result ids are positions by position: the same counts, without the ids', () => {
    // As a merged index numbers its pages: 0, 1, 2, … in base 36 (37 pages reach "10").
    const many = Array.from({ length: 40 }, (_, row) => ({ ...PAGES[row % PAGES.length]!, id: rowId(row) }));
    const table = facetTable([...many].reverse(), { byRow: true });
    expect(table.pages).toBeUndefined();
    expect(table.rows).toHaveLength(40);
    expect(rowId(37)).toBe('11');
    const ids = many.map((page) => page.id);
    for (const chosen of [ids, ids.slice(3, 9), ['z', '10', '11']])
      expect(countFacets(table, chosen), chosen.join(',')).toEqual(countDirectly(many, chosen));
    expect(parseFacetTable(JSON.stringify(table), 'x')).toEqual(table);
    expect(JSON.stringify(table).length).toBeLessThan(JSON.stringify(facetTable(many)).length);
    // An id that names no row, or not in rowId's form, is refused like any unknown page.
    for (const stray of ['14', '01', 'Z', 'en_a1', '-1'])
      expect(() => countFacets(table, [stray]), stray).toThrow(`no page ${stray}`);
    expect(() => facetTable(PAGES, { byRow: true })).toThrow('page en_a1 is not at a position');
  });

  it('refuses a file that is not a table', () => {
    expect(() => parseFacetTable('{"values":[["sector"]],"pages":{}}', '/pagefind/x.bin')).toThrow(
      '/pagefind/x.bin is not a facet table',
    );
    expect(() => parseFacetTable('{"values":[],"pages":{"en_a":[0]}}', 'y')).toThrow('y is not a facet table');
    expect(() => parseFacetTable('[]', 'z')).toThrow('z is not a facet table');
    // One form or the other, not both.
    expect(() => parseFacetTable('{"values":[],"pages":{},"rows":[]}', 'w')).toThrow('w is not a facet table');
    expect(() => parseFacetTable('{"values":[["a","b"]],"rows":[[1]]}', 'v')).toThrow('v is not a facet table');
  });
});
