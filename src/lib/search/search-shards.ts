// The shard plan of the sharded search index (docs/scaling.md; the build runs
// it in src/integrations/search-index.ts). Pagefind holds a whole index in
// memory while it writes it and has no incremental mode, so one index per
// language stops fitting in memory near 50,000 write-ups, and one edit
// re-indexes the whole language. Split into shards of bounded size, each
// written by its own Pagefind run and reused while its records are unchanged,
// both problems become per-shard ones.
//
// The plan, for the write-ups of one language:
// - one shard per sector, so a search narrowed to a sector loads only that
//   sector's shards (src/lib/search/search-merge.ts, `shardsForQuery`);
// - a sector with more write-ups than `shardPageLimit` is split by a stable hash
//   of the write-up id into 2^k buckets, the smallest k for which no bucket
//   passes the limit; bucket b of 2^k becomes bucket b or b + 2^k at 2^(k+1),
//   so a further split halves buckets instead of reshuffling the sector;
// - each shard is named `<lang>-<sector>-<b>of<2^k>` (1-based: en-industry-3of4)
//   and keyed by a hash of its records' ids and content digests, never of
//   timestamps or of record order, so a shard whose records did not change has
//   the same key and its last index can be reused. Editing or adding one
//   write-up changes exactly one shard's key, unless the addition makes its
//   sector cross a split threshold (then that sector's shards all change).
//
// Pure apart from node:crypto (build side only; the browser gets the manifest).
import { createHash } from 'node:crypto';
import { ALL_SECTORS, type ShardInfo, type ShardManifest } from './search-merge.ts';

/**
 * The largest shard, in write-ups, by script. Pagefind's memory grows linearly
 * while it writes an index: docs/performance.md ("What would close the gaps",
 * 1) measured about 0.5 MB per English page and 1.7 MB per Chinese page
 * (segmented by pagefind_extended), on top of about 300 MB of its own; the
 * sharded index measured there (20 shards of the 10,000-write-up site, one
 * language and sector each, about 800 English pages on average) peaked at
 * 0.8 GB built one at a time and 1.3 GB two at a time, and re-indexed one shard
 * in 2–7 s. The limits keep every shard inside that measured range rather than
 * beyond it: 1,000 English pages ≈ 300 + 1,000 × 0.6 MB (the margin the index
 * plan uses) ≈ 0.9 GB, and 300 Chinese pages ≈ 300 + 300 × 1.9 MB ≈ 0.87 GB.
 * Two runs side by side then stay under 2 GB, which leaves the Node process of
 * the build its room under the memory target (half of Starlight's
 * 8.9 GB). Larger shards would mean fewer requests per unscoped query and more
 * memory per run; the bench decides whether to move these.
 */
export const SHARD_PAGE_LIMIT = { spaced: 1000, segmented: 300 } as const;

/** Chinese, Japanese and Korean text is segmented into words, which costs about three times the memory. */
const SEGMENTED = /^(zh|ja|ko)\b/i;

export const shardPageLimit = (lang: string): number =>
  SEGMENTED.test(lang) ? SHARD_PAGE_LIMIT.segmented : SHARD_PAGE_LIMIT.spaced;

/** A write-up as the plan sees it. */
export interface ShardRecord {
  id: string;
  /** Its sector id. */
  sector: string;
  /** A digest of everything its index record holds (the build hashes the written page). */
  digest: string;
  /** Where it comes from, for error messages. */
  file?: string;
}

export interface Shard extends Omit<ShardInfo, 'path'> {
  lang: string;
  /** 0-based bucket within its sector. */
  bucket: number;
  /** Buckets its sector is split into: a power of two. */
  buckets: number;
  /** Its write-ups' ids, sorted. */
  ids: string[];
}

export interface ShardPlan {
  lang: string;
  pageLimit: number;
  /** By sector id, then bucket; empty buckets have no shard. */
  shards: Shard[];
}

export class ShardPlanError extends Error {
  override name = 'ShardPlanError';
}

/** Same as the taxonomy's ids (src/schema/taxonomy.ts): they become folder names. */
const SECTOR_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LANG = /^[a-z]{2,3}(?:-[a-z0-9]+)*$/;
/** Past this, buckets only split further if ids' hashes collide, which unique ids make all but impossible. */
const MAX_SPLIT_BITS = 24;
/** Bump when the plan or the record format changes: every key changes with it. */
const PLAN_VERSION = 'pacesetter-search-shard 1';

