// Writes the Pagefind search index into dist/pagefind/ at the end of every build,
// so `npm run build` is the only step. Pagefind reads the built HTML: write-up
// pages mark their article with data-pagefind-body, which makes Pagefind skip
// every page without it (home, sectors, search…), and the write-up template adds
// the filters, meta and sort keys (src/components/SearchFacets.astro). Pagefind
// builds one index per <html lang>, so Chinese pages get their own index.
import type { AstroIntegration } from 'astro';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

export function searchIndex(): AstroIntegration {
  return {
    name: 'pacesetter:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = Date.now();
        // The npm package runs pagefind_extended when the platform package ships it
        // (it does for linux, macOS and Windows), which segments Chinese text.
        const { index, errors: createErrors } = await pagefind.createIndex({});
        try {
          if (!index) throw new SearchIndexError(`Pagefind could not start: ${createErrors.join('; ')}`);
          const added = await index.addDirectory({ path: site });
          if (added.errors.length > 0)
            throw new SearchIndexError(`Pagefind could not index ${site}:\n${added.errors.join('\n')}`);
          const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
          if (written.errors.length > 0)
            throw new SearchIndexError(`Pagefind could not write its index:\n${written.errors.join('\n')}`);
          // addDirectory counts every HTML file it read; the entry file counts what was indexed.
          const entry = JSON.parse(readFileSync(path.join(site, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
            languages: Record<string, { page_count: number }>;
          };
          const perLanguage = Object.entries(entry.languages).map(([lang, { page_count }]) => `${lang}: ${page_count}`);
          logger.info(`Search index written in ${Date.now() - started} ms (${perLanguage.join(', ') || 'no pages'}).`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
