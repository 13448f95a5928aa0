// What src/integrations/kept-pages.ts leaves in dist/ when a build starts: the
// folders another integration keeps up to date itself stay after a finished
// build and go, with everything else, after one that did not finish.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptPages } from '../../src/integrations/kept-pages.ts';

let work: string;
let dist: string;
let cache: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kept-pages-'));
  dist = path.join(work, 'dist');
  cache = path.join(work, 'cache');
  mkdirSync(path.join(dist, 'pagefind/en/en-one-1of1'), { recursive: true });
  writeFileSync(path.join(dist, 'pagefind/en/en-one-1of1/pagefind-entry.json'), '{}');
  writeFileSync(path.join(dist, 'left-over.html'), '<p>old</p>');
  mkdirSync(cache, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Runs the integration's hooks up to the start of a build. */
async function startBuild() {
  const { hooks } = keptPages({ folders: ['pagefind'] });
  const config = { outDir: pathToFileURL(`${dist}/`), cacheDir: pathToFileURL(`${cache}/`) };
  await (hooks['astro:config:done'] as unknown as (options: object) => unknown)({ config });
  await (hooks['astro:build:start'] as unknown as (options: object) => unknown)({});
}

describe('the start of a build', () => {
  it('leaves the search index folder of a finished build, and deletes the rest', async () => {
    writeFileSync(path.join(cache, 'kept-pages-finished'), 'yes');
    await startBuild();
    expect(existsSync(path.join(dist, 'pagefind/en/en-one-1of1/pagefind-entry.json'))).toBe(true);
    expect(existsSync(path.join(dist, 'left-over.html'))).toBe(false);
  });

  it('deletes the search index folder too when the last build did not finish', async () => {
    await startBuild();
    expect(existsSync(path.join(dist, 'pagefind'))).toBe(false);
    expect(existsSync(path.join(dist, 'left-over.html'))).toBe(false);
  });
});
