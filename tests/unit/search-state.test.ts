import { describe, expect, it } from 'vitest';
import {
  EMPTY_STATE,
  effectiveSort,
  readableExcerpt,
  emptyReason,
  excerptParts,
  pagefindRequest,
  parseSearchState,
  relaxedQuery,
  sameState,
  serializeSearchState,
  withFilter,
  withoutUnknownFilters,
} from '../../src/lib/search/search-state.ts';

describe('parseSearchState', () => {
  it('reads the query, repeated facet parameters and the sort', () => {
    expect(
      parseSearchState('?q=drill+bits&sector=industry&sector=transport&industry=machine-building&sort=newest'),
    ).toEqual({
      q: 'drill bits',
      filters: { sector: ['industry', 'transport'], industry: ['machine-building'] },
      sort: 'newest',
    });
  });

  it('reads filter-only URLs such as the sector pages link to', () => {
    expect(parseSearchState('?sector=industry&industry=mining')).toEqual({
      q: '',
      filters: { sector: ['industry'], industry: ['mining'] },
      sort: 'relevance',
    });
  });

  it('reads what the plain form submits without a script', () => {
    expect(parseSearchState('?q=&sector=industry&sort=relevance')).toEqual({
      q: '',
      filters: { sector: ['industry'] },
      sort: 'relevance',
    });
  });

  it('drops unknown parameters, malformed values, duplicates and an unknown sort', () => {
    expect(
      parseSearchState('?utm_source=x&sector=industry&sector=industry&sector=%3Cscript%3E&decade=1950s&sort=random'),
    ).toEqual({
      q: '',
      filters: { sector: ['industry'], decade: ['1950s'] },
      sort: 'relevance',
    });
  });

  it('keeps non-Latin ids and query text', () => {
    expect(parseSearchState('?q=%E9%92%BB%E5%A4%B4&lang=zh')).toEqual({
      q: '钻头',
      filters: { lang: ['zh'] },
      sort: 'relevance',
    });
  });
});

describe('serializeSearchState', () => {
  it('writes q first, facets in pane order with sorted values, and a non-default sort', () => {
    expect(
      serializeSearchState({
        q: ' drill ',
        filters: { industry: ['mining'], sector: ['transport', 'industry'] },
        sort: 'improvement',
      }),
    ).toBe('?q=drill&sector=industry&sector=transport&industry=mining&sort=improvement');
  });

  it('writes nothing for a blank search', () => {
    expect(serializeSearchState(EMPTY_STATE)).toBe('');
  });

  it('round-trips through the URL', () => {
    const state = parseSearchState('?q=scrap%20rate&measure=technical&dimension=better&sort=oldest');
    expect(parseSearchState(serializeSearchState(state))).toEqual(state);
  });
});

describe('withFilter and sameState', () => {
  it('adds and removes one value, dropping an emptied facet', () => {
    const one = withFilter(EMPTY_STATE, 'sector', 'industry', true);
    const two = withFilter(one, 'sector', 'agriculture', true);
    expect(two.filters).toEqual({ sector: ['agriculture', 'industry'] });
    expect(withFilter(withFilter(two, 'sector', 'industry', false), 'sector', 'agriculture', false).filters).toEqual(
      {},
    );
    expect(EMPTY_STATE.filters).toEqual({});
  });

  it('treats states that give the same URL as the same', () => {
    expect(
      sameState(
        { q: 'drill ', filters: { sector: ['b', 'a'] }, sort: 'relevance' },
        parseSearchState('?q=drill&sector=a&sector=b'),
      ),
    ).toBe(true);
    expect(sameState(EMPTY_STATE, parseSearchState('?q=drill'))).toBe(false);
  });
});

describe('pagefindRequest', () => {
  it('passes the query and makes values within a facet alternatives', () => {
    expect(pagefindRequest(parseSearchState('?q=drill&sector=industry&sector=transport&evidence=measured'))).toEqual({
      term: 'drill',
      options: { filters: { sector: { any: ['industry', 'transport'] }, evidence: { any: ['measured'] } } },
    });
  });

  it('searches by filters alone when there is no query', () => {
    expect(pagefindRequest(parseSearchState('?sector=industry'))).toEqual({
      term: null,
      options: { filters: { sector: { any: ['industry'] } }, sort: { date: 'desc' } },
    });
  });

  it('lists everything newest first for a blank search, and honours a chosen sort', () => {
    expect(pagefindRequest(EMPTY_STATE)).toEqual({ term: null, options: { filters: {}, sort: { date: 'desc' } } });
    expect(pagefindRequest(parseSearchState('?q=drill&sort=improvement')).options.sort).toEqual({
      improvement: 'desc',
    });
    expect(pagefindRequest(parseSearchState('?q=drill&sort=oldest')).options.sort).toEqual({ date: 'asc' });
  });

  it('can leave one facet out, to count that facet’s other values', () => {
    const state = parseSearchState('?q=drill&sector=industry&industry=mining');
    expect(pagefindRequest(state, 'sector').options.filters).toEqual({ industry: { any: ['mining'] } });
  });
});

