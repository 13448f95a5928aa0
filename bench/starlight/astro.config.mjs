// The Starlight side of the benchmark (scripts/bench.ts copies this into
// bench/.corpus/<N>/starlight/ next to the converted write-ups). Starlight's best
// case: defaults everywhere, Pagefind on, and a one-link sidebar so that no page
// renders a 10,000-entry navigation tree.
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';

export default defineConfig({
  integrations: [
    starlight({
      title: 'Pacesetter benchmark (Starlight)',
      sidebar: [{ label: 'Home', link: '/' }],
    }),
  ],
});
