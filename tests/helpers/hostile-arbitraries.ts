// fast-check generators of hostile write-ups, built from the pieces the review of
// issue 17 attacked with: deep nesting, huge tables, YAML aliases, control
// characters, mixed line endings, unusual Unicode, and every HTML and MDX
// construct the guard knows about (and some it should not need to).
import fc from 'fast-check';
import { stringify } from 'yaml';
import { validFrontmatter } from './write-up.ts';

/** Characters that break terminals, XML or parsers, or reorder text. */
const NASTY_CHARS = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u001b[2J',
  '\u007f',
  '\u0085',
  '\u009b',
  '\r',
  '\u2028',
  '\u202e',
  '\u2066',
  '\u200b',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\ufdd0',
  '\ud800',
  '\udfff',
  '😀',
  '𝔘',
  'e\u0301',
  '钻头',
  'ـ',
  '\t',
];

/** Short text with a chance of every kind of nasty character. */
export const nastyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...NASTY_CHARS),
      fc.string({ maxLength: 6 }),
      fc.constantFrom('<', '>', '&', '"', "'", '{', '}', '*', '_', '[', ']', '|', '`', '\\'),
    ),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

/** HTML and MDX constructs: most are refused, some are allowed. */
const CONSTRUCTS = [
  '<script>alert(1)</script>',
  '<img src="x" onerror="alert(1)" />',
  '<p style="color:red">styled</p>',
  '<iframe src="https://example.org"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '![x](data:image/svg+xml,<svg onload=alert(1)>)',
  '<svg><script>alert(1)</script></svg>',
  '<input type="checkbox" />',
  '<details open><summary>More</summary>Text</details>',
  '<abbr title="t">A</abbr>',
  '<Callout kind="tip" title="T">Tip text</Callout>',
  '<Callout kind="tip" {...props}>x</Callout>',
  '<Figure src="/favicon.svg" alt="a" />',
  '<BeforeAfter metric="m" unit="u" before="1" after="2" better="higher" />',
  '<Steps>\n\n1. one\n2. two\n\n</Steps>',
  '<Unknown />',
  '{process.env.SECRET}',
  'import x from "/etc/passwd?raw"',
  'export const a = 1',
  '<!-- comment -->',
  '{/* comment */}',
  '\\{escaped\\}',
  '`<script>code</script>`',
  '```\n<script>fenced</script>\n```',
  '- [x] done\n- [ ] open',
  '| a | b |\n|:-:|--:|\n| 1 | 2 |',
  '[ref]: https://example.org',
  '<https://example.org>',
  'www.example.org',
  '&lt;script&gt;',
  '&#0;&#x1b;',
  '<>fragment</>',
];

const lineEnd = fc.oneof(
  { weight: 6, arbitrary: fc.constant('\n') },
  { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r', '\n\n') },
);

/** Nesting of one kind, sometimes past every limit. */
const nesting = fc
  .record({
    kind: fc.constantFrom('list', 'quote', 'emphasis', 'strong', 'link', 'element', 'strike', 'mixed'),
    depth: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 30, max: 3000 })),
  })
  .map(({ kind, depth }) => {
    switch (kind) {
      case 'list':
        return Array.from({ length: Math.min(depth, 400) }, (_, level) => `${'  '.repeat(level)}- level ${level}`).join(
          '\n',
        );
      case 'quote':
        return `${'> '.repeat(depth)}deep`;
      case 'emphasis':
        return `${'*a '.repeat(depth)}x${' b*'.repeat(depth)}`;
      case 'strong':
        return `${'**a '.repeat(depth)}x${'**'.repeat(depth)}`;
      case 'link':
        return `${'['.repeat(depth)}x${'](/a)'.repeat(depth)}`;
      case 'element':
        return `${'<span>'.repeat(depth)}x${'</span>'.repeat(depth)}`;
      case 'strike':
        return `${'~~a '.repeat(depth)}x${'~~'.repeat(depth)}`;
      default:
        return `${'- > *['.repeat(depth)}x`;
    }
  });

/** GFM tables, up to thousands of columns and rows padded to the header's width. */
const table = fc
  .record({
    columns: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 30, max: 3000 })),
    rows: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 200, max: 6000 })),
    align: fc.constantFrom('-', ':-', '-:', ':-:'),
  })
  .map(
    ({ columns, rows, align }) => `|${'h|'.repeat(columns)}\n|${`${align}|`.repeat(columns)}\n${'|c|\n'.repeat(rows)}`,
  );

/** A body: a sequence of building blocks joined by random line endings. */
export const hostileBody = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CONSTRUCTS) },
      { weight: 1, arbitrary: nastyText },
      { weight: 2, arbitrary: nesting },
      { weight: 1, arbitrary: table },
      { weight: 4, arbitrary: fc.constantFrom('## The problem', 'Plain text.', '1. one\n2. two', '> quote', '---') },
    ),
    { maxLength: 8 },
  )
  .chain((blocks) =>
    fc
      .array(lineEnd, { minLength: blocks.length, maxLength: blocks.length })
      .map((ends) => blocks.map((block, index) => `${block}${ends[index]}`).join('')),
  );

/** Frontmatter: the valid one, with some fields replaced by nasty values, odd keys or YAML aliases. */
export const hostileFrontmatter = fc
  .record({
    replace: fc.oneof(
      { weight: 2, arbitrary: fc.constant({}) },
      {
        weight: 3,
        arbitrary: fc.dictionary(
          fc.constantFrom(
            'title',
            'summary',
            'owner',
            'organization',
            'location',
            'tags',
            'originators',
            'sector',
            'industry',
          ),
          fc.oneof(nastyText, fc.array(nastyText, { maxLength: 3 }), fc.constantFrom(...CONSTRUCTS)),
          { maxKeys: 3 },
        ),
      },
    ),
    extraKey: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: nastyText }),
    aliases: fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('anchor: &a [x, x, x]\nuse: [*a, *a]\n', 'loop: &l [*l]\n', 'title2: &t x\n'),
      },
    ),
    end: lineEnd,
  })
  .map(({ replace, extraKey, aliases, end }) => {
    const data: Record<string, unknown> = { ...validFrontmatter(), ...replace };
    if (extraKey !== undefined) data[extraKey] = 'x';
    let yaml: string;
    try {
      yaml = stringify(data);
    } catch {
      yaml = stringify(validFrontmatter());
    }
    return `---${end}${aliases}${yaml.replace(/\n/g, end === '\n\n' ? '\n' : end)}---${end}`;
  });

/** A whole hostile write-up. */
export const hostileWriteUp = fc
  .tuple(hostileFrontmatter, hostileBody)
  .map(([frontmatter, body]) => `${frontmatter}\n${body}`);
