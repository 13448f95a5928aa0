// Where the rendered body of each write-up is kept between the content loader
// and the page: one HTML file per write-up in Astro's cache folder, not inside
// the content data store. Astro turns the whole data store into one JavaScript
// module for the page build; with 10,000 bodies in it that module was 115 MB,
// and compiling it alone took 13 s (docs/performance.md). The store keeps the
// file's path; the page reads the file when it renders.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The folder under Astro's cacheDir. */
export const BODIES_FOLDER = 'write-up-bodies';

/** "en/ni-zhifu-drill" → "<cacheDir>/write-up-bodies/en--ni-zhifu-drill.html" (ids have no "--" after the language). */
export function bodyFile(cacheDir: string, id: string): string {
  return path.join(cacheDir, BODIES_FOLDER, `${id.replace('/', '--')}.html`);
}

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

/** Deletes the body files of write-ups that no longer exist. */
export function pruneBodies(cacheDir: string, keep: ReadonlySet<string>): void {
  const folder = path.join(cacheDir, BODIES_FOLDER);
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder))
    if (!keep.has(path.join(folder, name))) rmSync(path.join(folder, name), { force: true });
}
