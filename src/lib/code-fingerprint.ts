// A hash of the code that turns content into results — src/lib and src/schema —
// plus the lockfile and any extra input files. Caches that outlive a build key
// their entries with it, so that a result never outlives the code that made it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

export function codeFingerprint(root: string, extraFiles: readonly string[] = []): string {
  const hash = createHash('sha256');
  const files = [...filesUnder(path.join(root, 'src', 'lib')), ...filesUnder(path.join(root, 'src', 'schema'))].sort();
  for (const file of [...files, path.join(root, 'package-lock.json'), ...extraFiles.map((f) => path.join(root, f))]) {
    if (!existsSync(file)) continue;
    hash
      .update(path.relative(root, file).split(path.sep).join('/'))
      .update('\0')
      .update(readFileSync(file))
      .update('\0');
  }
  return hash.digest('hex');
}
