// Where this knowledge base lives. A fork changes these values and nothing else
// to point edit links, the proposal form and feeds at its own repository.
export const siteConfig = {
  /** The public URL of the built site, used for canonical links, feeds and the sitemap. */
  siteUrl: 'https://pacesetter.example.org',
  title: 'Pacesetter',
  repository: {
    /** The GitHub repository that holds content/. */
    url: 'https://github.com/pacesetter-kb/pacesetter',
    /** The branch that pull requests target and the site is built from. */
    branch: 'main',
  },
} as const;
