// Static paths shared by the English and Chinese routes, so both languages
// always have the same sector and industry pages.
import { getCollection } from 'astro:content';
import type { Lang } from '../schema/experience.ts';
import { getCatalog } from './catalog.ts';
import { laterPages } from '../lib/pagination.ts';
import { taxonomy } from './taxonomy.ts';

export const sectorPaths = () => taxonomy.map((sector) => ({ params: { sector: sector.id }, props: { sector } }));

export const industryPaths = () =>
  taxonomy.flatMap((sector) =>
    sector.industries.map((industry) => ({
      params: { sector: sector.id, industry: industry.id },
      props: { sector, industry },
    })),
  );

/** One page per write-up file of the language; the content audit checks none is missing. */
export async function experiencePaths(lang: Lang) {
  const catalog = await getCatalog();
  const entries = await getCollection('experiences', (entry) => entry.data.lang === lang);
  return entries.map((entry) => {
    const id = entry.id.slice(entry.id.indexOf('/') + 1);
    return { params: { id }, props: { entry, record: catalog.find(lang, id)! } };
  });
}

/** Pages 2, 3, … of each sector's list of write-ups in a language. */
export async function sectorPagePaths(lang: Lang) {
  const catalog = await getCatalog();
  return taxonomy.flatMap((sector) =>
    laterPages(catalog.inSector(lang, sector.id).length).map((page) => ({
      params: { sector: sector.id, page: String(page) },
      props: { sector, page },
    })),
  );
}

/** Pages 2, 3, … of each industry's list of write-ups in a language. */
export async function industryPagePaths(lang: Lang) {
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
