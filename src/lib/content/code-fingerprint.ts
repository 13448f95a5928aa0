// A hash of the code that turns content into results — src/lib, src/schema, the
// content loader (src/loaders) and the collection that wires it (src/content.config.ts)
// — plus the lockfile and any extra input files. Caches that outlive a build key
// their entries with it, so that a result never outlives the code that made it.
// Pages and components are not in it: nothing stored between builds depends on them
// (a page's incremental-build key covers its own inputs, src/site-data/routes.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles, toProjectPath } from './files.ts';

/** The folders and files whose code decides what the caches hold. */
export const FINGERPRINTED_CODE = {
  folders: ['src/lib', 'src/schema', 'src/loaders'],
  files: ['src/content.config.ts', 'package-lock.json'],
} as const;

export function codeFingerprint(root: string, extraFiles: readonly string[] = []): string {
  const hash = createHash('sha256');
  const folders = FINGERPRINTED_CODE.folders.flatMap((folder) => listFiles(path.join(root, folder))).sort();
  const files = [...FINGERPRINTED_CODE.files, ...extraFiles].map((file) => path.join(root, file));
  for (const file of [...folders, ...files]) {
    if (!existsSync(file)) continue;
    hash.update(toProjectPath(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}
