// Warns when two write-ups in one language have nearly the same title: often the
// same experience written up twice. A warning, never an error: similar titles can
// be different experiences, and the contributor or reviewer decides.
//
// Comparing every title with every other is O(n²) and too slow for 10,000 write-ups,
// so candidates come from an inverted index of title tokens: only titles that share
// enough tokens are compared, with the Dice coefficient of their character bigrams.
import type { ContentProblem } from './problems.ts';

export interface TitledEntry {
  file: string;
  id: string;
  lang: string;
  title: string;
  /** Line of `title:` in the file, for the warning's position. */
  titleLine?: number;
  /** YYYY-MM-DD or Date: the newer of two entries gets the warning (a new write-up has today's date). */
  reviewed?: string | Date;
  /** Ids this entry already links (related, supersedes, supersededBy, translationOf): deliberate, not duplicates. */
  links?: readonly string[];
}

/** Two titles at or above this similarity are reported. */
export const DUPLICATE_THRESHOLD = 0.85;

// Words too common in titles to say that two titles are about the same thing.
const STOPWORDS = new Set(['a', 'an', 'and', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Lower case, accents dropped, punctuation removed, whitespace collapsed. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words for Latin text; overlapping character pairs for Chinese, which has no spaces. */
export function titleTokens(normalized: string): Set<string> {
  const tokens = new Set<string>();
  for (const word of normalized.split(' ')) {
    if (!word || STOPWORDS.has(word)) continue;
    if (CJK.test(word)) {
      const chars = [...word];
      if (chars.length === 1) tokens.add(word);
      for (let index = 0; index + 1 < chars.length; index += 1) tokens.add(chars[index]! + chars[index + 1]!);
    } else {
      tokens.add(word);
    }
  }
  return tokens;
}

function bigrams(normalized: string): Map<string, number> {
  const chars = [...normalized.replace(/ /g, '')];
  const counts = new Map<string, number>();
  for (let index = 0; index + 1 < chars.length; index += 1) {
    const pair = chars[index]! + chars[index + 1]!;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient of character bigrams (multiset), 0..1; identical strings give 1. */
export function titleSimilarity(a: string, b: string): number {
  const left = normalizeTitle(a);
  const right = normalizeTitle(b);
  if (left === right) return 1;
  return diceOfBigrams(bigrams(left), bigrams(right));
}

function diceOfBigrams(left: Map<string, number>, right: Map<string, number>): number {
  let leftSize = 0;
  let rightSize = 0;
  let shared = 0;
  for (const count of left.values()) leftSize += count;
  for (const [pair, count] of right) {
    rightSize += count;
    shared += Math.min(count, left.get(pair) ?? 0);
  }
  return leftSize + rightSize === 0 ? 0 : (2 * shared) / (leftSize + rightSize);
}

const timeOf = (value: string | Date | undefined) =>
  value === undefined ? 0 : value instanceof Date ? value.getTime() : Date.parse(value) || 0;

/**
 * Tokens in more than this share of a language's titles ("method", "team") say little
 * about sameness and would make every title a candidate for every other; they are left
 * out of candidate search (the final bigram comparison still sees the whole title).
 */
const FREQUENT_TOKEN_SHARE = 0.02;
const FREQUENT_TOKEN_FLOOR = 50;

/** One warning per pair of near-identical titles in the same language. */
export function findLikelyDuplicates(
  entries: readonly TitledEntry[],
  threshold = DUPLICATE_THRESHOLD,
): ContentProblem[] {
  const prepared = entries.map((entry) => {
    const normalized = normalizeTitle(entry.title);
    return { entry, normalized, tokens: [...titleTokens(normalized)].map((token) => `${entry.lang}\u0000${token}`) };
  });
  const frequency = new Map<string, number>();
  const perLang = new Map<string, number>();
  for (const { entry, tokens } of prepared) {
    perLang.set(entry.lang, (perLang.get(entry.lang) ?? 0) + 1);
    for (const token of tokens) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  }
  const informative = prepared.map(({ entry, tokens }) => {
    const limit = Math.max(FREQUENT_TOKEN_FLOOR, (perLang.get(entry.lang) ?? 0) * FREQUENT_TOKEN_SHARE);
    return tokens.filter((token) => (frequency.get(token) ?? 0) <= limit);
  });

  const problems: ContentProblem[] = [];
  const grams = new Map<number, Map<string, number>>();
  const gramsOf = (position: number) => {
    let found = grams.get(position);
    if (!found) grams.set(position, (found = bigrams(prepared[position]!.normalized)));
    return found;
  };
  // token → positions of earlier entries holding it; shared counts in a reused typed array.
  const postings = new Map<string, number[]>();
  const shared = new Int32Array(prepared.length);
  const touched: number[] = [];
  prepared.forEach((current, position) => {
    const tokens = informative[position]!;
    for (const token of tokens) {
      const holders = postings.get(token);
      if (!holders) {
        postings.set(token, [position]);
        continue;
      }
      for (const other of holders) {
        const count = shared[other] ?? 0;
        if (count === 0) touched.push(other);
        shared[other] = count + 1;
      }
      holders.push(position);
    }
    for (const otherPosition of touched) {
      const count = shared[otherPosition]!;
      shared[otherPosition] = 0;
      const other = prepared[otherPosition]!;
      // Near-identical titles share most of their informative tokens; skip pairs that cannot.
      if (2 * count < threshold * (tokens.length + informative[otherPosition]!.length) - 2) continue;
      if (current.entry.links?.includes(other.entry.id) || other.entry.links?.includes(current.entry.id)) continue;
      const similarity =
        current.normalized === other.normalized ? 1 : diceOfBigrams(gramsOf(position), gramsOf(otherPosition));
      if (similarity < threshold) continue;
      const [newer, older] =
        timeOf(current.entry.reviewed) >= timeOf(other.entry.reviewed)
          ? [current.entry, other.entry]
          : [other.entry, current.entry];
      problems.push({
        severity: 'warning',
        file: newer.file,
        ...(newer.titleLine === undefined ? {} : { line: newer.titleLine, column: 1 }),
        field: 'title',
        message: `very close to the title of ${older.file} (${Math.round(similarity * 100)}% similar): is this the same experience?`,
        got: JSON.stringify(newer.title),
        hint: `if it is, add to that write-up instead (a new source, result or adoption); if not, make the titles tell them apart, or list ${older.id} under related`,
      });
    }
    touched.length = 0;
  });
  return problems;
}
