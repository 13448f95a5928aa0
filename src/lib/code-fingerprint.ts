// A hash of the code that turns content into results — src/lib and src/schema —
// plus the lockfile and any extra input files. Caches that outlive a build key
// their entries with it, so that a result never outlives the code that made it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles, toProjectPath } from './files.ts';

export function codeFingerprint(root: string, extraFiles: readonly string[] = []): string {
  const hash = createHash('sha256');
  const files = [...listFiles(path.join(root, 'src', 'lib')), ...listFiles(path.join(root, 'src', 'schema'))].sort();
  for (const file of [...files, path.join(root, 'package-lock.json'), ...extraFiles.map((f) => path.join(root, f))]) {
    if (!existsSync(file)) continue;
    hash.update(toProjectPath(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}
