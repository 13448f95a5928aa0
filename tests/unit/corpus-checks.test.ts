// The whole-corpus check (`npm run check`): every kind of problem, several at once,
// each with the file and, where there is one, the line.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/lib/content/corpus.ts';
import { findLikelyDuplicates, titleSimilarity, type TitledEntry } from '../../src/lib/content/duplicates.ts';
import { formatGithubAnnotation, formatProblem, type ContentProblem } from '../../src/lib/content/problems.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';
import { validFrontmatter, withField, writeUpSource } from '../helpers/write-up.ts';

const TAXONOMY = path.join(PROJECT_ROOT, 'tests/fixtures/site/content/sectors.yaml');

/** A project root under tests/.tmp/ holding the fixture taxonomy and the given files. */
function corpusOf(name: string, files: Record<string, string>) {
  const root = path.join(PROJECT_ROOT, 'tests/.tmp/check-unit', name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'content'), { recursive: true });
  cpSync(TAXONOMY, path.join(root, 'content/sectors.yaml'));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  return loadCorpus(root);
}

const at = (problems: ContentProblem[], file: string) => problems.filter((problem) => problem.file === file);
const lineOf = (source: string, prefix: string) => source.split('\n').findIndex((line) => line.startsWith(prefix)) + 1;
const dir = 'content/experiences/en/industry';

describe('npm run check: one kind of problem at a time', () => {
  it('accepts a valid write-up', () => {
    const corpus = corpusOf('valid', { [`${dir}/good.mdx`]: writeUpSource() });
    expect(corpus.problems).toEqual([]);
    expect(corpus.entries).toHaveLength(1);
  });

  it('a missing required field names the field', () => {
    const { problems } = corpusOf('missing', { [`${dir}/untitled.mdx`]: writeUpSource(withField('title', undefined)) });
    expect(problems).toEqual([
      expect.objectContaining({ file: `${dir}/untitled.mdx`, field: 'title', message: 'is required' }),
    ]);
  });

  it('an unknown sector lists the valid ones, on the line of the field', () => {
    const source = writeUpSource(withField('sector', 'space'));
    const { problems } = corpusOf('sector', { [`${dir}/space.mdx`]: source });
    const problem = problems.find((candidate) => candidate.field === 'sector')!;
    expect(problem).toMatchObject({ got: '"space"', line: lineOf(source, 'sector:') });
    expect(problem.expected).toContain('industry, construction, health');
  });

  it('an industry of another sector lists the industries of the sector', () => {
    const { problems } = corpusOf('industry', {
      [`${dir}/wrong-industry.mdx`]: writeUpSource(withField('industry', 'hospitals')),
    });
    expect(problems).toEqual([
      expect.objectContaining({ field: 'industry', got: '"hospitals"', expected: 'one of: machine-building, mining' }),
    ]);
  });

  it('bad YAML is reported at its line', () => {
    const source = writeUpSource().replace('location: Beijing', 'location: Beijing: east: side');
    const { problems } = corpusOf('yaml', { [`${dir}/bad-yaml.mdx`]: source });
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem).toMatchObject({
        file: `${dir}/bad-yaml.mdx`,
        field: 'frontmatter',
        line: lineOf(source, 'location:'),
      });
      expect(problem.message).toMatch(/^invalid YAML/);
    }
  });

  it('a file without frontmatter, a bad file name and a file in the wrong place', () => {
    const { problems } = corpusOf('places', {
      [`${dir}/no-frontmatter.mdx`]: '## Just a body\n',
      [`${dir}/Bad_Name.mdx`]: writeUpSource(),
      ['content/experiences/en/notes.md']: 'not a write-up',
      ['content/experiences/en/space/lost.mdx']: writeUpSource(),
    });
    expect(at(problems, `${dir}/no-frontmatter.mdx`)).toEqual([
      expect.objectContaining({ line: 1, field: 'frontmatter' }),
    ]);
    expect(at(problems, `${dir}/Bad_Name.mdx`)).toEqual([
      expect.objectContaining({ field: 'file name', hint: 'rename it to bad-name.mdx' }),
    ]);
    expect(at(problems, 'content/experiences/en/notes.md')).toEqual([expect.objectContaining({ field: 'file name' })]);
    expect(at(problems, 'content/experiences/en/space/lost.mdx')).toEqual([
      expect.objectContaining({ field: 'file location' }),
    ]);
  });

  it('frontmatter that disagrees with its folders', () => {
    const { problems } = corpusOf('folders', { ['content/experiences/en/construction/drill.mdx']: writeUpSource() });
    expect(problems).toEqual([
      expect.objectContaining({ field: 'sector', got: '"industry"', expected: '"construction"' }),
    ]);
  });

  it('one id in two sector folders of one language is refused in both files', () => {
    const { problems } = corpusOf('duplicate-id', {
      [`${dir}/same.mdx`]: writeUpSource(),
      ['content/experiences/en/construction/same.mdx']: writeUpSource({
        ...validFrontmatter(),
        sector: 'construction',
        industry: 'building',
      }),
    });
    expect(problems.map((problem) => [problem.file, problem.field]).sort()).toEqual([
      ['content/experiences/en/construction/same.mdx', 'id'],
      [`${dir}/same.mdx`, 'id'],
    ]);
    expect(problems[0]!.message).toContain('also used by');
  });

  it('cross-references that lead nowhere point at the line of their key', () => {
    const source = writeUpSource({ ...validFrontmatter(), related: ['nowhere'], supersedes: 'other' });
    const translation = writeUpSource({
      ...validFrontmatter(),
      lang: 'zh',
      translationOf: 'gone',
      translatedAt: '2026-11-26',
    });
    const { problems } = corpusOf('references', {
      [`${dir}/refs.mdx`]: source,
      [`${dir}/other.mdx`]: writeUpSource(),
      ['content/experiences/zh/industry/translated.mdx']: translation,
    });
    expect(at(problems, `${dir}/refs.mdx`)).toEqual([
      expect.objectContaining({ field: 'related[0]', got: '"nowhere"', line: lineOf(source, 'related:'), column: 1 }),
      expect.objectContaining({
        field: 'supersedes',
        line: lineOf(source, 'supersedes:'),
        message: expect.stringContaining('does not point back'),
      }),
    ]);
    expect(at(problems, 'content/experiences/zh/industry/translated.mdx')).toEqual([
      expect.objectContaining({ field: 'translationOf', got: '"gone"', line: lineOf(translation, 'translationOf:') }),
    ]);
    const printed = formatProblem(at(problems, `${dir}/refs.mdx`)[0]!);
    expect(printed).toBe(
      `${dir}/refs.mdx:${lineOf(source, 'related:')}:1  related[0]  names a write-up that does not exist in language "en" (got "nowhere", expected the id of a file in content/experiences/en/)`,
    );
  });
});

