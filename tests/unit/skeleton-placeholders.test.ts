import { describe, expect, it } from 'vitest';
import { checkPlaceholders } from '../../src/lib/content/corpus.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { buildSkeleton } from '../../src/lib/contribute/skeleton.ts';

const FILE = 'content/experiences/en/industry/new-drill.mdx';
const skeleton = buildSkeleton({
  title: 'New drill',
  sector: 'industry',
  industry: 'machine-building',
  lang: 'en',
  today: '2026-11-26',
});

describe('scaffolder placeholders', () => {
  it('are fine in a draft', () => {
    expect(checkPlaceholders(FILE, skeleton, 'draft')).toEqual([]);
  });

  it('are refused in a published write-up, each with its line', () => {
    const problems = checkPlaceholders(FILE, skeleton, 'published');
    const lines = skeleton.split('\n');
    expect(problems.length).toBeGreaterThan(5);
    for (const problem of problems) expect(lines[problem.line! - 1]).toContain('TODO:');
    expect(formatProblem(problems[0]!)).toMatch(
      /^content\/experiences\/en\/industry\/new-drill\.mdx:\d+:\d+  placeholder  a published write-up still has a TODO: placeholder from the scaffolder \(got "/,
    );
  });
});
