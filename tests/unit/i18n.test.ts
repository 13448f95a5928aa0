import { describe, expect, it } from 'vitest';
import { countLabel, dictionaries, translate } from '../../src/lib/i18n/i18n.ts';
import { counterpartPath } from '../../src/lib/urls.ts';

describe('UI dictionaries', () => {
  it('have the same keys in every language, none empty', () => {
    const english = Object.keys(dictionaries.en).sort();
    for (const [lang, dictionary] of Object.entries(dictionaries)) {
      expect(Object.keys(dictionary).sort(), lang).toEqual(english);
      for (const [key, value] of Object.entries(dictionary)) expect(value.trim(), `${lang}:${key}`).not.toBe('');
    }
  });

  it('keep the same placeholders in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(dictionaries.en) as (keyof typeof dictionaries.en)[]) {
      expect(placeholders(dictionaries.zh[key]), key).toEqual(placeholders(dictionaries.en[key]));
    }
  });

  it('fills placeholders and counts', () => {
    expect(translate('en', 'count.writeUps', { n: 3 })).toBe('3 write-ups');
    expect(countLabel('zh', 1, 'count.writeUp', 'count.writeUps')).toBe('1 篇经验');
    expect(countLabel('en', 0, 'count.writeUp', 'count.writeUps', 'count.none')).toBe('no write-ups yet');
  });
});

describe('counterpart pages', () => {
  it('maps every English path to its Chinese twin and back', () => {
    expect(counterpartPath('/', 'en')).toBe('/zh/');
    expect(counterpartPath('/sectors/health/', 'en')).toBe('/zh/sectors/health/');
    expect(counterpartPath('/zh/', 'zh')).toBe('/');
    expect(counterpartPath('/zh/sectors/health/', 'zh')).toBe('/sectors/health/');
  });

  it('does not mistake a path that merely starts with "zh" for the prefix', () => {
    expect(counterpartPath('/zhuang/', 'zh')).toBe('/zhuang/');
  });
});