describe('npm run check: several problems at once', () => {
  it('reports every problem in every file in one run', () => {
    const badYaml = writeUpSource().replace('period: "1953"', 'period: "1953');
    const { problems, entries } = corpusOf('several', {
      [`${dir}/good.mdx`]: writeUpSource(),
      [`${dir}/untitled.mdx`]: writeUpSource({ ...withField('title', undefined), evidence: 'rumour' }),
      [`${dir}/space.mdx`]: writeUpSource(withField('sector', 'space')),
      [`${dir}/bad-yaml.mdx`]: badYaml,
    });
    expect(entries.map((entry) => entry.id)).toEqual(['good']);
    expect(
      at(problems, `${dir}/untitled.mdx`)
        .map((problem) => problem.field)
        .sort(),
    ).toEqual(['evidence', 'title']);
    expect(at(problems, `${dir}/space.mdx`).map((problem) => problem.field)).toEqual(['sector']);
    expect(at(problems, `${dir}/bad-yaml.mdx`).length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.severity === 'error')).toBe(true);
  });

  it('does not call a write-up missing when it exists but has errors of its own', () => {
    const { problems } = corpusOf('invalid-target', {
      [`${dir}/target.mdx`]: writeUpSource(withField('evidence', 'rumour')),
      [`${dir}/linking.mdx`]: writeUpSource({
        ...validFrontmatter(),
        title: 'Linking write-up',
        related: ['target', 'ghost'],
      }),
    });
    expect(problems.map((problem) => `${problem.file.split('/').at(-1)} ${problem.field} ${problem.got}`)).toEqual([
      'target.mdx evidence "rumour"',
      'linking.mdx related[1] "ghost"',
    ]);
  });

  it('reports cross-field problems together with the field errors of the same file', () => {
    const misfiled = writeUpSource({
      ...validFrontmatter(),
      title: undefined,
      industry: 'hospitals',
      lang: 'zh',
      translationOf: 'ni-zhifu-drill',
      adoptions: [{ unit: 'A mill', sector: 'space', date: 1954, status: 'adopted' }],
      body: 'a stray field',
    });
    const placeholders = writeUpSource(
      { ...withField('evidence', 'rumour') },
      '## The problem\n\nTODO: say what went wrong.\n',
    );
    const { problems } = corpusOf('cross-field', {
      [`${dir}/misfiled.mdx`]: misfiled,
      [`content/experiences/en/health/placeholders.mdx`]: placeholders,
    });
    const fields = (file: string) =>
      at(problems, file)
        .map((problem) => `${problem.field}: ${problem.message}`)
        .sort();
    expect(fields(`${dir}/misfiled.mdx`)).toEqual([
      'adoptions[0].sector: is not a known sector',
      'frontmatter: unknown field body',
      'industry: is not an industry of sector "industry"',
      'lang: does not match the language folder',
      'title: is required',
      'translatedAt: is required for a translation: the day it was made or last brought up to date with its original',
    ]);
    expect(fields('content/experiences/en/health/placeholders.mdx')).toEqual([
      'evidence: is not one of the allowed values',
      expect.stringMatching(/^placeholder: a published write-up still has a TODO: placeholder/),
      'sector: does not match the sector folder',
    ]);
  });
});

