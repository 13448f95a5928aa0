// Facts computed from a built file (its hash, what it says), remembered between
// builds under the file's size and modification time, so that a rebuild reads
// only the files that build wrote. A rebuild after one edit at 10,000
// write-ups otherwise reads and hashes every page (240 MB) for the search
// index: about 1 s with the files in memory, several with a cold page cache.
//
// The facts themselves stay content-derived (a page's shard key is still the
// hash of its HTML); size and time only say whether the file must be read
// again, as git's index does. Astro writes a page it renders anew, which moves
// its time; a page kept from the last build is the same file (or a hard link
// to it), with the same time.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface Remembered<T> {
  size: number;
  mtimeMs: number;
  facts: T;
}

export interface FileFacts<T> {
  /** The facts of `file` (remembered under `key`): computed from its bytes unless its size and time are unchanged. */
  get: (file: string, key: string, compute: (bytes: Buffer) => T) => T;
  /** Writes what this build saw (only the files asked for: the others are gone or unused). */
  save: () => void;
}

/** `version` names what the facts are: a different version forgets everything remembered. */
export function openFileFacts<T>(cacheFile: string, version: string): FileFacts<T> {
  let known = new Map<string, Remembered<T>>();
  try {
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      version?: string;
      files?: Record<string, Remembered<T>>;
    };
    if (stored.version === version && stored.files) known = new Map(Object.entries(stored.files));
  } catch {
    // No cache yet, or an unreadable one: every file is read.
  }
  const seen = new Map<string, Remembered<T>>();
  return {
    get(file, key, compute) {
      const { size, mtimeMs } = statSync(file);
      const remembered = seen.get(key) ?? known.get(key);
      if (remembered && remembered.size === size && remembered.mtimeMs === mtimeMs) {
        seen.set(key, remembered);
        return remembered.facts;
      }
      const facts = compute(readFileSync(file));
      seen.set(key, { size, mtimeMs, facts });
      return facts;
    },
    save() {
      mkdirSync(path.dirname(cacheFile), { recursive: true });
      // Written aside and renamed: an interrupted build leaves the old cache, never half a file.
      writeFileSync(`${cacheFile}.partial`, JSON.stringify({ version, files: Object.fromEntries(seen) }));
      renameSync(`${cacheFile}.partial`, cacheFile);
    },
  };
}
