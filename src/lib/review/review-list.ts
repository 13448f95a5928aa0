// The review queue: write-ups overdue or soon due for review, as shown on /review/
// and printed by `npm run review`.
import type { Experience, Lang } from '../../schema/experience.ts';
import { isoDate, reviewStatus, type ReviewState } from './review.ts';

export interface Reviewable {
  id: string;
  lang: Lang;
  file: string;
  data: Pick<Experience, 'title' | 'owner' | 'sector' | 'reviewed' | 'reviewEvery' | 'status'>;
}

export interface ReviewEntry {
  id: string;
  lang: Lang;
  title: string;
  owner: string;
  sector: string;
  file: string;
  reviewed: string;
  due: string;
  state: ReviewState;
}

export interface ReviewFilter {
  owner?: string;
  sector?: string;
  /** Include current write-ups too (not only overdue and soon due). */
  all?: boolean;
}

const stateOrder: Record<ReviewState, number> = { overdue: 0, 'due-soon': 1, current: 2 };

/** Archived write-ups are never due; drafts and published ones are. Most urgent first. */
export function reviewQueue(items: readonly Reviewable[], today: Date, filter: ReviewFilter = {}): ReviewEntry[] {
  return items
    .filter((item) => item.data.status !== 'archived')
    .filter((item) => !filter.owner || item.data.owner === filter.owner)
    .filter((item) => !filter.sector || item.data.sector === filter.sector)
    .map((item): ReviewEntry => {
      const { due, state } = reviewStatus(item.data.reviewed, item.data.reviewEvery, today);
      return {
        id: item.id,
        lang: item.lang,
        title: item.data.title,
        owner: item.data.owner,
        sector: item.data.sector,
        file: item.file,
        reviewed: isoDate(item.data.reviewed),
        due: isoDate(due),
        state,
      };
    })
    .filter((entry) => filter.all || entry.state !== 'current')
    .sort(
      (a, b) => stateOrder[a.state] - stateOrder[b.state] || a.due.localeCompare(b.due) || a.id.localeCompare(b.id),
    );
}

/** Groups entries by a key, keeping the queue's order inside each group and sorting the groups. */
export function groupBy<T>(entries: readonly T[], key: (entry: T) => string): [string, T[]][] {
  return [...Map.groupBy(entries, key).entries()].sort(([a], [b]) => a.localeCompare(b));
}
