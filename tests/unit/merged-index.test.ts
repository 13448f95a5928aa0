import { describe, expect, it } from 'vitest';
import { byCodePoint, mergeShardIndexes, type ShardIndex } from '../../src/lib/search/merged-index.ts';
import {
  filterChunkValue,
  indexChunkValue,
  pagefindBody,
  pagefindFileBytes,
  parseFilterChunk,
  parseIndexChunk,
  readPagefindFile,
  scanIndexChunk,
  type FilterChunk,
  type IndexedWord,
  type PagefindMeta,
} from '../../src/lib/search/pagefind-format.ts';

/** A shard as Pagefind would have written it: its chunks and filters go through their bytes. */
function shard(
  name: string,
  pages: string[],
  metaFields: string[],
  chunks: IndexedWord[][],
  filters: FilterChunk[] = [],
  version = '1.6.0',
): ShardIndex {
  const chunkFiles = new Map(
    chunks.map((words, index) => [`${name}_c${index}`, pagefindFileBytes(indexChunkValue(words))]),
  );
  const filterFiles = new Map(
    filters.map((chunk) => [`${name}_f${chunk.filter}`, pagefindFileBytes(filterChunkValue(chunk))]),
  );
  const meta: PagefindMeta = {
    version,
    pages: pages.map((hash) => [hash, 100, '']),
    chunks: chunks.map((words, index) => [words[0]!.word, words.at(-1)!.word, `${name}_c${index}`]),
    filters: filters.map((chunk) => [chunk.filter, `${name}_f${chunk.filter}`]),
    sorts: [['date', pages.map((_, index) => index)]],
    metaFields,
  };
  return {
    name,
    meta,
    chunk: (hash) => scanIndexChunk(pagefindBody(chunkFiles.get(hash)!, hash), hash),
    filter: (hash) => parseFilterChunk(readPagefindFile(filterFiles.get(hash)!, hash), hash),
  };
}

const page = (number: number, locations: number[] = [1], metaLocations: number[] = []) => ({
  page: number,
  locations,
  metaLocations,
});

function merge(shards: ShardIndex[], chunkSize = 20_000) {
  const files = new Map<string, Uint8Array>();
  const result = mergeShardIndexes(shards, {
    language: 'en',
    chunkSize,
    pageId: (number) => `p${number}`,
    write: (file, bytes) => files.set(file, bytes),
  });
  const words = result.meta.chunks.flatMap(([, , hash]) => {
    const file = files.get(`index/${hash}.pf_index`)!;
    return parseIndexChunk(readPagefindFile(file, hash), hash);
  });
  const filters = Object.fromEntries(
    result.meta.filters.map(([name, hash]) => [
      name,
      parseFilterChunk(readPagefindFile(files.get(`filter/${hash}.pf_filter`)!, hash), hash).values,
    ]),
  );
  return { ...result, words, filters, files };
}

// Two shards: a's pages become 0–1, b's 2–4. Their meta fields differ: "title" is field 0 in a and 1 in b.
const a = shard(
  'en-industry-1of1',
  ['en_a0', 'en_a1'],
  ['title'],
  [
    [
      { word: 'apple', pages: [page(0, [1, 2], [-1, 0])], variants: [{ form: 'apples', pages: [page(1)] }] },
      { word: 'drill', pages: [page(0), page(1, [-13, 4])], variants: [] },
    ],
  ],
  [{ filter: 'sector', values: [['industry', [0, 1]]] }],
);
const b = shard(
  'en-transport-1of1',
  ['en_b0', 'en_b1', 'en_b2'],
  ['summary', 'title'],
  [
    [{ word: 'apple', pages: [page(2, [7], [-2, 3])], variants: [{ form: 'apples', pages: [page(0)] }] }],
    [{ word: 'wagon', pages: [page(0), page(1), page(2, [1], [-1, 0])], variants: [] }],
  ],
  [
    { filter: 'sector', values: [['transport', [0, 1, 2]]] },
    { filter: 'decade', values: [['1960s', [1]]] },
  ],
);

