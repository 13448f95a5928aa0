import { describe, expect, it } from 'vitest';
import { buildCatalog, summarize, toRecord } from '../../src/lib/catalog.ts';
import { checkReferences, type CorpusEntry } from '../../src/lib/corpus.ts';
import { formatProblem } from '../../src/lib/problems.ts';
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
