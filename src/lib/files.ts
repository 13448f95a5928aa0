// Walking the project's folders: every file under a folder, and paths as the
// content check prints them (project-relative, forward slashes).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file under `directory`, recursively; none when it does not exist. */
export function listFiles(directory: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

export const toProjectPath = (root: string, full: string) => path.relative(root, full).split(path.sep).join('/');
