// Reads and writes the index files of Pagefind 1.6 (`.pf_meta`, `.pf_index`,
// `.pf_filter`), so that the build can merge a language's shards into one index
// for searches over the whole language (src/lib/search/merged-index.ts).
//
// Each such file, once gunzipped, is the signature "pagefind_dcd" followed by
// one CBOR value (RFC 8949). Pagefind decodes it with minicbor and reads only
// integers, text strings and arrays, which is all this codec handles; anything
// else is refused with an error rather than guessed at. The layouts, as
// Pagefind's web crate reads them:
//
// - metadata: [version, pages: [hash, word count, fragment group]…,
//   index chunks: [first word, last word, hash]…, filters: [name, hash]…,
//   sorts: [name, [page number…]]…, meta fields: [name…]]
// - index chunk: [[word, pages, variants: [form, pages]…]…], where pages is
//   [[page number minus the previous one, locations, meta locations]…]; in meta
//   locations a negative number −(f + 1) switches to meta field f
// - filter chunk: [filter name, [[value, [page number…]]…]]
//
// Pure: gzip is the caller's (the build uses node:zlib).

/** What every one of these files starts with once gunzipped. */
export const PAGEFIND_SIGNATURE = 'pagefind_dcd';

export class PagefindFormatError extends Error {
  override name = 'PagefindFormatError';
}

/** The CBOR values Pagefind's files hold. */
export type CborValue = number | string | CborValue[];

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes one CBOR value that fills `bytes` exactly; `source` names the file in errors. */
export function decodeCbor(bytes: Uint8Array, source: string): CborValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const fail = (what: string): never => {
    throw new PagefindFormatError(`${source}: ${what} at byte ${at}; expected Pagefind's CBOR index format`);
  };
  const need = (count: number) => {
    if (at + count > bytes.length) fail('the file ends early');
  };
  const argument = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : fail(`length code ${info}`);
    need(size);
    const value =
      size === 1
        ? view.getUint8(at)
        : size === 2
          ? view.getUint16(at)
          : size === 4
            ? view.getUint32(at)
            : Number(view.getBigUint64(at));
    at += size;
    if (!Number.isSafeInteger(value)) fail('a number too large');
    return value;
  };
  const item = (): CborValue => {
    need(1);
    const initial = bytes[at++]!;
    const major = initial >> 5;
    const info = initial & 31;
    if (major === 0) return argument(info);
    if (major === 1) return -1 - argument(info);
    if (major === 3) {
      const length = argument(info);
      need(length);
      const text = fromUtf8.decode(bytes.subarray(at, at + length));
      at += length;
      return text;
    }
    if (major === 4) {
      if (info === 31) {
        const list: CborValue[] = [];
        for (need(1); bytes[at] !== 0xff; need(1)) list.push(item());
        at += 1;
        return list;
      }
      const length = argument(info);
      // Every element takes at least a byte: a larger count is a corrupt file, not a huge allocation.
      if (length > bytes.length - at) fail(`an array of ${length} elements`);
      const list = new Array<CborValue>(length);
      for (let index = 0; index < length; index += 1) list[index] = item();
      return list;
    }
    return fail(`CBOR major type ${major}`);
  };
  const value = item();
  if (at !== bytes.length) fail('more data after the value');
  return value;
}

/** Encodes a value as CBOR, each integer and length in its shortest form (as minicbor writes them). */
export function encodeCbor(value: CborValue): Uint8Array {
  const writer = new CborWriter();
  const write = (item: CborValue) => {
    if (typeof item === 'number') {
      if (!Number.isSafeInteger(item)) throw new PagefindFormatError(`cannot encode ${item}: expected an integer`);
      writer.int(item);
    } else if (typeof item === 'string') writer.text(item);
    else {
      writer.head(4, item.length);
      for (const element of item) write(element);
    }
  };
  write(value);
  return writer.result();
}

const SIGNATURE_BYTES = utf8.encode(PAGEFIND_SIGNATURE);

/** The CBOR of a gunzipped Pagefind index file: what follows its signature (a view, not a copy). */
export function pagefindBody(bytes: Uint8Array, source: string): Uint8Array {
  const signature = SIGNATURE_BYTES;
  if (bytes.length < signature.length || signature.some((byte, index) => bytes[index] !== byte))
    throw new PagefindFormatError(`${source}: no "${PAGEFIND_SIGNATURE}" signature; expected a Pagefind index file`);
  return bytes.subarray(signature.length);
}

