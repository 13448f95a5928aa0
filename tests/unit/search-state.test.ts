import { describe, expect, it } from 'vitest';
import {
  EMPTY_STATE,
  effectiveSort,
  emptyReason,
  excerptParts,
  pagefindRequest,
  parseSearchState,
  relaxedQuery,
  sameState,
  serializeSearchState,
  withFilter,
  withoutUnknownFilters,
} from '../../src/lib/search-state.ts';

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
