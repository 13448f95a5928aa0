// The MDX guard's rules, as `npm run check`, every build and the renderer run them.
import { describe, expect, it } from 'vitest';
import { checkUrl, guardWriteUp, isSitePath, MAX_BODY_BYTES, urlScheme } from '../../src/lib/write-up/mdx-guard.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { BETTER_VALUES, CALLOUT_KINDS, WRITE_UP_COMPONENTS } from '../../src/lib/write-up/mdx-components.ts';
import { writeUpSource } from '../helpers/write-up.ts';

const FILE = 'content/experiences/en/industry/x.mdx';
/** Guard a body inside a valid write-up; returns `line:col  field  message` strings with file lines. */
const guard = (body: string) =>
  guardWriteUp(FILE, writeUpSource(undefined, body)).map((problem) => formatProblem(problem).replace(`${FILE}:`, ''));
/** The file line of the first line of the body in writeUpSource(undefined, body). */
const BODY_LINE =
  writeUpSource(undefined, '@@')
    .split('\n')
    .findIndex((line) => line === '@@') + 1;

describe('what a write-up may not contain', () => {
  it('refuses import and export, naming the line', () => {
    expect(guard("Text.\n\nimport data from '/etc/passwd?raw'\n")).toEqual([
      expect.stringMatching(
        new RegExp(`^${BODY_LINE + 2}:1  import/export  import and export statements run code on the build machine`),
      ),
    ]);
    expect(guard('export const x = 1\n')[0]).toMatch(new RegExp(`^${BODY_LINE}:1  import/export`));
  });

  it('refuses every kind of {expression}: in text, as a block, as a comment, in attributes, spread', () => {
    expect(guard('The token is {process.env.TOKEN}.\n')).toEqual([
      expect.stringMatching(new RegExp(`^${BODY_LINE}:14  \\{expression\\}  text in \\{braces\\} is code`)),
    ]);
    expect(guard('{\n  1 + 1\n}\n')[0]).toMatch(new RegExp(`^${BODY_LINE}:1  \\{expression\\}`));
    expect(guard('{/* note */}\n')[0]).toMatch(/\{expression\}.*got "\{\/\* note \*\/\}"/);
    expect(guard('<Callout kind="tip" title={x}>\n\nA\n\n</Callout>\n')[0]).toMatch(
      /<Callout title>  attribute values in \{braces\} are code/,
    );
    expect(guard('<Callout kind="tip" {...props}>\n\nA\n\n</Callout>\n')[0]).toMatch(
      /<Callout>  spread attributes \{\.\.\.\} are code/,
    );
  });

  it('refuses components that are not on the allowlist, including member expressions', () => {
    expect(guard('<Tabs />\n')[0]).toMatch(
      /<Tabs>  is not one of the components write-ups may use \(expected one of: Figure, Callout, Steps, BeforeAfter\)/,
    );
    expect(guard('<process.env />\n')[0]).toMatch(/<process\.env>  is not one of the components/);
  });

  it('refuses dangerous HTML elements with the reason', () => {
    for (const [tag, reason] of [
      ['script', 'runs JavaScript'],
      ['style', 'restyles the whole site'],
      ['iframe', 'embeds another site'],
      ['object', 'embeds plugins'],
      ['embed', 'embeds plugins'],
      ['form', 'sends readers’ input'],
      ['input', 'collects readers’ input'],
      ['base', 'changes where every link'],
      ['meta', 'changes how the browser'],
      ['link', 'loads outside stylesheets'],
    ]) {
      expect(guard(`<${tag}></${tag}>\n`), tag).toEqual([
        expect.stringContaining(`<${tag}>  HTML <${tag}> is not allowed: it ${reason}`),
      ]);
    }
    expect(guard('<marquee>x</marquee>\n')[0]).toMatch(/HTML <marquee> is not in the safe subset/);
  });

  it('refuses on* and style attributes, and attributes outside the subset', () => {
    expect(guard('<img src="/a.png" alt="" onError="x" />\n')[0]).toMatch(
      /<img onError>  event-handler attributes \(on…\) run script/,
    );
    expect(guard('<p style="color:red">x</p>\n')[0]).toMatch(/<p style>  style attributes are not allowed/);
    expect(guard('<p class="notice">x</p>\n')[0]).toMatch(
      /<p class>  the attribute "class" is not in the safe subset for <p> \(expected one of: title, lang, dir\)/,
    );
  });

  it('refuses unsafe link and image addresses in Markdown, definitions and attributes', () => {
    expect(guard('[x](javascript:alert(1))\n')[0]).toMatch(
      /link  links may only use http:, https:, mailto: or a relative address; "javascript:" runs script/,
    );
    expect(guard('[x][r]\n\n[r]: vbscript:x\n')[0]).toMatch(
      new RegExp(`^${BODY_LINE + 2}:1  definition  .*"vbscript:"`),
    );
    expect(guard('<a href="jav&#x61;script&colon;x">x</a>\n')[0]).toMatch(/<a href>  .*"javascript:"/);
    expect(guard('![x](data:image/png;base64,AAAA)\n')[0]).toMatch(/image  data: images are not allowed/);
    expect(guard('![x](./photo.png)\n')[0]).toMatch(/image  relative image paths are imported by the build/);
    expect(guard('<Figure src="http://example.org/x.png" alt="x" />\n')[0]).toMatch(
      /<Figure src>  images may only use https: or an address on this site; "http:"/,
    );
  });

  it('checks a definition that an image uses with the image rules, before or after the image', () => {
    expect(guard('![x][r]\n\n[r]: ./a.png\n')).toEqual([
      expect.stringMatching(
        new RegExp(`^${BODY_LINE + 2}:1  definition  relative image paths are imported by the build`),
      ),
    ]);
    expect(guard('[R]: http://example.org/a.png\n\n![x][r]\n')).toEqual([
      expect.stringMatching(
        new RegExp(`^${BODY_LINE}:1  definition  images may only use https: or an address on this site; "http:"`),
      ),
    ]);
    expect(guard('![x][r]\n\n[r]: //evil.example/a.png\n')[0]).toMatch(/definition  .*"\/\/…" is another host/);
    // Collapsed and shortcut references use a definition too.
    expect(guard('![r][] ![r]\n\n[r]: ./a.png\n')).toHaveLength(1);
    // Refused once, not once per rule set.
    expect(guard('![x][r]\n\n[r]: javascript:x\n')).toEqual([
      expect.stringContaining('definition  links may only use'),
    ]);
    // The same definitions are fine for links, and safe image definitions are fine.
    expect(guard('[x][r] [y][s]\n\n[r]: ./a.png\n[s]: http://example.org/\n')).toEqual([]);
    expect(guard('![x][r] ![y][s]\n\n[r]: /images/a.png\n[s]: https://example.org/a.png\n')).toEqual([]);
  });

  it('refuses protocol-relative image addresses (another host), which links may use', () => {
    for (const url of [
      '//evil.example/a.png',
      '\\\\evil.example/a.png',
      '/\\evil.example/a.png',
      '/&#47;evil.example/a.png',
    ]) {
      expect(checkUrl(url, 'image')?.message, url).toMatch(/"\/\/…" is another host \(protocol-relative\)/);
    }
    expect(guard('![x](//evil.example/a.png)\n')[0]).toMatch(
      /image  images may only use https: or an address on this site/,
    );
    expect(guard('<Figure src="//evil.example/a.png" alt="x" />\n')[0]).toMatch(/<Figure src>  .*another host/);
    expect(guard('<img src="//evil.example/a.png" alt="x" />\n')[0]).toMatch(/<img src>  .*another host/);
    expect(checkUrl('/images/a.png', 'image')).toBeUndefined();
    expect(checkUrl('//example.org/page', 'link')).toBeUndefined();
    expect(isSitePath('/images/a.png')).toBe(true);
    expect(isSitePath('//example.org/a.png')).toBe(false);
  });

  it('checks component props: required, choices, numbers, and Steps wraps a numbered list', () => {
    expect(guard('<Figure alt="x" />\n')[0]).toMatch(/<Figure>  is missing src="…"/);
    expect(guard('<Callout kind="danger">\n\nx\n\n</Callout>\n')[0]).toMatch(
      /<Callout kind>  is not one of the allowed values \(got "danger", expected one of: tip, warning, note\)/,
    );
    expect(guard('<BeforeAfter metric="m" unit="u" before="ten" after="3" better="lower" />\n')[0]).toMatch(
      /<BeforeAfter before>  must be a number/,
    );
    expect(guard('<Callout kind="tip" colour="red">\n\nx\n\n</Callout>\n')[0]).toMatch(
      /<Callout colour>  <Callout> has no "colour" attribute/,
    );
    expect(guard('<Steps>\n\n- a\n- b\n\n</Steps>\n')[0]).toMatch(/<Steps>  must wrap a numbered list/);
  });

  it('points at an unclosed <br> and suggests <br />; an unclosed <p> is told to close', () => {
    const [br] = guardWriteUp(FILE, writeUpSource(undefined, 'Line one<br>line two\n'));
    expect(br).toMatchObject({ line: BODY_LINE, column: 9, field: 'MDX syntax', hint: 'write <br /> instead of <br>' });
    expect(formatProblem(br!)).toMatch(new RegExp(`^${FILE}:${BODY_LINE}:9  MDX syntax  <br> must be closed`));
    expect(br?.hint).not.toContain('\\<');
    const [paragraph] = guardWriteUp(FILE, writeUpSource(undefined, 'Text\n\n<p>open para\n'));
    expect(paragraph).toMatchObject({
      line: BODY_LINE + 2,
      column: 1,
      message: '<p> is not closed before the end of the paragraph',
    });
    expect(paragraph?.hint).toContain('close it with </p>');
    expect(guardWriteUp(FILE, writeUpSource(undefined, 'Line one<br />line two\n'))).toEqual([]);
  });

  it('explains MDX syntax errors from a bare { or < in prose', () => {
    const [brace] = guardWriteUp(FILE, writeUpSource(undefined, 'Sets like {a, b.\n'));
    expect(brace).toMatchObject({ line: BODY_LINE, field: 'MDX syntax', hint: expect.stringContaining('write \\{') });
    const [less] = guardWriteUp(FILE, writeUpSource(undefined, 'We <3 it.\n'));
    expect(less).toMatchObject({
      line: BODY_LINE,
      column: 5,
      field: 'MDX syntax',
      hint: expect.stringContaining('write \\<'),
    });
  });

  it('refuses bodies over the size limit before parsing them', () => {
    const source = writeUpSource(undefined, 'x'.repeat(5 * 1024 * 1024));
    const started = performance.now();
    expect(guardWriteUp(FILE, source)).toEqual([
      expect.objectContaining({
        line: 1,
        field: 'size',
        message: 'the write-up is too large',
        got: '5121 kB',
        expected: `at most ${MAX_BODY_BYTES / 1024} kB`,
      }),
    ]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses nesting deeper than the limit, once', () => {
    const deep = Array.from({ length: 60 }, (_, depth) => `${'  '.repeat(depth)}- level`).join('\n');
    expect(guard(`${deep}\n`)).toEqual([
      expect.stringContaining('nesting  lists and quotes are nested more than 24 levels deep'),
    ]);
  });
});

describe('what a write-up may contain', () => {
  it('accepts Markdown, escaped braces and angle brackets, code, safe HTML and the components', () => {
    const body = [
      '## The problem',
      '',
      'Plain *text*, a \\{brace\\}, a \\< sign, a < b, `{code}` and `<script>` in code.',
      '',
      '```js',
      'import x from "y"; {process.env.X}',
      '```',
      '',
      '[https](https://example.org) [http](http://example.org) [mail](mailto:a@example.org) [relative](/sectors/) [anchor](#results) ![img](/images/a.png) ![remote](https://example.org/a.png)',
      '',
      '<abbr title="Standard operating procedure">SOP</abbr> <a href="https://example.org">a</a> <kbd>Ctrl</kbd>',
      '',
      '<details>',
      '<summary>More</summary>',
      '',
      'Text.',
      '',
      '</details>',
      '',
      '<Figure src="/images/a.png" alt="A" caption="C" credit="Cr" />',
      '',
      '<Callout kind="warning" title="Careful">',
      '',
      'Text.',
      '',
      '</Callout>',
      '',
      '<BeforeAfter metric="Scrap" unit="%" before="4" after="1.5" better="lower" />',
      '',
      '<Steps>',
      '',
      '1. One',
      '2. Two',
      '',
      '</Steps>',
      '',
      '倪志福钻头：三尖七刃。',
    ].join('\n');
    expect(guard(body)).toEqual([]);
  });

  it('reports file lines through a BOM and CRLF line endings', () => {
    const source = `\uFEFF${writeUpSource(undefined, 'Line.\n\n{x}\n')}`.replace(/\n/g, '\r\n');
    expect(guardWriteUp(FILE, source)).toEqual([
      expect.objectContaining({ line: BODY_LINE + 2, column: 1, field: '{expression}' }),
    ]);
  });
});

describe('addresses', () => {
  it('sees the scheme a browser would see', () => {
    expect(urlScheme('JavaScript:x')).toBe('javascript');
    expect(urlScheme(' \u0001java\tscript:x')).toBe('javascript');
    expect(urlScheme('jav&#97;script&#x3a;x')).toBe('javascript');
    expect(urlScheme('/a:b')).toBeUndefined();
    expect(urlScheme('//example.org/x')).toBeUndefined();
    expect(checkUrl('//example.org/x', 'link')).toBeUndefined();
    expect(checkUrl('?q=drill', 'link')).toBeUndefined();
    expect(checkUrl('tel:123', 'link')?.message).toMatch(/"tel:" is not allowed/);
  });
});

describe('one table of components for the guard and the renderer', () => {
  it('the guard allows exactly the Callout kinds and BeforeAfter directions the renderer draws', () => {
    for (const kind of CALLOUT_KINDS) expect(guard(`<Callout kind="${kind}">Hi.</Callout>`)).toEqual([]);
    expect(guard('<Callout kind="danger">Hi.</Callout>').join('\n')).toMatch(/tip, warning, note/);
    const beforeAfter = (better: string) =>
      guard(`<BeforeAfter metric="m" unit="u" before="1" after="2" better="${better}" />`);
    for (const better of BETTER_VALUES) expect(beforeAfter(better)).toEqual([]);
    expect(beforeAfter('sideways')).not.toEqual([]);
  });

  it('the guard names every component the renderer has when it refuses an unknown one', () => {
    expect(guard('<Chart />').join('\n')).toContain(Object.keys(WRITE_UP_COMPONENTS).join(', '));
  });
});
