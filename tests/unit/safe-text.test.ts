// src/lib/content/safe-text.ts: what is printed inert, what content may not contain, and
// values printed without ever throwing.
import { describe, expect, it } from 'vitest';
import { inert, lineAndColumn, printable, unsafeCharacter, unsafeStrings } from '../../src/lib/content/safe-text.ts';

describe('inert', () => {
  it('writes every control, bidi and invisible separator as an escape, and keeps ordinary text', () => {
    expect(inert('a\u001b[2Jb\nc\td\r\u0085\u009b\u202e\u2066\u2028\ufffe')).toBe(
      'a\\u001B[2Jb\\nc\\td\\r\\u0085\\u009B\\u202E\\u2066\\u2028\\uFFFE',
    );
    expect(inert('钻头 😀 café – “quotes”')).toBe('钻头 😀 café – “quotes”');
    expect(inert('\ud800 lone')).toBe('\\uD800 lone');
    expect(inert('\u{1FFFE}')).toBe('\\u{1FFFE}');
  });
});

describe('unsafeCharacter', () => {
  it('finds C0 and C1 controls, non-characters and lone surrogates, not tabs, newlines or emoji', () => {
    expect(unsafeCharacter('fine\ttext\nwith 😀 and 钻头')).toBeUndefined();
    expect(unsafeCharacter('x\u0000')).toMatchObject({ index: 1, codePoint: 'U+0000', name: 'a control character' });
    expect(unsafeCharacter('\u001b')).toMatchObject({ name: 'an escape character (ESC)' });
    expect(unsafeCharacter('\u0085')).toMatchObject({ name: 'a C1 control character' });
    expect(unsafeCharacter('\ufdd0')).toMatchObject({ name: 'a Unicode non-character' });
    expect(unsafeCharacter('\ud800x')).toMatchObject({ name: 'a lone surrogate' });
  });

  it('allows CRLF where asked, never a lone CR, and no line break where lines are not allowed', () => {
    expect(unsafeCharacter('a\r\nb', { allowCarriageReturn: true })).toBeUndefined();
    expect(unsafeCharacter('a\rb', { allowCarriageReturn: true })).toMatchObject({ index: 1 });
    expect(unsafeCharacter('a\r\nb')).toMatchObject({ index: 1 });
    expect(unsafeCharacter('a\nb', { newlines: false })).toMatchObject({ index: 1, name: 'a line break' });
  });

  it('counts lines at LF, CRLF and lone CR', () => {
    expect(lineAndColumn('a\nb\r\nc\rd', 7)).toEqual({ line: 4, column: 1 });
  });
});

describe('unsafeStrings and printable', () => {
  it('walks keys and values, cyclic data included, with the path to each', () => {
    const data: Record<string, unknown> = { ok: 'x', list: ['fine', 'bad\u0007'], 'key\nbreak': 1 };
    data.self = data;
    const found = unsafeStrings(data).map((item) => [item.path, item.inKey]);
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining([
        [['list', 1], false],
        [['key\nbreak'], true],
      ]),
    );
  });

  it('prints any value, never throwing, short and inert', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(printable(cyclic)).toBe('{"self":"[repeated]"}');
    expect(printable('\u001b[2J')).toBe('"\\u001b[2J"');
    expect(printable('x'.repeat(200))).toHaveLength(80);
    expect(printable(undefined)).toBe('nothing');
  });
});
