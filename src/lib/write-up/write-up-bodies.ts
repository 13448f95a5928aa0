// Where each write-up's rendered body and validated data are kept between the
// content loader and the pages: one HTML file and one data file per write-up in
// Astro's cache folder, not inside the content data store. Astro turns the whole
// data store into one JavaScript module for the page build: with 10,000 bodies
// in it that module was 115 MB, and compiling it alone took 13 s; with the data
// alone it was still 25 MB, about 3 s to compile and 2 s to serialise on every
// build and rebuild (docs/performance.md). The store keeps the two files' paths;
// the catalog reads the data once per build, the page its body when it renders.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** The folder under Astro's cacheDir. */
export const BODIES_FOLDER = 'write-up-bodies';

/** "en/ni-zhifu-drill" → "<cacheDir>/write-up-bodies/en--ni-zhifu-drill<extension>" (ids have no "--" after the language). */
const writeUpFile = (cacheDir: string, id: string, extension: string) =>
  path.join(cacheDir, BODIES_FOLDER, `${id.replace('/', '--')}${extension}`);

/** "en/ni-zhifu-drill" → "<cacheDir>/write-up-bodies/en--ni-zhifu-drill.html". */
export const bodyFile = (cacheDir: string, id: string) => writeUpFile(cacheDir, id, '.html');

/** "en/ni-zhifu-drill" → "<cacheDir>/write-up-bodies/en--ni-zhifu-drill.data", beside its body. */
export const dataFile = (cacheDir: string, id: string) => writeUpFile(cacheDir, id, '.data');

export function saveBody(file: string, html: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, html);
}

/** The body a page shows; a missing file fails the page rather than leave it empty. */
export function readBody(file: string | undefined, id: string): string {
  if (!file || !existsSync(file))
    throw new Error(`The rendered body of ${id} is missing (${file ?? 'no file recorded'}); rebuild the site.`);
  return readFileSync(file, 'utf8');
}

/**
 * The validated data, in V8's serialisation (what structured clone keeps: the
 * schema's dates stay dates, as they do in Astro's own store).
 */
export function saveData(file: string, data: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, serialize(data));
}

/** The data the loader validated; a missing or unreadable file fails the build rather than drop the write-up. */
export function readData(file: string | undefined, id: string): unknown {
  if (!file || !existsSync(file))
    throw new Error(`The data of ${id} is missing (${file ?? 'no file recorded'}); rebuild the site.`);
  try {
    return deserialize(readFileSync(file));
  } catch (error) {
    throw new Error(`The data of ${id} cannot be read (${file}): ${String(error)}; rebuild the site.`, {
      cause: error,
    });
  }
}

/** Deletes the files of write-ups that no longer exist: every file in the folder not in `keep`. */
export function pruneBodies(cacheDir: string, keep: ReadonlySet<string>): void {
  const folder = path.join(cacheDir, BODIES_FOLDER);
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder))
    if (!keep.has(path.join(folder, name))) rmSync(path.join(folder, name), { force: true });
}
