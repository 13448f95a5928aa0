// Merges a language's shards (docs/scaling.md) into one Pagefind index: the
// index a search over the whole language loads, instead of every shard.
//
// A search over all shards costs the reader every shard's metadata, facet table
// and index chunk for each word (13 English shards at 10,000 write-ups: 45
// requests, 637 kB), and its best-match order is merged from per-shard scores.
// One Pagefind run over the whole language would cost the build the memory and
// time the shards exist to avoid. The shards' own files already hold everything
// one run would write, page by page, so this merges them: pages renumbered one
// shard after another, each word's pages (and its variants' pages) joined in
// that order, meta fields and filters joined by name, and the words cut into
// chunks the way Pagefind cuts them (its `chunk_index` and `chunk_meta`). The
// merged index then ranks, counts and excerpts as one Pagefind run over the
// language would: the same pages, word counts, locations and weights.
//
// Sort orders are left out: merging them needs every page's sort values, and a
// sorted search is exact over the shards already (search-merge.ts), so the
// search page sends only best-match searches here.
//
// It streams: each shard's chunks are read one at a time, in word order, and
// each merged chunk is handed to `write` as soon as it is full, so the memory it
// needs is about a chunk per shard whatever the size of the language.
//
// Build side (node:crypto for the chunk names); the format is pagefind-format.ts.
import { createHash } from 'node:crypto';
import {
  CborWriter,
  decodeRawPages,
  encodeRawPages,
  filterChunkValue,
  pagefindFileBytes,
  PagefindFormatError,
  type FilterChunk,
  type MetaChunk,
  type PagefindMeta,
  type RawPages,
  type RawWord,
} from './pagefind-format.ts';

/** One shard's index, as the merge reads it. */
export interface ShardIndex {
  /** For errors: the shard's name. */
  name: string;
  meta: PagefindMeta;
  /** An index chunk of this shard, by its hash in `meta.chunks` (pagefind-format.ts, `scanIndexChunk`). */
  chunk: (hash: string) => RawWord[];
  /** A filter chunk of this shard, by its hash in `meta.filters`. */
  filter: (hash: string) => FilterChunk;
}

/** Where a page of the merged index comes from. */
export interface MergedPage {
  /** Its position among the merged shards. */
  shard: number;
  /** Its hash (its fragment's name) in that shard. */
  hash: string;
}

export interface MergedIndex {
  meta: PagefindMeta;
  /** The merged index's pages, by page number. */
  pages: MergedPage[];
}

export interface MergeOptions {
  /** Pagefind's language key of these shards ("en", "zh-hans"): the prefix of every file hash. */
  language: string;
  /** Pagefind's chunk size: the sum over a chunk's words of their locations plus one per page. Pagefind's default is 20,000. */
  chunkSize: number;
  /** The page hash (fragment name) of the merged index's page `page`. */
  pageId: (page: number) => string;
  /**
   * Receives each chunk file's bytes (before gzip) under its name
   * ("index/<hash>.pf_index", "filter/<hash>.pf_filter"), with the SHA-256 of
   * the bytes in hex, of which the name holds a prefix.
   */
  write: (file: string, bytes: Uint8Array, digest: string) => void;
}

/** Pagefind's word order: Rust's string order, which is the order of code points (not of UTF-16 units). */
export function byCodePoint(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.codePointAt(index)!;
    const y = b.codePointAt(index)!;
    if (x !== y) return x - y;
    if (x > 0xffff) index += 1;
  }
  return a.length - b.length;
}

/** The shortest distinct prefixes of two neighbouring chunks' last and first words (Pagefind's `get_prefixes`). */
function prefixes(last: string, first: string): [string, string] {
  const a = [...last];
  const b = [...first];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  return [a.slice(0, common + 1).join(''), b.slice(0, common + 1).join('')];
}

/** Names a file by its content: the language and the first 8 hex digits of its SHA-256 (more on a collision), and the digest. */
function contentNamer(language: string) {
  const used = new Set<string>();
  return (bytes: Uint8Array): [name: string, digest: string] => {
    const hex = createHash('sha256').update(bytes).digest('hex');
    let length = 8;
    while (used.has(`${language}_${hex.slice(0, length)}`) && length < hex.length) length += 1;
    const name = `${language}_${hex.slice(0, length)}`;
    used.add(name);
    return [name, hex];
  };
}

