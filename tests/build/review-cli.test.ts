// `npm run review` on the fixture content, as a maintainer or CI would run it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DUE_SOON_DAYS } from '../../src/lib/review/review.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const fixtureRoot = path.join(PROJECT_ROOT, 'tests/fixtures/site');
const review = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/review.ts'), '--root', fixtureRoot, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PACESETTER_TODAY: '2026-11-26' },
  });

describe('npm run review', () => {
  it('prints the overdue write-up as JSON with the documented fields', () => {
    const run = review('--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        id: 'fixture-old-drill',
        lang: 'en',
        title: 'Fixture old drill routine',
        owner: 'old-owner',
        sector: 'industry',
        file: 'content/experiences/en/industry/fixture-old-drill.mdx',
        reviewed: '2019-05-01',
        due: '2020-05-01',
        state: 'overdue',
      },
    ]);
  });

  it('writes valid JSON on stdout through npm as the README says (npm run -s), and to a file with --out', () => {
    // The README's command line, through the real npm: its banner must not precede the JSON.
    const npm = spawnSync('npm', ['run', '-s', 'review', '--', '--json', '--root', fixtureRoot], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, PACESETTER_TODAY: '2026-11-26' },
    });
    expect(npm.status, npm.stderr).toBe(0);
    expect(JSON.parse(npm.stdout)).toEqual(JSON.parse(review('--json').stdout));

    const folder = path.join(PROJECT_ROOT, 'tests/.tmp/review-out');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const out = path.join(folder, 'queue.json');
    const run = review('--json', '--out', out);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Wrote 1 write-up(s) to ${out}.`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(review('--json').stdout));
  });

  it('filters by owner and sector, and --all includes current write-ups', () => {
    expect(JSON.parse(review('--json', '--owner', 'fixture-owner').stdout)).toEqual([]);
    expect(JSON.parse(review('--json', '--sector', 'construction').stdout)).toEqual([]);
    const all = JSON.parse(review('--json', '--all').stdout) as { id: string; lang: string; state: string }[];
    // Most urgent first: overdue, then by due date (the Chinese translation was reviewed earliest).
    expect(all.map((entry) => `${entry.lang}/${entry.id}:${entry.state}`)).toEqual([
      'en/fixture-old-drill:overdue',
      'zh/fixture-drill:current',
      'en/fixture-bricklaying:current',
      'en/fixture-drill:current',
      'zh/fixture-zh-only:current',
    ]);
  });

  it('prints a readable table and fails on overdue when asked', () => {
    const run = review('--fail-on-overdue');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /overdue\s+2020-05-01\s+2019-05-01\s+old-owner\s+industry\s+en\s+fixture-old-drill\s+Fixture old drill routine/,
    );
    expect(review('--fail-on-overdue', '--sector', 'construction').status).toBe(0);
  });

  it('says when nothing is due, with the same due-soon window the queue uses', () => {
    const run = review('--sector', 'construction');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`Nothing is overdue or due within ${DUE_SOON_DAYS} days (as of 2026-11-26).`);
  });
});
