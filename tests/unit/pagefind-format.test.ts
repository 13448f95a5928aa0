import { describe, expect, it } from 'vitest';
import {
  decodeCbor,
  decodeRawPages,
  encodeCbor,
  encodeRawPages,
  indexChunkValue,
  pagefindBody,
  pagefindFileBytes,
  parseIndexChunk,
  parseMeta,
  readPagefindFile,
  scanIndexChunk,
  type CborValue,
  type IndexedWord,
} from '../../src/lib/search/pagefind-format.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('the CBOR codec for Pagefind’s index files', () => {
  it('writes every integer and length in its shortest form, as minicbor does', () => {
    expect(encodeCbor(23)).toEqual(bytes(0x17));
    expect(encodeCbor(24)).toEqual(bytes(0x18, 24));
    expect(encodeCbor(256)).toEqual(bytes(0x19, 1, 0));
    expect(encodeCbor(65_536)).toEqual(bytes(0x1a, 0, 1, 0, 0));
    expect(encodeCbor(2 ** 32)).toEqual(bytes(0x1b, 0, 0, 0, 1, 0, 0, 0, 0));
    expect(encodeCbor(-1)).toEqual(bytes(0x20));
    expect(encodeCbor(-25)).toEqual(bytes(0x38, 24));
    expect(encodeCbor('é')).toEqual(bytes(0x62, 0xc3, 0xa9));
    expect(encodeCbor([1, []])).toEqual(bytes(0x82, 0x01, 0x80));
  });

  it('reads back what it writes, at every length boundary and in every script', () => {
    const value: CborValue = [
      [0, 23, 24, 255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER],
      [-1, -24, -25, -256, -257, -65_537],
      ['', 'drill', '群钻', '𠀀 astral', 'x'.repeat(300)],
      [[[]], Array.from({ length: 70_000 }, (_, index) => index % 7)],
    ];
    expect(decodeCbor(encodeCbor(value), 'test')).toEqual(value);
    // Indefinite-length arrays, which minicbor may write, read as arrays.
    expect(decodeCbor(bytes(0x9f, 0x01, 0x02, 0xff), 'test')).toEqual([1, 2]);
  });

  it('refuses what Pagefind does not write, naming the file, instead of guessing', () => {
    expect(() => decodeCbor(bytes(0xa1, 0x01, 0x02), 'a.pf_meta')).toThrow(/a\.pf_meta: CBOR major type 5 at byte 1/);
    expect(() => decodeCbor(bytes(0xfb, 0, 0, 0, 0, 0, 0, 0, 0), 'a.pf_meta')).toThrow(/CBOR major type 7/);
    expect(() => decodeCbor(bytes(0x62, 0x61), 'a.pf_index')).toThrow(/a\.pf_index: the file ends early/);
    expect(() => decodeCbor(bytes(0x01, 0x02), 'a.pf_index')).toThrow(/more data after the value/);
    // A length larger than the file is refused before anything is allocated for it.
    expect(() => decodeCbor(bytes(0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0), 'huge')).toThrow(
      /huge: a number too large|huge: an array of/,
    );
    expect(() => decodeCbor(bytes(0x9a, 0x7f, 0xff, 0xff, 0xff), 'huge')).toThrow(/an array of 2147483647 elements/);
    expect(() => encodeCbor(1.5)).toThrow(/cannot encode 1.5: expected an integer/);
  });

  it('frames a file with Pagefind’s signature and refuses one without it', () => {
    const file = pagefindFileBytes(['1.6.0']);
    expect(new TextDecoder().decode(file.subarray(0, 12))).toBe('pagefind_dcd');
    expect(readPagefindFile(file, 'x')).toEqual(['1.6.0']);
    expect(pagefindBody(file, 'x')).toEqual(encodeCbor(['1.6.0']));
    expect(() => readPagefindFile(encodeCbor(['1.6.0']), 'dist/x.pf_meta')).toThrow(
      'dist/x.pf_meta: no "pagefind_dcd" signature; expected a Pagefind index file',
    );
  });

  it('checks the metadata’s shape and names the part that is wrong', () => {
    const meta = ['1.6.0', [['en_1', 10, '']], [['a', 'b', 'en_2']], [['sector', 'en_3']], [['date', [0]]], ['title']];
    expect(parseMeta(meta, 'm').pages).toEqual([['en_1', 10, '']]);
    expect(() => parseMeta(['1.6.0', [['en_1', '10', '']], [], [], []], 'm')).toThrow(
      'm: the page list is not as Pagefind 1.6 writes it',
    );
    expect(() => parseMeta(['1.6.0', [], [], [], [['date', ['x']]]], 'm')).toThrow('m: the sort list');
  });
});

describe('an index chunk scanned without decoding its locations', () => {
  const words: IndexedWord[] = [
    {
      word: 'drill',
      pages: [
        { page: 3, locations: [-13, 34, 268], metaLocations: [-11, 34] },
        { page: 7, locations: [5], metaLocations: [] },
        { page: 300, locations: [1, 2, 3, 4], metaLocations: [-1, 0, -2, 5] },
      ],
      variants: [{ form: 'drilling', pages: [{ page: 9, locations: [2], metaLocations: [] }] }],
    },
    { word: '群钻', pages: [{ page: 0, locations: [], metaLocations: [-10, 0] }], variants: [] },
  ];
  const body = pagefindBody(pagefindFileBytes(indexChunkValue(words)), 'chunk');

  it('finds each list’s first and last page, its size in Pagefind’s chunk units and whether it names meta fields', () => {
    const [drill, group] = scanIndexChunk(body, 'chunk');
    expect(drill).toMatchObject({
      word: 'drill',
      pages: { count: 3, first: 3, last: 300, size: 3 + 2 + 1 + 4 + 4 + 3 },
    });
    expect(drill!.pages.metaLocations).toBe(true);
    expect(drill!.variants).toMatchObject([{ form: 'drilling', pages: { count: 1, first: 9, last: 9 } }]);
    expect(group).toMatchObject({ word: '群钻', pages: { count: 1, first: 0, last: 0, size: 3 } });
  });

  it('keeps the lists as bytes that decode to the same pages, and encodes them back to the same bytes', () => {
    const scanned = scanIndexChunk(body, 'chunk');
    expect(decodeRawPages(scanned[0]!.pages, 'chunk')).toEqual(words[0]!.pages);
    expect(encodeRawPages(words[0]!.pages, 'chunk').bytes).toEqual(scanned[0]!.pages.bytes);
    expect(parseIndexChunk(decodeCbor(body, 'chunk'), 'chunk')).toEqual(words);
  });

  it('refuses a chunk that is not one, naming it', () => {
    expect(() => scanIndexChunk(encodeCbor([[['drill', [['x', [], []]], []]]]), 'index/en_1.pf_index')).toThrow(
      /index\/en_1\.pf_index: CBOR major type 3 at byte \d+; expected Pagefind's index chunk format/,
    );
    expect(() => scanIndexChunk(encodeCbor([[], []]), 'c')).toThrow(/a chunk that is not a one-element array/);
  });
});
