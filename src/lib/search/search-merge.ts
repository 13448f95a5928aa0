// The browser side of the sharded search index (docs/scaling.md). A language's
// index is split into shards (src/lib/search/search-shards.ts plans them); the
// search page (src/client/sharded-search.ts) searches the shards a query needs
// in one Pagefind instance and merges their answers here into what one index
// would answer:
//
// - which shards a query needs (`shardsForQuery`): a query narrowed by the
//   sector facet only that sector's shards, any other query all of them;
// - which shards' answers one index would give at all (`wordMatches`,
//   `oneIndexChoice`, `agreesWithOneIndex`): Pagefind decides per index how a
//   word matches;
// - result lists (`mergeResults`, `createLazyMerge`): by date and by
//   improvement exactly as one index sorts every match; by best match with
//   scores put on one scale (`relevanceFactors` says how);
// - facet counts (`mergeFacetCounts`): exact sums.
//
// Pagefind's own `mergeIndex` does not do this: it sums the filter counts but
// re-sorts every merged result by score, which loses a date or improvement sort
// (its `search` flattens the instances' results and sorts them by `score`).
//
// Pure and import-free apart from types: it is bundled into the search page's script.
import type { FilterKey, FilterSelection, SortKey, SortOrder } from './search-state.ts';

/** The sector of a shard that holds every sector (the single index the bench compares with). */
export const ALL_SECTORS = '*';

/** One shard as the search page knows it (written by the build, src/lib/search/search-shards.ts). */
export interface ShardInfo {
  /** e.g. "en-industry-3of4"; also the folder of its Pagefind bundle. */
  name: string;
  /** The sector id all its write-ups share, or ALL_SECTORS. */
  sector: string;
  /** Write-ups indexed in it. */
  pages: number;
  /** Hash of its records' content: changes exactly when the shard's index does. */
  key: string;
  /**
   * Its Pagefind bundle, relative to the site's pagefind/ folder: "" for the
   * language's first shard, which sits at the root beside Pagefind's runtime
   * (the instance that loads the WebAssembly), "<lang>/<name>/" for the others.
   */
  path: string;
  /**
   * Its pagefind-entry.json, for every shard but the first (which Pagefind
   * loads as its primary index): the search page hands it to the patched
   * `mergeIndex` instead of fetching it (src/lib/search/pagefind-patch.ts).
   */
  entry?: PagefindEntry;
}

/** Pagefind's pagefind-entry.json: its version and, per language, the metadata file to load. */
export interface PagefindEntry {
  version: string;
  /** Per language: its metadata file, its WebAssembly (null: Pagefind's "unknown" one) and its pages. */
  languages: Record<string, { hash: string; wasm?: string | null; page_count: number }>;
  include_characters?: string[];
}

export interface ShardManifest {
  lang: string;
  shards: ShardInfo[];
  /**
   * The language's shards merged into one index (src/lib/search/merged-index.ts),
   * for best-match searches over the whole language; absent for a language of
   * one shard or of more than MERGED_INDEX_PAGE_LIMIT pages.
   */
  merged?: ShardInfo;
}

/**
 * The shards a search must load. A selection in the sector facet limits it to
 * those sectors' shards (a sector no shard holds contributes none: nothing can
 * match it). Without one, or when the search counts the sector facet itself
 * (`except === 'sector'`: a facet is counted without its own selection, so
 * that a second sector can be added), every shard of the language.
 */
export function shardsForQuery(manifest: ShardManifest, filters: FilterSelection, except?: FilterKey): ShardInfo[] {
  const sectors = except === 'sector' ? [] : (filters.sector ?? []);
  if (sectors.length === 0) return [...manifest.shards];
  const wanted = new Set(sectors);
  return manifest.shards.filter((shard) => shard.sector === ALL_SECTORS || wanted.has(shard.sector));
}

/**
 * How an index matched one word of a query. Pagefind (`find_word_extensions` in
 * pagefind_web/src/search.rs) matches every indexed word that starts with the
 * query's (stemmed) word; only when an index has none does it fall back to the
 * longest indexed word that the query's word starts with ("braimsteck" finds
 * "braim"). One index decides that over the whole language; a shard decides it
 * over its own words, so a shard without the word would answer with the shorter
 * word's pages while one index answers with the word's own.
 */
export interface WordMatch {
  /** True when it matched words starting with the query's word. */
  extension: boolean;
  /** The length of the word it fell back to (for an extension, the query word's). */
  length: number;
}

