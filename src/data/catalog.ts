// The one place pages read the content collection; the catalog is built once per build.
import { getCollection } from 'astro:content';
import { buildCatalog, toRecord, type Catalog } from '../lib/catalog.ts';
import { taxonomy } from './taxonomy.ts';

let catalog: Promise<Catalog> | undefined;

export function getCatalog(): Promise<Catalog> {
  catalog ??= getCollection('experiences').then((entries) =>
    buildCatalog(
      taxonomy,
      entries.map((entry) => toRecord(entry.id.slice(entry.id.indexOf('/') + 1), entry.filePath ?? '', entry.data)),
    ),
  );
  return catalog;
}
