// Runs the whole-corpus content check before Astro syncs its collections, so a
// build fails with every problem listed (file:line:col, field, got, expected)
// instead of Astro's first-error-only "does not match collection schema".
import type { AstroIntegration } from 'astro';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../lib/corpus.ts';
import {
  CONTENT_CHECK_INTEGRATION,
  createFrontmatterHandoff,
  FRONTMATTER_HANDOFF_HOOK,
  type FrontmatterHandoff,
} from '../lib/frontmatter-handoff.ts';
import { formatReport } from '../lib/problems.ts';

export class ContentError extends Error {
  override name = 'ContentError';
}

export function contentCheck(): AstroIntegration {
  const frontmatter = createFrontmatterHandoff();
  return {
    name: CONTENT_CHECK_INTEGRATION,
    hooks: {
      // The frontmatter the check parsed, for the content loader to take instead of parsing
      // every file again (src/lib/frontmatter-handoff.ts says why this way).
      [FRONTMATTER_HANDOFF_HOOK]: (): FrontmatterHandoff => frontmatter,
      'astro:config:setup': ({ config, logger, command }) => {
        const root = fileURLToPath(config.root);
        // Each file's own check is kept between builds; a rebuild re-checks only what changed.
        const checkCacheFile = path.join(fileURLToPath(config.cacheDir), 'content-check.v8');
        // What an earlier run in this process handed over and nobody took is stale now.
        frontmatter.clear();
        const { entries, problems } = loadCorpus(root, { checkCacheFile, handoff: frontmatter });
        const errors = problems.filter((problem) => problem.severity === 'error');
        const report = formatReport(problems);
        if (errors.length > 0) {
          // In dev the server stays up so the contributor can fix files one by one.
          if (command === 'dev') logger.error(`Content problems:\n${report}`);
          else throw new ContentError(`The content has problems; nothing was built.\n${report}`);
        } else if (problems.length > 0) {
          logger.warn(report);
        }
        logger.info(`${entries.length} write-up(s) checked.`);
      },
    },
  };
}
