import { describe, expect, it } from 'vitest';
import { auditBuild } from '../../src/lib/content/content-audit.ts';

const files = [
  { file: 'content/experiences/en/industry/a.mdx', lang: 'en', url: '/experiences/a/' },
  { file: 'content/experiences/en/industry/b.mdx', lang: 'en', url: '/experiences/b/' },
  { file: 'content/experiences/zh/industry/a.mdx', lang: 'zh', url: '/zh/experiences/a/' },
];
const pages = files.map((file) => file.url);
const search = files.map(({ lang, url }) => ({ lang, url }));

describe('the after-build audit', () => {
  it('passes when every file has one page and one search record, and summarises per language', () => {
    expect(auditBuild({ files, pages, search })).toEqual({
      problems: [],
      summary: [
        'en: 2 write-up file(s), 2 page(s), 2 search record(s)',
        'zh: 1 write-up file(s), 1 page(s), 1 search record(s)',
      ],
      searchAudited: true,
    });
  });

  it('expects a page but no search record for a draft, and counts drafts apart', () => {
    const withDraft = [
      ...files,
      { file: 'content/experiences/en/industry/d.mdx', lang: 'en', url: '/experiences/d/', draft: true },
    ];
    const result = auditBuild({ files: withDraft, pages: withDraft.map((file) => file.url), search });
    expect(result.problems).toEqual([]);
    expect(result.summary[0]).toBe(
      'en: 3 write-up file(s) (1 draft(s), not searchable), 3 page(s), 2 search record(s)',
    );
    // A draft without its page is still lost, and a draft in the search index is refused.
    expect(
      auditBuild({ files: withDraft, pages, search: [...search, { lang: 'en', url: '/experiences/d/' }] }).problems,
    ).toEqual([
      'content/experiences/en/industry/d.mdx: no page was written at /experiences/d/',
      'content/experiences/en/industry/d.mdx: is a draft but has 1 search record(s) for /experiences/d/',
    ]);
  });

  it('names a file without a page and without a search record', () => {
    const result = auditBuild({ files, pages: pages.slice(1), search: search.slice(1) });
    expect(result.problems).toEqual([
      'content/experiences/en/industry/a.mdx: no page was written at /experiences/a/',
      'content/experiences/en/industry/a.mdx: no search record for /experiences/a/',
    ]);
  });

  it('names a page no file accounts for, two records for one page, and a record in the wrong language index', () => {
    const result = auditBuild({
      files,
      pages: [...pages, '/experiences/stale/'],
      search: [
        ...search.filter((record) => record.url !== '/zh/experiences/a/'),
        { lang: 'en', url: '/experiences/b/' },
        { lang: 'en', url: '/zh/experiences/a/' },
      ],
    });
    expect(result.problems).toEqual([
      '/experiences/stale/: a write-up page was written that no content file accounts for',
      'content/experiences/en/industry/b.mdx: 2 search records for /experiences/b/, expected exactly one',
      'content/experiences/zh/industry/a.mdx: its search record is in the "en" index, expected "zh"',
    ]);
  });

  it('still audits pages when there is no search index, and says search was not audited', () => {
    const result = auditBuild({ files, pages: pages.slice(1) });
    expect(result.searchAudited).toBe(false);
    expect(result.problems).toEqual(['content/experiences/en/industry/a.mdx: no page was written at /experiences/a/']);
    expect(result.summary[0]).toBe('en: 2 write-up file(s), 1 page(s), search not audited');
  });

  it('audits 20,000 write-ups, finding the one record in the wrong language index', () => {
    const many = Array.from({ length: 20_000 }, (_, index) => ({
      file: `content/experiences/en/industry/w-${index}.mdx`,
      lang: index === 7 ? 'zh' : 'en',
      url: `/experiences/w-${index}/`,
    }));
    const result = auditBuild({
      files: many,
      pages: many.map((file) => file.url),
      search: many.map((file) => ({ lang: 'en', url: file.url })),
    });
    expect(result.problems).toEqual([
      'content/experiences/en/industry/w-7.mdx: its search record is in the "en" index, expected "zh"',
    ]);
  });
});
