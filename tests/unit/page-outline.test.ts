// Which write-ups get an "On this page" list, and what it lists.
import { describe, expect, it } from 'vitest';
import { MIN_BODY_SECTIONS, pageOutline } from '../../src/lib/write-up/page-outline.ts';
import { renderWriteUp } from '../../src/lib/write-up/render-write-up.ts';
import { writeUpSource } from '../helpers/write-up.ts';

const before = [
  { id: 'results', text: 'Results' },
  { id: 'measures', text: 'What changed' },
];
const after = [
  { id: 'adoptions', text: 'Adoptions' },
  { id: 'sources', text: 'Sources' },
];
const headings = (body: string) =>
  renderWriteUp({ file: 'x.mdx', source: writeUpSource(undefined, body), lang: 'en' }).headings;

describe('the On this page list', () => {
  it('lists the page sections around the body’s h2s, in page order, with unique ids', () => {
    const body =
      '## The problem\n\nText.\n\n## How it was done\n\n### A detail\n\n## Results\n\n## How to adopt it\n\n### Steps\n';
    const links = pageOutline(before, headings(body), after);
    expect(links.map((link) => link.text)).toEqual([
      'Results',
      'What changed',
      'The problem',
      'How it was done',
      'Results',
      'How to adopt it',
      'Adoptions',
      'Sources',
    ]);
    const ids = links.map((link) => link.id);
    // A body heading "Results" links to its own id, not to the page's results section.
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('body-results');
  });

  it('is left out for a short write-up', () => {
    const short = Array.from({ length: MIN_BODY_SECTIONS - 1 }, (_, n) => `## Part ${n}\n\nText.\n`).join('\n');
    expect(pageOutline(before, headings(short), after)).toEqual([]);
    const long = Array.from({ length: MIN_BODY_SECTIONS }, (_, n) => `## Part ${n}\n\nText.\n`).join('\n');
    expect(pageOutline(before, headings(long), after)).toHaveLength(MIN_BODY_SECTIONS + 4);
  });
});