describe('merging shards into one index', () => {
  it('numbers the pages one shard after another, each under the id it is given', () => {
    const merged = merge([a, b]);
    expect(merged.meta.pages).toEqual([
      ['p0', 100, ''],
      ['p1', 100, ''],
      ['p2', 100, ''],
      ['p3', 100, ''],
      ['p4', 100, ''],
    ]);
    expect(merged.pages).toEqual([
      { shard: 0, hash: 'en_a0' },
      { shard: 0, hash: 'en_a1' },
      { shard: 1, hash: 'en_b0' },
      { shard: 1, hash: 'en_b1' },
      { shard: 1, hash: 'en_b2' },
    ]);
    // No sort orders: sorted searches stay on the shards.
    expect(merged.meta.sorts).toEqual([]);
  });

  it('joins each word’s pages and variants across shards, moved by the shard’s offset, meta fields renumbered by name', () => {
    const merged = merge([a, b]);
    expect(merged.meta.metaFields).toEqual(['summary', 'title']);
    expect(merged.words).toEqual([
      {
        word: 'apple',
        // a's title (its field 0) is field 1 now; b's fields keep their numbers.
        pages: [page(0, [1, 2], [-2, 0]), page(4, [7], [-2, 3])],
        variants: [{ form: 'apples', pages: [page(1), page(2)] }],
      },
      { word: 'drill', pages: [page(0), page(1, [-13, 4])], variants: [] },
      { word: 'wagon', pages: [page(2), page(3), page(4, [1], [-1, 0])], variants: [] },
    ]);
  });

  it('joins filters by name and value, in Pagefind’s order', () => {
    expect(merge([a, b]).filters).toEqual({
      decade: [['1960s', [3]]],
      sector: [
        ['industry', [0, 1]],
        ['transport', [2, 3, 4]],
      ],
    });
  });

  it('cuts chunks where Pagefind would, with bounds trimmed to the shortest distinct prefixes', () => {
    // Each word is 3 units (two locations and its page): a chunk closes once it reaches 5.
    const cut = (...words: string[]) => {
      const list = words.map((word) => ({ word, pages: [page(0, [1, 2])], variants: [] }));
      const merged = merge([shard('en-a-1of1', ['en_x'], [], [list])], 5);
      expect(merged.words.map((word) => word.word)).toEqual(words);
      return merged.meta.chunks.map(([from, to]) => [from, to]);
    };
    // "apricot" | "apt" trims to "apr" | "apt".
    expect(cut('apple', 'apricot', 'apt', 'banana')).toEqual([
      ['apple', 'apr'],
      ['apt', 'banana'],
    ]);
    // "apricot" | "banana" would trim to "a" | "b", but "a" sorts before "apple": that end stays.
    expect(cut('apple', 'apricot', 'banana', 'band')).toEqual([
      ['apple', 'apricot'],
      ['b', 'band'],
    ]);
  });

  it('orders words by code point, as Pagefind (Rust) does, not by UTF-16 unit', () => {
    // U+FF21 (fullwidth A) is one unit above the surrogates of U+1F600, but its code point is lower.
    expect(byCodePoint('\uff21', '😀')).toBeLessThan(0);
    expect('\uff21' < '😀').toBe(false);
    const x = shard('en-a-1of1', ['en_x'], [], [[{ word: '\uff21', pages: [page(0)], variants: [] }]]);
    const y = shard('en-b-1of1', ['en_y'], [], [[{ word: '😀', pages: [page(0)], variants: [] }]]);
    expect(merge([y, x]).words.map((word) => word.word)).toEqual(['\uff21', '😀']);
  });

  it('refuses shards it cannot merge exactly, naming each', () => {
    const older = shard('en-old-1of1', ['en_z'], [], [[{ word: 'a', pages: [page(0)], variants: [] }]], [], '1.5.0');
    expect(() => merge([a, older])).toThrow('shard en-old-1of1: Pagefind 1.5.0; expected 1.6.0, as the first shard');
    const grouped = shard('en-g-1of1', ['en_g'], [], [[{ word: 'a', pages: [page(0)], variants: [] }]]);
    grouped.meta.pages[0]![2] = 'group1';
    expect(() => merge([a, grouped])).toThrow('shard en-g-1of1: page en_g has a fragment group; expected none');
    expect(() => merge([])).toThrow('no shards to merge');
  });
});
