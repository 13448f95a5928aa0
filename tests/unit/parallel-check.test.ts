// The content check's per-file part in worker threads (src/lib/content/parallel-check.ts):
// it only fills the check cache and the frontmatter handoff, so the corpus loaded
// afterwards is the one a single thread gives, problems and their order included.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, openCheckCache } from '../../src/lib/content/corpus.ts';
import { createFrontmatterHandoff } from '../../src/lib/content/frontmatter-handoff.ts';
import { checkInWorkers, MIN_FILES_FOR_WORKERS } from '../../src/lib/content/parallel-check.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';
import { validFrontmatter, withField, writeUpSource } from '../helpers/write-up.ts';

const dir = 'content/experiences/en/industry';

/** A project with `count` write-ups; every tenth has no title, one has code in its body. */
function project(name: string, count: number) {
  const root = path.join(PROJECT_ROOT, 'tests/.tmp/parallel-check', name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, dir), { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/site/content/sectors.yaml'), path.join(root, 'content/sectors.yaml'));
  for (let index = 0; index < count; index += 1) {
    const frontmatter =
      index % 10 === 3 ? withField('title', undefined) : { ...validFrontmatter(), title: `Write-up ${index}` };
    const body = index === 7 ? '## The problem\n\n<script>alert(1)</script>\n' : undefined;
    writeFileSync(path.join(root, dir, `write-up-${index}.mdx`), writeUpSource(frontmatter, body));
  }
  return root;
}

const report = (corpus: ReturnType<typeof loadCorpus>) => ({
  problems: corpus.problems.map(formatProblem),
  entries: corpus.entries.map((entry) => [entry.id, entry.data.title, entry.body]),
});

describe('checking write-ups in worker threads', () => {
  const count = MIN_FILES_FOR_WORKERS + 20;
  // Checking 1,000 files and starting workers: seconds, more when the unit tests share the cores.
  const timeout = 60_000;

  it(
    'gives the corpus that one thread gives, and hands the valid files’ frontmatter on',
    async () => {
      // Two copies: loadCorpus remembers a corpus per root within a process.
      const alone = report(loadCorpus(project('alone', count)));
      const root = project('workers', count);
      const cache = openCheckCache(root, path.join(root, '.astro/cache/content-check.v8'));
      const handoff = createFrontmatterHandoff();
      const checked = await checkInWorkers(root, cache, handoff, 2);
      expect(checked.length).toBe(count);
      // The guard's verdict travels with each file (the early render skips a second run of it):
      // only the body with a script was refused; a missing title is not the guard's business.
      expect(checked.filter((item) => !item.guarded).map((item) => path.basename(item.file))).toEqual([
        'write-up-7.mdx',
      ]);
      expect(report(loadCorpus(root, { checkCache: cache }))).toEqual(alone);
      expect(alone.problems.some((line) => line.includes('write-up-3.mdx') && line.includes('title'))).toBe(true);
      expect(alone.problems.some((line) => line.includes('write-up-7.mdx'))).toBe(true);
      // The files without errors in their frontmatter (all but every tenth) were handed on; the rest were not.
      const source = (index: number) => writeUpSource({ ...validFrontmatter(), title: `Write-up ${index}` });
      expect(handoff.take(source(0))?.data).toMatchObject({ title: 'Write-up 0' });
      expect(handoff.take(writeUpSource(withField('title', undefined)))).toBeUndefined();
    },
    timeout,
  );

  it(
    'leaves a few files, or files the cache knows, to the one-thread check',
    async () => {
      const root = project('few', 20);
      const cache = openCheckCache(root, path.join(root, '.astro/cache/content-check.v8'));
      expect(await checkInWorkers(root, cache, undefined, 2)).toEqual([]);
      const many = project('known', count);
      const file = path.join(many, '.astro/cache/content-check.v8');
      loadCorpus(many, { checkCacheFile: file });
      expect(await checkInWorkers(many, openCheckCache(many, file), undefined, 2)).toEqual([]);
    },
    timeout,
  );
});
