// The precise-position path of the MDX guard (mdx-guard.ts): remark-mdx parses small files so a
// finding points at the attribute, and its syntax errors get plain-language hints.
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { bodyForParser } from '../content/frontmatter.ts';
import type { GuardFinding, GuardNode } from './mdx-guard.ts';

// The parsers read the body as splitFrontmatter cut it (bodyForParser), never the frontmatter:
// one function decides where it ends, for the checker and the renderer alike.
const parser = unified().use(remarkParse).use(remarkMdx);

/** Plain-language help for the MDX syntax errors contributors meet most. */
function syntaxHint(reason: string): string | undefined {
  if (/expression|brace/i.test(reason))
    return 'MDX reads { as the start of code: write \\{ to show a brace, or put it in `code`';
  if (/comment/i.test(reason)) return 'HTML comments <!-- --> are not MDX; delete the comment';
  if (/link in MDX/i.test(reason)) return 'write links as [text](https://…)';
  if (/before name|after `<`|tag/i.test(reason))
    return 'MDX reads < as the start of a tag: write \\< or &lt; to show it, e.g. "a \\< b"';
  return undefined;
}

/** Files up to this size get remark-mdx's positions on a finding; larger ones Sätteri's (per element). */
export const PRECISE_MAX_CHARS = 24 * 1024;
export const PRECISE_MAX_LINES = 600;
export const lineCount = (text: string) => {
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines += 1;
  return lines;
};

/** HTML elements that never have content: HTML lets them stand alone, MDX wants them closed. */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * remark-mdx says "Expected a closing tag for `<br>` (35:9-35:13) before the end of
 * `paragraph`" at the start of the paragraph. Point at the tag itself and say how
 * to close it: `<br />` for an element that has no content, `</p>` for others.
 */
export function unclosedTagFinding(reason: string): GuardFinding | undefined {
  const match = /^Expected a closing tag for `<([\w.:-]+)[^`]*>` \((\d+):(\d+)[^)]*\) before the end of `(\w+)`/.exec(
    reason,
  );
  if (!match) return undefined;
  const [, tag = '', line = '1', column = '1', container = ''] = match;
  const isVoid = VOID_ELEMENTS.has(tag.toLowerCase());
  return {
    line: Number(line),
    column: Number(column),
    field: 'MDX syntax',
    message: isVoid
      ? `<${tag}> must be closed: MDX needs every tag closed, even one without content`
      : `<${tag}> is not closed before the end of the ${container}`,
    hint: isVoid
      ? `write <${tag} /> instead of <${tag}>`
      : `close it with </${tag}> in the same ${container}, or write \\< to show a < sign`,
  };
}

/**
 * remark-mdx's tree of a body, whose positions reach down to the attribute, or its syntax
 * error as a finding with a hint. The guard walks the tree (mdx-guard.ts preciseFindings).
 */
export function parsePrecise(source: string): { tree: GuardNode } | { syntax: GuardFinding } {
  try {
    return { tree: parser.parse(bodyForParser(source)) as unknown as GuardNode };
  } catch (error) {
    const message = error as { reason?: string; message?: string; line?: number; column?: number };
    const reason = (message.reason ?? message.message ?? String(error)).split('\n')[0] ?? '';
    const unclosed = unclosedTagFinding(reason);
    return {
      syntax: unclosed ?? {
        line: message.line ?? 1,
        column: message.column ?? 1,
        field: 'MDX syntax',
        message: reason,
        hint: syntaxHint(reason),
      },
    };
  }
}
