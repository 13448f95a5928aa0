// `npm start` as a newcomer runs it: one content check, a short build log without
// the list of every route, then the preview server.
import { spawn } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFixtureSite, PROJECT_ROOT } from '../helpers/fixture-site.ts';

describe('npm start', () => {
  it('checks the content once, summarises the routes and serves the site', async () => {
    const root = makeFixtureSite('start', path.join(PROJECT_ROOT, 'tests/fixtures/site/content'));
    symlinkSync(path.join(PROJECT_ROOT, 'scripts'), path.join(root, 'scripts'), 'dir');
    const port = String(43_000 + Math.floor(Math.random() * 2000));
    // The real command, through npm and the package.json start script.
    const child = spawn('npm', ['start', '--', '--port', port], {
      cwd: root,
      detached: true,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no server after 200 s:\n${output}`)), 200_000);
        const poll = setInterval(() => {
          if (output.includes(`localhost:${port}`)) {
            clearInterval(poll);
            clearTimeout(timer);
            resolve();
          }
        }, 200);
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
      });
      const home = await fetch(`http://localhost:${port}/`);
      expect(home.status).toBe(200);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    expect(output.match(/write-up\(s\) checked/g), output).toHaveLength(1);
    expect(output).not.toMatch(/[├└]─ \//);
    expect(output).toMatch(/\d+ route\(s\) written to dist\//);
    expect(output).toMatch(/\d+ page\(s\) built/);
  }, 240_000);
});
