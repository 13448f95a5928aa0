// `astro dev` reloads a saved write-up through the content loader's watcher. A save that
// the schema refuses must be reported and leave the server running; the next good save
// is picked up (src/loaders/write-ups.ts, src/lib/serial-handler.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureSite, PROJECT_ROOT } from '../helpers/fixture-site.ts';

const FILE = 'content/experiences/en/industry/search-drill-geometry.mdx';
let root: string;
let server: ChildProcess;
let output = '';
let url = '';

async function waitFor(pattern: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
  const end = Date.now() + ms;
  for (;;) {
    const match = output.match(pattern);
    if (match) return match;
    if (server.exitCode !== null) throw new Error(`astro dev stopped (code ${server.exitCode}):\n${output}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  const site = makeFixtureSite('dev-reload', path.join(PROJECT_ROOT, 'tests/fixtures/search/content'));
  // Outside the project: its dev server (astro.config.mjs) does not watch anything in tests/.tmp/.
  root = mkdtempSync(path.join(tmpdir(), 'pacesetter-dev-reload-'));
  cpSync(site, root, { recursive: true, verbatimSymlinks: true });
  const astro = path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');
  const port = await freePort();
  server = spawn(process.execPath, [astro, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: root,
    // Without Vitest's own variables (NODE_ENV=test, VITEST…), which change how Astro serves.
    env: {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')),
      ),
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    },
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(/watching for file changes/);
  url = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  server?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('astro dev reloads saved write-ups', () => {
  it('reports a save the schema refuses, keeps running, and takes the next good save', async () => {
    const page = `${url}/experiences/search-drill-geometry/`;
    expect((await fetch(page)).status, output).toBe(200);
    const source = readFileSync(path.join(root, FILE), 'utf8');

    writeFileSync(path.join(root, FILE), source.replace(/^sector: .*$/m, 'sector: space'));
    // The content check lists the problem in full; the loader says that this file waits.
    await waitFor(/was not reloaded/);
    expect(output).toContain(`${FILE} was not reloaded: it has content problems`);
    await waitFor(/sector {2}is not one of the allowed values \(got "space"/);

    writeFileSync(path.join(root, FILE), source.replace(/^title: .*$/m, 'title: Drill geometry, saved again'));
    await waitFor(new RegExp(`Reloaded ${FILE}`));
    // The page shows the saved text: the catalog (src/site-data/catalog.ts) is rebuilt when an entry changes.
    expect(server.exitCode).toBeNull();
    // The store is written a moment after the log line: ask until the page has it.
    let html = '';
    for (let tries = 0; tries < 50 && !html.includes('Drill geometry, saved again'); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      html = await (await fetch(page)).text();
    }
    expect(html).toContain('Drill geometry, saved again');
  }, 90_000);
});
