// The project's own write-ups follow the forms of issue 14 (CONTRIBUTING.md): the body
// outline without Results or Sources sections (the page renders those from the
// header), structured sources a reader can follow, and honest adoptions.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/lib/content/corpus.ts';

const corpus = loadCorpus(process.cwd());

describe('the shipped write-ups', () => {
  it('load without errors', () => {
    expect(corpus.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(corpus.entries.length).toBeGreaterThanOrEqual(19);
  });

  it.each(corpus.entries.map((entry) => [entry.file, entry] as const))(
    '%s has no Results or Sources section and the new headings',
    (_file, entry) => {
      const headings = entry.body.match(/^## .+$/gm) ?? [];
      expect(headings).not.toContainEqual(
        expect.stringMatching(/^## (Results|Sources|What changed|成效|资料来源|采取的措施)$/),
      );
      expect(headings).toContain(entry.lang === 'zh' ? '## 存疑之处' : '## What is uncertain');
    },
  );

  it('cite no source that only points at the project itself under another kind', () => {
    for (const entry of corpus.entries) {
      for (const source of entry.data.sources) {
        if (source.kind !== 'notes') expect(source.title, entry.file).not.toMatch(/Pacesetter|资料笔记/);
        if (source.kind !== 'notes') expect(source.author ?? source.publisher, entry.file).toBeDefined();
      }
    }
  });

  it('do not count an order to spread the Hao Jianxiu method as an adoption', () => {
    for (const entry of corpus.entries.filter((candidate) => candidate.id === 'hao-jianxiu-work-method')) {
      expect(entry.data.adoptions).toEqual([]);
    }
  });
});
