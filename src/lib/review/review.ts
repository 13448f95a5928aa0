// When a write-up is due for review, computed from `reviewed` and `reviewEvery`
// at build time (the daily scheduled rebuild keeps the verdicts current).
export type ReviewState = 'overdue' | 'due-soon' | 'current';

/** Days before the due date at which a write-up counts as due soon. */
export const DUE_SOON_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Adds calendar months in UTC, clamping to the last day of the target month:
 * 31 January + 1 month is 28 (or 29) February, not 3 March.
 */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

export function reviewDueDate(reviewed: Date, reviewEveryMonths = 12): Date {
  return addMonths(reviewed, reviewEveryMonths);
}

/** Midnight UTC of the given moment: review verdicts change once a day. */
export const startOfDay = (date: Date) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

export function reviewState(due: Date, today: Date): ReviewState {
  const days = Math.round((startOfDay(due).getTime() - startOfDay(today).getTime()) / DAY_MS);
  if (days < 0) return 'overdue';
  if (days <= DUE_SOON_DAYS) return 'due-soon';
  return 'current';
}

export interface ReviewStatus {
  due: Date;
  state: ReviewState;
}

export function reviewStatus(reviewed: Date, reviewEvery: number, today: Date): ReviewStatus {
  const due = reviewDueDate(reviewed, reviewEvery);
  return { due, state: reviewState(due, today) };
}

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The day the build treats as today. PACESETTER_TODAY (YYYY-MM-DD) pins it, so
 * tests and reproducible builds do not change verdicts with the calendar.
 */
export function buildDate(env: Record<string, string | undefined> = process.env): Date {
  const pinned = env.PACESETTER_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return new Date(`${pinned}T00:00:00Z`);
  return startOfDay(new Date());
}
