import type { APIRoute } from 'astro';
import { siteConfig } from '../../config/site.ts';
import { getCatalog, today } from '../../site-data/catalog.ts';
import { apiDocument } from '../../lib/catalog/api.ts';

export const GET: APIRoute = async ({ site }) => {
  const catalog = await getCatalog();
  return Response.json(apiDocument(catalog.all, (site ?? new URL(siteConfig.siteUrl)).href, today));
};
