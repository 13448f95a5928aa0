// Reads a Pagefind index folder the way its search runtime would, page numbers
// replaced by page URLs, so that two indexes of the same pages compare equal
// however their pages are numbered: a merged index (src/lib/search/merged-index.ts)
// against the index of one Pagefind run over the same pages.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  parseFilterChunk,
  parseIndexChunk,
  parseMeta,
  readPagefindFile,
  type WordPage,
} from '../../src/lib/search/pagefind-format.ts';

export interface IndexByUrl {
  /** Page URL → word count. */
  pages: Record<string, number>;
  /** Word → its pages (URL, locations, meta locations by field name) and variants, sorted. */
  words: Record<string, unknown>;
  /** Filter → value → page URLs, sorted. */
  filters: Record<string, Record<string, string[]>>;
  metaFields: string[];
}

const read = (file: string) => readPagefindFile(gunzipSync(readFileSync(file)), file);

/** The index in `folder` (one holding pagefind-entry.json) for Pagefind's language key ("en", "zh-hans"). */
export function indexByUrl(folder: string, language: string): IndexByUrl {
  const metaFile = readdirSync(folder).find((name) => name.startsWith(`pagefind.${language}_`))!;
  const meta = parseMeta(read(path.join(folder, metaFile)), metaFile);
  const urls = meta.pages.map(
    ([hash]) =>
      (
        JSON.parse(
          gunzipSync(readFileSync(path.join(folder, 'fragment', `${hash}.pf_fragment`)))
            .toString('utf8')
            .replace(/^pagefind_dcd/, ''),
        ) as { url: string }
      ).url,
  );
  const byUrl = (list: readonly WordPage[]) =>
    list
      .map((entry) => ({
        url: urls[entry.page],
        locations: entry.locations,
        meta: entry.metaLocations.map((location) => (location < 0 ? meta.metaFields[-location - 1] : location)),
      }))
      .sort((a, b) => (a.url! < b.url! ? -1 : 1));
  const words: Record<string, unknown> = {};
  for (const [, , hash] of meta.chunks)
    for (const word of parseIndexChunk(read(path.join(folder, 'index', `${hash}.pf_index`)), hash))
      words[word.word] = {
        pages: byUrl(word.pages),
        variants: word.variants
          .map((variant) => ({ form: variant.form, pages: byUrl(variant.pages) }))
          .sort((a, b) => (a.form < b.form ? -1 : 1)),
      };
  const filters: IndexByUrl['filters'] = {};
  for (const [name, hash] of meta.filters) {
    const chunk = parseFilterChunk(read(path.join(folder, 'filter', `${hash}.pf_filter`)), hash);
    filters[name] = Object.fromEntries(
      chunk.values.map(([value, pages]) => [value, pages.map((page) => urls[page]!).sort()]),
    );
  }
  return {
    pages: Object.fromEntries(meta.pages.map(([, wordCount], index) => [urls[index]!, wordCount])),
    words,
    filters,
    metaFields: meta.metaFields,
  };
}