/** A binary min-heap of shard cursors by their current word. */
class WordHeap {
  private readonly items: { word: string; shard: number }[] = [];
  get size() {
    return this.items.length;
  }
  peek() {
    return this.items[0];
  }
  private less(i: number, j: number) {
    const a = this.items[i]!;
    const b = this.items[j]!;
    return byCodePoint(a.word, b.word) < 0 || (a.word === b.word && a.shard < b.shard);
  }
  private swap(i: number, j: number) {
    [this.items[i], this.items[j]] = [this.items[j]!, this.items[i]!];
  }
  push(item: { word: string; shard: number }) {
    this.items.push(item);
    for (let i = this.items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop() {
    const top = this.items[0];
    const last = this.items.pop()!;
    if (this.items.length > 0) {
      this.items[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.items.length && this.less(left, smallest)) smallest = left;
        if (right < this.items.length && this.less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }
}

/** Reads a shard's words in order, a chunk at a time. */
class ShardCursor {
  private chunk = -1;
  private words: RawWord[] = [];
  private position = 0;
  private readonly shard: ShardIndex;
  constructor(shard: ShardIndex) {
    this.shard = shard;
  }
  /** The next word, or undefined at the end. */
  next(): RawWord | undefined {
    while (this.position >= this.words.length) {
      this.chunk += 1;
      const entry = this.shard.meta.chunks[this.chunk];
      if (!entry) return undefined;
      this.words = this.shard.chunk(entry[2]);
      this.position = 0;
    }
    return this.words[this.position++];
  }
}

export function mergeShardIndexes(shards: readonly ShardIndex[], options: MergeOptions): MergedIndex {
  if (shards.length === 0) throw new PagefindFormatError('no shards to merge');
  const version = shards[0]!.meta.version;
  const problems = shards.flatMap((shard) => [
    ...(shard.meta.version === version
      ? []
      : [`shard ${shard.name}: Pagefind ${shard.meta.version}; expected ${version}, as the first shard`]),
    ...shard.meta.pages
      .filter((page) => page[2] !== '')
      .slice(0, 1)
      .map((page) => `shard ${shard.name}: page ${page[0]} has a fragment group; expected none`),
  ]);
  if (problems.length > 0) throw new PagefindFormatError(problems.join('\n'));

  // Pages, one shard after another.
  const offsets: number[] = [];
  const pages: MergedPage[] = [];
  const metaPages: PagefindMeta['pages'] = [];
  for (const [shardIndex, shard] of shards.entries()) {
    offsets.push(pages.length);
    for (const [hash, wordCount] of shard.meta.pages) {
      metaPages.push([options.pageId(pages.length), wordCount, '']);
      pages.push({ shard: shardIndex, hash });
    }
  }

  // Meta fields by name; a meta location names its field by position, so each shard's are renumbered.
  const metaFields = [...new Set(shards.flatMap((shard) => shard.meta.metaFields))].sort(byCodePoint);
  const fieldMaps = shards.map((shard) => shard.meta.metaFields.map((field) => metaFields.indexOf(field)));
  const identity = fieldMaps.map((map) => map.every((field, index) => field === index));
  /** A shard's page list with its meta fields renumbered into the merged list (rarely needed: most shards have every field). */
  const ownFields = (raw: RawPages, shardIndex: number): RawPages => {
    if (identity[shardIndex] || !raw.metaLocations) return raw;
    const source = `shard ${shards[shardIndex]!.name}`;
    const map = fieldMaps[shardIndex]!;
    return encodeRawPages(
      decodeRawPages(raw, source).map((entry) => ({
        ...entry,
        metaLocations: entry.metaLocations.map((location) => {
          if (location >= 0) return location;
          const field = map[-location - 1];
          if (field === undefined)
            throw new PagefindFormatError(
              `${source}: a meta location names field ${-location - 1}, which its metadata does not have`,
            );
          return -field - 1;
        }),
      })),
      source,
    );
  };
  type Part = { raw: RawPages; shard: number };
  /** Writes page lists of several shards as one: only each list's first page number changes. */
  const writePages = (writer: CborWriter, parts: readonly Part[]) => {
    writer.head(
      4,
      parts.reduce((sum, part) => sum + part.raw.count, 0),
    );
    let previous = 0;
    for (const { raw, shard } of parts) {
      if (raw.count === 0) continue;
      const offset = offsets[shard]!;
      writer.bytes(raw.bytes.subarray(0, raw.firstStart));
      writer.int(raw.first + offset - previous);
      writer.bytes(raw.bytes.subarray(raw.firstEnd));
      previous = raw.last + offset;
    }
  };

  // Words: a k-way merge of the shards' word-ordered chunks, cut into chunks as Pagefind cuts them.
  interface MergedWord {
    word: string;
    encoded: Uint8Array;
    pages: Part[];
    variants: Map<string, Part[]>;
  }
  const nameIndexChunk = contentNamer(options.language);
  const chunks: MetaChunk[] = [];
  let pending: MergedWord[] = [];
  let pendingSize = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const writer = new CborWriter().head(4, 1).head(4, pending.length);
    for (const word of pending) {
      writer.head(4, 3).text(word.word, word.encoded);
      writePages(writer, word.pages);
      writer.head(4, word.variants.size);
      for (const [form, parts] of word.variants) {
        writer.head(4, 2).text(form);
        writePages(writer, parts);
      }
    }
    const bytes = writer.result(true);
    const [hash, digest] = nameIndexChunk(bytes);
    options.write(`index/${hash}.pf_index`, bytes, digest);
    chunks.push([pending[0]!.word, pending.at(-1)!.word, hash]);
    pending = [];
    pendingSize = 0;
  };
  const cursors = shards.map((shard) => new ShardCursor(shard));
  const current: (RawWord | undefined)[] = cursors.map((cursor) => cursor.next());
  const heap = new WordHeap();
  for (const [shard, word] of current.entries()) if (word) heap.push({ word: word.word, shard });
  let previous: string | undefined;
  while (heap.size > 0) {
    const { word, shard: first } = heap.peek()!;
    if (previous !== undefined && byCodePoint(previous, word) >= 0)
      throw new PagefindFormatError(`the shards' words are not in Pagefind's order at "${word}"`);
    previous = word;
    const merged: MergedWord = { word, encoded: current[first]!.encoded, pages: [], variants: new Map() };
    // Equal words come off the heap in shard order, which keeps the page numbers ascending.
    while (heap.size > 0 && heap.peek()!.word === word) {
      const { shard } = heap.pop()!;
      const entry = current[shard]!;
      const pages = ownFields(entry.pages, shard);
      merged.pages.push({ raw: pages, shard });
      pendingSize += pages.size;
      for (const variant of entry.variants) {
        const parts = merged.variants.get(variant.form) ?? [];
        parts.push({ raw: ownFields(variant.pages, shard), shard });
        merged.variants.set(variant.form, parts);
      }
      const next = (current[shard] = cursors[shard]!.next());
      if (next) heap.push({ word: next.word, shard });
    }
    pending.push(merged);
    if (pendingSize >= options.chunkSize) flush();
  }
  flush();
  // Neighbouring chunks' bounds trimmed to their shortest distinct prefixes, as Pagefind's chunk_meta does.
  for (let index = 0; index + 1 < chunks.length; index += 1) {
    const [to, from] = prefixes(chunks[index]![1], chunks[index + 1]![0]);
    if (byCodePoint(to, chunks[index]![0]) >= 0) chunks[index]![1] = to;
    chunks[index + 1]![0] = from;
  }

  // Filters by name, their values' pages joined in shard order.
  const nameFilterChunk = contentNamer(options.language);
  const filterNames = [...new Set(shards.flatMap((shard) => shard.meta.filters.map(([name]) => name)))].sort(
    byCodePoint,
  );
  const filters: PagefindMeta['filters'] = filterNames.map((name) => {
    const values = new Map<string, number[]>();
    for (const [shardIndex, shard] of shards.entries()) {
      const hash = shard.meta.filters.find(([filter]) => filter === name)?.[1];
      if (hash === undefined) continue;
      for (const [value, list] of shard.filter(hash).values) {
        const joined = values.get(value) ?? [];
        for (const page of list) joined.push(page + offsets[shardIndex]!);
        values.set(value, joined);
      }
    }
    const chunk: FilterChunk = {
      filter: name,
      values: [...values].sort(([a], [b]) => byCodePoint(a, b)),
    };
    const bytes = pagefindFileBytes(filterChunkValue(chunk));
    const [hash, digest] = nameFilterChunk(bytes);
    options.write(`filter/${hash}.pf_filter`, bytes, digest);
    return [name, hash];
  });

  return {
    meta: { version, pages: metaPages, chunks, filters, sorts: [], metaFields },
    pages,
  };
}
