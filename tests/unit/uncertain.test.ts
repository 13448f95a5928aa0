// Uncertain dates and figures (src/lib/catalog/uncertain.ts): reading, sorting and wording in both languages.
import { describe, expect, it } from 'vitest';
import { periodSortValue } from '../../src/lib/search/search-filters.ts';
import {
  dateSortValue,
  dateStartYear,
  decadeOfDate,
  formatDate,
  isUncertainDate,
  parseDateValue,
  readFigure,
} from '../../src/lib/catalog/uncertain.ts';

describe('formatDate', () => {
  it.each([
    ['1951', '1951', '1951年'],
    ['1951-08', 'August 1951', '1951年8月'],
    ['1951-08-17', '17 August 1951', '1951年8月17日'],
    ['1950/1952', '1950–1952', '1950—1952年'],
    ['1951-03/1951-11', 'March 1951 – November 1951', '1951年3月—1951年11月'],
    ['~1952', 'about 1952', '约1952年'],
    ['~1952-02', 'about February 1952', '约1952年2月'],
    ['~1950/1954', 'about 1950–1954', '约1950—1954年'],
    ['1950s', '1950s', '1950年代'],
    ['early 1950s', 'early 1950s', '1950年代初'],
    ['mid 1950s', 'mid 1950s', '1950年代中期'],
    ['late 1950s', 'late 1950s', '1950年代末'],
  ])('%s reads "%s" and "%s"', (value, en, zh) => {
    expect(formatDate(value, 'en')).toBe(en);
    expect(formatDate(value, 'zh')).toBe(zh);
  });

  it('throws on a value the schema would have refused: a programming error, not content', () => {
    expect(() => formatDate('soon', 'en')).toThrow('Not a date value: "soon"');
  });
});

describe('parseDateValue', () => {
  it('reads every form into its parts', () => {
    expect(parseDateValue('~1950/1954', { allowDay: false })).toEqual({
      kind: 'range',
      approximate: true,
      start: { year: 1950 },
      end: { year: 1954 },
    });
    expect(parseDateValue('mid 1950s', { allowDay: false })).toEqual({
      kind: 'decade',
      approximate: false,
      decade: 1950,
      part: 'mid',
    });
    expect(parseDateValue('1951-08-17', { allowDay: true })).toEqual({
      kind: 'exact',
      approximate: false,
      start: { year: 1951, month: 8, day: 17 },
    });
  });

  it.each([
    ['1951-08-17', false, 'is not a date form this field accepts'],
    ['1951-02-29', true, 'is not a date form this field accepts'],
    ['1951-00', false, 'is not a date form this field accepts'],
    ['1951/1951', false, 'is a range whose end is not after its start'],
    ['1951-08/1951-03', false, 'is a range whose end is not after its start'],
    ['1950/1952/1954', false, 'has more than one "/"'],
    ['1950/?', false, 'has a range end that is not a date'],
    ['1951s', false, 'is not a date form this field accepts'],
    ['very early 1950s', false, 'is not a date form this field accepts'],
  ])('refuses %s (day allowed: %s)', (value, allowDay, error) => {
    expect(parseDateValue(value, { allowDay })).toEqual({ error });
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseDateValue('1952-02-29', { allowDay: true })).toMatchObject({ kind: 'exact' });
  });
});

describe('sorting and decades', () => {
  it('sorts by the earliest year a value stands for', () => {
    expect(dateStartYear('~1952')).toBe(1952);
    expect(dateStartYear('1950/1952')).toBe(1950);
    expect(dateStartYear('early 1950s')).toBe(1950);
    expect(dateStartYear('mid 1950s')).toBe(1953);
    expect(dateStartYear('late 1950s')).toBe(1957);
    expect(dateStartYear('1950s')).toBe(1950);
  });

  it('orders values by year, then month and day', () => {
    const values = ['late 1950s', '1953-08', '~1952', '1953', 'early 1950s', '1951-08-17', '1951-08', 'mid 1950s'];
    expect([...values].sort((a, b) => dateSortValue(a) - dateSortValue(b))).toEqual([
      'early 1950s',
      '1951-08',
      '1951-08-17',
      '~1952',
      '1953',
      'mid 1950s',
      '1953-08',
      'late 1950s',
    ]);
  });

  it('gives the search index the same year and the decade facet', () => {
    expect(periodSortValue('~1952')).toBe(195200);
    expect(periodSortValue('~1952-02')).toBe(195202);
    expect(periodSortValue('mid 1950s')).toBe(195300);
    expect(periodSortValue('early 1950s')).toBeLessThan(periodSortValue('1951'));
    expect(decadeOfDate('~1949/1951')).toBe('1940s');
    expect(decadeOfDate('late 1950s')).toBe('1950s');
  });

  it('says which values are less than exact', () => {
    expect(isUncertainDate('1951-08')).toBe(false);
    expect(['~1952', '1950/1952', '1950s', 'early 1950s'].map(isUncertainDate)).toEqual([true, true, true, true]);
  });
});

describe('readFigure', () => {
  it('gives exact, approximate and ranged figures a value to compute with', () => {
    expect(readFigure(12)).toEqual({ value: 12, approximate: false });
    expect(readFigure({ about: 12 })).toEqual({ value: 12, approximate: true });
    expect(readFigure({ from: 400, to: 500 })).toEqual({ value: 450, approximate: true, from: 400, to: 500 });
  });
});
