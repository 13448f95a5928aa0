// The write-up collection. Its schema comes from src/schema so that the build,
// `npm run check` and the unit tests validate with exactly the same rules; the
// taxonomy (content/sectors.yaml) is plain data that the schema is built from.
// The loader renders each body straight to HTML (src/loaders/write-ups.ts): no
// write-up is compiled into JavaScript.
import { defineCollection } from 'astro:content';
import { taxonomy } from './site-data/taxonomy.ts';
import { writeUpLoader } from './loaders/write-ups.ts';
import { experienceSchema } from './schema/experience.ts';

const experiences = defineCollection({
  loader: writeUpLoader(),
  schema: experienceSchema(taxonomy),
});

export const collections = { experiences };
