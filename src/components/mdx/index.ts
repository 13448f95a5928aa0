// The components a write-up may use, by the name it uses them with. The MDX
// guard's allowlist (ALLOWED_COMPONENTS in src/lib/mdx-guard.ts) must name the
// same set; a unit test checks that the two agree (by file name).
import BeforeAfter from './BeforeAfter.astro';
import Callout from './Callout.astro';
import Figure from './Figure.astro';
import Steps from './Steps.astro';

export const mdxComponents = { Figure, Callout, Steps, BeforeAfter };
