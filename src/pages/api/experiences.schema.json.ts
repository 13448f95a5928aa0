import type { APIRoute } from 'astro';
import { siteConfig } from '../../config/site.ts';
import { apiJsonSchema } from '../../lib/catalog/api.ts';

export const GET: APIRoute = ({ site }) => Response.json(apiJsonSchema((site ?? new URL(siteConfig.siteUrl)).href));
