// Each write-up's own check results are kept between builds, keyed by its bytes
// and by the checking code and taxonomy; whole-corpus checks still run each time.
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/lib/content/corpus.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';
import { withField, writeUpSource } from '../helpers/write-up.ts';

const dir = 'content/experiences/en/industry';

function project(name: string) {
  const root = path.join(PROJECT_ROOT, 'tests/.tmp/check-cache', name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, dir), { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/site/content/sectors.yaml'), path.join(root, 'content/sectors.yaml'));
  writeFileSync(path.join(root, dir, 'good.mdx'), writeUpSource());
  writeFileSync(path.join(root, dir, 'untitled.mdx'), writeUpSource(withField('title', undefined)));
  const checkCacheFile = path.join(root, '.astro/cache/content-check.v8');
  // Each call adds a file, so the in-process memo of loadCorpus never answers instead of the cache.
  let added = 0;
  const load = () => {
    writeFileSync(path.join(root, dir, `extra-${(added += 1)}.mdx`), writeUpSource());
    return loadCorpus(root, { checkCacheFile });
  };
  /** Rewrites the stored result of one file, to see whether the next load takes it from the cache. */
  const tamper = (file: string, message: string) => {
    const stored = deserialize(readFileSync(checkCacheFile)) as {
      checks: [string, { validated: { problems: { message: string }[] } }][];
    };
    for (const [key, check] of stored.checks)
      if (key.startsWith(`${dir}/${file}\0`)) check.validated.problems[0]!.message = message;
    writeFileSync(checkCacheFile, serialize(stored));
  };
  return { root, load, tamper };
}

const messages = (corpus: ReturnType<typeof loadCorpus>) => corpus.problems.map(formatProblem).join('\n');

describe('the per-file check cache', () => {
  it('gives the same problems and entries as checking every file', () => {
    const { load } = project('same');
    const first = load();
    const second = load();
    expect(messages(second)).toBe(messages(first));
    expect(second.entries.map((entry) => entry.id)).toEqual(['extra-1', 'extra-2', 'good']);
    expect(second.entries.find((entry) => entry.id === 'good')?.body).toContain('The problem');
  });

  it('reuses an unchanged file’s result, and checks a changed file again', () => {
    const { root, load, tamper } = project('reuse');
    expect(messages(load())).toContain('untitled.mdx:2:1  title  is required');
    tamper('untitled.mdx', 'FROM THE CACHE');
    expect(messages(load())).toContain('FROM THE CACHE');
    appendFileSync(path.join(root, dir, 'untitled.mdx'), '\nOne more line.\n');
    expect(messages(load())).not.toContain('FROM THE CACHE');
  });

  it('checks every file again when the taxonomy changes', () => {
    const { root, load, tamper } = project('taxonomy');
    load();
    tamper('untitled.mdx', 'FROM THE CACHE');
    appendFileSync(path.join(root, 'content/sectors.yaml'), '\n# a comment changes the bytes\n');
    expect(messages(load())).not.toContain('FROM THE CACHE');
  });
});
