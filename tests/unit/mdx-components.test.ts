import { describe, expect, it } from 'vitest';
import { beforeAfterView, calloutKind } from '../../src/lib/write-up/mdx-components.ts';

describe('<BeforeAfter> figures', () => {
  it('computes the change from text props with src/lib/catalog/metrics.ts', () => {
    expect(beforeAfterView({ metric: 'Scrap', unit: '%', before: '4', after: '1', better: 'lower' }, 'en')).toEqual({
      metric: 'Scrap',
      unit: '%',
      before: '4',
      after: '1',
      change: '−75%',
      direction: 'improved',
      beforeBar: 100,
      afterBar: 25,
    });
    expect(
      beforeAfterView({ metric: 'Output', unit: 't', before: '100', after: '90', better: 'higher' }, 'zh'),
    ).toMatchObject({ change: '−10%', direction: 'worsened' });
  });

  it('renders nothing for figures that are not numbers (the guard refuses them first)', () => {
    expect(
      beforeAfterView({ metric: 'm', unit: 'u', before: 'ten', after: '3', better: 'lower' }, 'en'),
    ).toBeUndefined();
    expect(beforeAfterView({ metric: 'm', unit: 'u', before: ' ', after: '3', better: 'lower' }, 'en')).toBeUndefined();
  });
});

describe('component helpers', () => {
  it('falls back to a neutral note for an unknown callout kind', () => {
    expect(calloutKind('warning')).toBe('warning');
    expect(calloutKind('danger')).toBe('note');
  });
});
