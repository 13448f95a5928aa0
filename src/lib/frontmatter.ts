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
  if (data !== undefined) parsedData.set(source, structuredClone(data));

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

/**
 * Frontmatter data parsed earlier in this process, keyed by the whole source.
 * The build parses every write-up's YAML in the content check, then again in the
 * content loader — about 0.9 ms a file, 9 s at 10,000 write-ups. The loader runs
 * in a module instance of its own (Astro loads content.config.ts through Vite),
 * so the hand-over goes through globalThis. A copy is stored: nobody can change
 * what the next reader gets.
 */
const parsedData: Map<string, unknown> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('pacesetter.parsedFrontmatter')
] ??= new Map<string, unknown>()) as Map<string, unknown>;

/**
 * The frontmatter data of a source, taking it over from an earlier parse of the
 * very same text when there was one (and forgetting it: each is read once).
 * Undefined when the frontmatter is missing or is not valid YAML.
 */
export function takeFrontmatterData(source: string): unknown {
  const earlier = parsedData.get(source);
  if (earlier !== undefined) {
    parsedData.delete(source);
    return earlier;
  }
  const parsed = parseFrontmatter(source);
  parsedData.delete(source);
  return 'error' in parsed ? undefined : parsed.data;
}

/** Drops every hand-over not taken (the loader calls this when it is done). */
export function forgetParsedFrontmatter(): void {
  parsedData.clear();
}
