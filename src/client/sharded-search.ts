// Searches the sharded index (docs/scaling.md) in the browser: loads Pagefind's
// runtime once, merges into it only the indexes a query needs (a query narrowed
// to a sector loads only that sector's shards; a best-match query over the
// whole language only the language's merged index), and merges the shards'
// answers with src/lib/search/search-merge.ts — exactly for the date and
// improvement sorts, on one relevance scale for best match, with exact facet
// counts.
//
// Pagefind's `mergeIndex` puts every shard into one WebAssembly instance (one
// download); the runtime the build ships is patched (src/lib/search/
// pagefind-patch.ts) so that a search can name the shards it searches and gets
// their result lists back one by one, in Pagefind's own order.
//
// Used by the search page (src/client/search-page.ts) and, bundled on its own,
// by `npm run bench`.
import { countFacets, facetTableFile, parseFacetTable, type FacetTable } from '../lib/search/facet-table.ts';
import { primaryIndexFiles } from '../lib/search/pagefind-prefetch.ts';
import {
  ALL_SECTORS,
  agreesWithOneIndex,
  answersProveOneIndex,
  createLazyMerge,
  isOneWordQuery,
  mayDisagree,
  mergeFacetCounts,
  mergeResults,
  oneIndexChoice,
  probesProveOneIndex,
  shardsForQuery,
  wordMatches,
  wordsToProbe,
  type FacetCounts,
  type MatchedLocation,
  type PagefindEntry,
  type RawLocation,
  type ShardAnswer,
  type ShardInfo,
  type ShardManifest,
  type SortValues,
} from '../lib/search/search-merge.ts';
import {
  SORT_KEYS,
  SORT_META,
  effectiveSort,
  pagefindRequest,
  type FilterKey,
  type SearchState,
} from '../lib/search/search-state.ts';

