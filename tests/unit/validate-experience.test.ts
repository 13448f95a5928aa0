import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { validateExperience } from '../../src/lib/content/validate-experience.ts';
import { taxonomySchema } from '../../src/schema/taxonomy.ts';
import { validFrontmatter, withField, writeUpSource } from '../helpers/write-up.ts';

const taxonomy = taxonomySchema.parse(parse(readFileSync('content/sectors.yaml', 'utf8')));
const FILE = 'content/experiences/en/industry/ni-zhifu-drill.mdx';
const check = (source: string) => validateExperience(FILE, source, taxonomy).problems.map(formatProblem);

describe('a valid write-up', () => {
  it('passes and fills the defaults', () => {
    const frontmatter = validFrontmatter();
    delete frontmatter.reviewEvery;
    delete frontmatter.adoptions;
    const result = validateExperience(FILE, writeUpSource(frontmatter), taxonomy);
    expect(result.problems).toEqual([]);
    expect(result.data?.reviewEvery).toBe(12);
    expect(result.data?.adoptions).toEqual([]);
    expect(result.data?.reviewed).toEqual(new Date('2026-11-26'));
  });

  it('accepts a byte-order mark and CRLF line endings', () => {
    const source = `\uFEFF${writeUpSource().replace(/\n/g, '\r\n')}`;
    expect(validateExperience(FILE, source, taxonomy).problems).toEqual([]);
  });
});

describe('error wording names file, line, field, value and what is expected', () => {
  it('reports a missing title at the top of the frontmatter', () => {
    expect(check(writeUpSource(withField('title', undefined)))).toEqual([
      `${FILE}:2:1  title  is required (expected string)`,
    ]);
  });

  it('reports an unknown sector with the valid choices on its own line', () => {
    const [problem] = check(writeUpSource(withField('sector', 'space')));
    expect(problem).toMatch(
      new RegExp(
        `^${FILE}:5:1  sector  is not one of the allowed values \\(got "space", expected one of: industry, agriculture, transport, science, culture, education, health, government`,
      ),
    );
  });

  it('reports an industry that belongs to another sector, listing the sector’s industries', () => {
    const [problem] = check(writeUpSource(withField('industry', 'crops')));
    expect(problem).toBe(
      `${FILE}:6:1  industry  is not an industry of sector "industry" (got "crops", expected one of: textiles, machine-building, metallurgy, mining, energy, chemicals)`,
    );
  });

  it('points into lists: a bad direction in the first result', () => {
    const frontmatter = validFrontmatter();
    (frontmatter.results as Record<string, unknown>[])[0]!.better = 'up';
    const source = writeUpSource(frontmatter);
    const line = source.split('\n').findIndex((text) => text.includes('better: up')) + 1;
    const column = source.split('\n')[line - 1]!.indexOf('better') + 1;
    expect(check(source)).toEqual([
      `${FILE}:${line}:${column}  results[0].better  is not one of the allowed values (got "up", expected one of: higher, lower)`,
    ]);
  });

  it('refuses an empty list of measures and an unknown evidence level together', () => {
    const frontmatter = { ...validFrontmatter(), measures: [], evidence: 'rumour' };
    const problems = check(writeUpSource(frontmatter));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('measures  needs at least one measure');
    expect(problems[1]).toContain(
      'evidence  is not one of the allowed values (got "rumour", expected one of: measured, reported, anecdotal, contested)',
    );
  });

  it('refuses typed-in improvement figures: unknown fields are named', () => {
    const frontmatter = validFrontmatter();
    (frontmatter.results as Record<string, unknown>[])[0]!.improvement = '4x';
    expect(check(writeUpSource(frontmatter))[0]).toContain('results[0]  unknown field improvement');
  });

  it('explains the period format', () => {
    expect(check(writeUpSource(withField('period', 'around 1950')))[0]).toContain(
      'period  is not a date form this field accepts (got "around 1950", expected "1951" or "1951-08", a range "1950/1952", about "~1952" or "~1950/1954", a decade "1950s", or "early 1950s", "mid 1950s", "late 1950s")',
    );
  });

  it('refuses javascript: source URLs', () => {
    const frontmatter = validFrontmatter();
    frontmatter.sources = [{ title: 'x', kind: 'primary', url: 'javascript:alert(1)' }];
    expect(check(writeUpSource(frontmatter))[0]).toContain('sources[0].url  must be an absolute http(s) URL');
  });

  it('reports bad YAML with its line', () => {
    const source = '---\ntitle: Fine\nsummary: "unclosed\nlang: en\n---\nBody\n';
    const [problem] = check(source);
    expect(problem).toMatch(new RegExp(`^${FILE}:\\d+:\\d+  frontmatter  invalid YAML: `));
  });

  it('reports a file without frontmatter', () => {
    expect(check('Just text')).toEqual([
      `${FILE}:1:1  frontmatter  the file must start with YAML frontmatter between two "---" lines`,
    ]);
  });

  it('refuses translationOf on an English original', () => {
    const frontmatter = { ...withField('translationOf', 'other'), translatedAt: '2026-11-01' };
    expect(check(writeUpSource(frontmatter))).toEqual([
      expect.stringContaining('translationOf  only a translation (lang other than en) may name translationOf'),
    ]);
  });

  it('asks a translation for the day it was made, so a changed original can be flagged', () => {
    const frontmatter = { ...withField('translationOf', 'ni-zhifu-drill'), lang: 'zh' };
    expect(check(writeUpSource(frontmatter))).toEqual([
      `${FILE}:2:1  translatedAt  is required for a translation: the day it was made or last brought up to date with its original (expected a date in the form YYYY-MM-DD)`,
    ]);
  });
});

describe('dates and defaults', () => {
  it('refuses an impossible date instead of shifting it', () => {
    const source = writeUpSource(withField('reviewed', '2026-02-31'));
    const line = source.split('\n').findIndex((text) => text.startsWith('reviewed:')) + 1;
    expect(check(source)).toEqual([
      `${FILE}:${line}:1  reviewed  must be a real date in the form YYYY-MM-DD (got "2026-02-31")`,
    ]);
  });

  it('treats a file without status as a draft: publishing is deliberate', () => {
    const result = validateExperience(FILE, writeUpSource(withField('status', undefined)), taxonomy);
    expect(result.data?.status).toBe('draft');
  });
});
