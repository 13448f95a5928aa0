// The skeleton `npm run new` and the /contribute/ form write must be a valid
// write-up as it stands: schema, whole-corpus check and the MDX guard.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, loadTaxonomy } from '../../src/lib/content/corpus.ts';
import { frontmatterKeyLines } from '../../src/lib/content/corpus.ts';
import { guardWriteUp } from '../../src/lib/write-up/mdx-guard.ts';
import {
  buildSkeleton,
  checkSkeletonInput,
  skeletonPath,
  slugify,
  type SkeletonInput,
} from '../../src/lib/contribute/skeleton.ts';
import { validateExperience } from '../../src/lib/content/validate-experience.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const FIXTURE_ROOT = path.join(PROJECT_ROOT, 'tests/fixtures/site');
const taxonomy = loadTaxonomy(FIXTURE_ROOT).taxonomy!;
const today = '2026-11-27';

const inputs: { id: string; input: SkeletonInput }[] = [
  { id: 'plain', input: { title: 'Plain drill', sector: 'industry', industry: 'mining', lang: 'en', today } },
  {
    id: 'quotes-colons',
    input: {
      title: `Ni Zhifu's "group drill": 3 points, 7 edges # not a comment - {braces} <b>`,
      sector: 'industry',
      industry: 'machine-building',
      lang: 'en',
      summary: 'A summary: with "quotes", a colon, {braces} and <angle> brackets in it.',
      measures: [
        { kind: 'technical', title: 'Regrind: "three points"' },
        { kind: 'organizational', title: '- a dash first' },
      ],
      result: { metric: 'Bits: burned', unit: '%', before: 12, after: 3.5, better: 'lower', dimension: 'cheaper' },
      today,
    },
  },
  {
    id: 'ni-zhifu-zuantou',
    input: {
      title: '倪志福钻头：三尖七刃',
      sector: 'industry',
      industry: 'machine-building',
      lang: 'zh',
      translationOf: 'plain',
      today,
    },
  },
  {
    id: 'yes-no-null',
    input: {
      title: 'yes',
      sector: 'health',
      industry: 'hospitals',
      lang: 'en',
      summary: '- null: true # not a comment, really',
      today,
    },
  },
];

describe('slugify', () => {
  it('makes kebab-case ASCII ids from titles', () => {
    expect(slugify('Ni Zhifu drill')).toBe('ni-zhifu-drill');
    expect(slugify(`Ni Zhifu's "group drill": 3 points, 7 edges`)).toBe('ni-zhifus-group-drill-3-points-7-edges');
    expect(slugify('  Élan — café   crème ')).toBe('elan-cafe-creme');
    expect(slugify('Bykov high-speed cutting')).toBe('bykov-high-speed-cutting');
  });

  it('gives nothing for a title without Latin letters or digits, so an explicit id is required', () => {
    expect(slugify('倪志福钻头')).toBe('');
    expect(
      checkSkeletonInput({
        title: '倪志福钻头',
        id: slugify('倪志福钻头'),
        sector: 'industry',
        industry: 'mining',
        lang: 'zh',
      }),
    ).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it('keeps the Latin part of a mixed title and caps the length at a word boundary', () => {
    expect(slugify('郝建秀 work method')).toBe('work-method');
    const long = slugify('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^word(-word)+$/);
  });
});

describe('the skeleton', () => {
  for (const { id, input } of inputs) {
    it(`is a valid write-up that the MDX guard accepts: ${id}`, () => {
      const file = skeletonPath(input.lang, input.sector, id);
      const source = buildSkeleton(input);
      const validated = validateExperience(file, source, taxonomy);
      expect(validated.problems).toEqual([]);
      expect(validated.data?.title).toBe(input.title);
      expect(validated.data?.status).toBe('draft');
      expect(validated.data?.reviewed.toISOString().slice(0, 10)).toBe(today);
      expect(guardWriteUp(file, source)).toEqual([]);
      expect(source).not.toContain('<!--');
      // No braces or angle brackets in the body: MDX would read them as code or tags.
      expect(validated.body).not.toMatch(/[{}<>]/);
    });
  }

  it('carries the form fields into the frontmatter', () => {
    const data = validateExperience('x.mdx', buildSkeleton(inputs[1]!.input), taxonomy).data!;
    expect(data.summary).toBe(inputs[1]!.input.summary);
    expect(data.measures).toEqual(inputs[1]!.input.measures);
    expect(data.results).toEqual([inputs[1]!.input.result]);
    expect(data.period).toBe('2026');
  });

  it('writes the body outline, in Chinese for a Chinese write-up', () => {
    const en = buildSkeleton(inputs[0]!.input);
    const headings = en.split('\n').filter((line) => line.startsWith('#') && !line.startsWith('# '));
    // The outline of FORMAT.md: nothing the page already renders from the frontmatter
    // (measures, results, adoptions, sources) is asked for again in the body.
    expect(headings).toEqual([
      '## The problem',
      '## The old way',
      '## How it was done',
      '## What is uncertain',
      '## How to adopt it',
      '### Prerequisites',
      '### Steps',
      '### Pitfalls',
    ]);
    const zh = buildSkeleton(inputs[2]!.input);
    expect(zh.split('\n').filter((line) => /^##+ /.test(line))).toEqual([
      '## 问题',
      '## 原来的做法',
      '## 实施经过',
      '## 存疑之处',
      '## 如何推广',
      '### 前提条件',
      '### 步骤',
      '### 注意事项',
    ]);
  });

  it('passes the whole-corpus check together with the write-up it translates', () => {
    const root = path.join(PROJECT_ROOT, 'tests/.tmp/skeleton-corpus');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(path.join(root, 'content'), { recursive: true });
    cpSync(path.join(FIXTURE_ROOT, 'content/sectors.yaml'), path.join(root, 'content/sectors.yaml'));
    for (const { id, input } of inputs) {
      const file = path.join(root, skeletonPath(input.lang, input.sector, id));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, buildSkeleton(input));
    }
    const corpus = loadCorpus(root);
    // No error; each skeleton is a draft, which the check names with its open TODO: count.
    expect(corpus.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(corpus.problems.map(({ severity, field }) => `${severity} ${field}`)).toEqual(
      inputs.map(() => 'warning status'),
    );
    expect(corpus.entries.map((entry) => entry.id).sort()).toEqual(inputs.map(({ id }) => id).sort());
  });

  it('lets the check find the line of every top-level field', () => {
    const source = buildSkeleton(inputs[0]!.input);
    const lines = source.split('\n');
    const keyLines = frontmatterKeyLines(source);
    expect(lines[keyLines.title! - 1]).toMatch(/^title: /);
    expect(lines[keyLines.related! - 1]).toMatch(/^related: /);
  });
});