/**
 * How a shard matched each term, from the indexed words one of its results
 * matched (Pagefind's `scores[].search_term` in playground mode). A term none
 * of the words belongs to is undefined.
 */
export function wordMatches(terms: readonly string[], matchedWords: readonly string[]): (WordMatch | undefined)[] {
  return terms.map((term) => {
    if (matchedWords.some((word) => word.startsWith(term))) return { extension: true, length: term.length };
    const prefixes = matchedWords.filter((word) => term.startsWith(word)).map((word) => word.length);
    return prefixes.length > 0 ? { extension: false, length: Math.max(...prefixes) } : undefined;
  });
}

/**
 * What one index over all these shards would do for each term: match
 * extensions if any shard has one, otherwise fall back to the longest word any
 * shard fell back to. Undefined where no shard matched the term.
 */
export function oneIndexChoice(
  perShard: readonly (readonly (WordMatch | undefined)[])[],
  terms: number,
): (WordMatch | undefined)[] {
  return Array.from({ length: terms }, (_, term) => {
    const matches = perShard.flatMap((shard) => (shard[term] ? [shard[term]] : []));
    if (matches.length === 0) return undefined;
    if (matches.some((match) => match.extension)) return matches.find((match) => match.extension);
    return { extension: false, length: Math.max(...matches.map((match) => match.length)) };
  });
}

/**
 * Whether a shard's answer is one index's answer restricted to that shard:
 * every term matched the way one index would match it. A shard that fell back
 * where one index matches extensions, or fell back to a shorter word, has none
 * of one index's pages; so has a shard that matched nothing for a term one
 * index matches (Pagefind leaves out a word an index has no match for, and
 * answers with the pages of the other words). Its whole answer is dropped.
 */
export function agreesWithOneIndex(
  shard: readonly (WordMatch | undefined)[],
  choice: readonly (WordMatch | undefined)[],
): boolean {
  return choice.every((chosen, term) => {
    const match = shard[term];
    if (!chosen) return !match;
    return match !== undefined && match.extension === chosen.extension && match.length === chosen.length;
  });
}

/** Whether a shard may have answered differently from one index: a term it fell back on or left out. */
export const mayDisagree = (shard: readonly (WordMatch | undefined)[]): boolean =>
  shard.some((match) => !match || !match.extension);

/**
 * Pagefind's length bonus for an indexed word exactly as long as the query's
 * word: `word_length_bonus` (pagefind_core_search) with a length differential
 * of 1 and the default term similarity of 1, e^(e^(-1/8) - 1) ≈ 0.8891. A
 * longer or shorter word gets less (0.67 one letter off, 0.51 two off).
 */
const SAME_LENGTH_BONUS = Math.exp(Math.exp(-1 / 8) - 1);

/** A location a result matched, as Pagefind's runtime lists it (`weighted_locations`). */
export interface MatchedLocation {
  /** The word's weight there, in Pagefind's units divided by 24. */
  weight: number;
  /** Pagefind's score of the location: (weight in its units)² × the word's length bonus. */
  balanced_score: number;
}

/**
 * Whether a result matched the query's word itself somewhere: a location whose
 * score is its weight squared times the same-length bonus. Pagefind adds two
 * words matched at one location, weights and bonuses, which never gives that
 * bonus (the closest pair, two and four letters off, gives 0.893).
 */
export function matchedTheWordItself(locations: readonly MatchedLocation[]): boolean {
  return locations.some(({ weight, balanced_score: score }) => {
    const bonus = score / (weight * 24) ** 2;
    return Math.abs(bonus - SAME_LENGTH_BONUS) < 1e-5;
  });
}

/**
 * Whether the shards' answers to a one-word query are, as they stand, one
 * index's answers restricted to each shard, which Pagefind's terse answers
 * (without the words each result matched) can prove. An index that holds the
 * query's word itself matches every word starting with it (an extension, see
 * `WordMatch`), and so does one index over the whole language; a shard that
 * found nothing holds no page one index would find. So when every shard that
 * found something has a result that matched the word itself, every answer
 * stands. Otherwise (a shard found only longer words, or fell back to a
 * shorter one) the words each result matched must be asked for.
 */
export function answersProveOneIndex(
  answers: readonly { results: readonly { pacesetterLocations?: readonly MatchedLocation[] }[] }[],
): boolean {
  return answers.every(
    (answer) =>
      answer.results.length === 0 || answer.results.some((hit) => matchedTheWordItself(hit.pacesetterLocations ?? [])),
  );
}

