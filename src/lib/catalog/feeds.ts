// RSS items for a list of write-ups, newest first by review date so that a
// reviewed or new write-up reaches subscribers.
import type { ExperienceRecord } from './catalog.ts';
import { formatHeadline } from './metrics.ts';

export interface FeedItem {
  title: string;
  link: string;
  description: string;
  pubDate: Date;
  categories: string[];
}

export function feedItems(records: readonly ExperienceRecord[], limit = 50): FeedItem[] {
  return [...records]
    .sort((a, b) => b.data.reviewed.getTime() - a.data.reviewed.getTime() || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((record) => ({
      title: record.data.title,
      link: record.url,
      description: record.headline
        ? `${record.data.summary} (${record.headline.metric}: ${formatHeadline(record.headline, record.lang)})`
        : record.data.summary,
      pubDate: record.data.reviewed,
      categories: [record.data.sector, record.data.industry, ...record.data.tags],
    }));
}
