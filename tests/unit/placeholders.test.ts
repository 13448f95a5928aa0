import { describe, expect, it } from 'vitest';
import { splitPlaceholders } from '../../src/lib/placeholders.ts';

describe('splitPlaceholders', () => {
  it('cuts a UI string into text and named slots, in the order of the language', () => {
    expect(splitPlaceholders('You can still {file} by hand, following the {guide}.')).toEqual([
      { text: 'You can still ' },
      { slot: 'file' },
      { text: ' by hand, following the ' },
      { slot: 'guide' },
      { text: '.' },
    ]);
    expect(splitPlaceholders('你仍然可以按照{guide}，手动{file}。')).toEqual([
      { text: '你仍然可以按照' },
      { slot: 'guide' },
      { text: '，手动' },
      { slot: 'file' },
      { text: '。' },
    ]);
  });

  it('keeps a string without placeholders whole, and braces that are not placeholders as text', () => {
    expect(splitPlaceholders('Copied.')).toEqual([{ text: 'Copied.' }]);
    expect(splitPlaceholders('{term}{text}')).toEqual([{ slot: 'term' }, { slot: 'text' }]);
    expect(splitPlaceholders('a { b } c')).toEqual([{ text: 'a { b } c' }]);
  });
});
