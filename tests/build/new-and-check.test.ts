// `npm run new` then `npm run check`, as a contributor runs them: real processes
// on a temporary copy of the fixture content.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';
import { withField, writeUpSource } from '../helpers/write-up.ts';

const ROOT = path.join(PROJECT_ROOT, 'tests/.tmp/new-and-check');
const run = (script: string, args: string[]) => {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', script), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    input: '', // not a terminal: the scripts must not wait for answers
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
};
const newWriteUp = (...args: string[]) => run('new.ts', ['--root', ROOT, ...args]);
const check = (...args: string[]) => run('check.ts', ['--root', ROOT, ...args]);

beforeEach(() => {
  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(ROOT, { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/site/content'), path.join(ROOT, 'content'), { recursive: true });
});

describe('npm run new', () => {
  it('scaffolds a write-up that passes npm run check', () => {
    const made = newWriteUp(
      '--title',
      'Wang\'s "quick-change" jig: 2 minutes',
      '--sector',
      'industry',
      '--industry',
      'machine-building',
      '--lang',
      'en',
    );
    expect(made.status, made.output).toBe(0);
    expect(made.stdout.trim()).toBe('content/experiences/en/industry/wangs-quick-change-jig-2-minutes.mdx');
    const source = readFileSync(path.join(ROOT, made.stdout.trim()), 'utf8');
    expect(source).toContain('status: draft');
    expect(source).toMatch(/^reviewed: \d{4}-\d{2}-\d{2}$/m);
    expect(source).toContain('## How to adopt it');

    const zh = newWriteUp(
      '--title',
      '王崇伦万能工具胎',
      '--id',
      'wang-chonglun-jig',
      '--sector',
      'industry',
      '--industry',
      'machine-building',
      '--lang',
      'zh',
      '--summary',
      '王崇伦改进工具胎，使一台机床能完成多种工序，工效大幅提高。',
    );
    expect(zh.status, zh.output).toBe(0);

    const checked = check();
    expect(checked.status, checked.output).toBe(0);
    // The fixture's one stale translation is a warning; each new file adds only the warning that it is a draft.
    expect(
      checked.stdout.split('\n').filter((line) => line.includes('wang-chonglun-jig') || line.includes('wangs-quick')),
    ).toEqual([
      expect.stringMatching(
        /^warning: content\/experiences\/en\/industry\/wangs-quick-change-jig-2-minutes\.mdx:\d+:1  status  draft with \d+ open TODO:/,
      ),
      expect.stringMatching(
        /^warning: content\/experiences\/zh\/industry\/wang-chonglun-jig\.mdx:\d+:1  status  draft with \d+ open TODO:/,
      ),
    ]);
    expect(checked.stdout).not.toMatch(/\d+ error\(s\)/);
    const loaded = Number(/(\d+) write-up/.exec(checked.stdout)![1]);
    rmSync(path.join(ROOT, 'content/experiences/zh/industry/wang-chonglun-jig.mdx'));
    rmSync(path.join(ROOT, made.stdout.trim()));
    expect(Number(/(\d+) write-up/.exec(check().stdout)![1])).toBe(loaded - 2);
  });

  it('refuses an existing id, unknown sectors and industries, and missing flags without a terminal', () => {
    const taken = newWriteUp(
      '--title',
      'Fixture drill',
      '--id',
      'fixture-drill',
      '--sector',
      'construction',
      '--industry',
      'building',
      '--lang',
      'en',
    );
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain(
      'already used in language "en" by content/experiences/en/industry/fixture-drill.mdx',
    );

    const sector = newWriteUp('--title', 'Space drill', '--sector', 'space', '--industry', 'mining', '--lang', 'en');
    expect(sector.status).toBe(1);
    expect(sector.stderr).toMatch(
      /unknown sector "space"; valid sectors:\n\s+industry[\s\S]*construction[\s\S]*health/,
    );

    const industry = newWriteUp(
      '--title',
      'Space drill',
      '--sector',
      'industry',
      '--industry',
      'hospitals',
      '--lang',
      'en',
    );
    expect(industry.status).toBe(1);
    expect(industry.stderr).toMatch(/unknown industry "hospitals"[\s\S]*machine-building[\s\S]*mining/);

    const chinese = newWriteUp('--title', '倪志福钻头', '--sector', 'industry', '--industry', 'mining', '--lang', 'zh');
    expect(chinese.status).toBe(1);
    expect(chinese.stderr).toContain('give --id');

    const bare = newWriteUp('--title', 'Only a title');
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('missing --sector, --industry, --lang');
    expect(bare.stderr).toContain('usage: npm run new');
    expect(existsSync(path.join(ROOT, 'content/experiences/en/industry/only-a-title.mdx'))).toBe(false);
  });
});

describe('npm run check', () => {
  const dir = 'content/experiences/en/industry';
  const broken = {
    [`${dir}/no-title.mdx`]: writeUpSource(withField('title', undefined)),
    [`${dir}/unknown-sector.mdx`]: writeUpSource(withField('sector', 'space')),
    [`${dir}/bad-yaml.mdx`]: writeUpSource().replace('organization: Beijing', 'organization: [Beijing'),
  };
  const writeBroken = () => {
    for (const [file, source] of Object.entries(broken)) writeFileSync(path.join(ROOT, file), source);
  };

  it('names all three broken files in one run and exits non-zero', () => {
    writeBroken();
    const checked = check();
    expect(checked.status).toBe(1);
    expect(checked.stdout).toMatch(new RegExp(`${dir}/no-title\\.mdx:\\d+:\\d+  title  is required`));
    expect(checked.stdout).toMatch(
      new RegExp(
        `${dir}/unknown-sector\\.mdx:\\d+:\\d+  sector  is not one of the allowed values \\(got "space", expected one of: industry, construction, health\\)`,
      ),
    );
    expect(checked.stdout).toMatch(new RegExp(`${dir}/bad-yaml\\.mdx:\\d+:\\d+  frontmatter  invalid YAML`));
    expect(checked.stdout).toMatch(/error\(s\) in 3 file\(s\)/);
  });

  it('prints GitHub annotations with --format github', () => {
    writeBroken();
    const checked = check('--format', 'github');
    expect(checked.status).toBe(1);
    const annotations = checked.stdout.split('\n').filter((line) => line.startsWith('::error '));
    for (const file of Object.keys(broken)) {
      expect(
        annotations.some((line) => line.startsWith(`::error file=${file},line=`)),
        file,
      ).toBe(true);
    }
  });

  it('warns about a likely duplicate title without failing', () => {
    const made = newWriteUp(
      '--title',
      'Fixture drill geometries',
      '--sector',
      'industry',
      '--industry',
      'machine-building',
      '--lang',
      'en',
    );
    expect(made.status, made.output).toBe(0);
    const checked = check('--format', 'github');
    expect(checked.status, checked.output).toBe(0);
    expect(checked.stdout).toMatch(
      /^::warning file=content\/experiences\/en\/industry\/fixture-drill-geometries\.mdx,line=\d+,col=1,title=title::very close to the title of content\/experiences\/en\/industry\/fixture-drill\.mdx/m,
    );
  });

  it('refuses an unknown format', () => {
    expect(check('--format', 'xml').status).toBe(2);
  });
});
