// The state of a search as it lives in the URL, so a search can be bookmarked,
// shared and restored with the back button:
//   /search/?q=drill&sector=industry&sector=transport&sort=newest
// A facet selected more than once is a repeated parameter. Values within one
// facet are alternatives (any of them); different facets must all match.
// Pure functions: the search page's script parses and writes URLs with them.
// It imports only pure, import-free modules: it is bundled into the search page's script.

import { decodeCharacterReferences } from './entities.ts';

/** Every facet, in the order the search page shows them. */
export const FILTER_KEYS = ['sector', 'industry', 'measure', 'dimension', 'evidence', 'decade', 'lang'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const isFilterKey = (key: string): key is FilterKey => (FILTER_KEYS as readonly string[]).includes(key);

/** The sort keys written on every write-up page (`data-pagefind-sort`). */
export const SORT_KEYS = ['date', 'improvement'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** The meta fields that repeat the sort keys, for merging sorted shards (src/lib/search/search-merge.ts). */
export const SORT_META: Record<SortKey, string> = { date: 'sort_date', improvement: 'sort_improvement' };

export const SORT_ORDERS = ['relevance', 'newest', 'oldest', 'improvement'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export type FilterSelection = Partial<Record<FilterKey, string[]>>;

export interface SearchState {
  q: string;
  filters: FilterSelection;
  sort: SortOrder;
}

export const EMPTY_STATE: SearchState = { q: '', filters: {}, sort: 'relevance' };

const MAX_QUERY_LENGTH = 200;
/** Ids, decades and language codes; anything else in a URL is dropped, not passed to the index. */
const FILTER_VALUE = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,79}$/u;

const isSortOrder = (value: string): value is SortOrder => (SORT_ORDERS as readonly string[]).includes(value);

/** Reads a query string (`?q=…&sector=…`) or URLSearchParams; unknown parameters are ignored. */
export function parseSearchState(search: string | URLSearchParams): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters: FilterSelection = {};
  for (const key of FILTER_KEYS) {
    const values = [...new Set(params.getAll(key).map((value) => value.trim()))].filter((value) =>
      FILTER_VALUE.test(value),
    );
    if (values.length > 0) filters[key] = values.sort();
  }
  const sort = params.get('sort') ?? '';
  return {
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    filters,
    sort: isSortOrder(sort) ? sort : 'relevance',
  };
}

/**
 * The canonical query string, with its "?" (or "" for a blank search): q first,
 * then facets in pane order with sorted values, then a non-default sort. Equal
 * states give equal strings, so the page can tell whether the URL must change.
 */
export function serializeSearchState(state: SearchState): string {
  const params = new URLSearchParams();
  const q = state.q.trim();
  if (q) params.set('q', q);
  for (const key of FILTER_KEYS) {
    for (const value of [...new Set(state.filters[key] ?? [])].sort()) params.append(key, value);
  }
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  const search = params.toString();
  return search ? `?${search}` : '';
}

export const sameState = (a: SearchState, b: SearchState) => serializeSearchState(a) === serializeSearchState(b);

/** The state with one facet value switched on or off. */
export function withFilter(state: SearchState, key: FilterKey, value: string, selected: boolean): SearchState {
  const current = state.filters[key] ?? [];
  const next = selected ? [...new Set([...current, value])].sort() : current.filter((other) => other !== value);
  const filters: FilterSelection = { ...state.filters };
  if (next.length > 0) filters[key] = next;
  else delete filters[key];
  return { ...state, filters };
}

export const hasFilters = (state: SearchState) => Object.values(state.filters).some((values) => values.length > 0);

/** Pagefind's filter object: alternatives within a facet (`any`), all facets together. */
export type PagefindFilters = Partial<Record<FilterKey, { any: string[] }>>;

export function pagefindFilters(filters: FilterSelection, except?: FilterKey): PagefindFilters {
  const result: PagefindFilters = {};
  for (const key of FILTER_KEYS) {
    const values = filters[key];
    if (key !== except && values && values.length > 0) result[key] = { any: [...values] };
  }
  return result;
}

const PAGEFIND_SORT: Record<Exclude<SortOrder, 'relevance'>, Partial<Record<SortKey, 'asc' | 'desc'>>> = {
  newest: { date: 'desc' },
  oldest: { date: 'asc' },
  improvement: { improvement: 'desc' },
};

export interface PagefindRequest {
  /** null searches by filters (and sort) alone: Pagefind returns every page that matches them. */
  term: string | null;
  options: { filters: PagefindFilters; sort?: Partial<Record<SortKey, 'asc' | 'desc'>> };
}

/**
 * The order results are really in, which the sort menu shows: "best match" needs
 * words to match, so without a query the list is newest first (and says so).
 */
export const effectiveSort = (state: SearchState): SortOrder =>
  state.sort === 'relevance' && !state.q.trim() ? 'newest' : state.sort;

/** Which message an empty result list gets: it names what the reader can change. */
export function emptyReason(state: SearchState): 'filters' | 'query' | 'nothing' {
  if (hasFilters(state)) return 'filters';
  return state.q.trim() ? 'query' : 'nothing';
}

/**
 * Splits the filters in a URL into those the facet pane offers and those it does not
 * (`?sector=space`, a renamed industry in an old link). Unknown values would filter
 * everything away with no checkbox to clear them, so the page drops them and says so.
 */
export function withoutUnknownFilters(
  state: SearchState,
  known: Partial<Record<FilterKey, readonly string[]>>,
): { state: SearchState; unknown: { key: FilterKey; value: string }[] } {
  const unknown: { key: FilterKey; value: string }[] = [];
  const filters: FilterSelection = {};
  for (const key of FILTER_KEYS) {
    const values = state.filters[key] ?? [];
    const kept = values.filter((value) => known[key]?.includes(value));
    for (const value of values) if (!kept.includes(value)) unknown.push({ key, value });
    if (kept.length > 0) filters[key] = kept;
  }
  return { state: { ...state, filters }, unknown };
}

/**
 * What to ask Pagefind for. A blank state lists every write-up, newest first,
 * so the search page doubles as a full list to narrow down with the facets.
 */
export function pagefindRequest(state: SearchState, except?: FilterKey): PagefindRequest {
  const term = state.q.trim() || null;
  const sort = effectiveSort(state);
  const options: PagefindRequest['options'] = { filters: pagefindFilters(state.filters, except) };
  if (sort !== 'relevance') options.sort = PAGEFIND_SORT[sort];
  return { term, options };
}

/**
 * A second try for a query that found nothing: each word of five letters or more
 * loses its last letter, so a slip at the end ("drilk", "bricklayinf") still
 * reaches the word through Pagefind's prefix matching. Returns null when there is
 * nothing to relax. Pagefind has no edit-distance matching; this covers only
 * trailing typos, and the page says that it relaxed the query.
 */
export function relaxedQuery(q: string): string | null {
  const words = q.trim().split(/\s+/).filter(Boolean);
  if (words.some((word) => word.startsWith('"'))) return null;
  const relaxed = words.map((word) => ([...word].length >= 5 ? [...word].slice(0, -1).join('') : word));
  const result = relaxed.join(' ');
  return result && result !== words.join(' ') ? result : null;
}

/**
 * Splits a Pagefind excerpt into plain text and highlighted runs. Pagefind
 * entity-encodes the page text and adds only <mark> tags; decoding here lets the
 * page build the excerpt with text nodes instead of innerHTML.
 */
export function excerptParts(excerpt: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (const match of excerpt.matchAll(pattern)) {
    if (match.index > last)
      parts.push({ text: decodeCharacterReferences(excerpt.slice(last, match.index)), marked: false });
    parts.push({ text: decodeCharacterReferences(match[1] ?? ''), marked: true });
    last = match.index + match[0].length;
  }
  if (last < excerpt.length) parts.push({ text: decodeCharacterReferences(excerpt.slice(last)), marked: false });
  return parts;
}

/** How far back an excerpt may be widened to reach the start of its sentence. */
const MAX_WIDENING = 90;
const SENTENCE_END = /[.!?。！？；;:：]["'”’)）]*\s*/g;

/**
 * An excerpt that starts where a reader can start: Pagefind cuts a window of words
 * around the matches, which can begin inside a name ("Zhifu gave the drill…" for
 * "Ni Zhifu gave…") or mid-sentence. With the page's indexed text, the window is
 * widened back to the start of its sentence (or, past MAX_WIDENING characters, to a
 * word boundary), and "…" marks text left out before or after.
 */
export function readableExcerpt(content: string, excerpt: string): { text: string; marked: boolean }[] {
  const parts = excerptParts(excerpt);
  const plain = parts.map((part) => part.text).join('');
  const at = plain ? content.indexOf(plain) : -1;
  if (at < 0) return parts;
  const window = content.slice(Math.max(0, at - MAX_WIDENING), at);
  let start = at - window.length;
  let cut = start > 0;
  const ends = [...window.matchAll(SENTENCE_END)];
  const last = ends.at(-1);
  if (last) {
    start = at - window.length + last.index + last[0].length;
    cut = false;
  } else if (cut) {
    const space = window.search(/\s/);
    start = space < 0 ? at : at - window.length + space + 1;
  }
  const before = content.slice(start, at);
  const after = at + plain.length < content.length;
  return [
    ...(before || cut ? [{ text: `${cut ? '…' : ''}${before}`, marked: false }] : []),
    ...parts,
    ...(after ? [{ text: '…', marked: false }] : []),
  ]
    .map((part) => ({ ...part, text: tidyIndexText(part.text) }))
    .filter((part) => part.text);
}

/**
 * Pagefind's text of a Chinese page has a zero-width space between words and joins a
 * heading to the next block with an ASCII ". ": shown to a reader, that is "额. 这".
 */
const tidyIndexText = (text: string) => text.replace(/(\p{Script=Han})\u200b?\. ?/gu, '$1。').replace(/\u200b/g, '');
