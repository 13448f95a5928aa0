// The one place pages read the content collection; the catalog is built once per build.
import { getCollection } from 'astro:content';
import { buildCatalog, toRecord, type Catalog } from '../lib/catalog/catalog.ts';
import { lastCommitDates } from '../lib/content/git-dates.ts';
import { entryIdParts } from '../lib/content/paths.ts';
import { readData } from '../lib/write-up/write-up-bodies.ts';
import { buildDate } from '../lib/review/review.ts';
import type { Experience } from '../schema/experience.ts';
import { taxonomy } from './taxonomy.ts';

let catalog: Promise<Catalog> | undefined;

/** The day this build computes review states against (PACESETTER_TODAY pins it). */
export const today = buildDate();

export function getCatalog(): Promise<Catalog> {
  catalog ??= getCollection('experiences').then((entries) => {
    const changed = lastCommitDates(process.cwd());
    return buildCatalog(
      taxonomy,
      entries.map((entry) => {
        const file = entry.filePath ?? '';
        // The loader validated it with the experience schema and kept it beside the store (src/loaders/write-ups.ts).
        const data = readData(entry.rendered?.metadata?.dataFile as string | undefined, entry.id) as Experience;
        return toRecord(entryIdParts(entry.id).id, file, data, { today, lastChanged: changed.get(file) });
      }),
    );
  });
  return catalog;
}
