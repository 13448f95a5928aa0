// Where a write-up sits says what it is: content/experiences/<lang>/<sector>/<id>.mdx.
// The one place that path is taken apart (the content check, the loader, the pages);
// whether lang and sector are known values is the content check's business. No Node
// built-ins: browser code may import it.
export const EXPERIENCES_DIR = 'content/experiences';
export const WRITE_UP_EXTENSION = '.mdx';

/** The parts of a write-up's path, as written (not checked against the languages or the taxonomy). */
export interface WriteUpPath {
  lang: string;
  sector: string;
  id: string;
}

/**
 * "content/experiences/en/industry/ni-zhifu-drill.mdx" → { lang: 'en', sector: 'industry', id: 'ni-zhifu-drill' };
 * undefined for a project-relative path ('/'-separated) that is not an .mdx file exactly two folders below
 * content/experiences/.
 */
export function writeUpPath(file: string): WriteUpPath | undefined {
  if (!file.startsWith(`${EXPERIENCES_DIR}/`) || !file.endsWith(WRITE_UP_EXTENSION)) return undefined;
  const parts = file.slice(EXPERIENCES_DIR.length + 1).split('/');
  if (parts.length !== 3 || parts.some((part) => part === '')) return undefined;
  const [lang = '', sector = '', name = ''] = parts;
  const id = name.slice(0, -WRITE_UP_EXTENSION.length);
  return id === '' ? undefined : { lang, sector, id };
}

/** The collection entry id of a write-up: "<lang>/<id>", unique per language. */
export const entryId = (place: Pick<WriteUpPath, 'lang' | 'id'>) => `${place.lang}/${place.id}`;

/** "en/ni-zhifu-drill" → { lang: 'en', id: 'ni-zhifu-drill' } (the inverse of entryId). */
export function entryIdParts(id: string): { lang: string; id: string } {
  const slash = id.indexOf('/');
  return { lang: id.slice(0, slash), id: id.slice(slash + 1) };
}
