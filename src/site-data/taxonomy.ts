// The taxonomy of content/sectors.yaml, loaded once per build in file order (the
// order readers see). The pre-build content check has already reported any
// problem in it with file and line; this only refuses to go on without one.
import { loadTaxonomy } from '../lib/content/corpus.ts';
import { formatReport } from '../lib/content/problems.ts';
import type { Taxonomy } from '../schema/taxonomy.ts';

function load(): Taxonomy {
  // Astro runs the build from the project root; content paths are relative to it.
  const { taxonomy, problems } = loadTaxonomy(process.cwd());
  if (!taxonomy) throw new Error(`The taxonomy is invalid:\n${formatReport(problems)}`);
  return taxonomy;
}

export const taxonomy: Taxonomy = load();
