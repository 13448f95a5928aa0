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
    // Loops rather than filter/Set: this runs for every pair of write-ups in a sector.
    for (const tag of b.data.tags) if (tags.has(tag)) score += 2;
    const sharedKinds: string[] = [];
    for (const { kind } of b.data.measures) if (kinds.has(kind) && !sharedKinds.includes(kind)) sharedKinds.push(kind);
    return score + 0.5 * sharedKinds.length;
  };
}

interface Scored<T> {
  candidate: T;
  score: number;
}

/** Higher score first, then by id, so that the choice does not depend on the order of candidates. */
const ranksAbove = <T extends Relatable>(a: Scored<T>, b: Scored<T>) =>
  a.score > b.score || (a.score === b.score && a.candidate.id.localeCompare(b.candidate.id) < 0);

/**
 * Up to `limit` related write-ups (same language), named ones first. Candidates
 * come in groups (same sector, each shared tag…) that may overlap. Each page
 * scans its sector, so this is one pass keeping only the best `limit`, with no
 * sorting and no copies: it runs 10,000 times in a 10,000-write-up build.
 */
export function relatedTo<T extends Relatable>(subject: T, candidateGroups: readonly (readonly T[])[], limit = 4): T[] {
  const eligible = (candidate: T) => candidate.id !== subject.id && candidate.data.status === 'published';
  const named: T[] = [];
  for (const id of subject.data.related) {
    const found = candidateGroups.flatMap((group) => group.find((candidate) => candidate.id === id) ?? [])[0];
    if (found && eligible(found) && !named.includes(found)) named.push(found);
  }
  const score = relatednessTo(subject);
  const seen = new Set<T>(named);
  const best: Scored<T>[] = []; // ranked, at most `limit`
  for (const group of candidateGroups) {
    for (const candidate of group) {
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      if (!eligible(candidate)) continue;
      const scored = { candidate, score: score(candidate) };
      if (scored.score < 2) continue;
      if (best.length === limit && !ranksAbove(scored, best[limit - 1]!)) continue;
      let at = best.length;
      while (at > 0 && ranksAbove(scored, best[at - 1]!)) at -= 1;
      best.splice(at, 0, scored);
      if (best.length > limit) best.pop();
    }
  }
  return [...named, ...best.map(({ candidate }) => candidate)].slice(0, limit);
}
