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

/** The filter values of an index's pages: by result id, or by position. */
export interface FacetTable {
  /** Every (filter, value) pair of the index, sorted. */
  values: [string, string][];
  /** Per page, by Pagefind's result id (its fragment's hash): indexes into `values`. */
  pages?: Record<string, number[]>;
  /**
   * Or per page by position, for an index whose result ids are positions
   * (`rowId`: a merged index). Without the ids the table is about half the
   * size: 23 against 42 kB for 7,654 pages.
   */
  rows?: number[][];
}

/** The result id of the page at `row`, in an index whose ids are positions. */
export const rowId = (row: number): string => row.toString(36);

/** The position a result id names, or undefined for an id that is not one rowId gives. */
function rowOf(id: string): number | undefined {
  if (!/^(?:0|[1-9a-z][0-9a-z]{0,9})$/.test(id)) return undefined;
  return Number.parseInt(id, 36);
}

/** One page as Pagefind stored it: its result id and its filters (the fragment's `filters`). */
export interface FacetPage {
  id: string;
  filters: Record<string, readonly string[]>;
}

const byPair = (a: [string, string], b: [string, string]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/**
 * The table of these pages: the same pages in any order give the same table.
 * With `byRow`, the pages' ids must be rowId(0), rowId(1), … and the table
 * lists them by position.
 */
export function facetTable(pages: Iterable<FacetPage>, { byRow = false } = {}): FacetTable {
  const list = [...pages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (byRow) {
    list.sort((a, b) => (rowOf(a.id) ?? -1) - (rowOf(b.id) ?? -1));
    const stray = list.find((page, row) => page.id !== rowId(row));
    if (stray)
      throw new Error(`facet table: page ${stray.id} is not at a position; expected ids 0, 1, 2, … in base 36`);
  }
  const pairs = new Map<string, [string, string]>();
  for (const page of list)
    for (const [key, values] of Object.entries(page.filters))
      for (const value of values) pairs.set(JSON.stringify([key, value]), [key, value]);
  const values = [...pairs.values()].sort(byPair);
  const index = new Map(values.map((pair, position) => [JSON.stringify(pair), position]));
  const positionsOf = (page: FacetPage) =>
    [
      ...new Set(
        Object.entries(page.filters).flatMap(([key, values]) =>
          values.map((value) => index.get(JSON.stringify([key, value]))!),
        ),
      ),
    ].sort((a, b) => a - b);
  if (byRow) return { values, rows: list.map(positionsOf) };
  return { values, pages: Object.fromEntries(list.map((page) => [page.id, positionsOf(page)])) };
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
    const positions = table.rows ? table.rows[rowOf(id) ?? -1] : table.pages?.[id];
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
  const positionsOk = (positions: unknown) =>
    Array.isArray(positions) &&
    positions.every((position) => Number.isInteger(position) && position >= 0 && position < table.values!.length);
  // Exactly one of the two forms.
  const pagesOk =
    table.rows === undefined
      ? typeof table.pages === 'object' && table.pages !== null && Object.values(table.pages).every(positionsOk)
      : table.pages === undefined && Array.isArray(table.rows) && table.rows.every(positionsOk);
  if (!pairsOk || !pagesOk)
    throw new Error(
      `search: ${source} is not a facet table; expected { values: [filter, value][], pages: {} } or { values, rows: [] }`,
    );
  return table as FacetTable;
}
