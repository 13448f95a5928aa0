// Each shard's facet values, page by page: what the search page counts facets
// from (docs/scaling.md, "Exact counts").
//
// Pagefind counts a facet from its filter files: seven per shard, all loaded
// before it can count, and counted by running the search a second time. An
// unscoped query at 10,000 write-ups loaded 91 filter files for its counts. The
// build instead writes, beside each shard's index, one table of the filter
// values Pagefind stored for each page (read back from Pagefind's own fragments,
// so it cannot disagree with them), and the search page counts the pages a
// search returned: one small file per shard, and no second search.
//
// Pure and import-free apart from types: the build writes the table and the
// search page's bundle reads it.
import type { FacetCounts } from './search-merge.ts';

/** The file beside a shard's index; the language is in the name because each language's first shard shares the root. */
export const facetTableFile = (lang: string): string => `pacesetter-facets.${lang}.bin`;

/** The filter values of a shard's pages. */
export interface FacetTable {
  /** Every (filter, value) pair of the shard, sorted. */
  values: [string, string][];
  /** Per page, by Pagefind's result id (its fragment's hash): indexes into `values`. */
  pages: Record<string, number[]>;
}

/** One page as Pagefind stored it: its result id and its filters (the fragment's `filters`). */
export interface FacetPage {
  id: string;
  filters: Record<string, readonly string[]>;
}

const byPair = (a: [string, string], b: [string, string]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/** The table of these pages: the same pages in any order give the same table. */
export function facetTable(pages: Iterable<FacetPage>): FacetTable {
  const list = [...pages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const pairs = new Map<string, [string, string]>();
  for (const page of list)
    for (const [key, values] of Object.entries(page.filters))
      for (const value of values) pairs.set(JSON.stringify([key, value]), [key, value]);
  const values = [...pairs.values()].sort(byPair);
  const index = new Map(values.map((pair, position) => [JSON.stringify(pair), position]));
  return {
    values,
    pages: Object.fromEntries(
      list.map((page) => [
        page.id,
        [
          ...new Set(
            Object.entries(page.filters).flatMap(([key, values]) =>
              values.map((value) => index.get(JSON.stringify([key, value]))!),
            ),
          ),
        ].sort((a, b) => a - b),
      ]),
    ),
  };
}

/**
 * The facet counts of these results, as Pagefind gives them for a search: per
 * filter value, how many of the results carry it. A result the table does not
 * know is an error, not a silent miscount: the table and the index are written
 * together, so it means they are out of step.
 */
export function countFacets(table: FacetTable, ids: Iterable<string>): FacetCounts {
  const counts: FacetCounts = {};
  for (const id of ids) {
    const positions = table.pages[id];
    if (!positions) throw new Error(`search: the facet table has no page ${id}; expected one row per indexed page`);
    for (const position of positions) {
      const [key, value] = table.values[position]!;
      const values = (counts[key] ??= {});
      values[value] = (values[value] ?? 0) + 1;
    }
  }
  return counts;
}

/** Reads a table, refusing anything that is not one (a wrong file must not count as no pages). */
export function parseFacetTable(text: string, source: string): FacetTable {
  const table = JSON.parse(text) as Partial<FacetTable>;
  const pairsOk =
    Array.isArray(table.values) &&
    table.values.every(
      (pair) => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === 'string'),
    );
  const pagesOk =
    typeof table.pages === 'object' &&
    table.pages !== null &&
    Object.values(table.pages).every(
      (positions) =>
        Array.isArray(positions) &&
        positions.every((position) => Number.isInteger(position) && position >= 0 && position < table.values!.length),
    );
  if (!pairsOk || !pagesOk)
    throw new Error(`search: ${source} is not a facet table; expected { values: [filter, value][], pages: {} }`);
  return table as FacetTable;
}
