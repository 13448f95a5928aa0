// Related write-ups: the ones a contributor named first, then those that share the
// most with this one — same industry, same sector, shared tags and measure kinds.
import type { Experience } from '../schema/experience.ts';

interface Relatable {
  id: string;
  data: Pick<Experience, 'sector' | 'industry' | 'tags' | 'measures' | 'related' | 'status'>;
}

export function relatednessScore(a: Relatable, b: Relatable): number {
  let score = 0;
  if (a.data.industry === b.data.industry && a.data.sector === b.data.sector) score += 3;
  else if (a.data.sector === b.data.sector) score += 1;
  const tags = new Set(a.data.tags);
  score += 2 * b.data.tags.filter((tag) => tags.has(tag)).length;
  const kinds = new Set(a.data.measures.map((measure) => measure.kind));
  score += 0.5 * new Set(b.data.measures.map((measure) => measure.kind).filter((kind) => kinds.has(kind))).size;
  return score;
}

/** Up to `limit` related write-ups from `candidates` (same language), named ones first. */
export function relatedTo<T extends Relatable>(subject: T, candidates: readonly T[], limit = 4): T[] {
  const others = [...new Set(candidates)].filter(
    (candidate) => candidate.id !== subject.id && candidate.data.status === 'published',
  );
  const named = subject.data.related
    .map((id) => others.find((candidate) => candidate.id === id))
    .filter((found): found is T => found !== undefined);
  const computed = others
    .filter((candidate) => !named.includes(candidate))
    .map((candidate) => ({ candidate, score: relatednessScore(subject, candidate) }))
    .filter(({ score }) => score >= 2)
    .sort((a, b) => b.score - a.score || a.candidate.id.localeCompare(b.candidate.id))
    .map(({ candidate }) => candidate);
  return [...named, ...computed].slice(0, limit);
}
