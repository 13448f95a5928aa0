// How the build splits its pages by language, and how many Pagefind runs go at once.
import { describe, expect, it } from 'vitest';
import {
  concurrentRuns,
  estimatedIndexingMs,
  estimatedPeakMb,
  pagesByLocale,
} from '../../src/lib/search/search-index-plan.ts';

describe('pages by locale', () => {
  it('puts pages under a locale prefix in that locale, and everything else in the default', () => {
    const groups = pagesByLocale(
      ['index.html', 'experiences/a/index.html', 'zh/index.html', 'zh/experiences/a/index.html', 'zhou/index.html'],
      'en',
      ['zh'],
    );
    expect(Object.fromEntries(groups)).toEqual({
      en: ['index.html', 'experiences/a/index.html', 'zhou/index.html'],
      zh: ['zh/index.html', 'zh/experiences/a/index.html'],
    });
  });
});

describe('Pagefind runs at once', () => {
  it('estimates segmented languages at about three times the memory per page', () => {
    expect(estimatedPeakMb('en', 8000)).toBe(5100);
    expect(estimatedPeakMb('zh', 2000)).toBe(4100);
    expect(estimatedPeakMb('zh-hans', 0)).toBe(300);
  });

  it('estimates a segmented page at about twice the indexing time, so a larger Chinese shard is started before an English one', () => {
    expect(estimatedIndexingMs('zh-hans', 500)).toBeGreaterThan(estimatedIndexingMs('en', 800));
    expect(estimatedIndexingMs('en', 800)).toBeGreaterThan(estimatedIndexingMs('zh', 300));
    expect(estimatedIndexingMs('en', 0)).toBe(0);
  });

  it('runs side by side when cores and memory allow, one at a time when they do not', () => {
    expect(concurrentRuns([5100, 4100], 20_000, 2)).toBe(2);
    expect(concurrentRuns([5100, 4100], 7_000, 2)).toBe(1); // a 7 GB CI runner
    expect(concurrentRuns([5100, 4100], 20_000, 1)).toBe(1);
    expect(concurrentRuns([5100], 20_000, 8)).toBe(1);
    expect(concurrentRuns([3000, 2000, 1000], 9_000, 4)).toBe(2);
    expect(concurrentRuns([], 8_000, 4)).toBe(1);
  });

  it('follows an override from the environment when it is a positive whole number', () => {
    expect(concurrentRuns([5100, 4100], 20_000, 2, '1')).toBe(1);
    expect(concurrentRuns([5100, 4100], 1_000, 2, '2')).toBe(2);
    expect(concurrentRuns([5100, 4100], 20_000, 2, 'lots')).toBe(2);
    expect(concurrentRuns([5100, 4100], 20_000, 2, '')).toBe(2);
  });
});
