import { describe, expect, it } from 'vitest';
import {
  barWidths,
  computeImprovement,
  formatHeadline,
  formatImprovement,
  headlineResult,
  improvementScore,
  chartBars,
  formatFigure,
} from '../../src/lib/catalog/metrics.ts';

describe('computeImprovement', () => {
  it('gives a factor after/before when higher is better', () => {
    expect(computeImprovement({ before: 7, after: 102, better: 'higher' })).toEqual({
      direction: 'improved',
      factor: 102 / 7,
      change: 95 / 7,
      approximate: false,
    });
  });

  it('gives a factor before/after when lower is better, and a negative change', () => {
    const result = computeImprovement({ before: 90, after: 50, better: 'lower' });
    expect(result.direction).toBe('improved');
    expect(result.factor).toBeCloseTo(1.8);
    expect(result.change).toBeCloseTo(-40 / 90);
  });

  it('calls a rise in a lower-is-better metric a worsening', () => {
    expect(computeImprovement({ before: 0.25, after: 1.5, better: 'lower' }).direction).toBe('worsened');
  });

  it('has no factor or change from a zero baseline when higher is better', () => {
    expect(computeImprovement({ before: 0, after: 5, better: 'higher' })).toEqual({
      direction: 'improved',
      factor: null,
      change: null,
      approximate: false,
    });
  });

  it('has no factor when a lower-is-better figure reaches zero, but a -100% change', () => {
    expect(computeImprovement({ before: 12, after: 0, better: 'lower' })).toEqual({
      direction: 'improved',
      factor: null,
      change: -1,
      approximate: false,
    });
  });

  it('treats zero to zero as unchanged', () => {
    expect(computeImprovement({ before: 0, after: 0, better: 'higher' })).toEqual({
      direction: 'unchanged',
      factor: 1,
      change: null,
      approximate: false,
    });
  });

  it('computes from an approximate figure and a range midpoint, and marks the result approximate', () => {
    const fromAbout = computeImprovement({ before: { about: 1.5 }, after: { about: 0.25 }, better: 'lower' });
    expect(fromAbout).toMatchObject({ direction: 'improved', approximate: true });
    expect(fromAbout.factor).toBeCloseTo(6);
    const fromRange = computeImprovement({ before: { from: 30, to: 40 }, after: 100, better: 'higher' });
    expect(fromRange).toMatchObject({ direction: 'improved', approximate: true });
    expect(fromRange.factor).toBeCloseTo(100 / 35);
    expect(computeImprovement({ before: 12, after: { from: 2, to: 4 }, better: 'lower' }).approximate).toBe(true);
  });
});

// One notation (src/lib/catalog/metrics.ts): what happened to the raw figure, never a bare
// factor for a fall. Every branch, in both languages.
describe('formatImprovement', () => {
  const cases: [string, Parameters<typeof formatImprovement>[0], string, string][] = [
    ['higher better, large increase', { before: 120, after: 620, better: 'higher' }, '5.2×', '增至5.2倍'],
    ['higher better, doubling exactly', { before: 10, after: 20, better: 'higher' }, '2×', '增至2倍'],
    ['higher better, small increase', { before: 50, after: 80, better: 'higher' }, '+60%', '+60%'],
    ['higher better, decrease (a worsening)', { before: 80, after: 50, better: 'higher' }, '−38%', '−38%'],
    ['lower better, decrease', { before: 90, after: 50, better: 'lower' }, '−44%', '−44%'],
    ['lower better, large decrease (1.5 → 0.25 %)', { before: 1.5, after: 0.25, better: 'lower' }, '−83%', '−83%'],
    ['lower better, increase (a worsening)', { before: 2, after: 5, better: 'lower' }, '2.5×', '增至2.5倍'],
    ['lower better, small increase', { before: 4, after: 5, better: 'lower' }, '+25%', '+25%'],
    ['no change', { before: 4, after: 4, better: 'lower' }, 'unchanged', '不变'],
    ['zero before', { before: 0, after: 3, better: 'higher' }, 'from zero', '从零起步'],
    ['zero after', { before: 4, after: 0, better: 'lower' }, '−100%', '−100%'],
    ['zero to zero', { before: 0, after: 0, better: 'higher' }, 'unchanged', '不变'],
    ['nearly all gone, never rounded to −100%', { before: 1000, after: 1, better: 'lower' }, '−99.9%', '−99.9%'],
    ['a sliver, never rounded to +0%', { before: 1000, after: 1001, better: 'higher' }, '+0.1%', '+0.1%'],
    ['approximate figures', { before: { about: 1.5 }, after: { about: 0.25 }, better: 'lower' }, '≈ −83%', '≈ −83%'],
    ['a range before', { before: { from: 30, to: 40 }, after: 100, better: 'higher' }, '≈ 2.9×', '≈ 增至2.9倍'],
    [
      'a range after, small increase',
      { before: 100, after: { from: 140, to: 160 }, better: 'higher' },
      '≈ +50%',
      '≈ +50%',
    ],
    ['approximate, no change', { before: { about: 5 }, after: 5, better: 'higher' }, '≈ unchanged', '≈ 不变'],
    ['approximate, from zero', { before: 0, after: { about: 7 }, better: 'higher' }, '≈ from zero', '≈ 从零起步'],
  ];
  it.each(cases)('%s', (_name, figures, en, zh) => {
    expect(formatImprovement(figures, 'en')).toBe(en);
    expect(formatImprovement(figures, 'zh')).toBe(zh);
  });

  it('never shows a fall as a multiple, whichever way is better', () => {
    for (const better of ['higher', 'lower'] as const) {
      for (const [before, after] of [
        [1.5, 0.25],
        [12, 3],
        [100, 1],
      ] as const) {
        const label = formatImprovement({ before, after, better });
        expect(label).toMatch(/^−[\d.]+%$/);
      }
    }
  });
});

