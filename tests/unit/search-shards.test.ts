import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MERGED_INDEX_PAGE_LIMIT,
  SHARD_PAGE_LIMIT,
  ShardPlanError,
  bucketOf,
  mergedIndexOf,
  planShards,
  shardManifest,
  shardPageLimit,
  type ShardPlan,
  type ShardRecord,
} from '../../src/lib/search/search-shards.ts';
import { ALL_SECTORS, shardsForQuery } from '../../src/lib/search/search-merge.ts';

const record = (id: string, sector: string, digest = `d-${id}`): ShardRecord => ({ id, sector, digest });

/** Shard name → key, the part of a plan that decides what is re-indexed. */
const keys = (plan: ShardPlan) => new Map(plan.shards.map((shard) => [shard.name, shard.key]));

/** Names whose key differs between two plans, or that exist in only one of them. */
function differing(a: ShardPlan, b: ShardPlan): string[] {
  const before = keys(a);
  const after = keys(b);
  return [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name));
}

const bucketsOf = (plan: ShardPlan, sector: string) => plan.shards.find((shard) => shard.sector === sector)?.buckets;

/** Records with unique ids over a few sectors: what one language's write-ups look like to the plan. */
const recordsArbitrary = fc
  .uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/),
      sector: fc.constantFrom('industry', 'agriculture', 'transport', 'public-health'),
      digest: fc.stringMatching(/^[0-9a-f]{8}$/),
    }),
    { selector: (entry) => entry.id, maxLength: 60 },
  )
  .map((entries) => entries.map((entry) => ({ ...entry })));