/** The value of a gunzipped Pagefind index file. */
export const readPagefindFile = (bytes: Uint8Array, source: string): CborValue =>
  decodeCbor(pagefindBody(bytes, source), source);

/** A Pagefind index file's bytes, before gzip. */
export function pagefindFileBytes(value: CborValue): Uint8Array {
  const body = encodeCbor(value);
  return new CborWriter().bytes(body).result(true);
}

// The parts of an index, typed. Each reader checks the shape it relies on and
// names the file and part that do not have it.

/** A page in the metadata: its hash (the fragment's name), its word count and its fragment group ("" for none). */
export type MetaPage = [hash: string, wordCount: number, group: string];
export type MetaChunk = [from: string, to: string, hash: string];
export type MetaFilter = [name: string, hash: string];
export type MetaSort = [name: string, pages: number[]];

export interface PagefindMeta {
  version: string;
  pages: MetaPage[];
  chunks: MetaChunk[];
  filters: MetaFilter[];
  sorts: MetaSort[];
  metaFields: string[];
}

/** A page of a word: the page number (absolute here; delta-coded in the file), its locations and meta locations. */
export interface WordPage {
  page: number;
  locations: number[];
  metaLocations: number[];
}

export interface IndexedWord {
  word: string;
  pages: WordPage[];
  variants: { form: string; pages: WordPage[] }[];
}

export interface FilterChunk {
  filter: string;
  values: [value: string, pages: number[]][];
}

const isInt = (value: unknown): value is number => typeof value === 'number';
const isText = (value: unknown): value is string => typeof value === 'string';
const isList = (value: unknown): value is CborValue[] => Array.isArray(value);
const isIntList = (value: unknown): value is number[] => isList(value) && value.every(isInt);

function expectShape(ok: boolean, source: string, what: string): asserts ok {
  if (!ok) throw new PagefindFormatError(`${source}: ${what} is not as Pagefind 1.6 writes it`);
}

export function parseMeta(value: CborValue, source: string): PagefindMeta {
  expectShape(isList(value) && value.length >= 5 && isText(value[0]), source, 'the metadata');
  const [version, pages, chunks, filters, sorts, metaFields = []] = value as [string, ...CborValue[]];
  expectShape(
    isList(pages) &&
      pages.every((page) => isList(page) && page.length === 3 && isText(page[0]) && isInt(page[1]) && isText(page[2])),
    source,
    'the page list',
  );
  expectShape(
    isList(chunks) && chunks.every((chunk) => isList(chunk) && chunk.length === 3 && chunk.every(isText)),
    source,
    'the chunk list',
  );
  expectShape(
    isList(filters) && filters.every((filter) => isList(filter) && filter.length === 2 && filter.every(isText)),
    source,
    'the filter list',
  );
  expectShape(
    isList(sorts) && sorts.every((sort) => isList(sort) && sort.length === 2 && isText(sort[0]) && isIntList(sort[1])),
    source,
    'the sort list',
  );
  expectShape(isList(metaFields) && metaFields.every(isText), source, 'the meta field list');
  return {
    version,
    pages: pages as MetaPage[],
    chunks: chunks as MetaChunk[],
    filters: filters as MetaFilter[],
    sorts: sorts as MetaSort[],
    metaFields,
  };
}

export const metaValue = (meta: PagefindMeta): CborValue => [
  meta.version,
  meta.pages,
  meta.chunks,
  meta.filters,
  meta.sorts,
  meta.metaFields,
];

function parsePages(value: CborValue, source: string): WordPage[] {
  expectShape(isList(value), source, 'a page list');
  let page = 0;
  return value.map((entry) => {
    expectShape(
      isList(entry) &&
        entry.length >= 2 &&
        entry.length <= 3 &&
        isInt(entry[0]) &&
        isIntList(entry[1]) &&
        (entry.length === 2 || isIntList(entry[2])),
      source,
      'a page of a word',
    );
    page += entry[0];
    return { page, locations: entry[1], metaLocations: (entry[2] as number[] | undefined) ?? [] };
  });
}

function pagesValue(pages: readonly WordPage[]): CborValue {
  let previous = 0;
  return pages.map((entry) => {
    const delta = entry.page - previous;
    previous = entry.page;
    return [delta, entry.locations, entry.metaLocations];
  });
}

