// Hostile contributions, part two (issue 17): each class of attack that once got
// past the checks, proven refused (or made harmless) at its root, in-process.
// The CLI and build sides are in tests/build/hostile-cli.test.ts.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, measureBody } from '../../src/lib/content/body-limits.ts';
import { loadCorpus, loadTaxonomy } from '../../src/lib/content/corpus.ts';
import { walkFolder } from '../../src/lib/content/files.ts';
import { bodyForParser, splitFrontmatter } from '../../src/lib/content/frontmatter.ts';
import { guardWriteUp, MAX_BODY_BYTES } from '../../src/lib/write-up/mdx-guard.ts';
import {
  formatGithubAnnotation,
  formatProblem,
  formatReport,
  type ContentProblem,
} from '../../src/lib/content/problems.ts';
import { renderGuardedWriteUp, renderWriteUp } from '../../src/lib/write-up/render-write-up.ts';
import { showValue, validateExperience } from '../../src/lib/content/validate-experience.ts';
import { MAX_INDUSTRIES_PER_SECTOR, MAX_SECTORS, taxonomySchema } from '../../src/schema/taxonomy.ts';
import { EN_DIR, makeRoot, RAW_CONTROL, TAXONOMY } from '../helpers/hostile.ts';
import { writeUpSource, withField } from '../helpers/write-up.ts';

const FILE = `${EN_DIR}/x.mdx`;
const taxonomy = taxonomySchema.parse(parse(TAXONOMY));
/** Every problem the per-file checks find, and how long they took. */
function checkFile(source: string, file = FILE) {
  const started = performance.now();
  const problems = [...validateExperience(file, source, taxonomy).problems, ...guardWriteUp(file, source)];
  return { problems, ms: performance.now() - started };
}
const lines = (problems: ContentProblem[]) => problems.map(formatProblem);

describe('1. only regular files in content/', () => {
  const good = writeUpSource();
  function rootWithLink(name: string, target: string, type?: 'dir' | 'file') {
    const root = makeRoot({ [`${EN_DIR}/good.mdx`]: good });
    symlinkSync(target, path.join(root, EN_DIR, name), type);
    return root;
  }
  const refusal = (root: string, name: string) =>
    loadCorpus(root).problems.filter((problem) => problem.file === `${EN_DIR}/${name}`);

  it('refuses a link to /dev/zero without reading it, naming it', () => {
    const started = performance.now();
    const problems = refusal(rootWithLink('zero.mdx', '/dev/zero'), 'zero.mdx');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(lines(problems)).toEqual([
      expect.stringContaining(`${EN_DIR}/zero.mdx  file type  is a symbolic link; only regular files and folders`),
    ]);
  });

  it('refuses a dangling link and a link to itself instead of crashing', () => {
    const root = rootWithLink('gone.mdx', '/nonexistent/pacesetter/file.mdx');
    symlinkSync('loop.mdx', path.join(root, EN_DIR, 'loop.mdx'));
    const corpus = loadCorpus(root);
    expect(corpus.problems.map((problem) => [problem.file, problem.field])).toEqual(
      expect.arrayContaining([
        [`${EN_DIR}/gone.mdx`, 'file type'],
        [`${EN_DIR}/loop.mdx`, 'file type'],
      ]),
    );
    expect(corpus.entries.map((entry) => entry.id)).toEqual(['good']);
  });

  it('refuses a folder loop and a folder link elsewhere, printing no file names from behind it', () => {
    const root = rootWithLink('elsewhere', '/etc', 'dir');
    symlinkSync('..', path.join(root, EN_DIR, 'loop'), 'dir');
    const report = formatReport(loadCorpus(root).problems);
    expect(report).toContain(`${EN_DIR}/elsewhere  file type  is a symbolic link`);
    expect(report).toContain(`${EN_DIR}/loop  file type  is a symbolic link`);
    expect(report).not.toMatch(/passwd|hostname|\/etc\//);
  });

  it('does not build a write-up linked in from outside content/', () => {
    const root = makeRoot();
    writeFileSync(path.join(root, 'outside.mdx'), good);
    symlinkSync(path.join(root, 'outside.mdx'), path.join(root, EN_DIR, 'inside.mdx'));
    const corpus = loadCorpus(root);
    expect(corpus.entries).toEqual([]);
    expect(corpus.problems.map((problem) => problem.file)).toEqual([`${EN_DIR}/inside.mdx`]);
  });

  it('refuses a linked taxonomy and a linked experiences folder', () => {
    const root = makeRoot();
    writeFileSync(path.join(root, 'real.yaml'), TAXONOMY);
    const taxonomyFile = path.join(root, 'content/sectors.yaml');
    rmSync(taxonomyFile);
    symlinkSync(path.join(root, 'real.yaml'), taxonomyFile);
    expect(loadTaxonomy(root).problems).toEqual([
      expect.objectContaining({ file: 'content/sectors.yaml', message: expect.stringContaining('a symbolic link') }),
    ]);
    const other = makeRoot();
    rmSync(path.join(other, 'content/experiences'), { recursive: true });
    symlinkSync(path.join(root, 'content'), path.join(other, 'content/experiences'), 'dir');
    expect(loadCorpus(other).problems.map(formatProblem)).toEqual([
      expect.stringContaining('content/experiences  file type  is a symbolic link'),
    ]);
  });

  it('walks deep folders without recursion and lists only regular files', () => {
    const root = makeRoot();
    let folder = path.join(root, 'deep');
    for (let depth = 0; depth < 300; depth += 1) folder = path.join(folder, 'd');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'leaf.txt'), 'x');
    symlinkSync('/dev/zero', path.join(folder, 'zero'));
    const walk = walkFolder(path.join(root, 'deep'));
    expect(walk.files.map((file) => path.basename(file))).toEqual(['leaf.txt']);
    expect(walk.refused).toEqual([{ path: path.join(folder, 'zero'), kind: 'a symbolic link' }]);
  });
});

