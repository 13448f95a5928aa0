// Splits a write-up into YAML frontmatter and body, and parses the YAML while
// keeping source positions, so that every problem can point at a line.
import { isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import { unsafeStrings } from './safe-text.ts';
import { parseYamlSafely } from './safe-yaml.ts';

export interface Position {
  line: number;
  column: number;
}

export interface ParsedFrontmatter {
  data: unknown;
  /** Line/column in the whole file for a frontmatter path, as close as the YAML allows. */
  positionOf(path: readonly PropertyKey[]): Position;
  /** Syntax errors, aliases and unsafe characters in the YAML, positioned in the whole file. */
  errors: { message: string; position: Position; field?: string; hint?: string }[];
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyStartLine: number;
}

export type SplitResult =
  | { ok: true; yamlText: string; yamlStartLine: number; body: string; bodyStartLine: number }
  | { ok: false; message: string; position: Position };

/**
 * Finds the `---` fenced frontmatter at the very start of the file (a BOM is tolerated).
 * The one place that decides where the frontmatter ends: the checker, the MDX guard
 * and the renderer all take the body from here (see `bodyForParser`), so they cannot
 * disagree about a file. Lines end at LF, CRLF or a lone CR, as CommonMark reads them.
 */
export function splitFrontmatter(source: string): SplitResult {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.trim() !== '---') {
    return {
      ok: false,
      message: 'the file must start with YAML frontmatter between two "---" lines',
      position: { line: 1, column: 1 },
    };
  }
  const closing = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (closing === -1) {
    return {
      ok: false,
      message: 'the frontmatter is not closed: add a "---" line after the last field',
      position: { line: 1, column: 1 },
    };
  }
  return {
    ok: true,
    yamlText: lines.slice(1, closing).join('\n'),
    yamlStartLine: 2,
    body: lines.slice(closing + 1).join('\n'),
    bodyStartLine: closing + 2,
  };
}

/**
 * The text the Markdown/MDX parsers read: the body as splitFrontmatter cut it, after
 * as many empty lines as the frontmatter took, so that parser positions are file
 * positions. A file without frontmatter is read whole (the checker refuses it anyway).
 */
export function bodyForParser(source: string): string {
  const split = splitFrontmatter(source);
  if (split.ok) return '\n'.repeat(split.bodyStartLine - 1) + split.body;
  // Sätteri's HTML pass drops a "---" or "+++" block at the very start even with frontmatter
  // off (and its mdast pass keeps it): a fence on the first line becomes a thematic break of
  // the same length, so no parser can hide text that this function did not call frontmatter.
  return source.replace(/^\uFEFF/, '').replace(/^(?:---|\+\+\+)(?=[ \t]*(?:\r\n|\r|\n|$))/, '***');
}

function nodeAt(document: Document, path: readonly PropertyKey[]): { node?: Node; keyNode?: Node } {
  let current: unknown = document.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return { node: current as Node, keyNode };
      keyNode = pair.key as Node;
      current = pair.value;
    } else if (current && typeof current === 'object' && 'items' in current && typeof segment === 'number') {
      const items = (current as { items: unknown[] }).items;
      if (segment >= items.length) return { node: current as Node, keyNode };
      keyNode = undefined;
      current = items[segment];
    } else {
      break;
    }
  }
  return { node: (current ?? undefined) as Node | undefined, keyNode };
}

/**
 * The longest frontmatter read, in characters. The samples' longest is about 2 kB;
 * YAML costs a fraction of a millisecond a line (more for many keys), so a much
 * longer header is refused before it is parsed (CONTRIBUTING.md, "Limits").
 */
export const MAX_FRONTMATTER_CHARS = 16 * 1024;

export function parseFrontmatter(source: string): ParsedFrontmatter | { error: string; position: Position } {
  const split = splitFrontmatter(source);
  if (!split.ok) return { error: split.message, position: split.position };
  if (split.yamlText.length > MAX_FRONTMATTER_CHARS) {
    return {
      error: `the frontmatter is too long (${Math.ceil(split.yamlText.length / 1024)} kB; at most ${MAX_FRONTMATTER_CHARS / 1024} kB): move long material into the body or a linked source`,
      position: { line: 1, column: 1 },
    };
  }

  const yaml = parseYamlSafely(split.yamlText);
  const { document, lineCounter } = yaml;
  const toFilePosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + split.yamlStartLine - 1, column: col };
  };
  const positionOf = (path: readonly PropertyKey[]): Position => {
    const { node, keyNode } = nodeAt(document, path);
    // Point at the key for a wrong value ("sector: foo" → the line of "sector"),
    // at the value itself inside lists, at the enclosing map for a missing key.
    const target = keyNode ?? node;
    const offset = target?.range?.[0];
    return offset === undefined ? { line: split.yamlStartLine, column: 1 } : toFilePosition(offset);
  };
  const errors: ParsedFrontmatter['errors'] = yaml.problems.map((problem) => ({
    message: problem.message,
    position: toFilePosition(problem.offset),
    hint: problem.hint,
  }));
  // Control characters and non-characters, also those written as YAML escapes ("\x1b"):
  // they break the XML feeds and act on terminals (src/lib/content/safe-text.ts).
  for (const bad of unsafeStrings(yaml.data)) {
    errors.push({
      field:
        bad.path
          .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`))
          .join('')
          .replace(/^\./, '') || 'frontmatter',
      message: `${bad.inKey ? 'a field name' : 'the text'} contains ${bad.name} (${bad.codePoint}), which write-ups may not contain`,
      position: positionOf(bad.path),
      hint: 'delete the character; write line breaks as plain new lines',
    });
  }
  const data: unknown = errors.length > 0 ? undefined : yaml.data;

  return {
    data,
    errors,
    positionOf,
    body: split.body,
    bodyStartLine: split.bodyStartLine,
  };
}
