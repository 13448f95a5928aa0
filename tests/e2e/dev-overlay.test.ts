// `astro dev` in Chromium: saving a write-up with several schema errors shows every
// one of them in the error overlay (and the terminal), not Astro's first error alone;
// fixing the file clears it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { makeFixtureSite, PROJECT_ROOT } from '../helpers/fixture-site.ts';
import { validFrontmatter, writeUpSource } from '../helpers/write-up.ts';

const port = String(45_000 + Math.floor(Math.random() * 2000));
let root: string;
let dev: ChildProcess;
let output = '';
let browser: Browser;

const waitFor = (predicate: () => boolean, what: string, ms = 120_000) =>
  new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (predicate()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}:\n${output}`));
      }
    }, 200);
  });

beforeAll(async () => {
  // Outside tests/.tmp/, which the dev server's file watcher ignores (astro.config.mjs).
  root = makeFixtureSite(
    'site',
    path.join(PROJECT_ROOT, 'tests/fixtures/site/content'),
    mkdtempSync(path.join(tmpdir(), 'pacesetter-dev-')),
  );
  // Without what Vitest adds for its own use (NODE_ENV=test, import.meta.env values).
  const {
    BASE_URL: _base,
    MODE: _mode,
    DEV: _dev,
    PROD: _prod,
    SSR: _ssr,
    NODE_ENV: _node,
    VITEST: _vitest,
    ...env
  } = process.env;
  dev = spawn(
    process.execPath,
    [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', port, '--host', '127.0.0.1'],
    { cwd: root, detached: true, env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' } },
  );
  dev.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(() => output.includes(`:${port}`), 'the dev server');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (dev?.pid) process.kill(-dev.pid, 'SIGTERM');
  rmSync(path.dirname(root), { recursive: true, force: true });
});

describe('astro dev', () => {
  it('shows every problem of a saved write-up in the overlay and the terminal', async () => {
    const page = await browser.newPage();
    // The first request waits for Vite to bundle its dependencies, and may reload once.
    await page.goto(`http://127.0.0.1:${port}/experiences/fixture-drill/`, { timeout: 90_000 });
    await page.locator('h1').first().waitFor({ timeout: 90_000 });
    await page.waitForLoadState('networkidle');
    const file = path.join(root, 'content/experiences/en/industry/fixture-drill.mdx');
    const original = readFileSync(file, 'utf8');
    const before = output.length;
    writeFileSync(
      file,
      writeUpSource({ ...validFrontmatter(), evidence: 'rumour', industry: 'hospitals', reviewed: 'someday' }),
    );
    const overlay = page.locator('vite-error-overlay');
    await overlay.waitFor({ timeout: 60_000 });
    const message = await overlay.evaluate(
      (element) => element.shadowRoot?.querySelector('#message-content')?.textContent ?? '',
    );
    expect(message).toContain('fixture-drill.mdx');
    expect(message).toMatch(/evidence {2}is not one of the allowed values/);
    expect(message).toMatch(/industry {2}is not an industry of sector "industry"/);
    expect(message).toMatch(/reviewed {2}must be a real date/);
    // Only this file's problems: files that point at it do not call it missing.
    expect(message).toMatch(/3 error\(s\) in 1 file\(s\)\.$/);
    await waitFor(
      () => /fixture-drill\.mdx:\d+:1 {2}reviewed {2}must be a real date/.test(output.slice(before)),
      'the report in the terminal',
    );

    // Fixed, the page reloads without the overlay.
    writeFileSync(file, original);
    await page.waitForFunction(() => !document.querySelector('vite-error-overlay'), undefined, { timeout: 60_000 });
    await page.close();
  }, 180_000);
});