describe('2. YAML is bounded and never crashes', () => {
  const laughs = [
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  ].join('\n');

  it('refuses aliases in a write-up with file:line instead of throwing', () => {
    const source = writeUpSource().replace(/^---\n/, `---\n${laughs}\n`);
    const { problems, ms } = checkFile(source);
    expect(ms).toBeLessThan(1000);
    expect(lines(problems)[0]).toContain(`${FILE}:3:8  frontmatter  YAML aliases (*name) are not allowed`);
    expect(problems.length).toBeLessThanOrEqual(20); // one per alias, up to a limit: not one per expanded value
  });

  it('refuses a cyclic alias', () => {
    const source = writeUpSource().replace(/^---\n/, '---\nloop: &loop [*loop]\n');
    expect(lines(checkFile(source).problems)).toEqual([expect.stringContaining(':2:14  frontmatter  YAML aliases')]);
  });

  it('refuses a frontmatter over its cap before parsing it', () => {
    const keys = Array.from({ length: 3000 }, (_, index) => `k${index}: 1`).join('\n');
    const { problems, ms } = checkFile(writeUpSource().replace(/^---\n/, `---\n${keys}\n`));
    expect(ms).toBeLessThan(1000);
    expect(lines(problems)).toEqual([expect.stringContaining(`${FILE}:1:1  frontmatter  the frontmatter is too long`)]);
  });

  it('refuses aliases in sectors.yaml with its line', () => {
    const root = makeRoot({}, `${TAXONOMY}\n- &s { id: extra, name: *n }\n`);
    expect(loadTaxonomy(root).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^content\/sectors\.yaml:\d+:\d+ {2}YAML aliases \(\*name\) are not allowed/),
    ]);
  });

  it('caps the taxonomy: sectors, industries per sector, names', () => {
    const sector = (id: number, industries: number) =>
      `- id: s${id}\n  name: { en: S, zh: S }\n  description: { en: D, zh: D }\n  industries:\n${Array.from(
        { length: industries },
        (_, index) => `    - { id: i${index}, name: { en: I, zh: I } }`,
      ).join('\n')}`;
    const many = Array.from({ length: MAX_SECTORS + 1 }, (_, index) => sector(index, 1)).join('\n');
    expect(loadTaxonomy(makeRoot({}, many)).problems.map((problem) => problem.message)).toContain(
      'Too big: expected array to have <=40 items',
    );
    const wide = sector(1, MAX_INDUSTRIES_PER_SECTOR + 1);
    expect(loadTaxonomy(makeRoot({}, wide)).problems).toEqual([expect.objectContaining({ field: '[0].industries' })]);
    const huge = `${TAXONOMY}\n# ${'x'.repeat(40 * 1024)}\n`;
    expect(loadTaxonomy(makeRoot({}, huge)).problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('the taxonomy file is too large') }),
    ]);
  });

  it('prints any value, cyclic ones too', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(showValue(cyclic)).toBe('["[repeated]"]');
    expect(showValue(10n)).toBe('"10"');
    expect(showValue(new Date(Number.NaN))).toBe('an invalid date');
  });
});

