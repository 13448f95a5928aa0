// The settings each shard's Pagefind run gives its memory allocator
// (src/integrations/pagefind-run.ts): they must reach the binary the project
// ships, or a full build silently loses the CPU they save (docs/performance.md).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PAGEFIND_ALLOCATOR_SETTINGS,
  pagefindBinary,
  pagefindEnvironment,
} from '../../src/integrations/pagefind-run.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'pagefind-allocator-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("a shard's Pagefind run", () => {
  it('gets the allocator settings and no PAGEFIND_* variable', () => {
    const environment = pagefindEnvironment({ PATH: '/usr/bin', PAGEFIND_SITE: 'elsewhere', pagefind_glob: '*.x' });
    expect(environment).toEqual({ PATH: '/usr/bin', _RJEM_MALLOC_CONF: PAGEFIND_ALLOCATOR_SETTINGS });
  });

  it("keeps a maintainer's own allocator settings", () => {
    expect(pagefindEnvironment({ _RJEM_MALLOC_CONF: 'narenas:1' })._RJEM_MALLOC_CONF).toBe('narenas:1');
  });

  it('has settings that the shipped binary reads and accepts, every one of them', () => {
    const site = path.join(folder, 'site');
    mkdirSync(path.join(site, 'a'), { recursive: true });
    writeFileSync(
      path.join(site, 'a/index.html'),
      '<!DOCTYPE html><html lang="en"><head><title>A</title></head><body><main data-pagefind-body><h1>A page</h1><p>Words to index.</p></main></body></html>',
    );
    const environment = pagefindEnvironment(process.env);
    // jemalloc prints the options in force when it exits, when asked to.
    environment._RJEM_MALLOC_CONF = `${environment._RJEM_MALLOC_CONF},stats_print:true`;
    const run = spawnSync(pagefindBinary(), ['--site', site, '--output-path', path.join(folder, 'out'), '--silent'], {
      env: environment,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/Invalid conf/);
    const options = Object.fromEntries(
      [...run.stderr.matchAll(/^\s*opt\.([a-z_]+): "?([^"\s]+)/gm)].map(([, name, value]) => [name, value]),
    );
    for (const setting of PAGEFIND_ALLOCATOR_SETTINGS.split(',')) {
      const [name, value] = setting.split(':');
      expect(options[name!], name).toBe(value);
    }
  });
});
