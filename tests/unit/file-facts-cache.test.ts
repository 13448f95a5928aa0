// The cache of facts about built files (src/integrations/file-facts-cache.ts):
// a rebuild reads only the files whose size or time changed, and never answers
// from facts about other content.
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openFileFacts } from '../../src/integrations/file-facts-cache.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const dir = path.join(PROJECT_ROOT, 'tests/.tmp/file-facts');
const cacheFile = path.join(dir, 'cache/facts.json');
const page = path.join(dir, 'page.html');

/** Opens the cache and asks for the page's length, counting how often the page is read. */
function lengthOf(version = 'v1') {
  const facts = openFileFacts<number>(cacheFile, version);
  let reads = 0;
  const length = facts.get(page, 'page.html', (bytes) => {
    reads += 1;
    return bytes.length;
  });
  facts.save();
  return { length, reads };
}

beforeEach(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(page, 'one');
});

describe('facts about built files', () => {
  it('reads a file once, and again only when its size or time changes', () => {
    expect(lengthOf()).toEqual({ length: 3, reads: 1 });
    expect(lengthOf()).toEqual({ length: 3, reads: 0 });
    // The same size, written later: read again.
    writeFileSync(page, 'two');
    utimesSync(page, new Date(), new Date(Date.now() + 5_000));
    expect(lengthOf()).toEqual({ length: 3, reads: 1 });
    writeFileSync(page, 'three');
    expect(lengthOf()).toEqual({ length: 5, reads: 1 });
  });

  it('forgets everything under another version, and keeps only the files asked for', () => {
    lengthOf();
    expect(lengthOf('v2')).toEqual({ length: 3, reads: 1 });
    const other = openFileFacts<number>(cacheFile, 'v2');
    other.save();
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toEqual({ version: 'v2', files: {} });
  });

  it('reads every file when the cache is unreadable', () => {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, '{not json');
    expect(lengthOf()).toEqual({ length: 3, reads: 1 });
  });
});