describe('3. a body’s cost is bounded before any recursive step', () => {
  const bodies: Record<string, string> = {
    'a 44 kB table of thousands of columns and short rows': `|${'a|'.repeat(3000)}\n|${'-|'.repeat(3000)}\n${'|a|\n'.repeat(8000)}`,
    '6 kB of nested emphasis': `${'*a '.repeat(1000)}x${' b*'.repeat(1000)}\n`,
    'nested strong and links': `${'**['.repeat(500)}x${'](/a)**'.repeat(500)}\n`,
    'a 32 kB nested list': `${Array.from({ length: 170 }, (_, depth) => `${'  '.repeat(depth)}- level`).join('\n')}\n`,
    'list markers on one line': `${'- '.repeat(15_000)}x\n`,
    'quotes on one line': `${'> '.repeat(15_000)}x\n`,
    'nested elements': `<div>${'<span>'.repeat(3000)}x${'</span>'.repeat(3000)}</div>\n`,
  };

  it.each(Object.entries(bodies))('refuses %s within a second, naming the file and line', (_name, body) => {
    const { problems, ms } = checkFile(writeUpSource(undefined, body));
    expect(ms).toBeLessThan(1000);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: FILE, line: expect.any(Number) });
    expect(['table', 'nesting']).toContain(problems[0]!.field);
  });

  it('counts table cells with the header’s width for every row', () => {
    const columns = 20;
    const rows = Math.ceil(MAX_TABLE_CELLS / columns);
    const table = `|${'a|'.repeat(columns)}\n|${'-|'.repeat(columns)}\n${'|a|\n'.repeat(rows)}`;
    expect(measureBody(table)).toEqual([
      expect.objectContaining({ field: 'table', message: expect.stringContaining('cells') }),
    ]);
    expect(measureBody(table.split('\n').slice(0, 50).join('\n'))).toEqual([]);
    const wide = `|${'a|'.repeat(MAX_TABLE_COLUMNS + 1)}\n|${'-|'.repeat(MAX_TABLE_COLUMNS + 1)}\n`;
    expect(measureBody(wide)).toEqual([expect.objectContaining({ message: expect.stringContaining('columns') })]);
  });

  it('accepts what real write-ups use: emphasis, links, tables, lists and code', () => {
    const body = [
      '## The problem',
      '',
      'Plain *text* with **strong**, ~~gone~~, _under_, ***both***, [a **link**](https://example.org) and 2 * 3 * 4.',
      '',
      '| a | b |',
      '|:--|--:|',
      '| 1 | 2 |',
      '',
      '- one',
      '  - two',
      '    > quoted *and* **nested** [link](/x)',
      '',
      '```',
      '*'.repeat(100),
      '```',
    ].join('\n');
    expect(measureBody(body)).toEqual([]);
    expect(checkFile(writeUpSource(undefined, body)).problems).toEqual([]);
  });

  it('refuses a file over the size cap unread, in the corpus check', () => {
    const big = writeUpSource(undefined, `${'word '.repeat(MAX_BODY_BYTES / 5)}\n`);
    const root = makeRoot({ [FILE]: big });
    expect(loadCorpus(root).problems.map(formatProblem)).toEqual([
      expect.stringContaining(`${FILE}:1:1  size  the write-up is too large`),
    ]);
  });

  it('names the file when rendering fails in an unforeseen way', () => {
    // A source the guard would refuse, rendered by the second wall alone: deep enough to overflow its recursion.
    const source = writeUpSource(undefined, `${'*a '.repeat(3000)}x${' b*'.repeat(3000)}\n`);
    expect(() => renderGuardedWriteUp({ file: FILE, source, lang: 'en' })).toThrow(`${FILE} could not be rendered`);
    expect(() => renderWriteUp({ file: FILE, source, lang: 'en' })).toThrow(/x\.mdx:\d+:1 {2}nesting/);
  });
});

