// The per-file part of the content check, kept between builds. A rebuild after
// one edit re-checks one file instead of 10,000 (the YAML parse alone is 0.9 ms
// a file: docs/performance.md). Whole-corpus checks — ids, references,
// translations — still run over every entry on every build; only what depends
// on one file's bytes and the checking code is reused.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ContentProblem } from './problems.ts';
import type { ValidatedExperience } from './validate-experience.ts';

/** What checking one file found, without its body (cheap to split again). */
export interface FileCheck {
  validated: Omit<ValidatedExperience, 'body'>;
  guard: ContentProblem[];
}

interface Stored {
  fingerprint: string;
  checks: [string, FileCheck][];
}

/** The key of one file's result: its path and a hash of its bytes. */
export const checkKey = (file: string, source: string) =>
  `${file}\0${createHash('sha256').update(source).digest('hex')}`;

export class CheckCache {
  private readonly file: string;
  private readonly fingerprint: string;
  private readonly previous: Map<string, FileCheck>;
  private readonly current = new Map<string, FileCheck>();

  /** Reads the cache at `file`, keeping its results only when they were made by this code (`fingerprint`). */
  constructor(file: string, fingerprint: string) {
    this.file = file;
    this.fingerprint = fingerprint;
    let stored: Stored | undefined;
    try {
      if (existsSync(file)) stored = deserialize(readFileSync(file)) as Stored;
    } catch {
      stored = undefined; // unreadable: start afresh
    }
    this.previous = new Map(stored?.fingerprint === fingerprint ? stored.checks : []);
  }

  /** Whether a result for this file and these bytes is known (from the last build, or remembered). */
  has(file: string, source: string): boolean {
    return this.previous.has(checkKey(file, source));
  }

  /** Makes a result computed elsewhere (src/lib/content/parallel-check.ts) known, as if from the last build. */
  remember(file: string, source: string, result: FileCheck): void {
    this.previous.set(checkKey(file, source), result);
  }

  /** The result for this file and these bytes: from the last build, or computed now. */
  check(file: string, source: string, compute: () => FileCheck): FileCheck {
    const key = checkKey(file, source);
    const result = this.previous.get(key) ?? compute();
    this.current.set(key, result);
    return result;
  }

  /** Writes the results of this run (only the files that exist now), replacing the file whole. */
  save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const stored: Stored = { fingerprint: this.fingerprint, checks: [...this.current] };
    writeFileSync(`${this.file}.partial`, serialize(stored));
    renameSync(`${this.file}.partial`, this.file);
  }
}
