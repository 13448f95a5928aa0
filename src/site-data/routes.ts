// The static paths of every page route. Each route serves both languages from one file,
// src/pages/[...lang]/…: the optional first segment is the language, absent for English
// (/sectors/) and "zh" for Chinese (/zh/sectors/), and each path hands the page its `lang`.
// Both languages always get the same sector and industry pages.
import { createHash } from 'node:crypto';
import { getCollection } from 'astro:content';
import { summarize, type ExperienceRecord } from '../lib/catalog/catalog.ts';
import { entryId, entryIdParts } from '../lib/content/paths.ts';
import { isoDate } from '../lib/review/review.ts';
import { LANGS, type Lang } from '../schema/experience.ts';
import { getCatalog, today } from './catalog.ts';
import { laterPages, pageInfo } from '../lib/catalog/pagination.ts';
import { taxonomy } from './taxonomy.ts';
import type { Industry, Sector } from '../schema/taxonomy.ts';

/** The first URL segment of a language: none for English, at the root; "zh" for Chinese. */
const langSegment = (lang: Lang) => (lang === 'en' ? undefined : lang);

interface LangPath {
  params: Record<string, string>;
  props: object;
  cacheKey?: string;
}

/**
 * The paths of a route in every language: `paths(lang)` under that language's segment, with `lang`
 * in its props. Astro generates them in this order; `langs` changes it.
 */
async function inEveryLang<P extends LangPath>(
  paths: (lang: Lang) => readonly P[] | Promise<readonly P[]>,
  langs: readonly Lang[] = LANGS,
) {
  const perLang = await Promise.all(
    langs.map(async (lang) =>
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

const sha256 = (parts: readonly (string | number)[]) => createHash('sha256').update(parts.join('\n')).digest('hex');
const taxonomyHash = sha256([JSON.stringify(taxonomy)]);

/**
 * A write-up as a card in a list shows it: everything but its body (a card
 * shows its title, headline result, summary, organisation, period, adoptions
 * and status, all from the frontmatter).
 */
const cardFingerprint = (record: ExperienceRecord) =>
  `${record.lang}/${record.id}:${sha256([JSON.stringify(record.data), record.lastChanged ?? ''])}`;

/**
 * The incremental-build key of a list of write-ups (a sector's or an industry's
 * page): what it shows — its group's summary and size, the cards of its page,
 * the build date (review notices) and the taxonomy. An edit to a write-up
 * re-renders only the list pages that show its card, and an edit to its text
 * none of them.
 */
function listPageKey(group: readonly ExperienceRecord[], page: number, extra: readonly string[] = []): string {
  const { start, end } = pageInfo(group.length, page);
  return sha256([
    isoDate(today),
    taxonomyHash,
    page,
    group.length,
    JSON.stringify(summarize(group)),
    ...extra,
    ...group.slice(start, end).map(cardFingerprint),
  ]);
}

/** A list's route parameters: page 1 is the list's own route, later pages have a `page` parameter. */
const listParams = (params: Record<string, string>, page: number): Record<string, string> =>
  page === 1 ? params : { ...params, page: String(page) };

interface ListPath<P> {
  params: Record<string, string>;
  props: P;
  cacheKey: string;
}

/** Each sector's list of write-ups, on the given pages, in one language, with their incremental-build keys. */
async function sectorListPaths(
  lang: Lang,
  pages: (total: number) => number[],
): Promise<ListPath<{ sector: Sector; page: number }>[]> {
  const catalog = await getCatalog();
  return taxonomy.flatMap((sector) => {
    const group = catalog.inSector(lang, sector.id);
    // The sector page also lists its industries with their counts.
    const industries = sector.industries.map(
      (industry) => `${industry.id}:${catalog.inIndustry(lang, sector.id, industry.id).length}`,
    );
    return pages(group.length).map((page) => ({
      params: listParams({ sector: sector.id }, page),
      props: { sector, page },
      cacheKey: listPageKey(group, page, industries),
    }));
  });
}

/** Each industry's list of write-ups, on the given pages, in one language, with their incremental-build keys. */
async function industryListPaths(
  lang: Lang,
  pages: (total: number) => number[],
): Promise<ListPath<{ sector: Sector; industry: Industry; page: number }>[]> {
  const catalog = await getCatalog();
  return taxonomy.flatMap((sector) =>
    sector.industries.flatMap((industry) => {
      const group = catalog.inIndustry(lang, sector.id, industry.id);
      return pages(group.length).map((page) => ({
        params: listParams({ sector: sector.id, industry: industry.id }, page),
        props: { sector, industry, page },
        cacheKey: listPageKey(group, page),
      }));
    }),
  );
}

/** The first page of each sector's list. */
export const sectorPaths = () => inEveryLang((lang) => sectorListPaths(lang, () => [1]));

/** Each sector's feed: no incremental-build key, as it shows the sector's newest write-ups, not a page of cards. */
export const sectorFeedPaths = () =>
  inEveryLang(() => taxonomy.map((sector) => ({ params: { sector: sector.id }, props: { sector } })));

/** The first page of each industry's list. */
export const industryPaths = () => inEveryLang((lang) => industryListPaths(lang, () => [1]));

/**
 * One page per write-up file of each language; the content audit checks none is missing.
 * English write-ups last: a Chinese page costs the search index about twice what an English one
 * does (docs/performance.md), so the Chinese shards are indexed while the English pages are still
 * being written, and what is left after the last page is cheaper (src/integrations/search-index.ts).
 */
const WRITE_UPS_IN_INDEXING_ORDER: readonly Lang[] = [...LANGS.filter((lang) => lang !== 'en'), 'en'];
export const experiencePaths = () => inEveryLang(experiencePathsIn, WRITE_UPS_IN_INDEXING_ORDER);

async function experiencePathsIn(lang: Lang) {
  const catalog = await getCatalog();
  const all = await getCollection('experiences');
  // A write-up as a page that shows it sees it: its file (the digest covers all of it) and its last change.
  const digests = new Map(all.map((entry) => [entry.id, entry.digest ?? '']));
  const fingerprint = (record: ExperienceRecord | undefined) =>
    record ? `${record.lang}/${record.id}:${digests.get(entryId(record))}:${record.lastChanged ?? ''}` : '-';
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
      hash = sha256(records.map(asRelated));
      groupHashes.set(key, hash);
    }
    return hash;
  };
  // Sector by sector: the search index starts on a sector's shard as soon as its pages are
  // written, while the other sectors' pages are still being generated (src/integrations/search-index.ts).
  const bySector = (a: ExperienceRecord, b: ExperienceRecord) =>
    a.data.sector < b.data.sector ? -1 : a.data.sector > b.data.sector ? 1 : 0;
  return all
    .flatMap((entry) => {
      const parts = entryIdParts(entry.id);
      return parts.lang === lang ? [{ entry, record: catalog.find(lang, parts.id)! }] : [];
    })
    .sort((a, b) => bySector(a.record, b.record))
    .map(({ entry, record }) => {
      const { id, data } = record;
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
      const cacheKey = sha256([
        fingerprint(record),
        isoDate(today),
        taxonomyHash,
        ...groups,
        ...shown.map(fingerprint),
      ]);
      return { params: { id }, props: { entry, record }, cacheKey };
    });
}

/** Pages 2, 3, … of each sector's list of write-ups in each language. */
export const sectorPagePaths = () => inEveryLang((lang) => sectorListPaths(lang, laterPages));

/** Pages 2, 3, … of each industry's list of write-ups in each language. */
export const industryPagePaths = () => inEveryLang((lang) => industryListPaths(lang, laterPages));
