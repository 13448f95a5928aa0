// Reads one of the fragment files Pagefind writes per indexed page
// (fragment/<result id>.pf_fragment): gzipped JSON behind Pagefind's signature.
// Used where the build reads back what Pagefind stored: the facet table
// (pagefind-run.ts) and the content audit (content-audit.ts).
import { gunzipSync } from 'node:zlib';

/** Pagefind's compressed files start, once unzipped, with this signature. */
const PAGEFIND_SIGNATURE = 'pagefind_dcd';

/** What the build reads of a fragment. */
export interface PagefindFragment {
  url: string;
  filters?: Record<string, string[]>;
}

export function readFragment(bytes: Buffer): PagefindFragment {
  const text = gunzipSync(bytes).toString('utf8');
  return JSON.parse(
    text.startsWith(PAGEFIND_SIGNATURE) ? text.slice(PAGEFIND_SIGNATURE.length) : text,
  ) as PagefindFragment;
}
