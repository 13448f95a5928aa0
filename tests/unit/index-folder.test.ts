// Placing the search index into dist/pagefind/ (src/integrations/index-folder.ts):
// folders already linked from their cached index stay, everything else is placed
// afresh or deleted, so the folder always holds exactly this build's index.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { placeIndex, type IndexBundle } from '../../src/integrations/index-folder.ts';

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'index-folder-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A cached index as a Pagefind run leaves it: entry, metadata, chunk folders, runtime. */
function cachedIndex(name: string, fragments: string[]): string {
  const folder = path.join(work, 'cache', name);
  for (const sub of ['fragment', 'index', 'filter']) mkdirSync(path.join(folder, sub), { recursive: true });
  writeFileSync(path.join(folder, 'pagefind-entry.json'), `{"name":"${name}"}`);
  writeFileSync(path.join(folder, `pagefind.${name}.pf_meta`), name);
  writeFileSync(path.join(folder, 'pagefind.js'), 'runtime');
  for (const fragment of fragments) writeFileSync(path.join(folder, 'fragment', `${fragment}.pf_fragment`), fragment);
  writeFileSync(path.join(folder, 'index', `${name}.pf_index`), name);
  return folder;
}

const indexOnly = (name: string) => name !== 'pagefind.js';
const everything = () => true;
/** Every file below `folder`, relative, sorted. */
const filesIn = (folder: string) =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
const changeTime = (file: string) => statSync(file).ctimeMs;

describe('placing the search index', () => {
  let dist: string;
  let bundles: IndexBundle[];
  beforeEach(() => {
    dist = path.join(work, 'dist/pagefind');
    bundles = [
      { folder: '', source: cachedIndex('root', ['a', 'b']), include: everything },
      { folder: 'en/en-one-1of2/', source: cachedIndex('one', ['c']), include: indexOnly },
      { folder: 'en/en-two-1of1/', source: cachedIndex('two', ['d', 'e']), include: indexOnly },
    ];
  });

  it('links every bundle at its folder, the root with the runtime, the others without', () => {
    expect(placeIndex(dist, bundles)).toBe(0);
    expect(filesIn(dist)).toEqual([
      'en/en-one-1of2/fragment/c.pf_fragment',
      'en/en-one-1of2/index/one.pf_index',
      'en/en-one-1of2/pagefind-entry.json',
      'en/en-one-1of2/pagefind.one.pf_meta',
      'en/en-two-1of1/fragment/d.pf_fragment',
      'en/en-two-1of1/fragment/e.pf_fragment',
      'en/en-two-1of1/index/two.pf_index',
      'en/en-two-1of1/pagefind-entry.json',
      'en/en-two-1of1/pagefind.two.pf_meta',
      'fragment/a.pf_fragment',
      'fragment/b.pf_fragment',
      'index/root.pf_index',
      'pagefind-entry.json',
      'pagefind.js',
      'pagefind.root.pf_meta',
    ]);
    const linked = path.join(dist, 'en/en-two-1of1/fragment/d.pf_fragment');
    expect(statSync(linked).ino).toBe(statSync(path.join(bundles[2]!.source, 'fragment/d.pf_fragment')).ino);
  });

  it('leaves a folder linked from the same index alone, and places a changed one afresh', () => {
    placeIndex(dist, bundles);
    const keptFile = path.join(dist, 'en/en-two-1of1/fragment/d.pf_fragment');
    const keptSince = changeTime(keptFile);
    // The first English shard changed: a new cached index under a new key.
    bundles[1] = { ...bundles[1]!, source: cachedIndex('one-again', ['c2']) };
    expect(placeIndex(dist, bundles)).toBe(1);
    // Linking a file again would have changed its inode's change time.
    expect(changeTime(keptFile)).toBe(keptSince);
    expect(filesIn(path.join(dist, 'en/en-one-1of2'))).toEqual([
      'fragment/c2.pf_fragment',
      'index/one-again.pf_index',
      'pagefind-entry.json',
      'pagefind.one-again.pf_meta',
    ]);
  });

  it('deletes what no bundle holds: an old shard folder, an old language, the old root files', () => {
    placeIndex(dist, bundles);
    mkdirSync(path.join(dist, 'fr/fr-one-1of1'), { recursive: true });
    writeFileSync(path.join(dist, 'fr/fr-one-1of1/pagefind-entry.json'), '{}');
    writeFileSync(path.join(dist, 'shards-en.json'), '{}');
    bundles[0] = { ...bundles[0]!, source: cachedIndex('root-again', ['a']) };
    placeIndex(dist, bundles.slice(0, 2));
    expect(existsSync(path.join(dist, 'en/en-two-1of1'))).toBe(false);
    expect(existsSync(path.join(dist, 'fr'))).toBe(false);
    expect(existsSync(path.join(dist, 'shards-en.json'))).toBe(false);
    expect(filesIn(dist).filter((file) => !file.startsWith('en/'))).toEqual([
      'fragment/a.pf_fragment',
      'index/root-again.pf_index',
      'pagefind-entry.json',
      'pagefind.js',
      'pagefind.root-again.pf_meta',
    ]);
  });

  it('places again a folder that lost a file, or holds copies rather than links', () => {
    placeIndex(dist, bundles);
    rmSync(path.join(dist, 'en/en-two-1of1/fragment/e.pf_fragment'));
    rmSync(path.join(dist, 'en/en-one-1of2'), { recursive: true });
    cpSync(path.join(bundles[1]!.source), path.join(dist, 'en/en-one-1of2'), { recursive: true });
    expect(placeIndex(dist, bundles)).toBe(0);
    expect(filesIn(path.join(dist, 'en/en-two-1of1/fragment'))).toEqual(['d.pf_fragment', 'e.pf_fragment']);
    // The copy's runtime file, which the bundle leaves out, went with it.
    expect(existsSync(path.join(dist, 'en/en-one-1of2/pagefind.js'))).toBe(false);
  });

  it('removes the folder when there is no index', () => {
    placeIndex(dist, bundles);
    expect(placeIndex(dist, [])).toBe(0);
    expect(existsSync(dist)).toBe(false);
  });
});