/** Code-unit order: the same on every machine and locale (unlike localeCompare). */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A stable 32-bit hash of a write-up id: FNV-1a over its UTF-16 code units,
 * then MurmurHash3's finaliser so that the low bits, which pick the bucket,
 * depend on every character. The same on every machine and in browsers; about
 * 20 times faster than a SHA-256 per id (8.8 s for 800,000 ids with node:crypto).
 */
export function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index += 1) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The bucket of an id among `buckets` (a power of two): the low bits of its hash. */
export const bucketOf = (id: string, buckets: number): number => idHash(id) % buckets;

/** Every problem with the records at once, each naming the record, field, value and what was expected. */
function problems(lang: string, records: readonly ShardRecord[]): string[] {
  const found: string[] = [];
  if (!LANG.test(lang)) found.push(`language ${JSON.stringify(lang)}: expected a lowercase language code such as "en"`);
  const firstSeen = new Map<string, ShardRecord>();
  const sectorValid = new Map<unknown, boolean>();
  for (const record of records) {
    const where = () => record.file ?? `write-up ${JSON.stringify(record.id)}`;
    if (typeof record.id !== 'string' || record.id === '')
      found.push(`${where()}: field "id" is ${JSON.stringify(record.id)}; expected a non-empty string`);
    let validSector = sectorValid.get(record.sector);
    if (validSector === undefined) {
      validSector = typeof record.sector === 'string' && SECTOR_ID.test(record.sector);
      sectorValid.set(record.sector, validSector);
    }
    if (!validSector)
      found.push(`${where()}: field "sector" is ${JSON.stringify(record.sector)}; expected a kebab-case sector id`);
    if (typeof record.digest !== 'string' || record.digest === '')
      found.push(`${where()}: field "digest" is ${JSON.stringify(record.digest)}; expected a non-empty digest`);
    const earlier = firstSeen.get(record.id);
    if (earlier) {
      found.push(
        `${where()}: field "id" is ${JSON.stringify(record.id)}, also the id of ${earlier.file ?? 'another write-up'}; ` +
          'expected ids unique within a language',
      );
    } else {
      firstSeen.set(record.id, record);
    }
  }
  return found;
}

