// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { siteConfig } from './src/config/site.ts';
import { contentCheck, isPublicPage } from './src/integrations/content-check.ts';
import { contentAudit } from './src/integrations/content-audit.ts';
import { keptPages } from './src/integrations/kept-pages.ts';
import { searchIndex } from './src/integrations/search-index.ts';

// The MDX integration compiles only the site's own pages in src/content/pages (trusted,
// CODEOWNERS; src/lib/site-pages.ts). No smart quotes: their text is printed as written.
const sitePagesMdx = mdx({ smartypants: false });

// A shell sets `_` to the path of the command it runs (`npm`, `node`, `/usr/bin/time` …).
// Astro 7 writes the value of every environment variable whose name occurs in a server
// module's source into that module where the module reads import.meta.env as a whole, and
// `_` occurs in every source: Astro's own actions runtime then differs with the command that
// started the build, every route's code hash changes, and the incremental cache renders all
// pages again (a one-edit rebuild at 10,000 write-ups: 65-80 s instead of about 30 s). The
// build has no use for `_`. (tests/build/incremental.test.ts)
delete process.env._;

export default defineConfig({
  site: siteConfig.siteUrl,
  // Rebuilds re-render only the write-up pages whose cacheKey changed (src/site-data/routes.ts).
  // The cache sits in the project, not in a node_modules that test fixture sites share.
  cacheDir: './.astro/cache/',
  experimental: { incrementalBuild: true },
  trailingSlash: 'always',
  // Write-ups are rendered by their loader, and no page uses Markdown or <Code>:
  // no highlighter to start (Shiki's inline styles would break the CSP anyway).
  markdown: { syntaxHighlight: false },
  // The dev server must not watch generated sites: a 50,000-write-up bench corpus
  // (bench/.corpus) exhausts the system's file watchers.
  vite: { server: { watch: { ignored: ['**/bench/.corpus/**', '**/tests/.tmp/**', '**/.astro/cache/**'] } } },
  // English at /, Chinese at /zh/. One route per page serves both: src/pages/[...lang]/,
  // whose optional first segment is the language (src/site-data/routes.ts).
  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'zh'],
    routing: { prefixDefaultLocale: false },
  },
  // Write-ups are rendered to HTML by their content loader (src/loaders/write-ups.ts),
  // never compiled into JavaScript: sitePagesMdx never sees content/.
  // keptPages() comes first: it leaves reused pages in dist/ and, once the pages are
  // generated, removes the ones no longer built before the others read dist/. It leaves
  // dist/pagefind/ to searchIndex(), which keeps what of it is unchanged.
  // contentAudit() runs last: it checks the pages and the search index the others wrote.
  // Drafts have a page but are not published: the sitemap leaves them out.
  integrations: [
    keptPages({ folders: ['pagefind'] }),
    sitePagesMdx,
    contentCheck(),
    sitemap({ filter: isPublicPage }),
    searchIndex(),
    contentAudit(),
  ],
  security: {
    // A meta-tag CSP on every page. Astro adds hashes of the scripts and styles it
    // emits; nothing else runs. 'wasm-unsafe-eval' is what Pagefind's search needs
    // (it runs on the page's thread, so no worker may start); images may come from
    // https: sources (Figure).
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' https:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        `form-action 'self' ${new URL(siteConfig.repository.url).origin}`,
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
});
