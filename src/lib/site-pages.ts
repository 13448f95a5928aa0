// The site's own prose pages (about, the guide on /contribute/): MDX that maintainers
// write, compiled by @astrojs/mdx, so it may use expressions and the site's components.
// It is code: the folder is owned in .github/CODEOWNERS and lies outside content/,
// where contributors' write-ups live (those are rendered by src/loaders/write-ups.ts,
// never compiled). The glob below is the only way into the `pages` collection.
import path from 'node:path';

/** The trusted folder, relative to the project root. */
export const SITE_PAGES_DIR = 'src/content/pages';
/** `<lang>/<name>.mdx` directly under SITE_PAGES_DIR: no `**`, no `..`, nothing outside it. */
export const SITE_PAGES_PATTERN = '{en,zh}/*.mdx';

/** The folder the glob searches, absolute. */
export const sitePagesBase = (root: string) => path.resolve(root, SITE_PAGES_DIR);