/** The key of a shard: its name and its records' ids and digests, in id order. */
export function shardKey(name: string, records: readonly ShardRecord[], salt: string): string {
  const sorted = [...records].sort((a, b) => byCodeUnit(a.id, b.id));
  return createHash('sha256')
    .update(`${PLAN_VERSION}\0${salt}\0${name}\0`)
    .update(sorted.map((record) => `${record.id}\0${record.digest}\0`).join(''))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The smallest power of two of buckets for which no bucket of these ids holds
 * more than `limit`. Adding ids can only keep or raise it.
 */
export function bucketsFor(hashes: readonly number[], limit: number, sector = ''): number {
  // Fewer than ⌈n / limit⌉ buckets cannot hold n ids; start there rather than at one bucket.
  const fewest = Math.max(0, Math.ceil(Math.log2(hashes.length / limit)));
  for (let bits = fewest; bits <= MAX_SPLIT_BITS; bits += 1) {
    const buckets = 2 ** bits;
    const sizes = new Map<number, number>();
    let largest = 0;
    for (const hash of hashes) {
      const size = (sizes.get(hash % buckets) ?? 0) + 1;
      sizes.set(hash % buckets, size);
      largest = Math.max(largest, size);
    }
    if (largest <= limit) return buckets;
  }
  throw new ShardPlanError(
    `sector ${JSON.stringify(sector)}: ${hashes.length} write-ups cannot be split into shards of at most ${limit} ` +
      `within 2^${MAX_SPLIT_BITS} buckets; expected distinct ids`,
  );
}

export interface PlanOptions {
  /** Write-ups per shard at most; `shardPageLimit(lang)` by default. */
  pageLimit?: number;
  /**
   * Whatever else the indexes depend on (the Pagefind version, the indexing
   * code): part of every key, so a new Pagefind rebuilds every shard.
   */
  salt?: string;
  /**
   * One shard per language holding every write-up (sector `ALL_SECTORS`, no
   * page limit): the single index that the bench compares the shards with.
   */
  single?: boolean;
}

/** Splits one language's write-ups into shards. Throws a ShardPlanError listing every bad record. */
export function planShards(lang: string, records: readonly ShardRecord[], options: PlanOptions = {}): ShardPlan {
  const pageLimit = options.pageLimit ?? shardPageLimit(lang);
  if (!Number.isInteger(pageLimit) || pageLimit < 1)
    throw new ShardPlanError(`page limit ${pageLimit}: expected a whole number of at least 1`);
  const found = problems(lang, records);
  if (found.length > 0)
    throw new ShardPlanError(`The search shard plan for ${lang} has ${found.length} problem(s):\n${found.join('\n')}`);

  if (options.single) {
    const name = `${lang}-all-1of1`;
    const shard: Shard = {
      name,
      lang,
      sector: ALL_SECTORS,
      bucket: 0,
      buckets: 1,
      pages: records.length,
      key: shardKey(name, records, options.salt ?? ''),
      ids: records.map((record) => record.id).sort(byCodeUnit),
    };
    return { lang, pageLimit: records.length, shards: records.length > 0 ? [shard] : [] };
  }

  const shards: Shard[] = [];
  const bySector = Map.groupBy(records, (record) => record.sector);
  for (const sector of [...bySector.keys()].sort(byCodeUnit)) {
    const members = bySector.get(sector)!;
    const hashes = members.map((record) => idHash(record.id));
    const buckets = bucketsFor(hashes, pageLimit, sector);
    const byBucket = Map.groupBy(
      members.map((record, index) => ({ record, bucket: hashes[index]! % buckets })),
      (entry) => entry.bucket,
    );
    for (const bucket of [...byBucket.keys()].sort((a, b) => a - b)) {
      const inBucket = byBucket.get(bucket)!.map((entry) => entry.record);
      const name = `${lang}-${sector}-${bucket + 1}of${buckets}`;
      shards.push({
        name,
        lang,
        sector,
        bucket,
        buckets,
        pages: inBucket.length,
        key: shardKey(name, inBucket, options.salt ?? ''),
        ids: inBucket.map((record) => record.id).sort(byCodeUnit),
      });
    }
  }
  return { lang, pageLimit, shards };
}

/** Where a shard's bundle goes under pagefind/: the first at the root, the others in <lang>/<name>/. */
export const shardBundlePath = (lang: string, name: string, index: number): string =>
  index === 0 ? '' : `${lang}/${name}/`;

/**
 * The most write-ups a language may have for its shards to be merged into one
 * index for searches over the whole language (src/lib/search/merged-index.ts).
 * A merged index's metadata names every page and its facet table counts every
 * page, about 8 bytes a page compressed together, so past this they alone
 * would take half of a query's 300 kB budget; such a language's whole-language
 * searches load its shards instead.
 */
export const MERGED_INDEX_PAGE_LIMIT = 20_000;

/** Bump when the merged index's format or its making changes: every merged index is then made again. */
const MERGED_INDEX_VERSION = 'pacesetter-merged-index 1';

/**
 * The merged index of a plan, when it has one: more than one shard and at most
 * MERGED_INDEX_PAGE_LIMIT pages. Its key is a hash of its shards' keys in
 * order (each made with Pagefind's version), so it is made again exactly when
 * a shard changes; its
 * folder under pagefind/ carries the key, so that a browser never mixes files
 * of two builds' merged indexes, whose page ids are positions.
 */
export function mergedIndexOf(plan: ShardPlan): ShardInfo | undefined {
  const pages = plan.shards.reduce((sum, shard) => sum + shard.pages, 0);
  if (plan.shards.length < 2 || pages > MERGED_INDEX_PAGE_LIMIT) return undefined;
  const hash = createHash('sha256').update(MERGED_INDEX_VERSION);
  for (const shard of plan.shards) hash.update(`\0${shard.name}\0${shard.key}`);
  const key = hash.digest('hex').slice(0, 16);
  return { name: `${plan.lang}-all`, sector: ALL_SECTORS, pages, key, path: `${plan.lang}/all-${key}/` };
}

/** What the search page needs to know of a plan (written next to the shards' bundles). */
export function shardManifest(plan: ShardPlan): ShardManifest {
  return {
    lang: plan.lang,
    shards: plan.shards.map(({ name, sector, pages, key }, index) => ({
      name,
      sector,
      pages,
      key,
      path: shardBundlePath(plan.lang, name, index),
    })),
    merged: mergedIndexOf(plan),
  };
}
