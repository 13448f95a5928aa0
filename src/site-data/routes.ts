// The static paths of every page route. Each route serves both languages from one file,
// src/pages/[...lang]/…: the optional first segment is the language, absent for English
// (/sectors/) and "zh" for Chinese (/zh/sectors/), and each path hands the page its `lang`.
// Both languages always get the same sector and industry pages.
import { createHash } from 'node:crypto';
import { getCollection } from 'astro:content';
import type { ExperienceRecord } from '../lib/catalog/catalog.ts';
import { entryId, entryIdParts } from '../lib/content/paths.ts';
import { isoDate } from '../lib/review/review.ts';
import { LANGS, type Lang } from '../schema/experience.ts';
import { getCatalog, today } from './catalog.ts';
import { laterPages } from '../lib/catalog/pagination.ts';
import { taxonomy } from './taxonomy.ts';

/** The first URL segment of a language: none for English, at the root; "zh" for Chinese. */
const langSegment = (lang: Lang) => (lang === 'en' ? undefined : lang);

interface LangPath {
  params: Record<string, string>;
  props: object;
  cacheKey?: string;
}

/** The paths of a route in every language: `paths(lang)` under that language's segment, with `lang` in its props. */
async function inEveryLang<P extends LangPath>(paths: (lang: Lang) => readonly P[] | Promise<readonly P[]>) {
  const perLang = await Promise.all(
    LANGS.map(async (lang) =>
      (await paths(lang)).map((path) => ({
        ...path,
        params: { ...path.params, lang: langSegment(lang) },
        props: { ...path.props, lang },
      })),
    ),
  );
  return perLang.flat();
}

/** A page with no parameters of its own (home, sectors, search, …) in every language. */
export const langPaths = () => inEveryLang(() => [{ params: {}, props: {} }]);

export const sectorPaths = () =>
  inEveryLang(() => taxonomy.map((sector) => ({ params: { sector: sector.id }, props: { sector } })));

export const industryPaths = () =>
  inEveryLang(() =>
    taxonomy.flatMap((sector) =>
      sector.industries.map((industry) => ({
        params: { sector: sector.id, industry: industry.id },
        props: { sector, industry },
      })),
    ),
  );

/** One page per write-up file of each language; the content audit checks none is missing. */
export const experiencePaths = () => inEveryLang(experiencePathsIn);

async function experiencePathsIn(lang: Lang) {
  const catalog = await getCatalog();
  const all = await getCollection('experiences');
  const digests = new Map(all.map((entry) => [entry.id, entry.digest ?? '']));
  const fingerprint = (record: ExperienceRecord | undefined) =>
    record ? `${record.lang}/${record.id}:${digests.get(entryId(record))}:${record.lastChanged ?? ''}` : '-';
  const taxonomyHash = createHash('sha256').update(JSON.stringify(taxonomy)).digest('hex');
  // What a page takes from the other write-ups of its sector and tags: the related
  // list (src/lib/catalog/related.ts scores by these fields and shows the title). Not
  // their bodies: editing a write-up's text then re-renders its own page, not its sector's.
  const asRelated = ({ lang, id, data }: ExperienceRecord) =>
    JSON.stringify([
      lang,
      id,
      data.title,
      data.sector,
      data.industry,
      data.tags,
      data.status,
      data.measures.map((measure) => measure.kind),
    ]);
  // A sector or tag is hashed once for all its pages, not once per page that shows it.
  const groupHashes = new Map<string, string>();
  const groupHash = (key: string, records: readonly ExperienceRecord[]) => {
    let hash = groupHashes.get(key);
    if (hash === undefined) {
      hash = createHash('sha256').update(records.map(asRelated).join('\n')).digest('hex');
      groupHashes.set(key, hash);
    }
    return hash;
  };
  // Sector by sector: the search index starts on a sector's shard as soon as its pages are
  // written, while the other sectors' pages are still being generated (src/integrations/search-index.ts).
  const bySector = (a: (typeof all)[number], b: (typeof all)[number]) =>
    a.data.sector < b.data.sector ? -1 : a.data.sector > b.data.sector ? 1 : 0;
  return all
    .filter((entry) => entry.data.lang === lang)
    .sort(bySector)
    .map((entry) => {
      const { id } = entryIdParts(entry.id);
      const record = catalog.find(lang, id)!;
      const { data } = record;
      // experimental.incrementalBuild reuses last build's page while this key is unchanged.
      // It covers everything the page shows that is not its own module code: its own entry,
      // the build date (review state), the taxonomy, and the other write-ups it names or
      // computes from — its sector and tags (the related list), its counterpart, named related and
      // superseding ones.
      const shown = [
        ...data.related.map((other) => catalog.find(lang, other)),
        catalog.counterpart(record),
        data.supersedes ? catalog.find(lang, data.supersedes) : undefined,
        data.supersededBy ? catalog.find(lang, data.supersededBy) : undefined,
      ];
      const groups = [
        groupHash(`sector:${data.sector}`, catalog.inSector(lang, data.sector)),
        ...data.tags.map((tag) => groupHash(`tag:${tag}`, catalog.withTag(lang, tag))),
      ];
      const cacheKey = createHash('sha256')
        .update([fingerprint(record), isoDate(today), taxonomyHash, ...groups, ...shown.map(fingerprint)].join('\n'))
        .digest('hex');
      return { params: { id }, props: { entry, record }, cacheKey };
    });
}

/** Pages 2, 3, … of each sector's list of write-ups in each language. */
export const sectorPagePaths = () => inEveryLang(sectorPagePathsIn);

async function sectorPagePathsIn(lang: Lang) {
  const catalog = await getCatalog();
  return taxonomy.flatMap((sector) =>
    laterPages(catalog.inSector(lang, sector.id).length).map((page) => ({
      params: { sector: sector.id, page: String(page) },
      props: { sector, page },
    })),
  );
}

/** Pages 2, 3, … of each industry's list of write-ups in each language. */
export const industryPagePaths = () => inEveryLang(industryPagePathsIn);

async function industryPagePathsIn(lang: Lang) {
  const catalog = await getCatalog();
  return taxonomy.flatMap((sector) =>
    sector.industries.flatMap((industry) =>
      laterPages(catalog.inIndustry(lang, sector.id, industry.id).length).map((page) => ({
        params: { sector: sector.id, industry: industry.id, page: String(page) },
        props: { sector, industry, page },
      })),
    ),
  );
}