describe('4. user text is inert in every output', () => {
  it.each([
    ['title', 'Fake\u001b[2J title'],
    ['owner', 'me\u001b]0;pwned\u0007'],
    ['summary', 'A summary with a NUL \u0000 byte in the middle of it, long enough to pass.'],
    ['title', 'Non-character \uFFFE in a title'],
    ['title', 'Lone surrogate \uD800 in a title'],
    ['tags', ['ok', 'bad\u0085tag']],
  ])('refuses a control character or non-character in %s', (field, value) => {
    const { problems } = checkFile(writeUpSource(withField(field, value)));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((problem) => problem.field?.startsWith(field) && /contains/.test(problem.message))).toBe(true);
    for (const line of lines(problems)) expect(line).not.toMatch(RAW_CONTROL);
  });

  it('refuses a key with a line break and never lets a printed line start with ::', () => {
    const source = writeUpSource().replace(/^---\n/, '---\n"x\\n::error file=a::No problems": 1\n');
    const { problems } = checkFile(source);
    expect(problems.map((problem) => problem.message)).toContain(
      'a field name contains a line break (U+000A), which write-ups may not contain',
    );
    const text = formatReport(problems);
    expect(text.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
    for (const problem of problems) {
      const annotation = formatGithubAnnotation(problem);
      expect(annotation.split('\n')).toHaveLength(1);
      expect(annotation).not.toMatch(RAW_CONTROL);
    }
  });

  it('prints file names, fields and values inert', () => {
    const problem: ContentProblem = {
      severity: 'error',
      file: `${EN_DIR}/\u001b[2Jclear.mdx`,
      line: 3,
      field: 'title\n::warning::',
      message: 'bad \u009b31m',
      got: '"\u202Eevil"',
      hint: 'no \u0007 bell',
    };
    for (const text of [formatProblem(problem), formatGithubAnnotation(problem), formatReport([problem])]) {
      expect(text).not.toMatch(RAW_CONTROL);
      expect(text).toContain('\\u001B[2Jclear.mdx');
    }
    expect(formatProblem(problem).split('\n')).toHaveLength(2); // the message line and its hint, nothing injected
  });

  it('refuses control characters in taxonomy names and keys', () => {
    const root = makeRoot({}, TAXONOMY.replace('{ en: Industry,', '{ en: "Industry\\e[2J",'));
    expect(loadTaxonomy(root).problems).toEqual([
      expect.objectContaining({
        field: '[0].name.en',
        message: expect.stringContaining('an escape character (ESC)'),
        line: expect.any(Number),
      }),
    ]);
  });

  it('refuses raw control characters anywhere in the file, with line and column', () => {
    const { problems } = checkFile(writeUpSource(undefined, 'Text \u001b[31mred\n'));
    expect(problems).toEqual([expect.objectContaining({ field: 'character', line: expect.any(Number), column: 6 })]);
  });
});

describe('5. one parser’s view of a file', () => {
  const frontmatter = writeUpSource().replace(/\n---\n\n## The problem\n\nText.\n$/, '');
  const variants: Record<string, string> = {
    'a lone CR before ---': `${frontmatter}\rsummary2: x\r---\rMARKER body after CR\n---\n\nReal body.\n`,
    'CRLF throughout': `${frontmatter.replace(/\n/g, '\r\n')}\r\n---\r\n\r\nMARKER body.\r\n`,
    'LF throughout': `${frontmatter}\n---\n\nMARKER body.\n`,
    'a BOM and mixed ends': `\uFEFF${frontmatter}\r\n---\n\rMARKER body.\r\n`,
  };

  it.each(Object.entries(variants))('the checker and the renderer agree on the body: %s', (_name, source) => {
    const split = splitFrontmatter(source);
    expect(split.ok).toBe(true);
    const checkedBody = split.ok ? split.body : '';
    const html = renderGuardedWriteUp({ file: FILE, source, lang: 'en' }).html;
    expect(html.includes('MARKER')).toBe(checkedBody.includes('MARKER'));
    expect(bodyForParser(source).split('\n').length).toBe(source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length);
  });

  it('leaves no text to a parser’s own idea of frontmatter when the file has none', () => {
    // Sätteri's HTML pass reads "---" … "..." (or "+++" … "+++") at the start as frontmatter even when told not to.
    for (const source of ['---\nMARKER\n...', '+++\nMARKER\n+++\n', '--- \nMARKER\n---']) {
      if (splitFrontmatter(source).ok) continue;
      expect(renderGuardedWriteUp({ file: FILE, source, lang: 'en' }).html, source).toContain('MARKER');
    }
  });

  it('refuses lone CR line breaks, naming the line', () => {
    const { problems } = checkFile(variants['a lone CR before ---']!);
    expect(problems).toContainEqual(
      expect.objectContaining({
        field: 'character',
        message: expect.stringContaining('lone CR'),
        line: expect.any(Number),
      }),
    );
  });
});

describe('6. the CSP holds for what the renderer itself writes', () => {
  it('writes table alignment as classes and task boxes without <input>', () => {
    const body = '| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n- [x] done\n- [ ] open\n';
    const { html } = renderWriteUp({ file: FILE, source: writeUpSource(undefined, body), lang: 'en' });
    expect(html).not.toMatch(/style=/i);
    expect(html).not.toMatch(/<input/i);
    expect(html).toContain('<th class="align-left">a</th>');
    expect(html).toContain('<td class="align-center">2</td>');
    expect(html).toContain('<td class="align-right">3</td>');
    expect(html).toContain('<span class="task-box" role="img" aria-label="done">☑</span>');
    expect(html).toContain('aria-label="not done">☐</span>');
  });
});
