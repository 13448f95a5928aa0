// Walking the project's folders: every file under a folder, and paths as the
// content check prints them (project-relative, forward slashes).
//
// Only regular files and plain folders are followed. Folders come from outside
// contributors (content/), and a committed symbolic link could point at
// /dev/zero (read forever), at itself (ELOOP), at nothing (ENOENT) or at files of
// the build machine; so the walk reads entry types from the folder listing
// (lstat semantics: a link is a link), never opens or stats through a link, and
// hands back every other entry as `refused`, for the content check to name.
import { lstatSync, readdirSync, readFileSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';

export interface RefusedEntry {
  /** Full path of the entry (not of what it points to). */
  path: string;
  /** What it is, in words: "a symbolic link", "a FIFO", … */
  kind: string;
}

export interface FolderWalk {
  /** Every regular file under the folder, recursively. */
  files: string[];
  /** Every entry that is neither a regular file nor a plain folder (never followed). */
  refused: RefusedEntry[];
}

/** What an entry that is not a regular file or a folder is, in words. */
export function entryKind(
  entry: Pick<Dirent | Stats, 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice'>,
): string {
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isBlockDevice()) return 'a block device';
  if (entry.isCharacterDevice()) return 'a character device';
  return 'not a regular file';
}

/**
 * Regular files and refused entries under `directory`, iteratively (a deep tree
 * cannot overflow the stack). A missing folder has none; a folder that is itself
 * a link or not a folder is refused as a whole.
 */
export function walkFolder(directory: string): FolderWalk {
  const files: string[] = [];
  const refused: RefusedEntry[] = [];
  let top: Stats;
  try {
    top = lstatSync(directory);
  } catch {
    return { files, refused };
  }
  if (!top.isDirectory()) {
    refused.push({ path: directory, kind: top.isFile() ? 'a file where a folder belongs' : entryKind(top) });
    return { files, refused };
  }
  const pending = [directory];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      refused.push({ path: folder, kind: 'a folder that cannot be read' });
      continue;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) files.push(full);
      else refused.push({ path: full, kind: entryKind(entry) });
    }
  }
  return { files, refused };
}

/** Every regular file under `directory`, recursively; none when it does not exist. Links are never followed. */
export function listFiles(directory: string): string[] {
  return walkFolder(directory).files;
}

export type SafeRead =
  | { ok: true; text: string }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'not a regular file'; kind: string }
  | { ok: false; reason: 'too large'; bytes: number };

/**
 * Reads a file as UTF-8 only when it is a regular file (lstat: a link is refused,
 * not followed) of at most `maxBytes`; otherwise says why, without reading it.
 */
export function readRegularFile(file: string, maxBytes: number): SafeRead {
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  if (!stats.isFile()) return { ok: false, reason: 'not a regular file', kind: entryKind(stats) };
  if (stats.size > maxBytes) return { ok: false, reason: 'too large', bytes: stats.size };
  return { ok: true, text: readFileSync(file, 'utf8') };
}

export const toProjectPath = (root: string, full: string) => path.relative(root, full).split(path.sep).join('/');
