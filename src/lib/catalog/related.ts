// Related write-ups: the ones a contributor named first, then those that share the
// most with this one — same industry, same sector, shared tags and measure kinds.
import type { Experience } from '../../schema/experience.ts';

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

/** Bit per measure kind, so that shared kinds are one AND instead of a Set per pair. */
const KIND_BITS: Record<string, number> = { technical: 1, organizational: 2 };
const kindMask = (record: Relatable) =>
  record.data.measures.reduce((mask, { kind }) => mask | (KIND_BITS[kind] ?? 0), 0);
const bitCount = (mask: number) => (mask & 1) + ((mask >> 1) & 1);

/**
 * Related write-ups for every write-up of one language, scored exactly as
 * relatednessTo does: named ones first, then the best-scoring published ones
 * from the same sector or with a shared tag (score 2 or more), ties by id.
 *
 * Every page scans its sector and its tags, so across a build this is
 * quadratic in sector size: 8 million pairs at 10,000 write-ups. Everything a
 * pair needs is therefore computed once, as small integers in typed arrays, and
 * a page's scan allocates nothing but its answer.
 */
export function relatedIndex<T extends Relatable>(records: readonly T[]): (subject: T, limit?: number) => T[] {
  const count = records.length;
  const position = new Map(records.map((record, index) => [record, index]));
  const byId = new Map(records.map((record, index) => [record.id, index]));
  const intern = new Map<string, number>();
  const internId = (key: string) => intern.get(key) ?? (intern.set(key, intern.size), intern.size - 1);
  const sector = Int32Array.from(records, (record) => internId(`sector:${record.data.sector}`));
  const industry = Int32Array.from(records, (record) =>
    internId(`industry:${record.data.sector}/${record.data.industry}`),
  );
  const kinds = Uint8Array.from(records, kindMask);
  const tags = records.map((record) => record.data.tags.map((tag) => internId(`tag:${tag}`)));
  const published = Uint8Array.from(records, (record) => (record.data.status === 'published' ? 1 : 0));
  // Ties are broken by id, in the same order as before (localeCompare), as one integer comparison.
  const idRank = new Int32Array(count);
  [...records.keys()]
    .sort((a, b) => records[a]!.id.localeCompare(records[b]!.id))
    .forEach((index, rank) => (idRank[index] = rank));
  const members = new Map<number, number[]>();
  records.forEach((_, index) => {
    if (!published[index]) return;
    for (const key of [sector[index]!, ...tags[index]!]) {
      const list = members.get(key);
      if (list) list.push(index);
      else members.set(key, [index]);
    }
  });
  // A candidate met twice (same sector and a shared tag) is scored once: stamped per subject.
  const seen = new Uint32Array(count);
  let generation = 0;

  return (subject, limit = 4) => {
    const self = position.get(subject);
    if (self === undefined) throw new Error(`${subject.id} is not in this related-write-ups index`);
    generation += 1;
    seen[self] = generation;
    const named: number[] = [];
    for (const id of subject.data.related) {
      const index = byId.get(id);
      if (index === undefined || !published[index] || seen[index] === generation) continue;
      seen[index] = generation;
      named.push(index);
    }
    const ownTags = tags[self]!;
    const best: number[] = [];
    const bestScore: number[] = [];
    const consider = (index: number) => {
      if (seen[index] === generation) return;
      seen[index] = generation;
      let score = industry[index] === industry[self] ? 3 : sector[index] === sector[self] ? 1 : 0;
      for (const tag of tags[index]!) if (ownTags.includes(tag)) score += 2;
      score += 0.5 * bitCount(kinds[index]! & kinds[self]!);
      if (score < 2) return;
      const ranksAbove = (at: number) =>
        score > bestScore[at]! || (score === bestScore[at] && idRank[index]! < idRank[best[at]!]!);
      if (best.length === limit && !ranksAbove(limit - 1)) return;
      let at = best.length;
      while (at > 0 && ranksAbove(at - 1)) at -= 1;
      best.splice(at, 0, index);
      bestScore.splice(at, 0, score);
      if (best.length > limit) {
        best.pop();
        bestScore.pop();
      }
    };
    for (const key of [sector[self]!, ...ownTags]) for (const index of members.get(key) ?? []) consider(index);
    return [...named, ...best].slice(0, limit).map((index) => records[index]!);
  };
}