export function parseIndexChunk(value: CborValue, source: string): IndexedWord[] {
  expectShape(isList(value) && value.length === 1 && isList(value[0]), source, 'the index chunk');
  return value[0].map((entry) => {
    expectShape(isList(entry) && entry.length >= 2 && isText(entry[0]), source, 'a word');
    const variants = entry[2] ?? [];
    expectShape(isList(variants), source, `the variants of "${entry[0]}"`);
    return {
      word: entry[0],
      pages: parsePages(entry[1]!, source),
      variants: variants.map((variant) => {
        expectShape(isList(variant) && variant.length === 2 && isText(variant[0]), source, 'a word variant');
        return { form: variant[0], pages: parsePages(variant[1]!, source) };
      }),
    };
  });
}

export const indexChunkValue = (words: readonly IndexedWord[]): CborValue => [
  words.map((word) => [
    word.word,
    pagesValue(word.pages),
    word.variants.map((variant) => [variant.form, pagesValue(variant.pages)]),
  ]),
];

export function parseFilterChunk(value: CborValue, source: string): FilterChunk {
  expectShape(
    isList(value) &&
      value.length === 2 &&
      isText(value[0]) &&
      isList(value[1]) &&
      value[1].every((entry) => isList(entry) && entry.length === 2 && isText(entry[0]) && isIntList(entry[1])),
    source,
    'the filter chunk',
  );
  return { filter: value[0], values: value[1] as [string, number[]][] };
}

export const filterChunkValue = (chunk: FilterChunk): CborValue => [chunk.filter, chunk.values];

// Index chunks without decoding every location. A merged index changes a
// word's page list in two places only: the first page number (page numbers are
// delta-coded, so only the first one moves with the shard's offset) and the
// meta field numbers where a shard's field list differs from the merged one.
// So a chunk is scanned once for each list's bounds, and the lists are copied
// as bytes: at 10,000 write-ups a language's chunks hold millions of locations.

/** A word's encoded page list, as bytes to copy. */
export interface RawPages {
  /** The encoded page entries, without the list's own array head. */
  bytes: Uint8Array;
  count: number;
  /** The absolute page number of the first entry (its delta) and of the last. */
  first: number;
  last: number;
  /** Where the first entry's page number is encoded in `bytes`. */
  firstStart: number;
  firstEnd: number;
  /** Pagefind's chunk-size units: locations plus meta locations plus one, per page. */
  size: number;
  /** Whether any page has meta locations (which name meta fields by number). */
  metaLocations: boolean;
}

export interface RawWord {
  word: string;
  /** The word's UTF-8 bytes. */
  encoded: Uint8Array;
  pages: RawPages;
  variants: { form: string; pages: RawPages }[];
}

/** Scans an index chunk (the CBOR after the signature) into its words, each page list left encoded. */
export function scanIndexChunk(bytes: Uint8Array, source: string): RawWord[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const fail = (what: string): never => {
    throw new PagefindFormatError(`${source}: ${what} at byte ${at}; expected Pagefind's index chunk format`);
  };
  /** Reads a head of the given major type (or of 0 or 1 for `int`), returning its argument (negative values for type 1). */
  const head = (major: number | 'int'): number => {
    if (at >= bytes.length) fail('the file ends early');
    const initial = bytes[at++]!;
    const type = initial >> 5;
    const info = initial & 31;
    if (major === 'int' ? type > 1 : type !== major) fail(`CBOR major type ${type}`);
    let value: number;
    if (info < 24) value = info;
    else if (info === 24) value = view.getUint8(at++);
    else if (info === 25) {
      value = view.getUint16(at);
      at += 2;
    } else if (info === 26) {
      value = view.getUint32(at);
      at += 4;
    } else if (info === 27) {
      value = Number(view.getBigUint64(at));
      at += 8;
    } else return fail(`length code ${info}`);
    if (at > bytes.length) fail('the file ends early');
    return type === 1 ? -1 - value : value;
  };
  /** Steps over `count` integers: most of a chunk, so without a call per integer. */
  const skipInts = (count: number) => {
    for (let index = 0; index < count; index += 1) {
      const initial = bytes[at++]!;
      if (initial >> 5 > 1) {
        at -= 1;
        fail(`CBOR major type ${initial >> 5}`);
      }
      const info = initial & 31;
      if (info >= 24)
        at += info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : fail(`length code ${info}`);
    }
    if (at > bytes.length) fail('the file ends early');
  };
  /** A text string, and its UTF-8 bytes for writing it again without encoding it. */
  const text = (): [string, Uint8Array] => {
    const length = head(3);
    if (at + length > bytes.length) fail('the file ends early');
    const encoded = bytes.subarray(at, at + length);
    at += length;
    return [fromUtf8.decode(encoded), encoded];
  };
  const pages = (): RawPages => {
    const count = head(4);
    const start = at;
    let page = 0;
    let first = 0;
    let firstStart = 0;
    let firstEnd = 0;
    let size = 0;
    let metaLocations = false;
    for (let entry = 0; entry < count; entry += 1) {
      const fields = head(4);
      if (fields < 2 || fields > 3) fail(`a page of ${fields} fields`);
      const deltaStart = at;
      const delta = head(0);
      page += delta;
      if (entry === 0) {
        first = delta;
        firstStart = deltaStart - start;
        firstEnd = at - start;
      }
      const locations = head(4);
      skipInts(locations);
      size += locations + 1;
      if (fields === 3) {
        const meta = head(4);
        skipInts(meta);
        size += meta;
        if (meta > 0) metaLocations = true;
      }
    }
    return {
      bytes: bytes.subarray(start, at),
      count,
      first,
      last: page,
      firstStart,
      firstEnd,
      size,
      metaLocations,
    };
  };
  if (head(4) !== 1) fail('a chunk that is not a one-element array');
  const count = head(4);
  const words: RawWord[] = [];
  for (let index = 0; index < count; index += 1) {
    const fields = head(4);
    if (fields < 2) fail(`a word of ${fields} fields`);
    const [word, encoded] = text();
    const list = pages();
    const variants: RawWord['variants'] = [];
    if (fields >= 3) {
      const variantCount = head(4);
      for (let variant = 0; variant < variantCount; variant += 1) {
        if (head(4) !== 2) fail('a variant that is not [form, pages]');
        variants.push({ form: text()[0], pages: pages() });
      }
    }
    words.push({ word, encoded, pages: list, variants });
  }
  if (at !== bytes.length) fail('more data after the words');
  return words;
}

