// The "On this page" list of a write-up page: the page's own sections (rendered from
// the frontmatter) and the body's second-level headings, in page order. Pure, so the
// rule for which write-ups get one is unit-tested.
import type { WriteUpHeading } from './render-write-up.ts';

export interface OutlineLink {
  id: string;
  text: string;
}

/** A write-up gets the list when its body has at least this many sections. */
export const MIN_BODY_SECTIONS = 3;

/**
 * `before` are the page's sections above the body, `after` those below it. Returns []
 * for a short write-up, which needs no list. Ids must already be unique on the page
 * (body ids carry BODY_ID_PREFIX, see render-write-up.ts).
 */
export function pageOutline(
  before: OutlineLink[],
  bodyHeadings: readonly WriteUpHeading[],
  after: OutlineLink[],
): OutlineLink[] {
  const body = bodyHeadings
    .filter((heading) => heading.depth === 2 && heading.text.trim())
    .map((heading) => ({ id: heading.slug, text: heading.text.trim() }));
  if (body.length < MIN_BODY_SECTIONS) return [];
  return [...before, ...body, ...after];
}
