// Related write-ups: the ones a contributor named first, then those that share the
// most with this one — same industry, same sector, shared tags and measure kinds.
import type { Experience } from '../schema/experience.ts';

interface Relatable {
  id: string;
  data: Pick<Experience, 'sector' | 'industry' | 'tags' | 'measures' | 'related' | 'status'>;
}

/** Scores candidates against one write-up; its sets are built once, not once per candidate. */
export function relatednessTo(a: Relatable): (b: Relatable) => number {
  const tags = new Set(a.data.tags);
  const kinds = new Set(a.data.measures.map((measure) => measure.kind));
  return (b) => {
    let score = 0;
    if (a.data.industry === b.data.industry && a.data.sector === b.data.sector) score += 3;
    else if (a.data.sector === b.data.sector) score += 1;
    score += 2 * b.data.tags.filter((tag) => tags.has(tag)).length;
    score += 0.5 * new Set(b.data.measures.map((measure) => measure.kind).filter((kind) => kinds.has(kind))).size;
    return score;
  };
}

/** Up to `limit` related write-ups from `candidates` (same language), named ones first. */
export function relatedTo<T extends Relatable>(subject: T, candidates: readonly T[], limit = 4): T[] {
  const others = [...new Set(candidates)].filter(
    (candidate) => candidate.id !== subject.id && candidate.data.status === 'published',
  );
  const named = subject.data.related
    .map((id) => others.find((candidate) => candidate.id === id))
    .filter((found): found is T => found !== undefined);
  const score = relatednessTo(subject);
  const computed = others
    .filter((candidate) => !named.includes(candidate))
    .map((candidate) => ({ candidate, score: score(candidate) }))
    .filter(({ score }) => score >= 2)
    .sort((a, b) => b.score - a.score || a.candidate.id.localeCompare(b.candidate.id))
    .map(({ candidate }) => candidate);
  return [...named, ...computed].slice(0, limit);
}