/** Whether Pagefind splits a language's text into words with the browser's help (`needsWordSegmentation`). */
const segmentsWords = (lang: string) => ['zh', 'ja', 'th'].includes(lang.split('-')[0]!.toLowerCase());

/** A location of a match as Pagefind's WebAssembly reports it: weight (24 = 1.0) and score. */
export interface RawLocation {
  w: number;
  s: number;
}

/** One index's answer to a probe of one word (the patched runtime's `pacesetterProbe`). */
export interface WordProbe {
  shard: string;
  /** Index chunks its WebAssembly held when it searched. */
  loaded: number;
  /** Each match's scored locations (none when the runtime gave none). */
  probe?: readonly (readonly RawLocation[])[];
}

/**
 * Whether the shards' answers to a query of several words are, as they stand,
 * one index's answers restricted to each shard, from a probe of each word in
 * each shard that found something. Pagefind matches each word of a query on
 * its own (`find_word_extensions`) and keeps the pages that match them all. A
 * shard whose probe of a word matched the word itself (a same-length location,
 * `matchedTheWordItself`) holds it, and so matched every word starting with it,
 * as one index does; if it held the same index chunks when it answered the
 * query (nothing was loaded in between), it answered the query with those
 * words too. A shard that found nothing holds no page one index would find:
 * where it fell back to a shorter word for one of the words, one index has no
 * page of that shard either. So when every shard that found something proves
 * every word, every answer stands.
 */
export function probesProveOneIndex(
  answers: readonly { shard: string; loaded: number; results: readonly unknown[] }[],
  probes: readonly (readonly WordProbe[])[],
): boolean {
  return answers.every(
    (answer) =>
      answer.results.length === 0 ||
      probes.every((perShard) => {
        const probed = perShard.find((candidate) => candidate.shard === answer.shard);
        return (
          probed !== undefined &&
          probed.loaded === answer.loaded &&
          (probed.probe ?? []).some((locations) =>
            matchedTheWordItself(locations.map(({ w, s }) => ({ weight: w / 24, balanced_score: s }))),
          )
        );
      }),
  );
}

/**
 * The words to probe for a query of several words, each as Pagefind will split
 * it: words separated by spaces only (Pagefind splits at spaces after closing
 * up runs of them; a tab or a no-break space it keeps inside a word), not an
 * exact phrase ("…", which Pagefind matches differently), in a language whose
 * words it does not segment. Undefined when the query is not such a query.
 */
export function wordsToProbe(query: string, lang: string): string[] | undefined {
  const words = query.trim().split(/ +/);
  if (words.length < 2 || words.some((word) => /\s/.test(word))) return undefined;
  if (/^".+"$/.test(query.trim()) || segmentsWords(lang)) return undefined;
  return words;
}

/**
 * Whether Pagefind searches a query as one word: it splits a query into words
 * at spaces, and in Chinese, Japanese and Thai (`needsWordSegmentation` in its
 * runtime) into the words the browser finds. A query that may be several
 * words counts as several.
 */
export function isOneWordQuery(query: string, lang: string): boolean {
  const words = query.trim();
  return words !== '' && !/\s/.test(words) && !segmentsWords(lang);
}

/** Counts per filter value, as Pagefind returns them: `{ sector: { industry: 12 } }`. */
export type FacetCounts = Record<string, Record<string, number>>;

/**
 * The counts one index over every shard would give: each shard counts only its
 * own pages, and every page is in exactly one shard, so the sums are exact.
 * A value missing from a shard counts 0 there.
 */
export function mergeFacetCounts(perShard: readonly FacetCounts[]): FacetCounts {
  const merged: FacetCounts = {};
  for (const counts of perShard) {
    for (const [key, values] of Object.entries(counts)) {
      const target = (merged[key] ??= {});
      for (const [value, count] of Object.entries(values)) target[value] = (target[value] ?? 0) + count;
    }
  }
  return merged;
}

/** What the merge needs of a Pagefind result. */
export interface ShardHit {
  /** Pagefind's result id (a fragment hash: unique across shards, as no page is in two). */
  id: string;
  /** Pagefind's score, computed within its shard. */
  score: number;
}

/** The sort keys of a write-up (`data-pagefind-sort`, as numbers). */
export type SortValues = Record<SortKey, number>;

/** One shard's answer to a search. */
export interface ShardAnswer<H extends ShardHit = ShardHit> {
  shard: string;
  /** Pages in the shard (`ShardInfo.pages`). */
  pages: number;
  /** Pages that matched the words before filters (Pagefind's `unfilteredResultCount`). */
  matches: number;
  /** In Pagefind's order for the request: by score, or by the requested sort key. */
  results: H[];
}

