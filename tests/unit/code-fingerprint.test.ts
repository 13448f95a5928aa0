// The code fingerprint keys every cache that outlives a build (the check cache, the
// loader's digests and rendered bodies, and through them the incremental-build keys):
// it must change with any code that turns content into results, and only with that.
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeFingerprint } from '../../src/lib/content/code-fingerprint.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const FILES = [
  'src/lib/write-up/render-write-up.ts',
  'src/schema/experience.ts',
  'src/loaders/write-ups.ts',
  'src/content.config.ts',
  'package-lock.json',
  'content/sectors.yaml',
  'src/pages/index.astro',
  'src/components/pages/HomePage.astro',
];

function project(): string {
  const root = path.join(PROJECT_ROOT, 'tests/.tmp/code-fingerprint');
  rmSync(root, { recursive: true, force: true });
  for (const file of FILES) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), `// ${file}\n`);
  }
  return root;
}

describe('codeFingerprint', () => {
  it.each([
    'src/lib/write-up/render-write-up.ts',
    'src/schema/experience.ts',
    // The loader validates and renders every entry: an edit to it must re-render them all.
    'src/loaders/write-ups.ts',
    // The collection's schema is wired there.
    'src/content.config.ts',
    'package-lock.json',
  ])('changes when %s changes', (file) => {
    const root = project();
    const before = codeFingerprint(root);
    appendFileSync(path.join(root, file), '// edited\n');
    expect(codeFingerprint(root)).not.toBe(before);
  });

  it('changes when a new file appears in src/loaders', () => {
    const root = project();
    const before = codeFingerprint(root);
    writeFileSync(path.join(root, 'src/loaders/helper.ts'), 'export {};\n');
    expect(codeFingerprint(root)).not.toBe(before);
  });

  it('covers extra files only when asked to', () => {
    const root = project();
    const plain = codeFingerprint(root);
    const withTaxonomy = codeFingerprint(root, ['content/sectors.yaml']);
    appendFileSync(path.join(root, 'content/sectors.yaml'), '# edited\n');
    expect(codeFingerprint(root)).toBe(plain);
    expect(codeFingerprint(root, ['content/sectors.yaml'])).not.toBe(withTaxonomy);
  });

  it('does not change with page code, which no stored entry depends on', () => {
    const root = project();
    const before = codeFingerprint(root);
    appendFileSync(path.join(root, 'src/pages/index.astro'), '<!-- edited -->\n');
    appendFileSync(path.join(root, 'src/components/pages/HomePage.astro'), '<!-- edited -->\n');
    expect(codeFingerprint(root)).toBe(before);
  });
});
