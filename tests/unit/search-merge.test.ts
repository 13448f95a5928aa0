import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createLazyMerge,
  mergeFacetCounts,
  mergeResults,
  pagefindIdf,
  relevanceFactors,
  shardsForQuery,
  type FacetCounts,
  type ShardAnswer,
  type ShardManifest,
  type SortValues,
  agreesWithOneIndex,
  answersProveOneIndex,
  isOneWordQuery,
  probesProveOneIndex,
  wordsToProbe,
  matchedTheWordItself,
  mayDisagree,
  oneIndexChoice,
  wordMatches,
} from '../../src/lib/search/search-merge.ts';

const manifest: ShardManifest = {
  lang: 'en',
  shards: [
    { name: 'en-agriculture-1of1', sector: 'agriculture', pages: 400, key: 'k1', path: '' },
    { name: 'en-industry-1of2', sector: 'industry', pages: 900, key: 'k2', path: 'en/en-industry-1of2/' },
    { name: 'en-industry-2of2', sector: 'industry', pages: 880, key: 'k3', path: 'en/en-industry-2of2/' },
    { name: 'en-transport-1of1', sector: 'transport', pages: 300, key: 'k4', path: 'en/en-transport-1of1/' },
  ],
};
const names = (shards: { name: string }[]) => shards.map((shard) => shard.name);

describe('shardsForQuery', () => {
  it('loads only the selected sectors’ shards for a sector-scoped query', () => {
    expect(names(shardsForQuery(manifest, { sector: ['industry'] }))).toEqual(['en-industry-1of2', 'en-industry-2of2']);
    expect(names(shardsForQuery(manifest, { sector: ['transport', 'agriculture'], decade: ['1950s'] }))).toEqual([
      'en-agriculture-1of1',
      'en-transport-1of1',
    ]);
  });

  it('loads every shard of the language otherwise, and when counting the sector facet itself', () => {
    expect(names(shardsForQuery(manifest, {}))).toEqual(names(manifest.shards));
    expect(names(shardsForQuery(manifest, { industry: ['mining'] }))).toEqual(names(manifest.shards));
    expect(names(shardsForQuery(manifest, { sector: ['industry'] }, 'sector'))).toEqual(names(manifest.shards));
    expect(names(shardsForQuery(manifest, { sector: ['industry'] }, 'decade'))).toHaveLength(2);
  });

  it('loads nothing for a sector no shard holds: nothing can match it', () => {
    expect(shardsForQuery(manifest, { sector: ['no-such-sector'] })).toEqual([]);
  });
});

/** A write-up as the tests see it: its shard, its sort keys, its filter values, whether the words match it. */
interface Page {
  id: string;
  shard: number;
  date: number;
  improvement: number;
  score: number;
  filters: Record<string, readonly string[]>;
  matches: boolean;
}

const SHARDS = 5;
const pagesArbitrary = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^[a-z0-9]{1,10}$/),
    shard: fc.integer({ min: 0, max: SHARDS - 1 }),
    // Narrow ranges, so equal keys (many write-ups from the same month) are common.
    date: fc.integer({ min: 195000, max: 195012 }),
    improvement: fc.constantFrom(-1000, 0, 0.6931, 1.0986, 1000),
    score: fc.double({ min: 0.01, max: 50, noNaN: true }),
    filters: fc.record({
      sector: fc.constantFrom(['industry'], ['transport']),
      measure: fc.subarray(['technical', 'organizational']),
      decade: fc.constantFrom(['1950s'], ['1960s']),
    }),
    matches: fc.boolean(),
  }),
  { selector: (page) => page.id, maxLength: 80 },
);

/** What Pagefind's search of one shard returns for a sort: the shard's matches, stably sorted by the key. */
function shardAnswers(pages: Page[], sort?: { key: 'date' | 'improvement'; direction: 1 | -1 }): ShardAnswer<Page>[] {
  return Array.from({ length: SHARDS }, (_, shard) => {
    const own = pages.filter((page) => page.shard === shard);
    const results = own.filter((page) => page.matches);
    if (sort) results.sort((a, b) => (a[sort.key] - b[sort.key]) * sort.direction);
    else results.sort((a, b) => b.score - a.score);
    return { shard: `s${shard}`, pages: own.length, matches: results.length, results };
  });
}

