import { describe, expect, it } from 'vitest';
import { entryId, entryIdParts, writeUpPath } from '../../src/lib/content/paths.ts';
import { writeUpEntryId } from '../../src/loaders/write-ups.ts';

describe('writeUpPath', () => {
  it('takes a write-up path apart into language, sector and id', () => {
    expect(writeUpPath('content/experiences/en/industry/ni-zhifu-drill.mdx')).toEqual({
      lang: 'en',
      sector: 'industry',
      id: 'ni-zhifu-drill',
    });
    expect(writeUpPath('content/experiences/zh/agriculture/a.b.mdx')).toEqual({
      lang: 'zh',
      sector: 'agriculture',
      id: 'a.b',
    });
  });

  it('returns values as written: checking them against the languages and the taxonomy is not its job', () => {
    expect(writeUpPath('content/experiences/fr/nowhere/x.mdx')).toEqual({ lang: 'fr', sector: 'nowhere', id: 'x' });
  });

  it('refuses anything not exactly <lang>/<sector>/<id>.mdx under content/experiences', () => {
    for (const file of [
      'content/experiences/en/ni-zhifu-drill.mdx',
      'content/experiences/en/industry/deeper/ni-zhifu-drill.mdx',
      'content/experiences/en/industry/ni-zhifu-drill.md',
      'content/experiences/en/industry/.mdx',
      'content/experiences/en//ni-zhifu-drill.mdx',
      'content/experiences//industry/ni-zhifu-drill.mdx',
      'content/other/en/industry/ni-zhifu-drill.mdx',
      'src/content/experiences/en/industry/ni-zhifu-drill.mdx',
      'content/experiencesX/en/industry/ni-zhifu-drill.mdx',
    ]) {
      expect(writeUpPath(file), file).toBeUndefined();
    }
  });
});

describe('collection entry ids', () => {
  it('are "<lang>/<id>", and entryIdParts reads them back', () => {
    expect(entryId({ lang: 'zh', id: 'ni-zhifu-drill' })).toBe('zh/ni-zhifu-drill');
    expect(entryIdParts('zh/ni-zhifu-drill')).toEqual({ lang: 'zh', id: 'ni-zhifu-drill' });
  });

  it('the loader names a write-up by language and id, a file out of place by its path', () => {
    expect(writeUpEntryId('content/experiences/en/industry/ni-zhifu-drill.mdx')).toBe('en/ni-zhifu-drill');
    expect(writeUpEntryId('content/experiences/en/ni-zhifu-drill.mdx')).toBe(
      'content/experiences/en/ni-zhifu-drill.mdx',
    );
  });
});