describe('relaxedQuery', () => {
  it('drops the last letter of long words, so a trailing slip still prefix-matches', () => {
    expect(relaxedQuery('drilk')).toBe('dril');
    expect(relaxedQuery('scrap ratw')).toBe('scra ratw');
  });

  it('gives up when there is nothing to relax, or on an exact phrase', () => {
    expect(relaxedQuery('ni')).toBeNull();
    expect(relaxedQuery('')).toBeNull();
    expect(relaxedQuery('"drill bits"')).toBeNull();
  });
});

describe('excerptParts', () => {
  it('splits highlights from plain text and decodes Pagefind’s entities', () => {
    expect(excerptParts('Bits &lt;b&gt; &amp; the <mark>drill</mark> stood idle &#39;x&#x27;')).toEqual([
      { text: 'Bits <b> & the ', marked: false },
      { text: 'drill', marked: true },
      { text: " stood idle 'x'", marked: false },
    ]);
  });

  it('never turns page text into markup', () => {
    const parts = excerptParts('&lt;img src=x onerror=alert(1)&gt;');
    expect(parts).toEqual([{ text: '<img src=x onerror=alert(1)>', marked: false }]);
  });
});

describe('what the search page says', () => {
  it('shows the order the list is really in: newest first until there are words to match', () => {
    expect(effectiveSort(EMPTY_STATE)).toBe('newest');
    expect(effectiveSort(parseSearchState('?sector=industry'))).toBe('newest');
    expect(effectiveSort(parseSearchState('?q=drill'))).toBe('relevance');
    expect(effectiveSort(parseSearchState('?sort=oldest'))).toBe('oldest');
    expect(effectiveSort(parseSearchState('?q=drill&sort=improvement'))).toBe('improvement');
  });

  it('blames a filter for an empty list only when a filter is set', () => {
    expect(emptyReason(parseSearchState('?q=drill&sector=industry'))).toBe('filters');
    expect(emptyReason(parseSearchState('?q=zzz'))).toBe('query');
    expect(emptyReason(EMPTY_STATE)).toBe('nothing');
  });

  it('drops filter values the site does not have, and names them', () => {
    const known = { sector: ['industry', 'transport'], decade: ['1950s'] };
    const { state, unknown } = withoutUnknownFilters(
      parseSearchState('?q=drill&sector=space&sector=industry&decade=1850s&sort=oldest'),
      known,
    );
    expect(state).toEqual({ q: 'drill', filters: { sector: ['industry'] }, sort: 'oldest' });
    expect(unknown).toEqual([
      { key: 'sector', value: 'space' },
      { key: 'decade', value: '1850s' },
    ]);
    expect(withoutUnknownFilters(parseSearchState('?sector=industry'), known).unknown).toEqual([]);
  });
});

describe('readableExcerpt', () => {
  const text = (parts: { text: string; marked: boolean }[]) =>
    parts.map((part) => (part.marked ? `[${part.text}]` : part.text)).join('');

  it('widens an excerpt that starts inside a name back to the start of its sentence', () => {
    const content =
      'At Beijing Yongding Machinery Works in 1953, Ni Zhifu gave the drill a new geometry. It lasted. Later text follows.';
    // What Pagefind 1.6 returned for "drill" on the real page: the window began at "Zhifu".
    const parts = readableExcerpt(content, 'Zhifu gave the <mark>drill</mark> a new geometry. It');
    expect(text(parts)).toBe(
      'At Beijing Yongding Machinery Works in 1953, Ni Zhifu gave the [drill] a new geometry. It…',
    );
  });

  it('marks text left out before and after, and never starts mid-word', () => {
    const long = `${'word '.repeat(40)}and then the team said so, and the drill lasted.`;
    const parts = readableExcerpt(long, 'the <mark>drill</mark> lasted.');
    const shown = text(parts);
    expect(shown.startsWith('…word ')).toBe(true);
    expect(shown.endsWith('[drill] lasted.')).toBe(true);
  });

  it('shows Chinese text without zero-width spaces or ASCII full stops after a heading', () => {
    const content = '成效\u200b：\u200b旧\u200b定额\u200b. \u200b这\u200b篇\u200b经验\u200b没有\u200b数字\u200b。';
    const parts = readableExcerpt(content, '旧\u200b定额\u200b. \u200b这\u200b篇\u200b<mark>经验</mark>');
    // Widened back to the colon after the heading, which ends a clause.
    expect(text(parts)).toBe('旧定额。这篇[经验]…');
  });

  it('falls back to Pagefind’s excerpt when the text cannot be found', () => {
    expect(readableExcerpt('other text', 'a <mark>b</mark>')).toEqual([
      { text: 'a ', marked: false },
      { text: 'b', marked: true },
    ]);
  });
});
