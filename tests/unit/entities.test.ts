import { describe, expect, it } from 'vitest';
import { decodeCharacterReferences } from '../../src/lib/search/entities.ts';
import { urlScheme } from '../../src/lib/write-up/mdx-guard.ts';
import { excerptParts } from '../../src/lib/search/search-state.ts';

describe('decodeCharacterReferences', () => {
  it('decodes numeric references, with or without ";", as a browser does', () => {
    expect(decodeCharacterReferences('jav&#x61;script&#58;x &#106')).toBe('javascript:x j');
    expect(decodeCharacterReferences('&#0; &#xD800; &#x110000;')).toBe('\ufffd \ufffd \ufffd');
  });

  it('decodes the named references Pagefind writes and those that spell an address', () => {
    expect(decodeCharacterReferences('&lt;b&gt; &amp; &quot;x&quot; &apos;y&apos;&nbsp;z')).toBe(
      '<b> & "x" \'y\'\u00a0z',
    );
    expect(decodeCharacterReferences('javascript&colon;&sol;&sol;x&lpar;1&rpar;')).toBe('javascript://x(1)');
    expect(decodeCharacterReferences('&copy; &ampersand')).toBe('&copy; &ampersand');
  });

  it('decodes once, so an encoded reference stays a reference', () => {
    expect(decodeCharacterReferences('&amp;lt;script&amp;gt;')).toBe('&lt;script&gt;');
  });

  it('is the decoder of both the MDX guard and the search excerpts', () => {
    expect(urlScheme('&#x6A;avascript&colon;x')).toBe('javascript');
    expect(excerptParts('&lt;b&gt; <mark>&#x61;</mark>')).toEqual([
      { text: '<b> ', marked: false },
      { text: 'a', marked: true },
    ]);
  });
});
