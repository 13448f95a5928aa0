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
  meta?: Record<string, string>;
}

export function readFragment(bytes: Buffer): PagefindFragment {
  const text = gunzipSync(bytes).toString('utf8');
  return JSON.parse(
    text.startsWith(PAGEFIND_SIGNATURE) ? text.slice(PAGEFIND_SIGNATURE.length) : text,
  ) as PagefindFragment;
}

/**
 * Beside a shard's index, for the build only (never copied to dist/): each sort
 * key's value for each page, by result id, read from the meta that repeats the
 * sort keys (SORT_META). The merged index needs them to join the shards' sort
 * orders, which Pagefind stores as positions. Written by pagefind-run.ts.
 */
export const SORT_VALUES_FILE = 'pacesetter-sort-values.json';
export type SortValuesFile = Record<string, Record<string, number>>;