describe('likely duplicates', () => {
  const entry = (id: string, title: string, extra: Partial<TitledEntry> = {}): TitledEntry => ({
    file: `${dir}/${id}.mdx`,
    id,
    lang: 'en',
    title,
    reviewed: '2026-01-01',
    ...extra,
  });

  it('scores near-identical titles high and different ones low', () => {
    expect(titleSimilarity('Bykov high-speed cutting', "Bykov's high speed cutting")).toBeGreaterThan(0.85);
    expect(titleSimilarity('Bykov high-speed cutting', 'Kovalyov method of work study')).toBeLessThan(0.4);
    expect(titleSimilarity('倪志福钻头：三尖七刃', '倪志福钻头的三尖七刃')).toBeGreaterThan(0.8);
  });

  it('warns once, on the newer write-up, naming the older one, without failing', () => {
    const problems = findLikelyDuplicates([
      entry('bykov-high-speed-cutting', 'Bykov high-speed cutting', { titleLine: 2 }),
      entry('kovalyov-method', 'Kovalyov method of work study'),
      entry('bykovs-cutting', "Bykov's high speed cutting", { reviewed: '2026-11-27', titleLine: 2 }),
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      severity: 'warning',
      file: `${dir}/bykovs-cutting.mdx`,
      line: 2,
      field: 'title',
    });
    expect(problems[0]!.message).toContain(`${dir}/bykov-high-speed-cutting.mdx`);
    expect(formatProblem(problems[0]!)).toMatch(/^warning: /);
    expect(formatGithubAnnotation(problems[0]!)).toMatch(/^::warning file=/);
  });

  it('compares titles only within one language, and not when one names the other', () => {
    expect(findLikelyDuplicates([entry('a', 'Ni Zhifu drill'), entry('b', 'Ni Zhifu drill', { lang: 'zh' })])).toEqual(
      [],
    );
    expect(
      findLikelyDuplicates([entry('a', 'Ni Zhifu drill'), entry('b', 'Ni Zhifu drills', { links: ['a'] })]),
    ).toEqual([]);
    expect(findLikelyDuplicates([entry('a', 'Ni Zhifu drill'), entry('b', 'Ni Zhifu drills')])).toHaveLength(1);
  });

  it('still finds a pair among thousands of titles sharing common words', () => {
    const many = Array.from({ length: 3000 }, (_, index) =>
      entry(`w-${index}`, `Team ${index} work method for the shift`),
    );
    many.push(entry('x-1', 'Zhang Qiuxiang loom cleaning rota'), entry('x-2', 'Zhang Qiuxiang loom-cleaning rota'));
    const problems = findLikelyDuplicates(many);
    expect(problems.filter((problem) => problem.file.includes('/x-'))).toHaveLength(1);
  });
});
