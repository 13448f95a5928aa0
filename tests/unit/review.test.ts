import { describe, expect, it } from 'vitest';
import {
  addMonths,
  buildDate,
  isoDate,
  reviewDueDate,
  reviewState,
  reviewStatus,
} from '../../src/lib/review/review.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('review due dates', () => {
  it('defaults to twelve months', () => {
    expect(isoDate(reviewDueDate(day('2025-03-10')))).toBe('2026-03-10');
  });

  it('clamps month ends instead of spilling into the next month', () => {
    expect(isoDate(addMonths(day('2025-01-31'), 1))).toBe('2025-02-28');
    expect(isoDate(addMonths(day('2025-08-31'), 1))).toBe('2025-09-30');
  });

  it('knows leap years', () => {
    expect(isoDate(addMonths(day('2024-01-31'), 1))).toBe('2024-02-29');
    expect(isoDate(reviewDueDate(day('2024-02-29'), 12))).toBe('2025-02-28');
    expect(isoDate(reviewDueDate(day('2024-02-29'), 48))).toBe('2028-02-29');
  });

  it('crosses year ends with long intervals', () => {
    expect(isoDate(addMonths(day('2025-11-15'), 3))).toBe('2026-02-15');
    expect(isoDate(addMonths(day('2025-11-15'), 26))).toBe('2028-01-15');
  });
});

describe('review state', () => {
  const due = day('2026-06-30');
  it('is overdue from the day after the due date', () => {
    expect(reviewState(due, day('2026-06-30'))).toBe('due-soon');
    expect(reviewState(due, day('2026-07-01'))).toBe('overdue');
  });
  it('is due soon within thirty days, current before', () => {
    expect(reviewState(due, day('2026-05-31'))).toBe('due-soon');
    expect(reviewState(due, day('2026-05-30'))).toBe('current');
  });
  it('ignores the time of day', () => {
    expect(reviewState(due, new Date('2026-06-30T23:59:00Z'))).toBe('due-soon');
  });
  it('combines due date and state', () => {
    const status = reviewStatus(day('2019-05-01'), 12, day('2026-11-26'));
    expect(isoDate(status.due)).toBe('2020-05-01');
    expect(status.state).toBe('overdue');
  });
});

describe('build date', () => {
  it('can be pinned for reproducible builds', () => {
    expect(isoDate(buildDate({ PACESETTER_TODAY: '2030-01-02' }))).toBe('2030-01-02');
  });
  it('falls back to today when unpinned or malformed', () => {
    const today = isoDate(new Date());
    expect(isoDate(buildDate({}))).toBe(today);
    expect(isoDate(buildDate({ PACESETTER_TODAY: 'soon' }))).toBe(today);
  });
});
