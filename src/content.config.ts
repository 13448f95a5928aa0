// The two collections. Schemas come from src/schema so that the build, `npm run check`
// and the unit tests validate with exactly the same rules.
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { loadTaxonomy, EXPERIENCES_DIR, TAXONOMY_FILE } from './lib/corpus.ts';
import { formatReport } from './lib/problems.ts';
import { experienceSchema } from './schema/experience.ts';
import { sectorSchema } from './schema/taxonomy.ts';

const { taxonomy, problems } = loadTaxonomy(process.cwd());
if (!taxonomy) throw new Error(`The taxonomy is invalid:\n${formatReport(problems)}`);

const sectors = defineCollection({
  loader: file(TAXONOMY_FILE),
  schema: sectorSchema,
});

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
  }),
  schema: experienceSchema(taxonomy),
});

export const collections = { sectors, experiences };
