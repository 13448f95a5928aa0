// The frontmatter forms of issue 14 (/work/staging/FORMAT.md): uncertain dates and
// figures, structured sources and the adoption status `failed`. Every form is
// accepted, and every wrong one is refused with the field and the expected form.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { validateExperience } from '../../src/lib/content/validate-experience.ts';
import { taxonomySchema } from '../../src/schema/taxonomy.ts';
import { validFrontmatter, writeUpSource } from '../helpers/write-up.ts';

const taxonomy = taxonomySchema.parse(parse(readFileSync('content/sectors.yaml', 'utf8')));
const FILE = 'content/experiences/en/industry/ni-zhifu-drill.mdx';
const validate = (frontmatter: Record<string, unknown>) =>
  validateExperience(FILE, writeUpSource(frontmatter), taxonomy);
const problems = (frontmatter: Record<string, unknown>) => validate(frontmatter).problems.map(formatProblem);
const errors = (frontmatter: Record<string, unknown>) =>
  validate(frontmatter)
    .problems.filter((problem) => problem.severity === 'error')
    .map(formatProblem);

const PERIOD_EXPECTED =
  'expected "1951" or "1951-08", a range "1950/1952", about "~1952" or "~1950/1954", a decade "1950s", or "early 1950s", "mid 1950s", "late 1950s"';
const DATE_EXPECTED =
  'expected "1951", "1951-08" or "1951-08-17", a range "1950/1952", about "~1952" or "~1950/1954", a decade "1950s", or "early 1950s", "mid 1950s", "late 1950s"';
const FIGURE_EXPECTED = 'expected a number (12), an approximate figure { about: 12 } or a range { from: 400, to: 500 }';

const withPeriod = (period: unknown) => ({ ...validFrontmatter(), period });
const withAdoptionDate = (date: unknown) => ({
  ...validFrontmatter(),
  adoptions: [{ unit: 'Second shop', date, status: 'trial' }],
});
const withFigures = (before: unknown, after: unknown = 3) => {
  const frontmatter = validFrontmatter();
  const [result] = frontmatter.results as Record<string, unknown>[];
  frontmatter.results = [{ ...result, before, after }];
  return frontmatter;
};
const withSources = (...sources: Record<string, unknown>[]) => ({ ...validFrontmatter(), sources });

describe('uncertain dates', () => {
  it.each([
    '1951',
    '1951-08',
    '1950/1952',
    '1951-03/1951-11',
    '~1952',
    '~1952-02',
    '~1950/1954',
    '1950s',
    'early 1950s',
    'mid 1950s',
    'late 1950s',
  ])('accepts period %s', (period) => {
    expect(problems(withPeriod(period))).toEqual([]);
  });

  it('accepts a year YAML reads as a number', () => {
    expect(validate(withPeriod(1953)).data?.period).toBe('1953');
  });

  it.each([
    ['1951-08-17', 'is not a date form this field accepts'],
    ['around 1950', 'is not a date form this field accepts'],
    ['1951-13', 'is not a date form this field accepts'],
    ['1952/1950', 'is a range whose end is not after its start'],
    ['1950/1951/1952', 'has more than one "/"'],
    ['1950/soon', 'has a range end that is not a date'],
    ['~early 1950s', 'is not a date form this field accepts'],
    ['1955s', 'is not a date form this field accepts'],
  ])('refuses period %s, naming the field and the forms', (period, message) => {
    expect(problems(withPeriod(period))).toEqual([
      `${FILE}:13:1  period  ${message} (got ${JSON.stringify(period)}, ${PERIOD_EXPECTED})`,
    ]);
  });

  it.each(['1951-08-17', '~1952', 'early 1950s', '1950s', '1951-03/1951-11'])(
    'accepts adoption date %s (a day is allowed here)',
    (date) => {
      expect(problems(withAdoptionDate(date))).toEqual([]);
    },
  );

  it('refuses an impossible day and says which adoption', () => {
    expect(problems(withAdoptionDate('1951-02-30'))).toEqual([
      expect.stringContaining(
        `adoptions[0].date  is not a date form this field accepts (got "1951-02-30", ${DATE_EXPECTED})`,
      ),
    ]);
  });

  it('checks a result period with the period forms', () => {
    const frontmatter = validFrontmatter();
    (frontmatter.results as Record<string, unknown>[])[0]!.period = 'held for 7 months';
    expect(problems(frontmatter)).toEqual([
      expect.stringContaining(`results[0].period  is not a date form this field accepts (got "held for 7 months"`),
    ]);
  });
});

