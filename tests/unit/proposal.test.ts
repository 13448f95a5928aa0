// The /contribute/ form's logic and the GitHub URLs it and the write-up page link to.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/lib/content/corpus.ts';
import { dictionaries } from '../../src/lib/i18n/i18n.ts';
import { buildProposal, describeProblem, type FormTaxonomy } from '../../src/lib/contribute/proposal.ts';
import { MAX_PREFILL_URL_LENGTH, newFileInFolderUrl, newFileUrl, outdatedIssueUrl } from '../../src/lib/urls.ts';
import { validateExperience } from '../../src/lib/content/validate-experience.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const repository = { url: 'https://github.com/example/kb', branch: 'main' };
const taxonomy = loadTaxonomy(path.join(PROJECT_ROOT, 'tests/fixtures/site')).taxonomy!;
const formTaxonomy: FormTaxonomy[] = taxonomy.map((sector) => ({
  id: sector.id,
  name: sector.name.en,
  industries: sector.industries.map((industry) => ({ id: industry.id, name: industry.name.en })),
}));
const filled = {
  title: 'Night-shift "kiln" rota: 3 crews',
  id: '',
  lang: 'en',
  summary: '',
  sector: 'industry',
  industry: 'mining',
  'measure-kind-0': 'organizational',
  'measure-title-0': 'Three crews instead of two',
  'measure-kind-1': 'technical',
  'measure-title-1': '',
  metric: 'Tonnes per shift',
  unit: 't',
  before: '40',
  after: '52,5',
  better: 'higher',
  dimension: 'more',
};

describe('GitHub URLs', () => {
  it('opens the new-file page with the path and the content', () => {
    const url = new URL(newFileUrl(repository, 'content/experiences/en/industry/a-b.mdx', 'title: "x & y"\n# z'));
    expect(url.origin + url.pathname).toBe('https://github.com/example/kb/new/main');
    expect(url.searchParams.get('filename')).toBe('content/experiences/en/industry/a-b.mdx');
    expect(url.searchParams.get('value')).toBe('title: "x & y"\n# z');
    expect(newFileInFolderUrl(repository, 'content/experiences')).toBe(
      'https://github.com/example/kb/new/main/content/experiences',
    );
  });

  it('prefills an outdated-write-up issue through the issue form', () => {
    const url = new URL(
      outdatedIssueUrl(repository, {
        title: 'Drill: 3 & 7',
        file: 'content/experiences/en/industry/drill.mdx',
        pageUrl: 'https://kb.example/experiences/drill/',
      }),
    );
    expect(url.pathname).toBe('/example/kb/issues/new');
    expect(url.searchParams.get('template')).toBe('outdated.yml');
    expect(url.searchParams.get('title')).toBe('Outdated: Drill: 3 & 7');
    expect(url.searchParams.get('page')).toBe('https://kb.example/experiences/drill/');
    expect(url.searchParams.get('file')).toBe('content/experiences/en/industry/drill.mdx');
  });
});

