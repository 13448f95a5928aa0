// The rendered bodies and validated data kept beside the data store: found by id, never
// silently empty, pruned.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bodyFile,
  dataFile,
  pruneBodies,
  readBody,
  readData,
  saveBody,
  saveData,
} from '../../src/lib/write-up/write-up-bodies.ts';

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

  it('keeps the data beside the body, with the dates the schema made', () => {
    const file = dataFile(cacheDir, 'en/a');
    expect(path.dirname(file)).toBe(path.dirname(bodyFile(cacheDir, 'en/a')));
    expect(file).not.toBe(bodyFile(cacheDir, 'en/a'));
    const data = { title: 'A', review: { last_reviewed: new Date('2026-10-14') }, tags: ['x'] };
    saveData(file, data);
    const read = readData(file, 'en/a') as typeof data;
    expect(read).toEqual(data);
    expect(read.review.last_reviewed).toBeInstanceOf(Date);
  });

  it('fails loudly on missing or unreadable data rather than drop the write-up', () => {
    expect(() => readData(dataFile(cacheDir, 'en/missing'), 'en/missing')).toThrow(/data of en\/missing is missing/);
    expect(() => readData(undefined, 'en/b')).toThrow(/no file recorded/);
    const broken = dataFile(cacheDir, 'en/broken');
    writeFileSync(broken, 'not serialised data');
    expect(() => readData(broken, 'en/broken')).toThrow(/data of en\/broken cannot be read/);
  });

  it('deletes the bodies and data of write-ups that are gone', () => {
    const kept = bodyFile(cacheDir, 'en/kept');
    const keptData = dataFile(cacheDir, 'en/kept');
    const gone = bodyFile(cacheDir, 'en/gone');
    const goneData = dataFile(cacheDir, 'en/gone');
    saveBody(kept, 'k');
    saveData(keptData, { k: 1 });
    saveBody(gone, 'g');
    saveData(goneData, { g: 1 });
    pruneBodies(cacheDir, new Set([kept, keptData]));
    expect(existsSync(kept)).toBe(true);
    expect(existsSync(keptData)).toBe(true);
    expect(existsSync(gone)).toBe(false);
    expect(existsSync(goneData)).toBe(false);
  });
});
