// Whether a translation has fallen behind its original: the original was reviewed
// or committed after the day the translation was made or last brought up to date.
import type { Experience } from '../../schema/experience.ts';
import { isoDate } from '../review/review.ts';

export interface TranslationSide {
  data: Pick<Experience, 'reviewed' | 'translatedAt'>;
  /** YYYY-MM-DD of the last commit touching the file, when known. */
  lastChanged?: string;
}

export interface TranslationStatus {
  stale: boolean;
  /** The original's change that the translation has not caught up with (YYYY-MM-DD). */
  originalChanged?: string;
  translatedAt?: string;
}

export function translationStatus(translation: TranslationSide, original: TranslationSide): TranslationStatus {
  const translatedAt = translation.data.translatedAt ? isoDate(translation.data.translatedAt) : undefined;
  if (!translatedAt) return { stale: false };
  const originalChanged = [isoDate(original.data.reviewed), original.lastChanged]
    .filter((date): date is string => date !== undefined)
    .sort()
    .at(-1);
  return originalChanged && originalChanged > translatedAt
    ? { stale: true, originalChanged, translatedAt }
    : { stale: false, translatedAt };
}
