// Hostile contributions, part two (issue 17), as a contributor's pull request
// meets them: `npm run check`, `review` and `new` as real processes over a
// project holding one file for each class of attack. Every file is refused
// within a second, named with its line, and nothing reaches the terminal raw.
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';
import { EN_DIR, makeRoot, RAW_CONTROL, TAXONOMY } from '../helpers/hostile.ts';
import { withField, writeUpSource } from '../helpers/write-up.ts';

const run = (script: string, args: string[]) => {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', script), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
  });
  return {
    status: result.status,
    output: result.stdout + result.stderr,
    seconds: (performance.now() - started) / 1000,
  };
};

const frontmatterEnd = writeUpSource().indexOf('\n---\n');
/** One hostile file per class (1–5); the key is the file name, the value what the line must say. */
const ATTACKS: Record<string, { source: string; expect: RegExp }> = {
  'alias-bomb.mdx': {
    source: writeUpSource().replace(/^---\n/, '---\na: &a [x, x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a]\n'),
    expect: /alias-bomb\.mdx:3:\d+ {2}frontmatter {2}YAML aliases/,
  },
  'cyclic-alias.mdx': {
    source: writeUpSource().replace(/^---\n/, '---\nloop: &loop [*loop]\n'),
    expect: /cyclic-alias\.mdx:2:\d+ {2}frontmatter {2}YAML aliases/,
  },
  'wide-table.mdx': {
    source: writeUpSource(undefined, `|${'a|'.repeat(3000)}\n|${'-|'.repeat(3000)}\n${'|a|\n'.repeat(8000)}`),
    expect: /wide-table\.mdx:\d+:1 {2}table {2}a table has more than/,
  },
  'deep-emphasis.mdx': {
    source: writeUpSource(undefined, `${'*a '.repeat(1000)}x${' b*'.repeat(1000)}\n`),
    expect: /deep-emphasis\.mdx:\d+:1 {2}nesting {2}emphasis and links are nested/,
  },
  'deep-list.mdx': {
    source: writeUpSource(
      undefined,
      `${Array.from({ length: 170 }, (_, depth) => `${'  '.repeat(depth)}- level`).join('\n')}\n`,
    ),
    expect: /deep-list\.mdx:\d+:1 {2}nesting {2}lists and quotes are nested/,
  },
  'escape-title.mdx': {
    source: writeUpSource(withField('title', 'No problems\u001b[2J\u001b[H')),
    expect: /escape-title\.mdx:\d+:1 {2}title {2}the text contains an escape character/,
  },
  'newline-key.mdx': {
    source: writeUpSource().replace(/^---\n/, '---\n"x\\n::error file=README.md::fake": 1\n'),
    expect: /newline-key\.mdx:2:1 {2}x\\n::error file=README\.md::fake {2}a field name contains a line break/,
  },
  'lone-cr.mdx': {
    source: `${writeUpSource().slice(0, frontmatterEnd)}\rsummary2: x\r---\r<b>body?</b>${writeUpSource().slice(frontmatterEnd)}`,
    expect: /lone-cr\.mdx:\d+:\d+ {2}character {2}the file contains a carriage return that does not end a line/,
  },
  'raw-escape-body.mdx': {
    source: writeUpSource(undefined, 'Fine text \u001b]0;title\u0007 more.\n'),
    expect: /raw-escape-body\.mdx:\d+:11 {2}character {2}the file contains an escape character/,
  },
};

describe('npm run check over one file for each class of attack', () => {
  let root: string;
  beforeAll(() => {
    root = makeRoot({
      ...Object.fromEntries(Object.entries(ATTACKS).map(([name, attack]) => [`${EN_DIR}/${name}`, attack.source])),
      [`${EN_DIR}/\u001b[2Jclear-screen.mdx`]: writeUpSource(),
    });
    symlinkSync('/dev/zero', path.join(root, EN_DIR, 'zero.mdx'));
    symlinkSync('/etc', path.join(root, EN_DIR, 'elsewhere'), 'dir');
    symlinkSync('.', path.join(root, EN_DIR, 'loop'), 'dir');
  });

  it('refuses every file within a second each, naming file and line, with no raw control character', () => {
    const { status, output, seconds } = run('check.ts', ['--root', root]);
    expect(status).toBe(1);
    // Twelve hostile entries; Node's start-up is included.
    expect(seconds).toBeLessThan(12);
    for (const [name, attack] of Object.entries(ATTACKS)) expect(output, name).toMatch(attack.expect);
    expect(output).toContain(`${EN_DIR}/zero.mdx  file type  is a symbolic link`);
    expect(output).toContain(`${EN_DIR}/elsewhere  file type  is a symbolic link`);
    expect(output).toContain(`${EN_DIR}/loop  file type  is a symbolic link`);
    expect(output).toContain(`${EN_DIR}/\\u001B[2Jclear-screen.mdx  file name`);
    expect(output).not.toMatch(RAW_CONTROL);
    expect(output.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
    expect(output).not.toMatch(/passwd|No problems:/);
  });

  it('gives one well-formed annotation per problem in GitHub format', () => {
    const { status, output } = run('check.ts', ['--root', root, '--format', 'github']);
    expect(status).toBe(1);
    expect(output).not.toMatch(RAW_CONTROL);
    const lines = output.trim().split('\n');
    const annotations = lines.filter((line) => line.startsWith('::'));
    expect(annotations.length).toBe(lines.length - 1);
    for (const line of annotations)
      expect(line).toMatch(/^::(error|warning) file=[^,:]+(,line=\d+)?(,col=\d+)?(,title=[^:]*)?::/);
  });

  it('review prints the refused files inert too', () => {
    const { output } = run('review.ts', ['--root', root]);
    expect(output).toContain('\\u001B[2Jclear-screen.mdx');
    expect(output).not.toMatch(RAW_CONTROL);
  });
});

describe('npm run new with hostile input', () => {
  it('prints taxonomy problems and unknown names inert', () => {
    const root = makeRoot({}, TAXONOMY.replace('{ en: Industry,', '{ en: "Industry\\e[2J",'));
    const broken = run('new.ts', [
      '--root',
      root,
      '--title',
      'X y',
      '--sector',
      'industry',
      '--industry',
      'mining',
      '--lang',
      'en',
    ]);
    expect(broken.status).toBe(1);
    expect(broken.output).toContain('content/sectors.yaml:');
    expect(broken.output).toContain('an escape character (ESC)');
    expect(broken.output).not.toMatch(RAW_CONTROL);

    const unknown = run('new.ts', [
      '--root',
      makeRoot(),
      '--title',
      'X y',
      '--sector',
      'ind\u001b[2Justry',
      '--industry',
      'mining',
      '--lang',
      'en',
    ]);
    expect(unknown.status).toBe(1);
    expect(unknown.output).toMatch(/unknown sector "ind\\u001b\[2Justry"/i);
    expect(unknown.output).not.toMatch(RAW_CONTROL);
  });
});