describe('planShards', () => {
  it('puts each sector in a shard of its own while it is under the limit', () => {
    const plan = planShards('en', [record('b', 'transport'), record('a', 'industry'), record('c', 'industry')]);
    expect(plan.shards.map(({ name, sector, pages, ids, buckets }) => ({ name, sector, pages, ids, buckets }))).toEqual(
      [
        { name: 'en-industry-1of1', sector: 'industry', pages: 2, ids: ['a', 'c'], buckets: 1 },
        { name: 'en-transport-1of1', sector: 'transport', pages: 1, ids: ['b'], buckets: 1 },
      ],
    );
  });

  it('splits a sector past the limit into the fewest power-of-two buckets that keep every shard under it', () => {
    const records = Array.from({ length: 50 }, (_, index) => record(`write-up-${index}`, 'industry'));
    const plan = planShards('en', [...records, record('lonely', 'transport')], { pageLimit: 10 });
    const industry = plan.shards.filter((shard) => shard.sector === 'industry');
    const buckets = industry[0]!.buckets;
    expect(Math.log2(buckets) % 1).toBe(0);
    expect(buckets).toBeGreaterThanOrEqual(8); // 50 / 10 rounded up to a power of two, at least
    for (const shard of industry) {
      expect(shard.pages).toBeLessThanOrEqual(10);
      expect(shard.name).toBe(`en-industry-${shard.bucket + 1}of${buckets}`);
      for (const id of shard.ids) expect(bucketOf(id, buckets)).toBe(shard.bucket);
    }
    // Fewest: with half as many buckets some bucket would pass the limit.
    const sizes = new Map<number, number>();
    for (const { id } of records) sizes.set(bucketOf(id, buckets / 2), (sizes.get(bucketOf(id, buckets / 2)) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeGreaterThan(10);
    // Every write-up in exactly one shard; the small sector is not split.
    expect(industry.flatMap((shard) => shard.ids).sort()).toEqual(records.map((entry) => entry.id).sort());
    expect(plan.shards.filter((shard) => shard.sector === 'transport').map((shard) => shard.name)).toEqual([
      'en-transport-1of1',
    ]);
  });

  it('splits by halving: a bucket at 2^(k+1) holds only ids of one bucket at 2^k', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 12 }), (id, bits) => {
        expect(bucketOf(id, 2 ** (bits + 1)) % 2 ** bits).toBe(bucketOf(id, 2 ** bits));
      }),
    );
  });

  it('spreads ids evenly over buckets, including ids that differ only at the end', () => {
    const ids = Array.from({ length: 16_000 }, (_, index) => `drill-bits-${index.toString(36)}`);
    for (const buckets of [2, 8, 32]) {
      const sizes = Array.from({ length: buckets }, () => 0);
      for (const id of ids) sizes[bucketOf(id, buckets)]! += 1;
      const mean = ids.length / buckets;
      for (const size of sizes) expect(Math.abs(size - mean) / mean).toBeLessThan(0.1);
    }
  });

  it('gives the same names and keys whatever order the records come in', () => {
    fc.assert(
      fc.property(recordsArbitrary, fc.integer({ min: 1, max: 8 }), (records, pageLimit) => {
        const forward = planShards('en', records, { pageLimit });
        const backward = planShards('en', [...records].reverse(), { pageLimit });
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('gives the same keys on every run and machine (fixed expected values)', () => {
    // If this fails, the hashing changed: every reader's and CI's cached shards become stale.
    // That is allowed only with a new PLAN_VERSION, and these values updated on purpose.
    const plan = planShards(
      'en',
      [
        record('drill-bits', 'industry', 'aaa'),
        record('rail-timetable', 'transport', 'bbb'),
        record('loom', 'industry', 'ccc'),
      ],
      { pageLimit: 1 },
    );
    expect(plan.shards.map(({ name, key, ids }) => ({ name, key, ids }))).toMatchInlineSnapshot(`
      [
        {
          "ids": [
            "loom",
          ],
          "key": "ddc2eb4c3dc427ed",
          "name": "en-industry-1of2",
        },
        {
          "ids": [
            "drill-bits",
          ],
          "key": "f96ad2d29a09d5cc",
          "name": "en-industry-2of2",
        },
        {
          "ids": [
            "rail-timetable",
          ],
          "key": "99bca3ecc90eca37",
          "name": "en-transport-1of1",
        },
      ]
    `);
  });

  it('changes exactly one shard key when one write-up is edited', () => {
    fc.assert(
      fc.property(
        recordsArbitrary.filter((records) => records.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 8 }),
        (records, pick, pageLimit) => {
          const index = pick % records.length;
          const edited = records.map((entry, at) => (at === index ? { ...entry, digest: `${entry.digest}!` } : entry));
          const before = planShards('en', records, { pageLimit });
          const after = planShards('en', edited, { pageLimit });
          const changed = differing(before, after);
          expect(changed).toHaveLength(1);
          expect(after.shards.find((shard) => shard.name === changed[0])!.ids).toContain(records[index]!.id);
        },
      ),
    );
  });

  it('changes exactly one shard when one write-up is added, unless its sector crosses a split threshold', () => {
    fc.assert(
      fc.property(
        recordsArbitrary,
        fc.record({
          id: fc.stringMatching(/^new-[a-z0-9]{1,8}$/),
          sector: fc.constantFrom('industry', 'agriculture', 'transport', 'construction'),
          digest: fc.stringMatching(/^[0-9a-f]{8}$/),
        }),
        fc.integer({ min: 1, max: 8 }),
        (records, added, pageLimit) => {
          const before = planShards('en', records, { pageLimit });
          const after = planShards('en', [...records, added], { pageLimit });
          const changed = differing(before, after);
          const bucketsBefore = bucketsOf(before, added.sector);
          const bucketsAfter = bucketsOf(after, added.sector)!;
          if (bucketsBefore === undefined || bucketsBefore === bucketsAfter) {
            // Its shard gets a new key, or (a new sector or an empty bucket) a new shard appears.
            expect(changed).toHaveLength(1);
            expect(after.shards.find((shard) => shard.name === changed[0])!.ids).toContain(added.id);
          } else {
            // Threshold crossed: only that sector's shards change, and only by splitting further.
            expect(bucketsAfter).toBeGreaterThan(bucketsBefore);
            expect(changed.every((name) => name.startsWith(`en-${added.sector}-`))).toBe(true);
          }
          // Other sectors are never touched.
          for (const shard of after.shards.filter((shard) => shard.sector !== added.sector))
            expect(keys(before).get(shard.name)).toBe(shard.key);
        },
      ),
    );
  });

  it('changes exactly one shard when one write-up is removed, unless its sector merges back', () => {
    fc.assert(
      fc.property(
        recordsArbitrary.filter((records) => records.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 8 }),
        (records, pick, pageLimit) => {
          const removed = records[pick % records.length]!;
          const before = planShards('en', records, { pageLimit });
          const after = planShards(
            'en',
            records.filter((entry) => entry !== removed),
            { pageLimit },
          );
          const changed = differing(before, after);
          if (
            bucketsOf(before, removed.sector) ===
            (bucketsOf(after, removed.sector) ?? bucketsOf(before, removed.sector))
          )
            expect(changed).toHaveLength(1);
          else expect(changed.every((name) => name.startsWith(`en-${removed.sector}-`))).toBe(true);
        },
      ),
    );
  });

  it('keys on content: the digest and id, the plan version and the salt, not the record object', () => {
    const base = [record('a', 'industry', 'one')];
    const key = (records: ShardRecord[], salt?: string) => planShards('en', records, { salt }).shards[0]!.key;
    expect(key([{ ...base[0]!, file: 'elsewhere.mdx' }])).toBe(key(base));
    expect(key([record('a', 'industry', 'two')])).not.toBe(key(base));
    expect(key(base, 'pagefind 1.6.1')).not.toBe(key(base, 'pagefind 1.6.0'));
    // Same records, other language: a different shard with a different key.
    expect(planShards('zh', base).shards[0]!.key).not.toBe(key(base));
  });

  it('uses the measured limits: 1,000 pages for spaced scripts, 300 for segmented ones', () => {
    expect(shardPageLimit('en')).toBe(SHARD_PAGE_LIMIT.spaced);
    expect(shardPageLimit('zh')).toBe(SHARD_PAGE_LIMIT.segmented);
    expect(shardPageLimit('zh-hans')).toBe(SHARD_PAGE_LIMIT.segmented);
    expect(planShards('zh', []).pageLimit).toBe(300);
    expect(planShards('en', []).pageLimit).toBe(1000);
    const sector = Array.from({ length: 301 }, (_, index) => record(`w${index}`, 'industry'));
    expect(planShards('zh', sector).shards.length).toBeGreaterThan(1);
    expect(planShards('en', sector).shards).toHaveLength(1);
  });

  it('reports every bad record at once, naming file, field, value and what is expected', () => {
    const bad: ShardRecord[] = [
      { id: 'a', sector: 'industry', digest: 'x', file: 'content/experiences/en/industry/a.mdx' },
      { id: 'a', sector: 'industry', digest: 'y', file: 'content/experiences/en/industry/a-copy.mdx' },
      { id: 'b', sector: 'Heavy Industry', digest: 'z', file: 'content/experiences/en/heavy/b.mdx' },
      { id: 'c', sector: 'transport', digest: '', file: 'content/experiences/en/transport/c.mdx' },
    ];
    let error: unknown;
    try {
      planShards('en', bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ShardPlanError);
    const message = (error as Error).message;
    expect(message).toContain('3 problem(s)');
    expect(message).toContain(
      'content/experiences/en/industry/a-copy.mdx: field "id" is "a", also the id of content/experiences/en/industry/a.mdx',
    );
    expect(message).toContain(
      'content/experiences/en/heavy/b.mdx: field "sector" is "Heavy Industry"; expected a kebab-case sector id',
    );
    expect(message).toContain(
      'content/experiences/en/transport/c.mdx: field "digest" is ""; expected a non-empty digest',
    );
    expect(() => planShards('en', [], { pageLimit: 0 })).toThrow(/page limit 0: expected a whole number/);
    expect(() => planShards('EN', [])).toThrow(/language "EN"/);
  });
});

describe('shardManifest', () => {
  it('keeps what the browser needs, and where each shard’s bundle is', () => {
    const after = planShards('en', [record('a', 'industry', 'edited'), record('b', 'transport'), record('c', 'trade')]);
    // The first shard's bundle is the root of pagefind/ (Pagefind's primary index); the others sit below it.
    expect(shardManifest(after)).toEqual({
      lang: 'en',
      shards: after.shards.map(({ name, sector, pages, key }, index) => ({
        name,
        sector,
        pages,
        key,
        path: index === 0 ? '' : `en/${name}/`,
      })),
      merged: mergedIndexOf(after),
    });
  });

  it('names the merged index of a language of several shards, keyed by its shards, and none for one shard or too many pages', () => {
    const before = planShards('en', [record('a', 'industry'), record('b', 'transport'), record('c', 'trade')]);
    const after = planShards('en', [record('a', 'industry', 'edited'), record('b', 'transport'), record('c', 'trade')]);
    const merged = mergedIndexOf(before)!;
    expect(merged).toEqual({
      name: 'en-all',
      sector: ALL_SECTORS,
      pages: 3,
      key: expect.stringMatching(/^[0-9a-f]{16}$/),
      path: `en/all-${merged.key}/`,
    });
    // One edited write-up: a new key and so a new folder; the same shards again: the same key.
    expect(mergedIndexOf(after)!.key).not.toBe(merged.key);
    expect(
      mergedIndexOf(planShards('en', [record('c', 'trade'), record('b', 'transport'), record('a', 'industry')])),
    ).toEqual(merged);
    expect(mergedIndexOf(planShards('en', [record('a', 'industry'), record('b', 'industry')]))).toBeUndefined();
    const many = Array.from({ length: MERGED_INDEX_PAGE_LIMIT + 1 }, (_, index) =>
      record(`w${index}`, index % 2 ? 'industry' : 'transport'),
    );
    expect(mergedIndexOf(planShards('en', many))).toBeUndefined();
    expect(mergedIndexOf(planShards('en', many.slice(1)))?.pages).toBe(MERGED_INDEX_PAGE_LIMIT);
  });

  it('puts every write-up in one shard with the single option, the comparison index of the bench', () => {
    const records = [record('a', 'industry'), record('b', 'transport'), record('c', 'industry')];
    const single = planShards('en', records, { single: true });
    expect(single.shards.map(({ name, sector, pages, ids }) => ({ name, sector, pages, ids }))).toEqual([
      { name: 'en-all-1of1', sector: ALL_SECTORS, pages: 3, ids: ['a', 'b', 'c'] },
    ]);
    expect(planShards('en', [], { single: true }).shards).toEqual([]);
    // A search narrowed to a sector still searches the one index (and its filters narrow it).
    expect(shardsForQuery(shardManifest(single), { sector: ['transport'] }).map((shard) => shard.name)).toEqual([
      'en-all-1of1',
    ]);
  });
});