describe('the proposal form', () => {
  it('builds a valid write-up from the fields and the URL that carries it', () => {
    const proposal = buildProposal(filled, formTaxonomy, repository, '2026-11-27');
    if (!proposal.ok) throw new Error(JSON.stringify(proposal.problems));
    expect(proposal.file).toBe('content/experiences/en/industry/night-shift-kiln-rota-3-crews.mdx');
    const carried = new URL(proposal.prefilledUrl!).searchParams;
    expect(carried.get('filename')).toBe(proposal.file);
    const validated = validateExperience(proposal.file, carried.get('value')!, taxonomy);
    expect(validated.problems).toEqual([]);
    expect(validated.data).toMatchObject({
      title: filled.title,
      measures: [{ kind: 'organizational', title: 'Three crews instead of two' }],
      results: [
        { metric: 'Tonnes per shift', unit: 't', before: 40, after: 52.5, better: 'higher', dimension: 'more' },
      ],
    });
  });

  it('names each field that needs correcting', () => {
    const proposal = buildProposal(
      {
        ...filled,
        title: '倪志福钻头',
        industry: 'hospitals',
        'measure-title-0': '',
        before: 'lots',
        summary: 'too short',
      },
      formTaxonomy,
      repository,
      '2026-11-27',
    );
    expect(proposal.ok).toBe(false);
    if (proposal.ok) return;
    expect(proposal.problems.map((problem) => problem.field).sort()).toEqual([
      'before',
      'id',
      'industry',
      'measure-title-0',
      'summary',
    ]);
    const idProblem = proposal.problems.find((problem) => problem.field === 'id')!;
    expect(describeProblem(idProblem, dictionaries.en)).toMatch(/no Latin letters/);
    expect(describeProblem(idProblem, dictionaries.zh)).toMatch(/没有可以生成文件名的拉丁字母/);
  });

  it('says an empty form needs a title, not that the title has no Latin letters', () => {
    const empty = Object.fromEntries(Object.keys(filled).map((name) => [name, '']));
    const proposal = buildProposal({ ...empty, lang: 'en' }, formTaxonomy, repository, '2026-11-27');
    if (proposal.ok) throw new Error('expected problems');
    const words = Object.fromEntries(
      proposal.problems.map((problem) => [problem.field, describeProblem(problem, dictionaries.en)]),
    );
    expect(words).toEqual({
      title: 'The title is required.',
      sector: 'Choose a sector.',
      'measure-title-0': 'Name at least one measure: what was changed, in a few words.',
    });
    expect(describeProblem({ field: 'title', key: 'contribute.error.titleRequired' }, dictionaries.zh)).toBe(
      '请填写标题。',
    );
  });

  it('never chooses for the person which way is better, the dimension or the kind of a measure', () => {
    // A time cut from 10 h to 6.5 h: only the person knows that lower is better.
    const proposal = buildProposal(
      { ...filled, before: '10', after: '6.5', better: '', dimension: '', 'measure-kind-0': '' },
      formTaxonomy,
      repository,
      '2026-11-27',
    );
    if (proposal.ok) throw new Error('a result without "better" and "dimension" must not be accepted');
    expect(proposal.problems.map((problem) => problem.field).sort()).toEqual(['better', 'dimension', 'measure-kind-0']);
    const words = proposal.problems.map((problem) => describeProblem(problem, dictionaries.en));
    expect(words).toContain('Choose whether a higher or a lower figure is better.');
    expect(words).toContain('Choose what improved: more, faster, better or cheaper.');
    expect(words).toContain('Choose whether this measure is technical or organizational.');

    const chosen = buildProposal(
      { ...filled, unit: 'h', before: '10', after: '6.5', better: 'lower', dimension: 'faster' },
      formTaxonomy,
      repository,
      '2026-11-27',
    );
    if (!chosen.ok) throw new Error(JSON.stringify(chosen.problems));
    const validated = validateExperience(chosen.file, chosen.content, taxonomy);
    expect(validated.data?.results).toEqual([
      expect.objectContaining({ before: 10, after: 6.5, better: 'lower', dimension: 'faster' }),
    ]);
  });

  it('words each problem in the language of the page, with its values filled in', () => {
    const zhTaxonomy: FormTaxonomy[] = taxonomy.map((sector) => ({
      id: sector.id,
      name: sector.name.zh,
      industries: sector.industries.map((industry) => ({ id: industry.id, name: industry.name.zh })),
    }));
    const proposal = buildProposal(
      { ...filled, title: 'ab', id: 'Not An Id', industry: 'hospitals' },
      zhTaxonomy,
      repository,
      '2026-11-27',
    );
    if (proposal.ok) throw new Error('expected problems');
    const words = Object.fromEntries(
      proposal.problems.map((problem) => [problem.field, describeProblem(problem, dictionaries.zh)]),
    );
    expect(words).toEqual({
      title: '标题需要 3 到 160 个字。',
      id: '标识只能用 a-z、0-9 和单个连字符，最多 60 个字符。',
      industry: '请选择“工业”下的一个行业。',
    });
  });

  it('accepts a Chinese title with an explicit id and no result', () => {
    const proposal = buildProposal(
      {
        ...filled,
        title: '倪志福钻头',
        id: 'ni-zhifu-zuantou',
        lang: 'zh',
        metric: '',
        unit: '',
        before: '',
        after: '',
      },
      formTaxonomy,
      repository,
      '2026-11-27',
    );
    expect(proposal.ok && proposal.file).toBe('content/experiences/zh/industry/ni-zhifu-zuantou.mdx');
  });

  it('offers no prefilled link when the URL would be too long', () => {
    const long = { ...filled, 'measure-title-0': 'x'.repeat(3000), 'measure-title-1': '长'.repeat(1000) };
    const proposal = buildProposal(long, formTaxonomy, repository, '2026-11-27');
    if (!proposal.ok) throw new Error(JSON.stringify(proposal.problems));
    expect(newFileUrl(repository, proposal.file, proposal.content).length).toBeGreaterThan(MAX_PREFILL_URL_LENGTH);
    expect(proposal.prefilledUrl).toBeUndefined();
    expect(proposal.emptyUrl).toBe(newFileUrl(repository, proposal.file));
  });
});
