// Improvement is computed from a result's before/after figures and the direction
// that counts as better — never typed in by a contributor.
//
// One notation for every card, chart and table (issue 13): the label describes what
// happened to the raw figure, so it cannot be misread whichever way is better.
//   - a fall is always a signed percentage: 1.5 → 0.25 % is "−83%", never "6×";
//   - a rise below doubling is a signed percentage: "+60%";
//   - a rise to twice or more is a multiple of the old figure: "5.2×" (zh "增至5.2倍");
//   - from zero is "from zero" (zh "从零起步"); down to zero is "−100%"; equal is "unchanged";
//   - computed from an approximate figure or a range (its midpoint), the label starts with "≈ ".
// Whether the change is an improvement is said separately (Improvement.direction), by colour and words.
import type { Result } from '../../schema/experience.ts';
import { readFigure, type Figure } from './uncertain.ts';

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
  /** True when either figure is approximate or a range: the change is then approximate too. */
  approximate: boolean;
}

type Figures = { before: Figure; after: Figure; better: Result['better'] };

export function computeImprovement({ before: rawBefore, after: rawAfter, better }: Figures): Improvement {
  const beforeView = readFigure(rawBefore);
  const afterView = readFigure(rawAfter);
  const before = beforeView.value;
  const after = afterView.value;
  const delta = after - before;
  const direction: Direction =
    delta === 0 ? 'unchanged' : delta > 0 === (better === 'higher') ? 'improved' : 'worsened';
  const change = before === 0 ? null : delta / before;
  let factor: number | null;
  if (better === 'higher') factor = before === 0 ? null : after / before;
  else factor = after === 0 ? null : before / after;
  if (before === 0 && after === 0) factor = 1;
  return { direction, factor, change, approximate: beforeView.approximate || afterView.approximate };
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

/** One bar of the results chart: its length, whether it is approximate, and a range's whisker. */
export interface ChartBar {
  width: number;
  approximate: boolean;
  whisker?: { from: number; to: number };
}

/**
 * Bars for an uncertain before/after pair on one scale (see barWidths): a range is
 * drawn to its midpoint with a whisker from its lower to its upper end, and the
 * scale leaves room for the whisker. Approximate bars are drawn differently by the chart.
 */
export function chartBars(
  before: Figure,
  after: Figure,
  full: number,
  minimum: number,
): { before: ChartBar; after: ChartBar } {
  const views = [readFigure(before), readFigure(after)] as const;
  const largest = Math.max(...views.map((view) => Math.abs(view.to ?? view.value))) || 1;
  const scale = (value: number) => (Math.abs(value) / largest) * full;
  const bar = (view: (typeof views)[number]): ChartBar => ({
    width: Math.max(minimum, scale(view.value)),
    approximate: view.approximate,
    ...(view.from !== undefined && view.to !== undefined
      ? { whisker: { from: scale(view.from), to: scale(view.to) } }
      : {}),
  });
  return { before: bar(views[0]), after: bar(views[1]) };
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

/** Percent of a change, never rounded to a misleading 0 or 100. */
function formatPercent(fraction: number, lang: string): string {
  const percent = Math.abs(fraction) * 100;
  const whole = Math.round(percent);
  const exact = percent === whole;
  const digits = !exact && (whole === 0 || whole === 100) ? 1 : 0;
  return numberFormat(lang, digits).format(percent);
}

/** The "≈ " that marks a value computed from an approximate figure or a range. */
export const APPROXIMATE_MARK = '≈ ';

/**
 * A short label for the change of the raw figure, one notation everywhere (see the
 * top of this file): "−83%", "+60%", "5.2×" ("增至5.2倍"), "from zero", "≈ +150%".
 */
export function formatImprovement(result: Figures, lang = 'en'): string {
  const { direction, change, approximate } = computeImprovement(result);
  const zh = lang === 'zh';
  const mark = approximate ? APPROXIMATE_MARK : '';
  if (direction === 'unchanged') return `${mark}${zh ? '不变' : 'unchanged'}`;
  if (change === null) return `${mark}${zh ? '从零起步' : 'from zero'}`;
  if (change < 0) return `${mark}−${formatPercent(change, lang)}%`;
  const ratio = change + 1;
  if (ratio >= 2) {
    const multiple = numberFormat(lang, 1).format(ratio);
    return `${mark}${zh ? `增至${multiple}倍` : `${multiple}×`}`;
  }
  return `${mark}+${formatPercent(change, lang)}%`;
}

/** A figure as written: "12", "≈ 12" (about 12), "400–500" (a range). */
export function formatFigure(figure: Figure, lang = 'en'): string {
  const view = readFigure(figure);
  if (view.from !== undefined && view.to !== undefined) {
    return `${formatNumber(view.from, lang)}–${formatNumber(view.to, lang)}`;
  }
  return `${view.approximate ? APPROXIMATE_MARK : ''}${formatNumber(view.value, lang)}`;
}

/** "850 bricks/h (8×)": the figure a reader sees first on a card. */
export function formatHeadline(result: Figures & Pick<Result, 'unit'>, lang = 'en'): string {
  return `${formatFigure(result.after, lang)} ${result.unit} (${formatImprovement(result, lang)})`;
}
