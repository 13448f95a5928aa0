// Improvement is computed from a result's before/after figures and the direction
// that counts as better — never typed in by a contributor.
import type { Result } from '../schema/experience.ts';

export type Direction = 'improved' | 'unchanged' | 'worsened';

export interface Improvement {
  direction: Direction;
  /**
   * How many times better the new figure is: after / before when higher is
   * better, before / after when lower is better. `null` when a zero makes the
   * ratio meaningless (from zero output, or a cost brought down to zero).
   */
  factor: number | null;
  /** Relative change of the raw value, (after − before) / before; `null` from a zero baseline. */
  change: number | null;
}

type Figures = Pick<Result, 'before' | 'after' | 'better'>;

export function computeImprovement({ before, after, better }: Figures): Improvement {
  const delta = after - before;
  const direction: Direction =
    delta === 0 ? 'unchanged' : delta > 0 === (better === 'higher') ? 'improved' : 'worsened';
  const change = before === 0 ? null : delta / before;
  let factor: number | null;
  if (better === 'higher') factor = before === 0 ? null : after / before;
  else factor = after === 0 ? null : before / after;
  if (before === 0 && after === 0) factor = 1;
  return { direction, factor, change };
}

/** A number for sorting by size of improvement: log of the factor; zero-baseline gains sort first. */
export function improvementScore(result: Figures): number {
  const { direction, factor } = computeImprovement(result);
  if (factor === null) return direction === 'improved' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return Math.log(factor);
}

/** The result that shows the largest improvement, or undefined for a write-up without figures. */
export function headlineResult<R extends Figures>(results: readonly R[]): R | undefined {
  let best: R | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const result of results) {
    const score = improvementScore(result);
    if (best === undefined || score > bestScore) {
      best = result;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Bar lengths for a before/after pair on one scale: the larger figure (by size,
 * so a negative one still draws) fills `full`, and a bar is never shorter than
 * `minimum`, so a zero still shows. Each pair has its own scale, since units differ.
 */
export function barWidths(
  before: number,
  after: number,
  full: number,
  minimum: number,
): { before: number; after: number } {
  const largest = Math.max(Math.abs(before), Math.abs(after)) || 1;
  const width = (value: number) => Math.max(minimum, (Math.abs(value) / largest) * full);
  return { before: width(before), after: width(after) };
}

// Creating an Intl.NumberFormat costs some 30 times more than using one, and every
// card of every listing formats numbers: keep one per language and precision.
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}:${maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits });
    formats.set(key, format);
  }
  return format;
}

export function formatNumber(value: number, lang = 'en'): string {
  return numberFormat(lang, Math.abs(value) < 10 ? 2 : 1).format(value);
}

/**
 * A short label for the change, e.g. "8×", "+45%", "−44%" or "from zero".
 * Large gains read best as a factor, small ones as a percentage.
 */
export function formatImprovement(result: Figures, lang = 'en'): string {
  const { direction, factor, change } = computeImprovement(result);
  if (direction === 'unchanged') return lang === 'zh' ? '不变' : 'unchanged';
  if (change === null) return lang === 'zh' ? '从零起步' : 'from zero';
  if (factor === null) return lang === 'zh' ? '降至零' : 'down to zero';
  if (direction === 'improved' && factor >= 2) return `${numberFormat(lang, 1).format(factor)}×`;
  const percent = numberFormat(lang, 0).format(Math.abs(change) * 100);
  return `${change > 0 ? '+' : '−'}${percent}%`;
}

/** "850 bricks/h (8×)": the figure a reader sees first on a card. */
export function formatHeadline(result: Figures & Pick<Result, 'unit'>, lang = 'en'): string {
  return `${formatNumber(result.after, lang)} ${result.unit} (${formatImprovement(result, lang)})`;
}
