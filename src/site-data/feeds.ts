// Builds the RSS responses; routes for each language and sector call this.
import rss from '@astrojs/rss';
import { siteConfig } from '../config/site.ts';
import { feedItems } from '../lib/catalog/feeds.ts';
import { translate } from '../lib/i18n/i18n.ts';
import { withBase } from '../lib/urls.ts';
import type { Lang } from '../schema/experience.ts';
import { getCatalog } from './catalog.ts';
import { taxonomy } from './taxonomy.ts';

export async function experienceFeed(lang: Lang, site: URL | undefined, sectorId?: string) {
  const catalog = await getCatalog();
  const sector = sectorId ? taxonomy.find((candidate) => candidate.id === sectorId) : undefined;
  const records = sector ? catalog.inSector(lang, sector.id) : catalog.listed(lang);
  return rss({
    title: sector ? `${siteConfig.title} · ${sector.name[lang]}` : siteConfig.title,
    description: sector ? sector.description[lang] : translate(lang, 'home.lead'),
    // The channel links to the home page, under the base path when there is one.
    site: new URL(withBase('/'), site ?? siteConfig.siteUrl).href,
    items: feedItems(records),
    customData: `<language>${lang === 'zh' ? 'zh-Hans' : 'en'}</language>`,
  });
}