describe('formatFigure', () => {
  it('writes exact, approximate and ranged figures', () => {
    expect(formatFigure(12)).toBe('12');
    expect(formatFigure({ about: 0.25 })).toBe('≈ 0.25');
    expect(formatFigure({ from: 400, to: 500 })).toBe('400–500');
    expect(formatFigure({ about: 1100 }, 'zh')).toBe('≈ 1,100');
  });
});

describe('chartBars', () => {
  it('draws a range to its midpoint with a whisker, scaled so the whisker fits', () => {
    const bars = chartBars({ from: 400, to: 500 }, 250, 100, 2);
    expect(bars.before).toEqual({ width: 90, approximate: true, whisker: { from: 80, to: 100 } });
    expect(bars.after).toEqual({ width: 50, approximate: false });
  });
  it('marks an approximate figure without a whisker', () => {
    expect(chartBars({ about: 12 }, 3, 120, 2)).toEqual({
      before: { width: 120, approximate: true },
      after: { width: 30, approximate: false },
    });
  });
});

describe('headline', () => {
  const results = [
    { metric: 'Time per gear', unit: 'min', before: 90, after: 50, better: 'lower' as const },
    { metric: 'Output', unit: 't', before: 7, after: 102, better: 'higher' as const },
  ];
  it('picks the result with the largest improvement', () => {
    expect(headlineResult(results)?.metric).toBe('Output');
    expect(headlineResult([])).toBeUndefined();
  });
  it('ranks a gain from zero above any finite factor and a worsening below', () => {
    expect(improvementScore({ before: 0, after: 1, better: 'higher' })).toBe(Number.POSITIVE_INFINITY);
    expect(improvementScore({ before: 2, after: 1, better: 'higher' })).toBeLessThan(0);
  });
  it('formats the headline figure with its unit and change', () => {
    expect(formatHeadline({ unit: 'rpm', before: 120, after: 620, better: 'higher' })).toBe('620 rpm (5.2×)');
    expect(formatHeadline({ unit: '%', before: { about: 1.5 }, after: { about: 0.25 }, better: 'lower' })).toBe(
      '≈ 0.25 % (≈ −83%)',
    );
  });
  it('ranks by the midpoint of a range', () => {
    expect(improvementScore({ before: { from: 30, to: 40 }, after: 100, better: 'higher' })).toBeCloseTo(
      Math.log(100 / 35),
    );
  });
});

describe('barWidths', () => {
  it('scales a before/after pair so the larger figure fills the bar', () => {
    expect(barWidths(12, 3, 410, 2)).toEqual({ before: 410, after: 102.5 });
    expect(barWidths(4, 1, 100, 1)).toEqual({ before: 100, after: 25 });
  });

  it('keeps a zero visible at the minimum, and draws negative figures by size', () => {
    expect(barWidths(0, 50, 100, 2)).toEqual({ before: 2, after: 100 });
    expect(barWidths(0, 0, 100, 1)).toEqual({ before: 1, after: 1 });
    expect(barWidths(-8, 4, 100, 1)).toEqual({ before: 100, after: 50 });
  });
});
