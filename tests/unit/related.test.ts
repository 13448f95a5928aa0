import { describe, expect, it } from 'vitest';
import { checkReferences, type CorpusEntry } from '../../src/lib/content/corpus.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { relatedIndex, relatednessTo } from '../../src/lib/catalog/related.ts';
import { experienceSchema } from '../../src/schema/experience.ts';
import { taxonomySchema } from '../../src/schema/taxonomy.ts';
import { validFrontmatter } from '../helpers/write-up.ts';

const taxonomy = taxonomySchema.parse([
  {
    id: 'industry',
    name: { en: 'Industry', zh: '工业' },
    description: { en: 'x', zh: 'x' },
    industries: [
      { id: 'machine-building', name: { en: 'Machines', zh: '机械' } },
      { id: 'mining', name: { en: 'Mining', zh: '采矿' } },
    ],
  },
  {
    id: 'transport',
    name: { en: 'Transport', zh: '交通' },
    description: { en: 'x', zh: 'x' },
    industries: [{ id: 'railways', name: { en: 'Railways', zh: '铁路' } }],
  },
]);

function entry(id: string, overrides: Record<string, unknown> = {}): CorpusEntry {
  const data = experienceSchema(taxonomy).parse({ ...validFrontmatter(), ...overrides });
  return { file: `content/experiences/en/industry/${id}.mdx`, id, lang: 'en', data, body: '', bodyStartLine: 1 };
}

describe('supersession must agree in both directions', () => {
  it('accepts a consistent pair', () => {
    expect(checkReferences([entry('old', { supersededBy: 'new' }), entry('new', { supersedes: 'old' })])).toEqual([]);
  });

  it('names the file that must point back', () => {
    const problems = checkReferences([entry('old', { supersededBy: 'new' }), entry('new')]).map(formatProblem);
    expect(problems).toEqual([
      'content/experiences/en/industry/old.mdx  supersededBy  the successor does not point back: content/experiences/en/industry/new.mdx must say supersedes: old (got null, expected "old")',
    ]);
  });

  it('reports the other direction too', () => {
    const problems = checkReferences([entry('old'), entry('new', { supersedes: 'old' })]).map(formatProblem);
    expect(problems[0]).toContain('new.mdx  supersedes  the superseded write-up does not point back');
  });

  it('reports references to write-ups that do not exist', () => {
    const problems = checkReferences([entry('a', { related: ['ghost'], supersedes: 'gone' })]).map(formatProblem);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('related[0]  names a write-up that does not exist in language "en" (got "ghost"');
    expect(problems[1]).toContain('supersedes  names a write-up that does not exist');
  });
});

describe('related write-ups', () => {
  const subject = entry('subject', { tags: ['drilling', 'tooling'], related: ['named'] });
  const named = entry('named', { industry: 'mining', tags: [] });
  const sameIndustryAndTag = entry('close', { tags: ['drilling'] });
  const sameIndustry = entry('same-industry', { tags: [] });
  const unrelated = entry('far', { industry: 'mining', tags: ['other'] });
  const otherSectorTwoTags = entry('rail', {
    sector: 'transport',
    industry: 'railways',
    tags: ['drilling', 'tooling'],
  });

  it('puts named ones first, then the closest, and leaves out weak matches', () => {
    const related = relatedIndex([unrelated, sameIndustry, sameIndustryAndTag, named, subject, otherSectorTwoTags]);
    expect(related(subject).map((e) => e.id)).toEqual(['named', 'close', 'rail', 'same-industry']);
    expect(related(subject, 2).map((e) => e.id)).toEqual(['named', 'close']);
  });

  it('picks the same best few as scoring every candidate, for every write-up', () => {
    const tags = ['drilling', 'tooling', 'welding', 'mining'];
    const places = [
      { sector: 'industry', industry: 'machine-building' },
      { sector: 'industry', industry: 'mining' },
      { sector: 'transport', industry: 'railways' },
    ];
    const records = Array.from({ length: 60 }, (_, index) =>
      entry(`c${String(59 - index).padStart(2, '0')}`, {
        ...places[index % 3],
        tags: tags.filter((_, tag) => (index >> tag) % 3 === 0),
        related: index % 7 === 0 ? [`c${String(index).padStart(2, '0')}`] : [],
        status: index % 11 === 0 ? 'draft' : 'published',
      }),
    );
    const related = relatedIndex(records);
    for (const record of records) {
      const score = relatednessTo(record);
      const named = record.data.related.flatMap(
        (id) => records.find((other) => other.id === id && other !== record && other.data.status === 'published') ?? [],
      );
      const expected = [
        ...named,
        ...records
          .filter((other) => other !== record && other.data.status === 'published' && !named.includes(other))
          .filter((other) => score(other) >= 2)
          .sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id)),
      ]
        .slice(0, 4)
        .map((e) => e.id);
      expect(
        related(record).map((e) => e.id),
        record.id,
      ).toEqual(expected);
    }
  });

  it('never lists drafts or the write-up itself', () => {
    const draft = entry('draft', { tags: ['drilling'], status: 'draft' });
    expect(relatedIndex([subject, draft])(subject)).toEqual([]);
  });
});