export interface MergedHit<H extends ShardHit = ShardHit> {
  shard: string;
  hit: H;
  /** The score on the merged scale (relevance only; the shard's own score otherwise). */
  score: number;
}

const sortBy: Record<Exclude<SortOrder, 'relevance'>, { key: SortKey; direction: 1 | -1 }> = {
  newest: { key: 'date', direction: -1 },
  oldest: { key: 'date', direction: 1 },
  improvement: { key: 'improvement', direction: -1 },
};

/**
 * Pagefind's inverse document frequency (pagefind_web/src/search.rs,
 * `calculate_idf`): ln((N − n + 0.5) / (n + 0.5) + 1) for n of N pages.
 */
export function pagefindIdf(totalPages: number, pagesMatching: number): number {
  return Math.log((totalPages - pagesMatching + 0.5) / (pagesMatching + 0.5) + 1);
}

/**
 * How best-match scores from different shards are put on one scale.
 *
 * Pagefind scores a page per query word as idf × tf (BM25), and computes the
 * idf from its own index: a word found on 5 of a shard's 800 pages weighs more
 * there than the same word found on 300 of another shard's 800. Within one
 * shard that cannot change the order; across shards it would rank a page by
 * how rare the word is in its shard rather than in the language. Each shard's
 * scores are therefore multiplied by idf(all merged pages, all their matches) /
 * idf(the shard's pages, its matches), with the matches taken from Pagefind's
 * `unfilteredResultCount`, as if the whole query were one word.
 *
 * That is Pagefind's own idf for a one-word query that matches no word
 * variants; for several words or prefix matches it is an approximation (the
 * count is of pages matching all words, and each word's idf differs), and the
 * BM25 length term still uses each shard's average page length. How close the
 * merged top 10 stays to one index is measured, not assumed (docs/scaling.md).
 * `'none'` keeps Pagefind's raw scores, which is what `mergeIndex` does.
 */
export function relevanceFactors(answers: readonly ShardAnswer[], normalise: 'idf' | 'none' = 'idf'): number[] {
  if (normalise === 'none') return answers.map(() => 1);
  const totalPages = answers.reduce((sum, answer) => sum + answer.pages, 0);
  const totalMatches = answers.reduce((sum, answer) => sum + answer.matches, 0);
  const globalIdf = pagefindIdf(totalPages, totalMatches);
  return answers.map((answer) => {
    const local = pagefindIdf(answer.pages, answer.matches);
    // A shard with no matches returns no results; a degenerate count must not give NaN or Infinity.
    return answer.matches > 0 && local > 0 && Number.isFinite(globalIdf / local) ? globalIdf / local : 1;
  });
}

interface Cursor<H extends ShardHit> {
  shardIndex: number;
  position: number;
  answer: ShardAnswer<H>;
}

/**
 * The order of two shard heads for a sort: by the key in the sort's direction;
 * equal keys in shard order, then in the shard's own order. That is a stable
 * sort by the key of every match, listed shard by shard — the order one index
 * gives up to the order of equal keys, which Pagefind leaves unspecified.
 */
function compareByKey(order: Exclude<SortOrder, 'relevance'>) {
  const { key, direction } = sortBy[order];
  return (a: { values: SortValues; shardIndex: number }, b: { values: SortValues; shardIndex: number }) =>
    (a.values[key] - b.values[key]) * direction || a.shardIndex - b.shardIndex;
}

/**
 * Every result of every shard in one list: for a sort order, a k-way merge of
 * the shards' lists (each already in the key's order, as Pagefind returns a
 * sorted search), giving exactly the stable sort by that key of all matches;
 * for best match, by score on the merged scale (`relevanceFactors`), equal
 * scores in shard order. `valuesOf` gives a hit's sort keys (only used for sort
 * orders). Throws if a shard's list is not in the key's order, since the merge
 * would then be wrong without saying so.
 */
export function mergeResults<H extends ShardHit>(
  answers: readonly ShardAnswer<H>[],
  order: SortOrder,
  valuesOf: (hit: H, shard: string) => SortValues,
  normalise: 'idf' | 'none' = 'idf',
): MergedHit<H>[] {
  if (order === 'relevance') {
    const factors = relevanceFactors(answers, normalise);
    const all = answers.flatMap((answer, shardIndex) =>
      answer.results.map((hit, position) => ({
        merged: { shard: answer.shard, hit, score: hit.score * factors[shardIndex]! },
        shardIndex,
        position,
      })),
    );
    all.sort((a, b) => b.merged.score - a.merged.score || a.shardIndex - b.shardIndex || a.position - b.position);
    return all.map((entry) => entry.merged);
  }
  const total = answers.reduce((sum, answer) => sum + answer.results.length, 0);
  return createLazyMerge(answers, order, valuesOf).takeSync(total);
}

