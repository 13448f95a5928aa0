// Runs the whole-corpus content check before Astro syncs its collections, so a
// build fails with every problem listed (file:line:col, field, got, expected)
// instead of Astro's first-error-only "does not match collection schema".
import type { AstroIntegration } from 'astro';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../lib/corpus.ts';
import { formatReport } from '../lib/problems.ts';
import { experienceUrl, withoutBase } from '../lib/urls.ts';

/** The last line of a refused build, after the list and the count. */
export const NOTHING_BUILT = 'Nothing was built.';

/** The paths (without the base) of draft write-up pages, known once the check has run. */
const draftPaths = new Set<string>();
let basePath = '/';

/**
 * For @astrojs/sitemap's filter: false for the page of a draft write-up. A draft has
 * a page (marked as a draft, noindex) but is not published, so it is not in the sitemap.
 */
export function isPublicPage(page: string): boolean {
  const pathname = new URL(page).pathname;
  const base = basePath.replace(/\/$/, '');
  const own = pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : pathname;
  return !draftPaths.has(own);
}

export function contentCheck(): AstroIntegration {
  return {
    name: 'pacesetter:content-check',
    hooks: {
      'astro:config:setup': ({ config, logger, command }) => {
        const root = fileURLToPath(config.root);
        // Each file's own check is kept between builds; a rebuild re-checks only what changed.
        const checkCacheFile = path.join(fileURLToPath(config.cacheDir), 'content-check.v8');
        const { entries, problems } = loadCorpus(root, { checkCacheFile });
        basePath = config.base;
        draftPaths.clear();
        for (const entry of entries) {
          if (entry.data.status === 'draft') draftPaths.add(withoutBase(experienceUrl(entry.lang, entry.id)));
        }
        const errors = problems.filter((problem) => problem.severity === 'error');
        const report = formatReport(problems);
        if (errors.length > 0) {
          // In dev the server stays up so the contributor can fix files one by one.
          if (command === 'dev') {
            logger.error(`Content problems:\n${report}`);
          } else {
            // Bad content is the contributor's to fix, not a crash: the list and the count,
            // without Astro's "unhandled error in a hook" frame and stack trace, and exit 1.
            process.stderr.write(`${report}\n${NOTHING_BUILT}\n`);
            process.exit(1);
          }
        } else if (problems.length > 0) {
          logger.warn(report);
        }
        logger.info(`${entries.length} write-up(s) checked.`);
      },
    },
  };
}