const valuesOf = (page: Page): SortValues => ({ date: page.date, improvement: page.improvement });

describe('mergeResults, sorted by date or improvement', () => {
  const orders = [
    { order: 'newest', key: 'date', direction: -1 },
    { order: 'oldest', key: 'date', direction: 1 },
    { order: 'improvement', key: 'improvement', direction: -1 },
  ] as const;

  for (const { order, key, direction } of orders) {
    it(`${order}: exactly the order of sorting every match (stable, shard by shard)`, () => {
      fc.assert(
        fc.property(pagesArbitrary, (pages) => {
          const answers = shardAnswers(pages, { key, direction });
          const merged = mergeResults(answers, order, valuesOf).map((entry) => entry.hit.id);
          // The reference: every match of every shard in one list, sorted by the key (Array#sort is stable).
          const everyMatch = answers.flatMap((answer) => answer.results);
          const reference = [...everyMatch].sort((a, b) => (a[key] - b[key]) * direction).map((page) => page.id);
          expect(merged).toEqual(reference);
          // The key sequence is the one a single index over all pages gives, whatever it does with ties.
          const single = pages.filter((page) => page.matches).map((page) => page[key]);
          expect(merged.map((id) => pages.find((page) => page.id === id)![key])).toEqual(
            single.sort((a, b) => (a - b) * direction),
          );
        }),
      );
    });
  }

  it('refuses a shard list that is not in the order asked for, naming the shard and result', () => {
    const answers: ShardAnswer<Page>[] = [
      {
        shard: 'en-industry-1of1',
        pages: 2,
        matches: 2,
        results: [
          { id: 'old', shard: 0, date: 195001, improvement: 0, score: 1, filters: {}, matches: true },
          { id: 'new', shard: 0, date: 196001, improvement: 0, score: 1, filters: {}, matches: true },
        ],
      },
    ];
    expect(() => mergeResults(answers, 'newest', valuesOf)).toThrow(
      'search merge: shard en-industry-1of1 returned result 2 (new) with date 196001 after 195001; expected its results sorted by date descending',
    );
  });

  it('refuses a result without a numeric sort key', () => {
    const answers: ShardAnswer[] = [{ shard: 's', pages: 1, matches: 1, results: [{ id: 'x', score: 1 }] }];
    expect(() => mergeResults(answers, 'improvement', () => ({ date: 1, improvement: Number.NaN }))).toThrow(
      'search merge: result x of shard s has improvement NaN; expected a number',
    );
  });
});

describe('createLazyMerge', () => {
  it('gives the eager merge page by page, loading sort keys only for the shards’ heads', async () => {
    await fc.assert(
      fc.asyncProperty(pagesArbitrary, fc.integer({ min: 1, max: 25 }), async (pages, pageSize) => {
        const answers = shardAnswers(pages, { key: 'date', direction: -1 });
        const eager = mergeResults(answers, 'newest', valuesOf).map((entry) => entry.hit.id);
        const loaded: string[] = [];
        const lazy = createLazyMerge(answers, 'newest', async (page) => {
          loaded.push(page.id);
          return valuesOf(page);
        });
        const ids: string[] = [];
        const nonEmpty = answers.filter((answer) => answer.results.length > 0).length;
        while (!lazy.done) {
          const batch = await lazy.take(pageSize);
          ids.push(...batch.map((entry) => entry.hit.id));
          // The fragments loaded: the results shown, plus at most one waiting head per other shard.
          expect(lazy.loads).toBeLessThanOrEqual(ids.length + Math.max(0, nonEmpty - 1));
        }
        expect(ids).toEqual(eager);
        expect(new Set(loaded).size).toBe(loaded.length); // never the same fragment twice
      }),
    );
  });

  it('loads 20 + (shards − 1) fragments for the first 20 of 5 shards × 200 matches', async () => {
    const pages: Page[] = Array.from({ length: 1000 }, (_, index) => ({
      id: `p${index}`,
      shard: index % 5,
      date: 195000 + ((index * 7919) % 1200),
      improvement: 0,
      score: 1,
      filters: {},
      matches: true,
    }));
    const lazy = createLazyMerge(shardAnswers(pages, { key: 'date', direction: -1 }), 'newest', valuesOf);
    expect(await lazy.take(20)).toHaveLength(20);
    expect(lazy.loads).toBe(24);
  });
});

