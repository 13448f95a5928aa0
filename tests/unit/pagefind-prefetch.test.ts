// Which files the search page fetches early for Pagefind's primary index
// (src/lib/search/pagefind-prefetch.ts): the ones Pagefind 1.6 loads after its
// entry, chosen as its runtime chooses them. A wrong choice costs the reader a
// second download; tests/e2e/search.test.ts checks each file is fetched once.
import { describe, expect, it } from 'vitest';
import { primaryIndexFiles, primaryLanguageOf } from '../../src/lib/search/pagefind-prefetch.ts';
import type { PagefindEntry } from '../../src/lib/search/search-merge.ts';

// The root entry of a bilingual build: each language's first shard.
const ENTRY: PagefindEntry = {
  version: '1.6.0',
  languages: {
    en: { hash: 'en_4728e6ecaf', wasm: 'en', page_count: 551 },
    'zh-hans': { hash: 'zh-hans_7a3c8a7b9a', wasm: null, page_count: 235 },
  },
};

describe('the primary index a page loads', () => {
  it('is the language of <html lang>, compared in lower case', () => {
    expect(primaryLanguageOf(ENTRY, 'en')?.hash).toBe('en_4728e6ecaf');
    expect(primaryLanguageOf(ENTRY, 'zh-Hans')?.hash).toBe('zh-hans_7a3c8a7b9a');
  });

  it('falls back to the primary subtag, then to the language with the most pages', () => {
    expect(primaryLanguageOf(ENTRY, 'en-GB')?.hash).toBe('en_4728e6ecaf');
    expect(primaryLanguageOf(ENTRY, 'fr')?.hash).toBe('en_4728e6ecaf');
    expect(primaryLanguageOf(ENTRY, '')?.hash).toBe('en_4728e6ecaf');
    const chineseFirst = {
      ...ENTRY,
      languages: { ...ENTRY.languages, en: { hash: 'en_1', wasm: 'en', page_count: 3 } },
    };
    expect(primaryLanguageOf(chineseFirst, 'fr')?.hash).toBe('zh-hans_7a3c8a7b9a');
  });

  it('needs its metadata and its WebAssembly, Pagefind\u2019s "unknown" one for a language without its own', () => {
    expect(primaryIndexFiles(ENTRY, 'en')).toEqual(['pagefind.en_4728e6ecaf.pf_meta', 'wasm.en.pagefind']);
    expect(primaryIndexFiles(ENTRY, 'zh-Hans')).toEqual([
      'pagefind.zh-hans_7a3c8a7b9a.pf_meta',
      'wasm.unknown.pagefind',
    ]);
  });

  it('is none for an entry without languages', () => {
    expect(primaryIndexFiles({ version: '1.6.0', languages: {} }, 'en')).toEqual([]);
  });
});
