import type { APIRoute } from 'astro';
import { siteConfig } from '../config/site.ts';
import { withBase } from '../lib/urls.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(
    `User-agent: *\nAllow: /\n\nSitemap: ${new URL(withBase('/sitemap-index.xml'), site ?? siteConfig.siteUrl).href}\n`,
    { headers: { 'content-type': 'text/plain; charset=utf-8' } },
  );
