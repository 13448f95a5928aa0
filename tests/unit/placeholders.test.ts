import { describe, expect, it } from 'vitest';
import { dictionaries, translate } from '../../src/lib/i18n/i18n.ts';
import { fillTemplate, splitPlaceholders } from '../../src/lib/i18n/placeholders.ts';
import { describeProblem } from '../../src/lib/contribute/proposal.ts';

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

describe('fillTemplate', () => {
  it('fills {name} placeholders in the order of the language and keeps unknown ones', () => {
    expect(fillTemplate('{n} write-ups match "{q}"', { n: 3, q: 'drill' })).toBe('3 write-ups match "drill"');
    expect(fillTemplate('与“{q}”匹配的{n}篇', { q: '钻头', n: 0 })).toBe('与“钻头”匹配的0篇');
    expect(fillTemplate('Between {min} and {max}', { min: 8 })).toBe('Between 8 and {max}');
    expect(fillTemplate('No values: {n}')).toBe('No values: {n}');
  });

  it('reads only the values given, not properties every object inherits', () => {
    expect(fillTemplate('{constructor} {toString}', {})).toBe('{constructor} {toString}');
  });

  it('is what translate() and the contribute form messages use', () => {
    expect(translate('en', 'contribute.error.title', { min: 8, max: 120 })).toBe(
      'The title needs 8 to 120 characters.',
    );
    expect(
      describeProblem({ field: 'title', key: 'contribute.error.title', values: { min: 8, max: 120 } }, dictionaries.zh),
    ).toBe('标题需要 8 到 120 个字。');
  });
});
