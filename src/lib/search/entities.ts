// HTML character references (`&amp;`, `&#x61;`, `&colon;`) decoded to text. One
// decoder for two jobs: the MDX guard reads an address the way a browser would
// (so "jav&#x61;script&colon;" is javascript:), and the search page turns
// Pagefind's entity-encoded excerpts into text nodes instead of using innerHTML.
// Pure and import-free: it is bundled into the search page's script.

/**
 * The named references that matter to either job: the ones Pagefind writes, and
 * the ones that can spell a scheme or a path in an address. Others stay as written.
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  lpar: '(',
  rpar: ')',
};

/**
 * Decodes numeric and the NAMED references in one pass, so "&amp;lt;" becomes
 * "&lt;", not "<". The ";" is optional, as browsers accept "&#106" in
 * attributes; Pagefind always writes it. Like a browser, a number that is no
 * character (0, a surrogate, beyond U+10FFFF) becomes U+FFFD.
 */
export function decodeCharacterReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, reference: string) => {
    if (reference[0] === '#') {
      const code =
        reference[1] === 'x' || reference[1] === 'X'
          ? Number.parseInt(reference.slice(2), 16)
          : Number.parseInt(reference.slice(1), 10);
      const isCharacter = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return isCharacter ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[reference.toLowerCase()] ?? whole;
  });
}
