// Runs the whole-corpus content check before Astro syncs its collections, so a
// build fails with every problem listed (file:line:col, field, got, expected)
// instead of Astro's first-error-only "does not match collection schema".
import type { AstroIntegration } from 'astro';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentOverlayError } from '../lib/content/dev-overlay.ts';
import type { CheckCache } from '../lib/content/check-cache.ts';
import { loadCorpus, openCheckCache } from '../lib/content/corpus.ts';
import { checkInWorkers } from '../lib/content/parallel-check.ts';
import {
  CONTENT_CHECK_INTEGRATION,
  createFrontmatterHandoff,
  FRONTMATTER_HANDOFF_HOOK,
  type FrontmatterHandoff,
} from '../lib/content/frontmatter-handoff.ts';
import { formatReport } from '../lib/content/problems.ts';
import { experienceUrl, withoutBase } from '../lib/urls.ts';
import { BODY_HANDOFF_HOOK, createBodyHandoff, type BodyHandoff } from '../lib/write-up/body-handoff.ts';
import { bodyTaskOf } from '../lib/write-up/parallel-render.ts';

/** The last line of a refused build, after the list and the count. */
export const NOTHING_BUILT = 'Nothing was built.';

/** The paths (without the base) of draft write-up pages, known once the check has run. */
const draftPaths = new Set<string>();

/** A write-up the check accepted: what the search index needs to plan its shards before pages exist. */
export interface CheckedWriteUp {
  /** Its file, e.g. content/experiences/zh/industry/x.mdx. */
  file: string;
  /** Its page path without the base, e.g. /zh/experiences/x/. */
  page: string;
  lang: string;
  sector: string;
  draft: boolean;
}
let checked: CheckedWriteUp[] | undefined;
/**
 * The write-ups of the last check in this process, which this build is made of
 * (the search index plans its shards from them; the content audit accounts for
 * each); undefined when no check ran here.
 */
export const checkedWriteUps = (): readonly CheckedWriteUp[] | undefined => checked;
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
  const frontmatter = createFrontmatterHandoff();
  const bodies = createBodyHandoff();
  let root = '';
  let checkCacheFile = '';
  let unsavedCheckCache: CheckCache | undefined;
  return {
    name: CONTENT_CHECK_INTEGRATION,
    hooks: {
      // The frontmatter the check parsed, for the content loader to take instead of parsing
      // every file again (src/lib/content/frontmatter-handoff.ts says why this way).
      [FRONTMATTER_HANDOFF_HOOK]: (): FrontmatterHandoff => frontmatter,
      // The bodies of the files checked in worker threads, rendering while the rest of the
      // check and Astro's content sync run (src/lib/write-up/body-handoff.ts).
      [BODY_HANDOFF_HOOK]: (): BodyHandoff => bodies,
      'astro:config:setup': async ({ config, logger, command }) => {
        // The preview serves the dist/ a build made (and checked): `npm start` checks once.
        if (command === 'preview') return;
        root = fileURLToPath(config.root);
        // Each file's own check is kept between builds; a rebuild re-checks only what changed.
        checkCacheFile = path.join(fileURLToPath(config.cacheDir), 'content-check.v8');
        // What an earlier run in this process handed over and nobody took is stale now.
        frontmatter.clear();
        // A full check (no cache yet, or new checking code) runs on every core.
        const checkCache = openCheckCache(root, checkCacheFile);
        const checkedInWorkers = await checkInWorkers(root, checkCache, frontmatter);
        const inWorkers = checkedInWorkers.length;
        // Many new or changed files: the loader will render them all, so start now.
        // Files out of place are left to the loader, which reports them.
        if (inWorkers > 0)
          bodies.start(
            checkedInWorkers.flatMap(({ file, source, guarded }) => {
              const task = bodyTaskOf(file, source, fileURLToPath(config.cacheDir), config.base);
              return task ? [{ ...task, guarded }] : [];
            }),
          );
        const { entries, problems } = loadCorpus(root, { checkCache, handoff: frontmatter });
        // Saving 10,000 results takes about half a second: a build does it once its pages are
        // written, while the search index runs in other threads; anything else saves it now.
        if (command === 'build') unsavedCheckCache = checkCache;
        else checkCache.save();
        basePath = config.base;
        draftPaths.clear();
        checked = entries.map((entry) => ({
          file: entry.file,
          page: withoutBase(experienceUrl(entry.lang, entry.id)),
          lang: entry.lang,
          sector: entry.data.sector,
          draft: entry.data.status === 'draft',
        }));
        for (const writeUp of checked) if (writeUp.draft) draftPaths.add(writeUp.page);
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
        logger.info(
          `${entries.length} write-up(s) checked${inWorkers > 0 ? ` (${inWorkers} in worker threads)` : ''}.`,
        );
      },
      // After the search index's build:generated hook has handed its runs to other threads.
      'astro:build:done': () => {
        unsavedCheckCache?.save();
        unsavedCheckCache = undefined;
      },
      // In dev, every save under content/ checks the whole corpus again: the terminal and
      // the browser's error overlay show the full report, not Astro's first error.
      'astro:server:setup': ({ server, logger }) => {
        const contentDir = path.join(root, 'content') + path.sep;
        const client = server.environments.client.hot;
        let overlay: ReturnType<typeof contentOverlayError> | undefined;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const recheck = (quiet = false) => {
          const { problems } = loadCorpus(root, { checkCacheFile });
          if (problems.some((problem) => problem.severity === 'error')) {
            if (!quiet) logger.error(`Content problems:\n${formatReport(problems)}`);
            overlay = contentOverlayError(problems);
            client.send({ type: 'error', err: overlay });
          } else if (overlay) {
            overlay = undefined;
            logger.info('The content has no errors any more.');
            client.send({ type: 'full-reload' });
          }
        };
        const onChange = (file: string) => {
          if (!file.startsWith(contentDir)) return;
          clearTimeout(timer);
          timer = setTimeout(recheck, 150);
        };
        for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, onChange);
        // A page opened while the content has errors shows them too.
        client.on('connection', () => {
          if (overlay) client.send({ type: 'error', err: overlay });
        });
        recheck(true); // at start-up the report is already in the terminal (astro:config:setup)
      },
    },
  };
}
