// Every URL the site links to is made here, so routes change in one place.
// Paths are root-relative and end in "/" (trailingSlash: 'always').
import type { Lang } from '../schema/experience.ts';

const langPrefix = (lang: Lang) => (lang === 'en' ? '' : `/${lang}`);

export const homeUrl = (lang: Lang) => `${langPrefix(lang)}/`;
export const sectorsUrl = (lang: Lang) => `${langPrefix(lang)}/sectors/`;
export const sectorUrl = (lang: Lang, sector: string) => `${langPrefix(lang)}/sectors/${sector}/`;
export const industryUrl = (lang: Lang, sector: string, industry: string) =>
  `${langPrefix(lang)}/sectors/${sector}/${industry}/`;
export const experienceUrl = (lang: Lang, id: string) => `${langPrefix(lang)}/experiences/${id}/`;
export const aboutUrl = (lang: Lang) => `${langPrefix(lang)}/about/`;
export const contributeUrl = (lang: Lang) => `${langPrefix(lang)}/contribute/`;

/** `/search/?q=drill&sector=industry`: the state of a search, shareable as a link. */
export function searchUrl(lang: Lang, query: { q?: string; filters?: Record<string, string> } = {}): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const [name, value] of Object.entries(query.filters ?? {})) params.append(name, value);
  const search = params.toString();
  return `${langPrefix(lang)}/search/${search ? `?${search}` : ''}`;
}

/** The source file of a write-up on GitHub, opened in the web editor. */
export function editUrl(repository: { url: string; branch: string }, file: string): string {
  return `${repository.url}/edit/${repository.branch}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

export const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'zh' : 'en');

/**
 * The same page in the other language: `/sectors/health/` ↔ `/zh/sectors/health/`.
 * Every page exists in both languages except write-ups, whose counterpart is their
 * translation (see the write-up page).
 */
export function counterpartPath(pathname: string, lang: Lang): string {
  const withoutPrefix = lang === 'en' ? pathname : pathname.replace(new RegExp(`^/${lang}(?=/|$)`), '') || '/';
  const target = otherLang(lang);
  return target === 'en' ? withoutPrefix : `/${target}${withoutPrefix}`;
}

export const reviewUrl = (lang: Lang) => `${langPrefix(lang)}/review/`;