describe('best match', () => {
  it('puts one-word scores on the scale of one index over all shards', () => {
    // Pagefind's score for a one-word query is idf × tf, with the idf of its own index.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pages: fc.integer({ min: 1, max: 2000 }),
            tfs: fc.array(fc.double({ min: 0.1, max: 2.4, noNaN: true }), { minLength: 1, maxLength: 30 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (shards) => {
          const answers: ShardAnswer[] = shards.map((shard, index) => {
            const pages = Math.max(shard.pages, shard.tfs.length);
            const idf = pagefindIdf(pages, shard.tfs.length);
            return {
              shard: `s${index}`,
              pages,
              matches: shard.tfs.length,
              results: shard.tfs.map((tf, at) => ({ id: `s${index}-${at}`, score: idf * tf })),
            };
          });
          const totalPages = answers.reduce((sum, answer) => sum + answer.pages, 0);
          const totalMatches = answers.reduce((sum, answer) => sum + answer.matches, 0);
          const globalIdf = pagefindIdf(totalPages, totalMatches);
          const merged = mergeResults(answers, 'relevance', () => ({ date: 0, improvement: 0 }));
          for (const entry of merged) {
            const [shard, at] = entry.hit.id.slice(1).split('-').map(Number);
            expect(entry.score).toBeCloseTo(globalIdf * shards[shard!]!.tfs[at!]!, 9);
          }
          // Sorted by the merged score.
          for (let at = 1; at < merged.length; at += 1)
            expect(merged[at - 1]!.score).toBeGreaterThanOrEqual(merged[at]!.score);
        },
      ),
    );
  });

  it('ranks a page by the word’s rarity in the language, not in its shard', () => {
    // The word is rare in shard A (5 of 800 pages) and common in B (400 of 800): raw scores favour A's page.
    const tf = 1;
    const answers: ShardAnswer[] = [
      { shard: 'A', pages: 800, matches: 5, results: [{ id: 'a', score: pagefindIdf(800, 5) * tf }] },
      { shard: 'B', pages: 800, matches: 400, results: [{ id: 'b', score: pagefindIdf(800, 400) * tf * 1.5 }] },
    ];
    const none = () => ({ date: 0, improvement: 0 });
    expect(mergeResults(answers, 'relevance', none, 'none').map((entry) => entry.hit.id)).toEqual(['a', 'b']);
    // On one index's scale both pages share one idf, and b's higher term frequency wins.
    expect(mergeResults(answers, 'relevance', none).map((entry) => entry.hit.id)).toEqual(['b', 'a']);
  });

  it('never reorders results within a shard, and leaves empty shards and raw mode alone', () => {
    const answers: ShardAnswer[] = [
      { shard: 'A', pages: 100, matches: 0, results: [] },
      { shard: 'B', pages: 100, matches: 3, results: [3, 2, 1].map((score) => ({ id: `b${score}`, score })) },
    ];
    expect(relevanceFactors(answers)[0]).toBe(1);
    expect(relevanceFactors(answers, 'none')).toEqual([1, 1]);
    expect(mergeResults(answers, 'relevance', () => ({ date: 0, improvement: 0 })).map((e) => e.hit.id)).toEqual([
      'b3',
      'b2',
      'b1',
    ]);
  });
});

