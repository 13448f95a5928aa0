// The files Pagefind's primary index fetches before a page's first search can
// start, worked out from its entry (pagefind-entry.json) the way Pagefind's
// runtime works them out, so that the search page can ask for all of them at
// once (src/client/sharded-search.ts) instead of one round trip after another:
// the runtime asks for its entry, and only once the entry has arrived for the
// metadata and the WebAssembly it names. Pure: no fetching here.
import type { PagefindEntry } from './search-merge.ts';

/**
 * The language record Pagefind's primary index loads for a page whose
 * `<html lang>` is `documentLang`: the exact language (lowercased, as Pagefind
 * reads it), else its primary subtag, else the language with the most pages
 * (Pagefind 1.6's `findIndex`). Undefined for an entry without languages.
 */
export function primaryLanguageOf(
  entry: PagefindEntry,
  documentLang: string,
): PagefindEntry['languages'][string] | undefined {
  const language = (documentLang || 'unknown').toLowerCase();
  const languages = entry.languages;
  return (
    languages[language] ??
    languages[language.split('-')[0]!] ??
    Object.values(languages).sort((a, b) => b.page_count - a.page_count)[0]
  );
}

/**
 * The metadata and WebAssembly files (relative to the pagefind/ folder) that
 * the primary index loads next after its entry. A language without a
 * WebAssembly of its own (Chinese: Pagefind stems no Chinese words) uses
 * Pagefind's "unknown" one.
 */
export function primaryIndexFiles(entry: PagefindEntry, documentLang: string): string[] {
  const language = primaryLanguageOf(entry, documentLang);
  if (!language) return [];
  return [`pagefind.${language.hash}.pf_meta`, `wasm.${language.wasm ?? 'unknown'}.pagefind`];
}
