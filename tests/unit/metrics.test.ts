import { describe, expect, it } from 'vitest';
import {
  barWidths,
  computeImprovement,
  formatHeadline,
  formatImprovement,
  headlineResult,
  improvementScore,
} from '../../src/lib/metrics.ts';

describe('computeImprovement', () => {
  it('gives a factor after/before when higher is better', () => {
    expect(computeImprovement({ before: 7, after: 102, better: 'higher' })).toEqual({
      direction: 'improved',
      factor: 102 / 7,
      change: 95 / 7,
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
    });
  });

  it('has no factor when a lower-is-better figure reaches zero, but a -100% change', () => {
    expect(computeImprovement({ before: 12, after: 0, better: 'lower' })).toEqual({
      direction: 'improved',
      factor: null,
      change: -1,
    });
  });

  it('treats zero to zero as unchanged', () => {
    expect(computeImprovement({ before: 0, after: 0, better: 'higher' })).toEqual({
      direction: 'unchanged',
      factor: 1,
      change: null,
    });
  });
});

describe('formatImprovement', () => {
  it('shows large gains as a factor', () => {
    expect(formatImprovement({ before: 120, after: 620, better: 'higher' })).toBe('5.2×');
  });
  it('shows small changes as a signed percentage', () => {
    expect(formatImprovement({ before: 50, after: 80, better: 'higher' })).toBe('+60%');
    expect(formatImprovement({ before: 90, after: 50, better: 'lower' })).toBe('−44%');
  });
  it('shows a big reduction as a factor when lower is better', () => {
    expect(formatImprovement({ before: 1.5, after: 0.25, better: 'lower' })).toBe('6×');
  });
  it('words the zero cases instead of dividing by zero', () => {
    expect(formatImprovement({ before: 0, after: 3, better: 'higher' })).toBe('from zero');
    expect(formatImprovement({ before: 4, after: 0, better: 'lower' })).toBe('down to zero');
    expect(formatImprovement({ before: 4, after: 4, better: 'lower' })).toBe('unchanged');
  });
  it('speaks Chinese on the Chinese site', () => {
    expect(formatImprovement({ before: 0, after: 3, better: 'higher' }, 'zh')).toBe('从零起步');
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
