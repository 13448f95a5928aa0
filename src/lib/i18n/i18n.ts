// UI strings, one typed dictionary per language (en.ts, zh.ts). The Chinese dictionary must have
// every key of the English one (the type says so, and a unit test checks at runtime).
import type { Lang } from '../../schema/experience.ts';
import { fillTemplate } from './placeholders.ts';
import { en } from './en.ts';
import { zh } from './zh.ts';

export type StringKey = keyof typeof en;
export type Dictionary = Record<StringKey, string>;

export const dictionaries: Record<Lang, Dictionary> = { en, zh };

/** Looks up a UI string; `{name}` placeholders are filled from `values`. */
export function translate(lang: Lang, key: StringKey, values: Record<string, string | number> = {}): string {
  return fillTemplate(dictionaries[lang][key], values);
}

export function countLabel(lang: Lang, n: number, one: StringKey, many: StringKey, none?: StringKey): string {
  if (n === 0 && none) return translate(lang, none);
  return n === 1 ? translate(lang, one) : translate(lang, many, { n });
}

/** The value for `<html lang>`: Chinese pages are Simplified Chinese. */
export const htmlLang = (lang: Lang) => (lang === 'zh' ? 'zh-Hans' : 'en');
