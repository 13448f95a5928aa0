// The built pages by language, and how many Pagefind runs (one per search
// shard: src/lib/search/search-shards.ts) the build can afford at once. Pure:
// the integration (src/integrations/search-index.ts) reads the files and runs
// Pagefind.
//
// Pagefind holds a whole index in memory while it writes it, and writing is
// most of its time, on about one core. Measured at 10,000 write-ups on a
// 2-core machine (docs/performance.md): one run for both languages 57 s and
// 5.9 GB; English alone 4.1 GB, Chinese alone 3.7 GB; both side by side in
// two processes 26–32 s and 7.2 GB. Memory grows with the pages of a run, so
// runs go side by side when the machine has the cores and the memory for the
// largest of them, one after the other otherwise.

/**
 * The built pages, split by the locale whose URL prefix they sit under
 * ("zh/…" → zh); everything else belongs to the default locale.
 */
export function pagesByLocale(
  files: readonly string[],
  defaultLocale: string,
  prefixedLocales: readonly string[],
): Map<string, string[]> {
  return Map.groupBy(files, (file) => prefixedLocales.find((prefix) => file.startsWith(`${prefix}/`)) ?? defaultLocale);
}

/** Pagefind's own start-up, and what each indexed page adds while it writes (measured, with a margin). */
const BASE_MB = 300;
const MB_PER_PAGE = { segmented: 1.9, spaced: 0.6 };
/** Chinese, Japanese and Korean text is segmented into words, which costs about three times the memory. */
const SEGMENTED = /^(zh|ja|ko)\b/i;

/** Roughly how much memory Pagefind needs to index this many pages of this locale. */
export function estimatedPeakMb(locale: string, indexedPages: number): number {
  return Math.round(BASE_MB + indexedPages * MB_PER_PAGE[SEGMENTED.test(locale) ? 'segmented' : 'spaced']);
}

/** Pagefind's CPU time per page, measured at 10,000 write-ups (docs/performance.md): segmenting costs about twice as much. */
const MS_PER_PAGE = { segmented: 20, spaced: 9 };

/** Roughly how long Pagefind takes to index this many pages of this locale, in CPU milliseconds. */
export function estimatedIndexingMs(locale: string, indexedPages: number): number {
  return indexedPages * MS_PER_PAGE[SEGMENTED.test(locale) ? 'segmented' : 'spaced'];
}

/**
 * How many Pagefind runs to start at once: as many as there are cores and
 * runs, as long as the largest runs together stay within `share` of the
 * memory available; one at a time otherwise. `override` (from the
 * environment) wins when it is a positive whole number.
 */
export function concurrentRuns(
  estimatesMb: readonly number[],
  availableMb: number,
  cores: number,
  override?: string,
  share = 0.6,
): number {
  const forced = Number(override);
  if (override !== undefined && override !== '' && Number.isInteger(forced) && forced > 0) return forced;
  const largestFirst = [...estimatesMb].sort((a, b) => b - a);
  let runs = Math.max(1, Math.min(cores, largestFirst.length));
  const sumOfLargest = (count: number) => largestFirst.slice(0, count).reduce((sum, mb) => sum + mb, 0);
  while (runs > 1 && sumOfLargest(runs) > availableMb * share) runs -= 1;
  return runs;
}
