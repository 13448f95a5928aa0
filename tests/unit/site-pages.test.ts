// The trusted pages' glob (src/lib/site-pages.ts, used by src/content.config.ts): resolved
// the way Astro's glob loader resolves it (new URL(base, root), then tinyglobby with the
// base as cwd), it cannot reach content/, where contributors' write-ups live.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { SITE_PAGES_DIR, SITE_PAGES_PATTERN, sitePagesBase } from '../../src/lib/site-pages.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

/** The base directory exactly as astro/loaders glob() computes it from `base: ./${SITE_PAGES_DIR}`. */
const astroBase = (root: string) => fileURLToPath(new URL(`./${SITE_PAGES_DIR}`, pathToFileURL(`${root}/`)));
const inside = (folder: string, file: string) => {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

describe('the trusted pages folder', () => {
  it('lies outside content/, and content/ lies outside it', () => {
    const base = astroBase(PROJECT_ROOT);
    const content = path.join(PROJECT_ROOT, 'content');
    expect(sitePagesBase(PROJECT_ROOT)).toBe(path.resolve(base));
    expect(inside(content, base)).toBe(false);
    expect(inside(base, content)).toBe(false);
  });

  it('has a pattern that is relative, one folder deep and cannot climb out', () => {
    expect(path.isAbsolute(SITE_PAGES_PATTERN)).toBe(false);
    expect(SITE_PAGES_PATTERN).not.toContain('..');
    expect(SITE_PAGES_PATTERN).not.toContain('**');
  });

  it('matches the maintainers’ pages in this project and nothing else', async () => {
    const files = await glob(SITE_PAGES_PATTERN, { cwd: astroBase(PROJECT_ROOT) });
    expect(files.sort()).toEqual([
      'en/about.mdx',
      'en/contribute-guide.mdx',
      'zh/about.mdx',
      'zh/contribute-guide.mdx',
    ]);
  });

  it('finds none of the .mdx files put under content/, even at the same relative paths', async () => {
    const root = path.join(PROJECT_ROOT, 'tests/.tmp/site-pages-unit');
    rmSync(root, { recursive: true, force: true });
    const files = [
      'content/en/about.mdx',
      'content/zh/contribute-guide.mdx',
      'content/experiences/en/about.mdx',
      'content/experiences/en/industry/drill.mdx',
      'content/pages/en/about.mdx',
      'src/content/pages/en/about.mdx',
      'src/content/pages/en/nested/deep.mdx',
      'src/content/pages/fr/about.mdx',
    ];
    for (const file of files) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), '# page\n');
    }
    const base = astroBase(root);
    const found = (await glob(SITE_PAGES_PATTERN, { cwd: base, absolute: true })).map((file) =>
      path.relative(root, file).split(path.sep).join('/'),
    );
    expect(found).toEqual(['src/content/pages/en/about.mdx']);
  });
});
