// Reads one of the fragment files Pagefind writes per indexed page
// (fragment/<result id>.pf_fragment): gzipped JSON behind Pagefind's signature.
// Used where the build reads back what Pagefind stored: the facet table and the
// fragments' URLs (pagefind-run.ts), and the content audit (content-audit.ts).
import { gunzipSync } from 'node:zlib';

/** Pagefind's compressed files start, once unzipped, with this signature. */
const PAGEFIND_SIGNATURE = 'pagefind_dcd';

/**
 * Beside a shard's index in the build cache, never copied into dist/: each
 * fragment file's page URL, written by the Pagefind run that read every fragment
 * anyway (pagefind-run.ts), so that the content audit accounts for every search
 * record without unzipping 10,000 fragments again (content-audit.ts). A
 * fragment's name is a hash of its content, so the name stands for the file.
 */
export const FRAGMENT_URLS_FILE = 'pacesetter-fragment-urls.json';

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
