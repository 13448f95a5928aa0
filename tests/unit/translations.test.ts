import { describe, expect, it } from 'vitest';
import { translationStatus } from '../../src/lib/catalog/translations.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const side = (reviewed: string, translatedAt?: string, lastChanged?: string) => ({
  data: { reviewed: day(reviewed), translatedAt: translatedAt ? day(translatedAt) : undefined },
  lastChanged,
});

describe('translation status', () => {
  it('is current when the original has not changed since the translation', () => {
    expect(translationStatus(side('2026-01-01', '2026-02-01'), side('2026-01-15'))).toEqual({
      stale: false,
      translatedAt: '2026-02-01',
    });
  });

  it('is stale when the original was reviewed after the translation', () => {
    expect(translationStatus(side('2026-01-01', '2026-02-01'), side('2026-03-01'))).toEqual({
      stale: true,
      originalChanged: '2026-03-01',
      translatedAt: '2026-02-01',
    });
  });

  it('is stale when the original was committed after the translation, even without a new review', () => {
    expect(
      translationStatus(side('2026-01-01', '2026-02-01'), side('2026-01-15', undefined, '2026-04-02')),
    ).toMatchObject({
      stale: true,
      originalChanged: '2026-04-02',
    });
  });

  it('counts a change on the same day as caught up', () => {
    expect(translationStatus(side('2026-01-01', '2026-02-01'), side('2026-02-01', undefined, '2026-02-01')).stale).toBe(
      false,
    );
  });
});