describe('mergeFacetCounts', () => {
  /** What Pagefind counts in one index: values of the pages that match, per filter. */
  function count(pages: Page[]): FacetCounts {
    const counts: FacetCounts = {};
    for (const page of pages.filter((candidate) => candidate.matches))
      for (const [key, values] of Object.entries(page.filters))
        for (const value of values) (counts[key] ??= {})[value] = ((counts[key] ??= {})[value] ?? 0) + 1;
    return counts;
  }

  it('sums the shards’ counts into exactly what one index counts', () => {
    fc.assert(
      fc.property(pagesArbitrary, (pages) => {
        const perShard = Array.from({ length: SHARDS }, (_, shard) =>
          count(pages.filter((page) => page.shard === shard)),
        );
        expect(mergeFacetCounts(perShard)).toEqual(count(pages));
      }),
    );
  });

  it('does not change the shards’ own counts', () => {
    const a: FacetCounts = { sector: { industry: 2 } };
    const b: FacetCounts = { sector: { industry: 1, transport: 4 }, decade: { '1950s': 5 } };
    expect(mergeFacetCounts([a, b])).toEqual({ sector: { industry: 3, transport: 4 }, decade: { '1950s': 5 } });
    expect(a).toEqual({ sector: { industry: 2 } });
    expect(mergeFacetCounts([])).toEqual({});
  });
});

