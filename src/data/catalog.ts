// The one place pages read the content collections; the catalog is built once per build.
import { getCollection } from 'astro:content';
import { buildCatalog, toRecord, type Catalog } from '../lib/catalog.ts';

let catalog: Promise<Catalog> | undefined;

export function getCatalog(): Promise<Catalog> {
  catalog ??= (async () => {
    const [sectors, experiences] = await Promise.all([getCollection('sectors'), getCollection('experiences')]);
    const records = experiences.map((entry) =>
      toRecord(entry.id.slice(entry.id.indexOf('/') + 1), entry.filePath ?? '', entry.data),
    );
    return buildCatalog(
      sectors.map((sector) => sector.data),
      records,
    );
  })();
  return catalog;
}
