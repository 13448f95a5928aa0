// The rendered bodies kept beside the data store: found by id, never silently empty, pruned.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodyFile, pruneBodies, readBody, saveBody } from '../../src/lib/write-up/write-up-bodies.ts';

describe('write-up bodies', () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'bodies-'));

  it('keeps one file per write-up and language', () => {
    expect(bodyFile(cacheDir, 'en/ni-zhifu-drill')).toBe(
      path.join(cacheDir, 'write-up-bodies/en--ni-zhifu-drill.html'),
    );
    expect(bodyFile(cacheDir, 'zh/ni-zhifu-drill')).not.toBe(bodyFile(cacheDir, 'en/ni-zhifu-drill'));
  });

  it('gives back what was saved, and fails loudly rather than render an empty page', () => {
    const file = bodyFile(cacheDir, 'en/a');
    saveBody(file, '<p>Body</p>');
    expect(readBody(file, 'en/a')).toBe('<p>Body</p>');
    expect(() => readBody(bodyFile(cacheDir, 'en/missing'), 'en/missing')).toThrow(/rendered body of en\/missing/);
    expect(() => readBody(undefined, 'en/b')).toThrow(/no file recorded/);
  });

  it('deletes the bodies of write-ups that are gone', () => {
    const kept = bodyFile(cacheDir, 'en/kept');
    const gone = bodyFile(cacheDir, 'en/gone');
    saveBody(kept, 'k');
    saveBody(gone, 'g');
    pruneBodies(cacheDir, new Set([kept]));
    expect(existsSync(kept)).toBe(true);
    expect(existsSync(gone)).toBe(false);
  });
});
