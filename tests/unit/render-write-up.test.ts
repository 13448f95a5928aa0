// Write-ups become HTML without becoming JavaScript: the renderer's output for
// Markdown and the four components, and its two walls against code.
import { describe, expect, it } from 'vitest';
import {
  BODY_ID_PREFIX,
  renderGuardedWriteUp,
  renderWriteUp,
  WriteUpRefusedError,
  type WriteUpSource,
} from '../../src/lib/write-up/render-write-up.ts';
import { writeUpSource } from '../helpers/write-up.ts';

const FILE = 'content/experiences/en/industry/x.mdx';
const write = (body: string, lang: 'en' | 'zh' = 'en'): WriteUpSource => ({
  file: FILE,
  source: writeUpSource(undefined, body),
  lang,
});
const html = (body: string, lang: 'en' | 'zh' = 'en') => renderWriteUp(write(body, lang)).html;

function refusal(run: () => unknown): WriteUpRefusedError {
  try {
    run();
  } catch (error) {
    if (error instanceof WriteUpRefusedError) return error;
    throw error;
  }
  throw new Error('expected the write-up to be refused');
}

describe('Markdown', () => {
  it('renders headings with prefixed ids and returns the outline', () => {
    const rendered = renderWriteUp(write('## The problem\n\nText.\n\n### Steps\n\n## The problem\n'));
    expect(rendered.html).toContain('<h2 id="body-the-problem">The problem</h2>');
    expect(rendered.html).toContain('<h2 id="body-the-problem-1">The problem</h2>');
    expect(rendered.headings).toEqual([
      { depth: 2, slug: 'body-the-problem', text: 'The problem' },
      { depth: 3, slug: 'body-steps', text: 'Steps' },
      { depth: 2, slug: 'body-the-problem-1', text: 'The problem' },
    ]);
  });

  it('never gives a body element an id the page uses for its own sections', () => {
    // The write-up page has id="results", "measures", "sources", "adoptions", "account", "content".
    const rendered = renderWriteUp(
      write('## Results\n\n## Sources\n\nSee [above](#results) and a note[^1].\n\n[^1]: The note.\n'),
    );
    const ids = [...rendered.html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(id).toMatch(new RegExp(`^${BODY_ID_PREFIX}`));
    // The body's own links follow its renamed ids; the footnotes section is not in the outline.
    expect(rendered.html).toContain('<a href="#body-results">above</a>');
    for (const [, target] of rendered.html.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(target);
    expect(rendered.headings.map((heading) => heading.slug)).toEqual(['body-results', 'body-sources']);
  });

  it('renders GFM tables, links, emphasis and smart punctuation', () => {
    const out = html('| a | b |\n| - | - |\n| 1 | 2 |\n\nSee [the source](https://example.org/) -- "quoted"...\n');
    expect(out).toContain('<table>');
    expect(out).toContain('<td>2</td>');
    expect(out).toContain('<a href="https://example.org/">the source</a>');
    expect(out).toContain('“quoted”…');
  });

  it('keeps escaped braces and angle brackets as text', () => {
    expect(html('A set \\{1, 2\\} and a \\< b.\n')).toContain('A set {1, 2} and a &lt; b.');
  });

  it('renders the safe HTML subset with its attributes', () => {
    expect(html('<details open><summary>More</summary>Text</details>\n')).toContain(
      '<details open><summary>More</summary>Text</details>',
    );
    expect(html('Water is H<sub>2</sub>O.\n')).toContain('H<sub>2</sub>O');
  });
});

describe('the components', () => {
  it('renders a Callout with its title, or the kind in the write-up language', () => {
    expect(html('<Callout kind="tip" title="Start small">\n\nTry it.\n\n</Callout>\n')).toContain(
      '<aside class="callout callout-tip" aria-label="Start small"><p class="callout-title">Start small</p><p>Try it.</p></aside>',
    );
    expect(html('<Callout kind="warning">\n\n小心。\n\n</Callout>\n', 'zh')).toContain(
      '<p class="callout-title">注意</p>',
    );
  });

  it('renders a BeforeAfter with the change computed, never typed in', () => {
    const out = html('<BeforeAfter metric="Bits burned" unit="bits" before="12" after="3" better="lower" />\n');
    expect(out).toContain('Bits burned (bits): <span class="change-improved">−75%</span>');
    expect(out).toContain('<rect class="bar-before" x="0" y="1" width="100" height="9"></rect>');
    expect(out).toContain('<rect class="bar-after" x="0" y="12" width="25" height="9"></rect>');
    expect(out).toContain('<dt>Before</dt><dd>12 bits</dd>');
  });

  it('renders a Figure with caption and credit', () => {
    expect(html('<Figure src="/images/a.png" alt="A drill" caption="New geometry" credit="Archive" />\n')).toContain(
      '<figure class="mdx-figure"><img src="/images/a.png" alt="A drill" loading="lazy" decoding="async"><figcaption>New geometry<span class="credit">Credit: Archive</span></figcaption></figure>',
    );
  });

  it('wraps the numbered list of Steps', () => {
    expect(html('<Steps>\n\n1. One\n2. Two\n\n</Steps>\n')).toMatch(/<div class="steps">\s*<ol>\s*<li>One<\/li>/);
  });
});

describe('first wall: the guard, with every problem and its place in the file', () => {
  it('refuses code, unsafe HTML and unsafe links before rendering anything', () => {
    const refused = refusal(() =>
      renderWriteUp(write('{process.env.TOKEN}\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n')),
    );
    expect(refused.problems.map((problem) => problem.field)).toEqual(['{expression}', '<script>', 'link']);
    expect(refused.problems.every((problem) => problem.file === FILE && problem.line! > 1)).toBe(true);
    expect(refused.message).toContain(`${FILE}:`);
  });
});

describe('second wall: the renderer renders only what it knows, even unguarded', () => {
  // renderGuardedWriteUp skips the guard: whatever the guard might miss, the tree walk refuses.
  const unguarded = (body: string) => () => renderGuardedWriteUp(write(body));

  it.each([
    ['import x from "y"\n', 'mdxjsEsm'],
    ['Text {1 + 1}\n', 'mdxTextExpression'],
    ['{process.env.TOKEN}\n', 'mdxFlowExpression'],
    ['<script>alert(1)</script>\n', '<script>'],
    ['<Unknown />\n', '<Unknown>'],
    ['<a href="/x" onclick="alert(1)">x</a>\n', '<a> onclick'],
    ['<Callout kind={danger}>x</Callout>\n', '<Callout> kind'],
    ['<Callout {...props}>x</Callout>\n', '<Callout>'],
  ])('refuses %j', (body, field) => {
    const refused = refusal(unguarded(body));
    expect(refused.problems[0]).toMatchObject({ file: FILE, field });
    expect(refused.problems[0]!.line).toBeGreaterThan(1);
  });
});
