import { describe, expect, it } from 'vitest';
import {
  buildCatalog,
  countAdoptions,
  mostAdopted,
  MOST_ADOPTED_MINIMUM,
  summarize,
  toRecord,
} from '../../src/lib/catalog/catalog.ts';
import { checkReferences, type CorpusEntry } from '../../src/lib/content/corpus.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { experienceSchema, type Lang } from '../../src/schema/experience.ts';
import { taxonomySchema } from '../../src/schema/taxonomy.ts';
import { validFrontmatter } from '../helpers/write-up.ts';

const taxonomy = taxonomySchema.parse([
  {
    id: 'industry',
    name: { en: 'Industry', zh: '工业' },
    description: { en: 'x', zh: 'x' },
    industries: [{ id: 'machine-building', name: { en: 'Machines', zh: '机械' } }],
  },
  {
    id: 'construction',
    name: { en: 'Construction', zh: '建筑业' },
    description: { en: 'x', zh: 'x' },
    industries: [{ id: 'building', name: { en: 'Building', zh: '房屋建筑' } }],
  },
]);
const schema = experienceSchema(taxonomy);
const today = new Date('2026-11-26T00:00:00Z');

function entry(lang: Lang, id: string, overrides: Record<string, unknown> = {}): CorpusEntry {
  const data = schema.parse({
    ...validFrontmatter(),
    lang,
    ...(lang === 'zh' && overrides.translationOf ? { translatedAt: '2026-11-01' } : {}),
    ...overrides,
  });
  return { file: `content/experiences/${lang}/${data.sector}/${id}.mdx`, id, lang, data, body: '', bodyStartLine: 1 };
}
const catalogOf = (entries: CorpusEntry[]) =>
  buildCatalog(
    taxonomy,
    entries.map((e) => toRecord(e.id, e.file, e.data, { today })),
  );

describe('language counterparts', () => {
  const catalog = catalogOf([
    entry('en', 'drill'),
    entry('zh', 'zuan-tou', { translationOf: 'drill' }),
    // A Chinese write-up that happens to share the original's id but is not its translation.
    entry('zh', 'drill'),
  ]);
  const find = (lang: Lang, id: string) => catalog.find(lang, id)!;

  it('links an original and its translation both ways', () => {
    expect(catalog.counterpart(find('en', 'drill'))?.id).toBe('zuan-tou');
    expect(catalog.counterpart(find('zh', 'zuan-tou'))?.lang).toBe('en');
  });

  it('gives a write-up that exists in one language only no counterpart, whatever its id', () => {
    expect(catalog.counterpart(find('zh', 'drill'))).toBeUndefined();
  });
});

describe('one translation per original and language', () => {
  it('refuses a second translation, naming the first', () => {
    const problems = checkReferences([
      entry('en', 'drill'),
      entry('zh', 'first', { translationOf: 'drill' }),
      entry('zh', 'second', { translationOf: 'drill' }),
    ]).map(formatProblem);
    expect(problems).toEqual([
      expect.stringMatching(
        /^content\/experiences\/zh\/industry\/second\.mdx  translationOf  the original already has a translation in this language: content\/experiences\/zh\/industry\/first\.mdx/,
      ),
    ]);
  });
});

describe('catalog indexes', () => {
  const catalog = catalogOf([
    entry('en', 'drill', { tags: ['division-of-labour'] }),
    entry('en', 'bricks', { sector: 'construction', industry: 'building', tags: ['division-of-labour'] }),
    entry('en', 'draft', { tags: ['division-of-labour'], status: 'draft' }),
  ]);

  it('finds published write-ups across sectors by tag, for related links', () => {
    expect(
      catalog
        .withTag('en', 'division-of-labour')
        .map((record) => record.id)
        .sort(),
    ).toEqual(['bricks', 'drill']);
    expect(catalog.withTag('zh', 'division-of-labour')).toEqual([]);
  });

  it('summarises a group: write-ups, adoptions and improved dimensions', () => {
    expect(summarize(catalog.inSector('en', 'industry'))).toEqual({
      writeUps: 1,
      adoptions: 0,
      improved: { more: 0, faster: 0, better: 0, cheaper: 1 },
    });
  });
});

describe('uncertain periods in the catalog', () => {
  const periods: Record<string, string> = {
    'exact-1953': '1953',
    'about-1952': '~1952',
    'range-1951': '1951/1954',
    'early-50s': 'early 1950s',
    'mid-50s': 'mid 1950s',
    'late-50s': 'late 1950s',
    'decade-40s': '1940s',
    'month-1953': '1953-08',
  };
  const catalog = catalogOf(Object.entries(periods).map(([id, period]) => entry('en', id, { period })));

  it('sorts newest first by the earliest year (early 1950s → 1950, mid → 1953, late → 1957), then month', () => {
    expect(catalog.listed('en').map((record) => record.id)).toEqual([
      'late-50s',
      'month-1953',
      'exact-1953',
      'mid-50s',
      'about-1952',
      'range-1951',
      'early-50s',
      'decade-40s',
    ]);
  });

  it('puts each in the decade of that year', () => {
    const decade = (id: string) => catalog.find('en', id)!.decade;
    expect(decade('about-1952')).toBe('1950s');
    expect(decade('late-50s')).toBe('1950s');
    expect(decade('decade-40s')).toBe('1940s');
    expect(catalog.find('en', 'mid-50s')!.year).toBe(1953);
  });
});

describe('adoption counts and "most adopted"', () => {
  const adoption = (status: string) => ({ unit: `A ${status} unit`, date: '1956', status });
  const catalog = catalogOf([
    entry('en', 'two-adopted', { adoptions: [adoption('adopted'), adoption('trial')] }),
    entry('en', 'one-adopted', { adoptions: [adoption('adopted')] }),
    entry('en', 'failures', { adoptions: [adoption('failed'), adoption('failed'), adoption('abandoned')] }),
    entry('en', 'three-adopted', { adoptions: [adoption('adopted'), adoption('adopted'), adoption('trial')] }),
  ]);
  const records = catalog.listed('en');

  it('counts trials and adoptions, not failed or abandoned attempts', () => {
    expect(countAdoptions([adoption('failed'), adoption('abandoned')] as never)).toBe(0);
    expect(catalog.find('en', 'failures')).toMatchObject({ adoptionCount: 0, attemptCount: 3 });
    expect(catalog.find('en', 'two-adopted')).toMatchObject({ adoptionCount: 2, attemptCount: 2 });
    expect(summarize(records).adoptions).toBe(2 + 1 + 0 + 3);
  });

  it(`lists only write-ups adopted at least ${MOST_ADOPTED_MINIMUM} times, most first`, () => {
    expect(MOST_ADOPTED_MINIMUM).toBe(2);
    expect(mostAdopted(records, 3).map((record) => record.id)).toEqual(['three-adopted', 'two-adopted']);
    expect(mostAdopted(records, 1).map((record) => record.id)).toEqual(['three-adopted']);
  });
});