describe('answering as one index: how each shard matched the words', () => {
  // A model of Pagefind's word matching (find_word_extensions): an index matches every
  // word starting with the term; with none, the longest word the term starts with.
  const pagefindMatch = (vocabulary: readonly string[], term: string): string[] => {
    const extensions = vocabulary.filter((word) => word.startsWith(term));
    if (extensions.length > 0) return extensions;
    const prefixes = vocabulary.filter((word) => term.startsWith(word)).sort((a, b) => b.length - a.length);
    return prefixes.slice(0, 1);
  };

  it('tells extensions from a fall-back to a shorter word, and a word left out', () => {
    expect(wordMatches(['braimsteck'], ['braimsteck'])).toEqual([{ extension: true, length: 10 }]);
    expect(wordMatches(['drill'], ['drill', 'drilling'])).toEqual([{ extension: true, length: 5 }]);
    expect(wordMatches(['braimsteck'], ['braim'])).toEqual([{ extension: false, length: 5 }]);
    expect(wordMatches(['seal', 'stour'], ['seal'])).toEqual([{ extension: true, length: 4 }, undefined]);
  });

  it('keeps exactly the shards whose words one index over all of them would match', () => {
    const word = fc.stringMatching(/^[a-d]{1,5}$/);
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), word, (shards, term) => {
        const language = shards.flat();
        const oneIndex = new Set(pagefindMatch(language, term));
        const perShard = shards.map((vocabulary) => wordMatches([term], pagefindMatch(vocabulary, term)));
        const choice = oneIndexChoice(perShard, 1);
        shards.forEach((vocabulary, index) => {
          const matched = pagefindMatch(vocabulary, term);
          // One index's answer restricted to this shard: the shard's words one index matches.
          const shouldKeep = matched.length > 0 && matched.every((candidate) => oneIndex.has(candidate));
          if (matched.length > 0) expect(agreesWithOneIndex(perShard[index]!, choice)).toBe(shouldKeep);
        });
      }),
    );
  });

  // Pagefind's length bonus (word_length_bonus, default term similarity 1) in 32-bit floats,
  // and a location's score as it reports it: (weight in its units)² × bonus.
  const lengthBonus = (word: string, term: string) => {
    const differential = Math.abs(word.length - term.length) + 1;
    return Math.fround(Math.exp(Math.fround(Math.exp((-0.5 * differential ** 2) / 4)) - 1));
  };
  const location = (word: string, term: string, weight = 24) => ({
    weight: weight / 24,
    balanced_score: Math.fround(weight ** 2 * lengthBonus(word, term)),
  });

  it('tells from a location’s score whether a result matched the query’s word itself', () => {
    // As Pagefind 1.6 answered "leat" on the bench corpus: "leat" itself, "leatteast" (five
    // letters longer), at body weight (24) and at a lower weight (4).
    expect(matchedTheWordItself([{ weight: 1, balanced_score: 512.143310546875 }])).toBe(true);
    expect(matchedTheWordItself([{ weight: 4 / 24, balanced_score: 14.226203918457031 }])).toBe(true);
    expect(matchedTheWordItself([{ weight: 1, balanced_score: 214.26568603515625 }])).toBe(false);
    expect(matchedTheWordItself([location('drilling', 'drill'), location('drill', 'drill', 12)])).toBe(true);
    expect(matchedTheWordItself([location('dril', 'drill'), location('drills', 'drill')])).toBe(false);
    // Two words at one location add their weights and bonuses: never the same-length bonus.
    const words = ['ab', 'abc', 'abcde', 'abcdefg', 'abcdefghij'];
    for (const first of words)
      for (const second of words) {
        const bonus = lengthBonus(first, 'abcd') + lengthBonus(second, 'abcd');
        expect(matchedTheWordItself([{ weight: 2, balanced_score: 48 ** 2 * bonus }])).toBe(false);
      }
    expect(matchedTheWordItself([])).toBe(false);
  });

  it('proves a one-word answer one index’s only when each shard that found something matched the word itself', () => {
    const word = fc.stringMatching(/^[a-c]{1,4}$/);
    const page = fc.array(word, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.array(page, { maxLength: 4 }), { minLength: 1, maxLength: 4 }), word, (shards, term) => {
        const oneIndex = new Set(pagefindMatch(shards.flat(2), term));
        const answers = shards.map((pages) => {
          const matched = new Set(pagefindMatch(pages.flat(), term));
          const results = pages
            .filter((words) => words.some((candidate) => matched.has(candidate)))
            .map((words) => ({
              pacesetterLocations: words
                .filter((candidate) => matched.has(candidate))
                .map((candidate) => location(candidate, term)),
            }));
          return { matched: [...matched], results };
        });
        if (answersProveOneIndex(answers))
          for (const answer of answers)
            if (answer.results.length > 0) expect(answer.matched.every((found) => oneIndex.has(found))).toBe(true);
        // Each shard that found something holds the word itself: proved.
        if (answers.every((answer) => answer.results.length === 0 || answer.matched.includes(term)))
          expect(answersProveOneIndex(answers)).toBe(true);
      }),
    );
    // A result without locations (the runtime not patched) proves nothing.
    expect(answersProveOneIndex([{ results: [{}] }])).toBe(false);
    expect(answersProveOneIndex([{ results: [] }, { results: [] }])).toBe(true);
  });

  it('proves an answer to several words one index’s only when each shard that found something holds each word', () => {
    const word = fc.stringMatching(/^[a-c]{1,3}$/);
    const page = fc.array(word, { minLength: 1, maxLength: 4 });
    // A page's words, with the index it sits in; Pagefind keeps the pages that match every term
    // it matched anything for (a term matching nothing is left out).
    const answer = (pages: readonly string[][], vocabulary: readonly string[], terms: readonly string[]) => {
      const matched = terms.map((term) => new Set(pagefindMatch(vocabulary, term))).filter((set) => set.size > 0);
      if (matched.length === 0) return [];
      return pages.filter((words) => matched.every((set) => words.some((candidate) => set.has(candidate))));
    };
    const raw = (candidate: string, term: string) => {
      const { weight, balanced_score } = location(candidate, term);
      return { w: weight * 24, s: balanced_score };
    };
    fc.assert(
      fc.property(
        fc.array(fc.array(page, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.array(word, { minLength: 2, maxLength: 3 }),
        (shards, terms) => {
          const language = shards.flat(2);
          const answers = shards.map((pages, index) => ({
            shard: `s${index}`,
            loaded: 1,
            results: answer(pages, pages.flat(), terms),
          }));
          const probes = terms.map((term) =>
            shards.map((pages, index) => {
              const matched = new Set(pagefindMatch(pages.flat(), term));
              return {
                shard: `s${index}`,
                loaded: 1,
                probe: pages
                  .filter((words) => words.some((candidate) => matched.has(candidate)))
                  .map((words) => words.filter((candidate) => matched.has(candidate)).map((found) => raw(found, term))),
              };
            }),
          );
          const proved = probesProveOneIndex(answers, probes);
          if (proved)
            shards.forEach((pages, index) => {
              // One index's answer restricted to this shard.
              if (answers[index]!.results.length > 0)
                expect(answers[index]!.results).toEqual(answer(pages, language, terms));
            });
          const holdsEvery = answers.every(
            (found, index) => found.results.length === 0 || terms.every((term) => shards[index]!.flat().includes(term)),
          );
          if (holdsEvery) expect(proved).toBe(true);
          // An index that loaded a chunk between the query and a probe may have answered from other words.
          if (proved && answers.some((found) => found.results.length > 0))
            expect(
              probesProveOneIndex(
                answers.map((found) => ({ ...found, loaded: 0 })),
                probes,
              ),
            ).toBe(false);
        },
      ),
    );
    // A shard that found something and was not probed proves nothing.
    expect(probesProveOneIndex([{ shard: 'a', loaded: 1, results: [{}] }], [[]])).toBe(false);
    expect(probesProveOneIndex([{ shard: 'a', loaded: 1, results: [] }], [[]])).toBe(true);
  });

  it('probes the words of a query Pagefind splits at spaces, not a phrase or a segmented language', () => {
    expect(wordsToProbe('seal stour', 'en')).toEqual(['seal', 'stour']);
    expect(wordsToProbe('  seal   stour ', 'en-GB')).toEqual(['seal', 'stour']);
    expect(wordsToProbe('seal', 'en')).toBeUndefined();
    // Pagefind keeps a tab or a no-break space inside a word.
    expect(wordsToProbe('seal\tstour', 'en')).toBeUndefined();
    expect(wordsToProbe('seal\u00a0stour', 'en')).toBeUndefined();
    expect(wordsToProbe('"seal stour"', 'en')).toBeUndefined();
    expect(wordsToProbe('钻头 工艺', 'zh')).toBeUndefined();
  });

  it('counts a query as one word only where Pagefind splits it into none other', () => {
    expect(isOneWordQuery('drill', 'en')).toBe(true);
    expect(isOneWordQuery('  drill ', 'en-GB')).toBe(true);
    expect(isOneWordQuery('seal stour', 'en')).toBe(false);
    expect(isOneWordQuery('seal\tstour', 'en')).toBe(false);
    expect(isOneWordQuery('', 'en')).toBe(false);
    // Chinese, Japanese and Thai queries are split into the words the browser finds.
    expect(isOneWordQuery('钻头', 'zh')).toBe(false);
    expect(isOneWordQuery('ドリル', 'ja')).toBe(false);
    expect(isOneWordQuery('สว่าน', 'th')).toBe(false);
    expect(isOneWordQuery('드릴', 'ko')).toBe(true);
  });

  it('drops a shard that left out a word one index matches, and flags what needs a closer look', () => {
    const choice = [
      { extension: true, length: 4 },
      { extension: true, length: 9 },
    ];
    expect(agreesWithOneIndex([{ extension: true, length: 4 }, undefined], choice)).toBe(false);
    expect(
      agreesWithOneIndex(
        [
          { extension: true, length: 4 },
          { extension: true, length: 9 },
        ],
        choice,
      ),
    ).toBe(true);
    expect(mayDisagree([{ extension: true, length: 4 }, undefined])).toBe(true);
    expect(mayDisagree([{ extension: false, length: 3 }])).toBe(true);
    expect(mayDisagree([{ extension: true, length: 4 }])).toBe(false);
  });
});