describe('uncertain figures', () => {
  it.each([
    [12, 3],
    [{ about: 12 }, 3],
    [12, { about: 0.25 }],
    [{ from: 400, to: 500 }, { about: 1100 }],
    [0, { from: 0, to: 2 }],
  ])('accepts before %j, after %j', (before, after) => {
    expect(problems(withFigures(before, after))).toEqual([]);
  });

  it.each([
    [-1, 'results[0].before  must not be negative (got -1'],
    ['12', 'results[0].before  is not a figure (got "12"'],
    [{ about: 'x' }, 'results[0].before.about  must be a number (got "x"'],
    [{ about: -2 }, 'results[0].before.about  must not be negative (got -2'],
    [
      { from: 500, to: 400 },
      'results[0].before  is a range whose from is not less than its to (got {"from":500,"to":400}',
    ],
    [{ from: 5, to: 5 }, 'results[0].before  is a range whose from is not less than its to'],
    [{ from: 5 }, 'results[0].before  has the fields "from", which is none of the three forms'],
    [
      { about: 5, from: 1, to: 9 },
      'results[0].before  has the fields "about,from,to", which is none of the three forms',
    ],
    [[1, 2], 'results[0].before  is not a figure'],
  ])('refuses before %j with the field and the three forms', (before, message) => {
    const [problem] = problems(withFigures(before));
    expect(problem).toContain(message);
    expect(problem).toContain(FIGURE_EXPECTED);
  });

  it('says a missing figure is required', () => {
    const frontmatter = validFrontmatter();
    delete (frontmatter.results as Record<string, unknown>[])[0]!.after;
    expect(problems(frontmatter)).toEqual([
      expect.stringContaining(`results[0].after  is required (${FIGURE_EXPECTED})`),
    ]);
  });
});

describe('structured sources', () => {
  const full = {
    kind: 'primary',
    title: '种田状元陈永康',
    author: '封坚强',
    publisher: "People's Daily (人民日报)",
    date: '1963-10-29',
    page: 2,
    url: 'https://cn.govopendata.com/renminribao/1963/10/29/2/',
    supports: 'The scene of 200 team leaders waiting to consult him',
  };

  it('accepts every field, and keeps a page YAML reads as a number as text', () => {
    const result = validate(withSources(full));
    expect(result.problems).toEqual([]);
    expect(result.data?.sources[0]).toEqual({ ...full, page: '2' });
  });

  it('accepts approximate source dates', () => {
    expect(problems(withSources({ ...full, date: '~1952' }))).toEqual([]);
  });

  it('refuses a source without a title', () => {
    const { title: _title, ...untitled } = full;
    expect(errors(withSources(untitled))).toEqual([expect.stringContaining('sources[0].title  is required')]);
  });

  it('refuses an unknown kind and an unsafe address', () => {
    expect(errors(withSources({ ...full, kind: 'tertiary', url: 'ftp://example.org/x' }))).toEqual([
      expect.stringContaining(
        'sources[0].kind  is not one of the allowed values (got "tertiary", expected one of: primary, secondary, notes)',
      ),
      expect.stringContaining('sources[0].url  must be an absolute http(s) URL'),
    ]);
  });

  it("warns about a source that cites only the project's notes, once, without failing", () => {
    const result = validate(withSources({ kind: 'notes', title: 'Secondary accounts of the drill' }));
    expect(result.data).toBeDefined();
    expect(result.problems.map(formatProblem)).toEqual([
      `warning: ${FILE}:26:5  sources[0].kind  cites only the project's own research notes, which no reader can look up (got "notes", expected primary or secondary: the original article, book or page the notes draw on)\n    hint: find the original the notes summarize and cite it with its title, publisher and date`,
    ]);
  });

  it('warns about a source with neither author nor publisher, and not when either is there', () => {
    expect(problems(withSources({ kind: 'secondary', title: 'An article' }))).toEqual([
      `warning: ${FILE}:26:5  sources[0]  names neither an author nor a publisher, so a reader cannot find it (expected author: "…" or publisher: "…" (or both))`,
    ]);
    expect(problems(withSources({ kind: 'secondary', title: 'An article', author: 'A. Writer' }))).toEqual([]);
    expect(problems(withSources({ kind: 'secondary', title: 'An article', publisher: 'A Press' }))).toEqual([]);
  });
});

describe('adoption status', () => {
  it('accepts failed, and lists it among the allowed values', () => {
    const failed = {
      ...validFrontmatter(),
      adoptions: [{ unit: 'Beijing hospitals', date: '1956', status: 'failed' }],
    };
    expect(problems(failed)).toEqual([]);
    const unknown = { ...validFrontmatter(), adoptions: [{ unit: 'x', date: '1956', status: 'ordered' }] };
    expect(problems(unknown)).toEqual([
      expect.stringContaining(
        'adoptions[0].status  is not one of the allowed values (got "ordered", expected one of: trial, adopted, abandoned, failed)',
      ),
    ]);
  });
});
