// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { siteConfig } from './src/config/site.ts';
import { contentCheck } from './src/integrations/content-check.ts';

export default defineConfig({
  site: siteConfig.siteUrl,
  trailingSlash: 'always',
  integrations: [contentCheck(), mdx()],
});
