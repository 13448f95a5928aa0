// How the build splits its pages into one Pagefind run per language.
import { describe, expect, it } from 'vitest';
import { globFor, pagesByLocale } from '../../src/integrations/search-index.ts';

describe('pages by locale', () => {
  it('puts pages under a locale prefix in that locale, and everything else in the default', () => {
    const groups = pagesByLocale(
      ['index.html', 'experiences/a/index.html', 'zh/index.html', 'zh/experiences/a/index.html', 'zhou/index.html'],
      ['zh'],
    );
    expect(Object.fromEntries(groups)).toEqual({
      '': ['index.html', 'experiences/a/index.html', 'zhou/index.html'],
      zh: ['zh/index.html', 'zh/experiences/a/index.html'],
    });
  });
});

describe('the glob for a group', () => {
  it('names top-level files and whole top-level folders, once each', () => {
    expect(globFor(['index.html', '404.html', 'experiences/a/index.html', 'experiences/b/index.html'])).toBe(
      '{index.html,404.html,experiences/**/*.html}',
    );
    expect(globFor(['zh/index.html', 'zh/experiences/a/index.html'])).toBe('zh/**/*.html');
  });
});