export interface LazyMerge<H extends ShardHit> {
  /** The next `count` merged results (fewer at the end). */
  take(count: number): Promise<MergedHit<H>[]>;
  /** The same with a loader that returns values, not promises. */
  takeSync(count: number): MergedHit<H>[];
  /** Sort keys asked of the loader so far: at most the results taken plus (shards − 1). */
  readonly loads: number;
  readonly done: boolean;
}

/**
 * A k-way merge that asks for sort keys only of the shards' current heads.
 * Pagefind's results carry no sort values; a page's values come with its
 * fragment (`result.data()`), which the search page loads anyway for the
 * results it shows. Taking the first 20 of a merged list therefore loads at
 * most 20 + (shards − 1) fragments instead of every match. The loader may
 * return a promise (`take`) or the values themselves (`takeSync`).
 */
export function createLazyMerge<H extends ShardHit>(
  answers: readonly ShardAnswer<H>[],
  order: Exclude<SortOrder, 'relevance'>,
  load: (hit: H, shard: string) => SortValues | Promise<SortValues>,
): LazyMerge<H> {
  const compare = compareByKey(order);
  const { key, direction } = sortBy[order];
  const cursors: Cursor<H>[] = answers.map((answer, shardIndex) => ({ shardIndex, position: 0, answer }));
  const heads = new Map<number, SortValues>();
  let loads = 0;
  const previousInShard = new Map<number, number>();

  const live = () => cursors.filter((cursor) => cursor.position < cursor.answer.results.length);
  const pick = (): MergedHit<H> => {
    let best: Cursor<H> | undefined;
    for (const cursor of live()) {
      if (
        !best ||
        compare(
          { values: heads.get(cursor.shardIndex)!, shardIndex: cursor.shardIndex },
          { values: heads.get(best.shardIndex)!, shardIndex: best.shardIndex },
        ) < 0
      )
        best = cursor;
    }
    const cursor = best!;
    const hit = cursor.answer.results[cursor.position]!;
    const value = heads.get(cursor.shardIndex)![key];
    const previous = previousInShard.get(cursor.shardIndex);
    if (previous !== undefined && (value - previous) * direction < 0) {
      throw new Error(
        `search merge: shard ${cursor.answer.shard} returned result ${cursor.position + 1} (${hit.id}) with ${key} ` +
          `${value} after ${previous}; expected its results sorted by ${key} ${direction < 0 ? 'descending' : 'ascending'}`,
      );
    }
    previousInShard.set(cursor.shardIndex, value);
    heads.delete(cursor.shardIndex);
    cursor.position += 1;
    return { shard: cursor.answer.shard, hit, score: hit.score };
  };
  const missing = () => live().filter((cursor) => !heads.has(cursor.shardIndex));
  const noteLoaded = (cursor: Cursor<H>, values: SortValues) => {
    if (!Number.isFinite(values[key])) {
      const hit = cursor.answer.results[cursor.position]!;
      throw new Error(
        `search merge: result ${hit.id} of shard ${cursor.answer.shard} has ${key} ${String(values[key])}; expected a number`,
      );
    }
    heads.set(cursor.shardIndex, values);
  };

  return {
    get loads() {
      return loads;
    },
    get done() {
      return live().length === 0;
    },
    async take(count) {
      const out: MergedHit<H>[] = [];
      while (out.length < count && live().length > 0) {
        const needed = missing();
        loads += needed.length;
        const values = await Promise.all(
          needed.map((cursor) => Promise.resolve(load(cursor.answer.results[cursor.position]!, cursor.answer.shard))),
        );
        needed.forEach((cursor, index) => noteLoaded(cursor, values[index]!));
        out.push(pick());
      }
      return out;
    },
    takeSync(count) {
      const out: MergedHit<H>[] = [];
      while (out.length < count && live().length > 0) {
        for (const cursor of missing()) {
          loads += 1;
          const values = load(cursor.answer.results[cursor.position]!, cursor.answer.shard);
          if (values instanceof Promise) throw new Error('search merge: takeSync needs a loader that returns values');
          noteLoaded(cursor, values);
        }
        out.push(pick());
      }
      return out;
    },
  };
}
