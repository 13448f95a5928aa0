// `npm ci`, the README's first command, on the machine's own Node and npm (Node 20 on
// the reference machine): it installs and says so in a line or two, without the
// "EBADENGINE Unsupported engine" warnings that do not apply (every npm script runs
// on the project's own Node 24, the `node` devDependency).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

describe('npm ci', () => {
  it('installs on the system Node quietly, and the engines field admits it', () => {
    const root = path.join(PROJECT_ROOT, 'tests/.tmp/install');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
      copyFileSync(path.join(PROJECT_ROOT, file), path.join(root, file));
    }
    // The PATH a newcomer has: without the project's node_modules/.bin (which npm test puts first).
    const PATH = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((folder) => !folder.includes('node_modules'))
      .join(path.delimiter);
    const env = { ...process.env, PATH };
    const systemNode = spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
    const result = spawnSync('npm', ['ci', '--prefer-offline', '--no-audit'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 280_000,
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).not.toMatch(/EBADENGINE|Unsupported engine/);
    expect(output.trim().split('\n')).toEqual([expect.stringMatching(/^added \d+ packages in /)]);
    // The project's own engines field tells the truth about the Node that installs it.
    const { engines } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const major = Number(/^v(\d+)/.exec(systemNode)?.[1]);
    expect(engines.node).toBe('>=20');
    expect(major).toBeGreaterThanOrEqual(20);
    rmSync(root, { recursive: true, force: true });
  }, 300_000);
});
