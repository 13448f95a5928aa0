// `npm run lint:workflows` (scripts/lint-workflows.ts, run by .ci/run and CI):
// the project's workflows pass; a workflow that inlines untrusted input in a
// `run:` step, widens the token or uses pull_request_target fails, naming file and line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const CI = readFileSync(path.join(PROJECT_ROOT, '.github/workflows/ci.yml'), 'utf8');
const DEPLOY = readFileSync(path.join(PROJECT_ROOT, '.github/workflows/deploy.yml'), 'utf8');

function lint(workflows?: Record<string, string>) {
  let dir = path.join(PROJECT_ROOT, '.github/workflows');
  if (workflows) {
    dir = mkdtempSync(path.join(tmpdir(), 'pacesetter-workflows-'));
    for (const [name, text] of Object.entries(workflows)) writeFileSync(path.join(dir, name), text);
  }
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/lint-workflows.ts'), '--dir', dir], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

const replaced = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`${from} not in the workflow`);
  return text.replace(from, to);
};

describe('npm run lint:workflows', () => {
  it('passes the project’s workflows', () => {
    expect(lint()).toMatchObject({ status: 0, output: expect.stringContaining('2 workflow(s): no problems.') });
  });

  it('catches an untrusted pull request title in a run step', () => {
    const injected = replaced(
      CI,
      'run: npm run check -- --format github',
      'run: echo "${{ github.event.pull_request.title }}"',
    );
    const { status, output } = lint({ 'ci.yml': injected });
    expect(status).toBe(1);
    expect(output).toMatch(
      /ci\.yml:\d+:\d+ {2}expression {2}"github\.event\.pull_request\.title" is potentially untrusted/,
    );
  });

  it('catches a widened permission, write-all and pull_request_target', () => {
    const { status, output } = lint({
      'ci.yml': replaced(CI, 'permissions:\n  contents: read', 'permissions: write-all'),
      'deploy.yml': replaced(DEPLOY, 'pages: write', 'pages: write\n      contents: write'),
      'target.yml': replaced(CI, 'on:\n  pull_request:', 'on:\n  pull_request_target:'),
    });
    expect(status).toBe(1);
    expect(output).toMatch(/ci\.yml:\d+:\d+ {2}permissions {2}permissions: write-all widens the token/);
    expect(output).toMatch(/deploy\.yml:\d+:\d+ {2}permissions {2}contents: write widens the token/);
    expect(output).toMatch(/target\.yml:\d+:\d+ {2}trigger {2}pull_request_target runs with secrets/);
  });
});
