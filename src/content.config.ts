// The write-up collection. Its schema comes from src/schema so that the build,
// `npm run check` and the unit tests validate with exactly the same rules; the
// taxonomy (content/sectors.yaml) is plain data that the schema is built from.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { taxonomy } from './data/taxonomy.ts';
import { EXPERIENCES_DIR } from './lib/corpus.ts';
import { experienceSchema } from './schema/experience.ts';

const experiences = defineCollection({
  loader: glob({
    base: `./${EXPERIENCES_DIR}`,
    pattern: '**/*.mdx',
    // "en/industry/ni-zhifu-drill.mdx" → "en/ni-zhifu-drill": ids are unique per language,
    // and the pre-build content check refuses two files that would share one.
    generateId: ({ entry }) => {
      const parts = entry.replace(/\.mdx$/, '').split('/');
      return `${parts[0]}/${parts.at(-1)}`;
    },
    deferRender: true,
    // Nothing reads entry.body (pages render the compiled MDX), so the data store
    // need not hold 10,000 bodies: about 10% off a 2,000-write-up build (docs/performance.md).
    retainBody: false,
  }),
  schema: experienceSchema(taxonomy),
});

export const collections = { experiences };