export interface PagefindResultData {
  url: string;
  /** The page's whole indexed text. */
  content: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

interface PagefindHit {
  id: string;
  score: number;
  data: () => Promise<PagefindResultData>;
  /** In playground mode (the patched runtime turns it on): the indexed words this result matched. */
  scores?: { search_term: string }[];
  /** Added by the patched runtime: where the result matched the query, and how well. */
  pacesetterLocations?: MatchedLocation[];
}

interface PagefindResponse {
  results: PagefindHit[];
  filters: FacetCounts;
  /** Added by the patched runtime: the searched indexes in result order. */
  pacesetterShards?: {
    basePath: string;
    results: number;
    unfiltered: number;
    /** The query's words as Pagefind stemmed them (in playground mode). */
    terms: string[];
    /** Index chunks its WebAssembly held when it searched. */
    loaded: number;
    /** For a probe: each match's scored locations. */
    probe?: RawLocation[][];
  }[];
}

/** One shard's answer, with what the merge needs to know of it. */
interface ShardResponse extends ShardAnswer<PagefindHit> {
  terms: string[];
  loaded: number;
  probe?: RawLocation[][];
}

interface PagefindRuntime {
  options: (options: Record<string, unknown>) => Promise<void>;
  mergeIndex: (indexPath: string, options?: Record<string, unknown>) => Promise<void>;
  search: (term: string | null, options: object) => Promise<PagefindResponse | null>;
}

export interface ShardedAnswer {
  /** Matches across the searched shards. */
  total: number;
  /**
   * Facet counts, summed over the shards that answered. Asked for after the
   * results: counting needs each shard's facet table, which the first results
   * do not wait for.
   */
  counts: () => Promise<FacetCounts>;
  shardsSearched: number;
  /** The next `count` results in the merged order (fewer at the end). */
  take: (count: number) => Promise<PagefindResultData[]>;
  readonly done: boolean;
}

export interface ShardedSearch {
  manifest: ShardManifest;
  /** The answer for a search state; `except` leaves out that facet's selection (to count it). */
  search: (state: SearchState, except?: FilterKey) => Promise<ShardedAnswer>;
}

export interface ShardedSearchOptions {
  /** The site's pagefind/ folder, e.g. "/pagefind/" or "/fork/pagefind/". */
  pagefindUrl: string;
  /** The site language whose shards to search ("en", "zh"). */
  lang: string;
  excerptLength?: number;
  /** How best-match scores of different shards are put on one scale (search-merge.ts). */
  normalise?: 'idf' | 'none';
}

const EMPTY: ShardedAnswer = {
  total: 0,
  counts: () => Promise.resolve({}),
  shardsSearched: 0,
  take: () => Promise.resolve([]),
  done: true,
};

/** A hit's sort keys, from the meta its page gives Pagefind (src/lib/search/search-filters.ts). */
function sortValues(data: PagefindResultData): SortValues {
  return Object.fromEntries(SORT_KEYS.map((key) => [key, Number(data.meta[SORT_META[key]])])) as SortValues;
}

/**
 * Starts, all at once, the downloads Pagefind's primary index makes one after
 * another before a first search: its entry, then the metadata and WebAssembly
 * the entry names (src/lib/search/pagefind-prefetch.ts). Resolves, once they
 * are under way, to the fetches by URL path, for the patched runtime to take
 * (src/lib/search/pagefind-patch.ts, `pacesetterFetched`).
 */
async function fetchPrimaryIndexEarly(base: URL): Promise<Map<string, Promise<Response>>> {
  const fetched = new Map<string, Promise<Response>>();
  const start = (file: string, init?: RequestInit) => {
    const url = new URL(file, base);
    const response = fetch(url, init);
    // A failed fetch is Pagefind's to report, when it takes it.
    response.catch(() => undefined);
    fetched.set(url.pathname, response);
    return response;
  };
  // Revalidated, as fresh as the cache-busting query Pagefind adds would get it.
  const entry = start('pagefind-entry.json', { cache: 'no-cache' });
  try {
    const parsed = (await (await entry).clone().json()) as PagefindEntry;
    for (const file of primaryIndexFiles(parsed, document.documentElement.lang)) void start(file);
  } catch {
    // Pagefind fetches what it needs itself, and says what failed.
  }
  return fetched;
}

export async function openShardedSearch(options: ShardedSearchOptions): Promise<ShardedSearch> {
  const base = new URL(options.pagefindUrl, document.baseURI);
  const [manifest, pagefind, fetched] = await Promise.all([
    fetch(new URL(`shards-${options.lang}.json`, base)).then(async (response) => {
      if (!response.ok) throw new Error(`search: ${response.status} for the shard list of ${options.lang}`);
      return (await response.json()) as ShardManifest;
    }),
    import(/* @vite-ignore */ new URL('pagefind.js', base).href) as Promise<PagefindRuntime>,
    fetchPrimaryIndexEarly(base),
  ]);
  // On the page's own thread, not in Pagefind's Web Worker: the worker copies every
  // result of every shard to the page (an unscoped query at 10,000 write-ups matches
  // 7,000 pages) and, once they are collected, posts one release message for each,
  // behind which the next query's fragments waited up to 0.9 s. Measured: unscoped
  // warm p95 1,138 ms in the worker, 357 ms without it (docs/performance.md).
  await pagefind.options({ excerptLength: options.excerptLength ?? 24, noWorker: true, pacesetterFetched: fetched });
  const bundleOf = (shard: ShardInfo) => new URL(shard.path, base).pathname;
  /**
   * Per merged shard: done when it is merged. The first shard sits at the root
   * and is Pagefind's primary index, which loads the WebAssembly all shards share.
   */
  const merged = new Map<string, Promise<void>>();

  /** Merges the shards not merged yet; shards asked for together are merged together. */
  async function load(shards: readonly ShardInfo[]) {
    const fresh = shards.filter((shard) => shard.path !== '' && !merged.has(shard.path));
    // With its entry from the shard list, a shard starts with its metadata: one request less.
    for (const shard of fresh)
      merged.set(shard.path, pagefind.mergeIndex(bundleOf(shard), shard.entry ? { pacesetterEntry: shard.entry } : {}));
    await Promise.all(shards.flatMap((shard) => merged.get(shard.path) ?? []));
  }

  /** Per shard: its facet table (src/lib/search/facet-table.ts), loaded once. */
  const tables = new Map<string, Promise<FacetTable>>();
  const tableOf = (shard: ShardInfo) => {
    let table = tables.get(shard.path);
    if (!table) {
      // Named by language, asked for under the shard's key: a new index is never counted with an old table.
      const url = new URL(`${shard.path}${facetTableFile(manifest.lang)}?v=${shard.key}`, base);
      table = loadFacetTable(url);
      tables.set(shard.path, table);
      // A failed load is tried again by the next search rather than remembered.
      table.catch(() => tables.delete(shard.path));
    }
    return table;
  };

  const shardNamed = new Map(
    [...manifest.shards, ...(manifest.merged ? [manifest.merged] : [])].map((shard) => [shard.name, shard]),
  );
  /** The facet counts of a search: each kept shard's results counted in its facet table, summed. */
  async function countsOf(answers: readonly ShardResponse[]) {
    const perShard = await Promise.all(
      answers.map(async (answer) =>
        countFacets(
          await tableOf(shardNamed.get(answer.shard)!),
          answer.results.map((hit) => hit.id),
        ),
      ),
    );
    return mergeFacetCounts(perShard);
  }

  const memo = new WeakMap<PagefindHit, Promise<PagefindResultData>>();
  const dataOf = (hit: PagefindHit) => {
    let data = memo.get(hit);
    if (!data) memo.set(hit, (data = hit.data()));
    return data;
  };

  /** Each shard's answer to one Pagefind search over these shards. */
  async function searchShards(
    shards: readonly ShardInfo[],
    term: string | null,
    request: object,
    { terse = false, probe = false } = {},
  ): Promise<ShardResponse[]> {
    await load(shards);
    // Terse: without the matched words of each result (Pagefind's playground mode), which only
    // merging shards needs, and not always (`answersProveOneIndex`, `probesProveOneIndex`).
    // A probe: each match's scored locations instead of its result.
    const response = await pagefind.search(term, {
      ...request,
      pacesetterShards: shards.map(bundleOf),
      ...(terse || probe ? { pacesetterTerse: true } : {}),
      ...(probe ? { pacesetterProbe: true } : {}),
    });
    if (!response) return [];
    if (!response.pacesetterShards)
      throw new Error('search: the Pagefind runtime did not answer per shard (is dist/pagefind/pagefind.js patched?)');
    const byBundle = new Map(shards.map((shard) => [bundleOf(shard), shard]));
    let offset = 0;
    return response.pacesetterShards.map((part) => {
      const shard = byBundle.get(new URL(part.basePath, base).pathname);
      if (!shard) throw new Error(`search: an answer from ${part.basePath}, which is not a shard of this search`);
      const results = response.results.slice(offset, (offset += part.results));
      return {
        shard: shard.name,
        pages: shard.pages,
        matches: part.unfiltered,
        results,
        terms: part.terms,
        loaded: part.loaded,
        probe: part.probe,
      };
    });
  }

  /**
   * How a shard matched each of the terms, from the words its results matched
   * (one found through its title or summary alone may name none). Undefined
   * when no result tells.
   */
  const matchesOf = (answer: ShardResponse, terms: readonly string[]) => {
    const words = answer.results.flatMap((hit) => (hit.scores ?? []).map((score) => score.search_term));
    return words.length > 0 ? wordMatches(terms, [...new Set(words)]) : undefined;
  };

  /**
   * The answers one index would give (search-merge.ts, `WordMatch`): a shard
   * that matched a word differently from how one index over the whole language
   * would is dropped. Usually every shard matched every word itself and nothing
   * more is asked. Otherwise each such word is looked up alone in the searched
   * shards (a shard may hold the word without a page holding all the words),
   * and, for a search narrowed to some shards, in the language's other shards.
   */
  async function asOneIndex(answers: ShardResponse[], shards: readonly ShardInfo[], query: string, filters: object) {
    const terms = answers.find((answer) => answer.terms.length > 0)?.terms ?? [];
    // A sorted search's results carry no matched words (their score is their rank):
    // the same search by relevance tells, from the chunks already loaded.
    const unscored = answers.some(
      (answer) => answer.results.length > 0 && !answer.results.some((hit) => (hit.scores?.length ?? 0) > 0),
    );
    const scored = unscored ? await searchShards(shards, query, { filters }) : answers;
    const byShard = new Map(scored.map((answer) => [answer.shard, matchesOf(answer, terms)]));
    const perShard = answers.map((answer) => byShard.get(answer.shard));
    if (!perShard.some((matches) => matches && mayDisagree(matches))) return answers;
    const evidence = perShard.filter((matches) => matches !== undefined);
    let choice = oneIndexChoice(evidence, terms.length);
    const words = query.trim().split(/\s+/);
    const lookUp = async (among: readonly ShardInfo[]) => {
      for (const [index, term] of terms.entries()) {
        if (choice[index]?.extension) continue;
        // The word as typed when Pagefind split the query the same way, so that it is stemmed once.
        const alone = await searchShards(among, words.length === terms.length ? words[index]! : term, {});
        for (const answer of alone) {
          const match = matchesOf(answer, [term])?.[0];
          if (match) evidence.push(terms.map((_, other) => (other === index ? match : undefined)));
        }
      }
      choice = oneIndexChoice(evidence, terms.length);
    };
    if (terms.length > 1 || choice.some((match) => !match)) await lookUp(shards);
    const others = manifest.shards.filter((shard) => !shards.includes(shard));
    if (choice.some((match) => !match?.extension) && others.length > 0) await lookUp(others);
    return answers.filter((_, index) => !perShard[index] || agreesWithOneIndex(perShard[index], choice));
  }

  /** Probes each word alone in the shards that found something (`probesProveOneIndex`). */
  async function probesProve(answers: readonly ShardResponse[], words: readonly string[]): Promise<boolean> {
    const found = answers.filter((answer) => answer.results.length > 0);
    if (found.length === 0) return true;
    const shards = found.map((answer) => shardNamed.get(answer.shard)!);
    const probes = await Promise.all(words.map((word) => searchShards(shards, word, {}, { probe: true })));
    return probesProveOneIndex(found, probes);
  }

  async function search(state: SearchState, except?: FilterKey): Promise<ShardedAnswer> {
    let shards = shardsForQuery(manifest, state.filters, except);
    if (shards.length === 0) return EMPTY;
    const { term, options: request } = pagefindRequest(state, except);
    const order = effectiveSort(state);
    // A best-match search over the whole language goes to the merged index: one
    // index's metadata, facet table and chunk per word instead of every shard's,
    // ranked as one index ranks. Sorted searches and lists stay on the shards,
    // which sort exactly; the merged index has no sort orders.
    const whole =
      manifest.merged !== undefined &&
      term !== null &&
      order === 'relevance' &&
      shards.length === manifest.shards.length;
    if (whole) shards = [manifest.merged!];
    // A sector's shards hold only its pages, so choosing the shards has applied a sector
    // selection already; asked again, Pagefind would first load its sector filter file.
    if (shards.every((shard) => shard.sector !== ALL_SECTORS)) delete request.filters.sector;
    // A search of shards asks first without the words each result matched (playground mode
    // costs a tenth to a fifth of a cold search): for one word, the word locations usually
    // prove the answers one index's; for several, a probe of each word in the shards that
    // found something does (search-merge.ts). When they do not, it asks again with the words.
    const checked = term !== null && !whole;
    const oneWord = checked && isOneWordQuery(term, manifest.lang);
    const probed = checked && !oneWord ? wordsToProbe(term, manifest.lang) : undefined;
    const terse = whole || oneWord || probed !== undefined;
    let answers = await searchShards(shards, term, request, { terse });
    const proved = oneWord
      ? answersProveOneIndex(answers)
      : probed !== undefined && (await probesProve(answers, probed));
    if (checked && !proved) {
      if (terse) answers = await searchShards(shards, term, request);
      answers = await asOneIndex(answers, shards, term, request.filters);
    }
    let next: (count: number) => Promise<PagefindHit[]>;
    let done: () => boolean;
    if (order === 'relevance') {
      const merged = mergeResults(answers, order, () => ({ date: 0, improvement: 0 }), options.normalise);
      let position = 0;
      next = (count) => Promise.resolve(merged.slice(position, (position += count)).map((entry) => entry.hit));
      done = () => position >= merged.length;
    } else {
      const lazy = createLazyMerge(answers, order, async (hit) => sortValues(await dataOf(hit)));
      next = async (count) => (await lazy.take(count)).map((entry) => entry.hit);
      done = () => lazy.done;
    }
    // One take at a time: the lazy merge's cursors must not be advanced by two callers at once.
    let queue: Promise<unknown> = Promise.resolve();
    const take = (count: number) => {
      const taken = queue.then(async () => Promise.all((await next(count)).map(dataOf)));
      queue = taken.catch(() => undefined);
      return taken;
    };
    let counts: Promise<FacetCounts> | undefined;
    return {
      total: answers.reduce((sum, answer) => sum + answer.results.length, 0),
      counts: () => (counts ??= countsOf(answers)),
      shardsSearched: shards.length,
      take,
      get done() {
        return done();
      },
    };
  }

  return { manifest, search };
}

/**
 * A shard's facet table: gzip-compressed JSON, unzipped here unless the server
 * already did (a host may send a compressed file with Content-Encoding: gzip).
 * The bytes go into the stream from a Response: a Blob's would make a round
 * trip through the browser process.
 */
async function loadFacetTable(url: URL): Promise<FacetTable> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`search: ${response.status} for the facet table ${url.pathname}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = gzipped
    ? await new Response(new Response(bytes).body!.pipeThrough(new DecompressionStream('gzip'))).text()
    : new TextDecoder().decode(bytes);
  return parseFacetTable(text, url.pathname);
}
