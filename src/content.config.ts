// The write-up collection. The loader validates each write-up with the schema from
// src/schema, so that the build, `npm run check` and the unit tests validate with
// exactly the same rules; the taxonomy (content/sectors.yaml) is plain data that the
// schema is built from. The loader renders each body straight to HTML
// (src/loaders/write-ups.ts): no write-up is compiled into JavaScript. The validated
// data and the body are kept in files beside the store, which holds their paths:
// Astro compiles the whole store into one module, and at 10,000 write-ups their data
// alone made it 25 MB (src/lib/write-up/write-up-bodies.ts). The catalog
// (src/site-data/catalog.ts) reads the data back.
//
// The pages collection is the site's own prose (about, the contributing guide):
// trusted MDX from src/content/pages, compiled by @astrojs/mdx. Its glob cannot
// reach content/ (src/lib/site-pages.ts, tests/unit/site-pages.test.ts).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { taxonomy } from './site-data/taxonomy.ts';
import { SITE_PAGES_DIR, SITE_PAGES_PATTERN } from './lib/site-pages.ts';
import { writeUpLoader } from './loaders/write-ups.ts';
import { experienceSchema } from './schema/experience.ts';

const experiences = defineCollection({
  loader: writeUpLoader(experienceSchema(taxonomy)),
  schema: z.object({}).strict(),
});

const pages = defineCollection({
  loader: glob({ base: `./${SITE_PAGES_DIR}`, pattern: SITE_PAGES_PATTERN }),
  schema: z.object({}).strict(),
});

export const collections = { experiences, pages };
