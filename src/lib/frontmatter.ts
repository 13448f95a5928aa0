// Splits a write-up into YAML frontmatter and body, and parses the YAML while
// keeping source positions, so that every problem can point at a line.
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

export interface ParsedFrontmatter {
  data: unknown;
  /** Line/column in the whole file for a frontmatter path, as close as the YAML allows. */
  positionOf(path: readonly PropertyKey[]): Position;
  /** Syntax errors in the YAML, positioned in the whole file. */
  errors: { message: string; position: Position }[];
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyStartLine: number;
}

export type SplitResult =
  | { ok: true; yamlText: string; yamlStartLine: number; body: string; bodyStartLine: number }
  | { ok: false; message: string; position: Position };

/** Finds the `---` fenced frontmatter at the very start of the file (a BOM is tolerated). */
export function splitFrontmatter(source: string): SplitResult {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
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

export function parseFrontmatter(source: string): ParsedFrontmatter | { error: string; position: Position } {
  const split = splitFrontmatter(source);
  if (!split.ok) return { error: split.message, position: split.position };

  const lineCounter = new LineCounter();
  const document = parseDocument(split.yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toFilePosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + split.yamlStartLine - 1, column: col };
  };
  const data: unknown = document.errors.length > 0 ? undefined : document.toJS();

  return {
    data,
    errors: document.errors.map((error) => ({
      message: error.message.split('\n')[0] ?? error.message,
      position: toFilePosition(error.pos[0]),
    })),
    positionOf(path) {
      const { node, keyNode } = nodeAt(document, path);
      // Point at the key for a wrong value ("sector: foo" → the line of "sector"),
      // at the value itself inside lists, at the enclosing map for a missing key.
      const target = keyNode ?? node;
      const offset = target?.range?.[0];
      return offset === undefined ? { line: split.yamlStartLine, column: 1 } : toFilePosition(offset);
    },
    body: split.body,
    bodyStartLine: split.bodyStartLine,
  };
}