/** A growing byte buffer for writing CBOR by hand. */
export class CborWriter {
  private out = new Uint8Array(1 << 16);
  private view = new DataView(this.out.buffer);
  length = 0;
  private reserve(count: number) {
    if (this.length + count <= this.out.length) return;
    const larger = new Uint8Array(Math.max(this.out.length * 2, this.length + count));
    larger.set(this.out.subarray(0, this.length));
    this.out = larger;
    this.view = new DataView(larger.buffer);
  }
  head(major: number, count: number): this {
    this.reserve(9);
    const type = major << 5;
    if (count < 24) this.out[this.length++] = type | count;
    else if (count < 0x100) {
      this.out[this.length++] = type | 24;
      this.out[this.length++] = count;
    } else if (count < 0x10000) {
      this.out[this.length++] = type | 25;
      this.view.setUint16(this.length, count);
      this.length += 2;
    } else if (count < 0x100000000) {
      this.out[this.length++] = type | 26;
      this.view.setUint32(this.length, count);
      this.length += 4;
    } else {
      this.out[this.length++] = type | 27;
      this.view.setBigUint64(this.length, BigInt(count));
      this.length += 8;
    }
    return this;
  }
  int(value: number): this {
    return value >= 0 ? this.head(0, value) : this.head(1, -1 - value);
  }
  /** A text string, from its UTF-8 bytes when the caller has them. */
  text(value: string, encoded: Uint8Array = utf8.encode(value)): this {
    this.head(3, encoded.length);
    return this.bytes(encoded);
  }
  bytes(value: Uint8Array): this {
    this.reserve(value.length);
    this.out.set(value, this.length);
    this.length += value.length;
    return this;
  }
  /** The bytes written, as a Pagefind file (signature first) when asked. */
  result(signed = false): Uint8Array {
    if (!signed) return this.out.slice(0, this.length);
    const signature = utf8.encode(PAGEFIND_SIGNATURE);
    const file = new Uint8Array(signature.length + this.length);
    file.set(signature);
    file.set(this.out.subarray(0, this.length), signature.length);
    return file;
  }
}

/** Decodes a raw page list fully (for the rare list whose meta fields must be renumbered). */
export function decodeRawPages(raw: RawPages, source: string): WordPage[] {
  const list = new CborWriter().head(4, raw.count).bytes(raw.bytes).result();
  return parsePages(decodeCbor(list, source), source);
}

/** Encodes a page list to raw form again. */
export function encodeRawPages(pages: readonly WordPage[], source: string): RawPages {
  const bytes = encodeCbor([[['', pagesValue(pages)]]]);
  return scanIndexChunk(bytes, source)[0]!.pages;
}
