// What a write-up body may cost, measured in one linear pass over its text before
// any parser (recursive, or quadratic in depth) sees it.
//
// Each hostile shape that once got through: a 44 kB GFM table of thousands of
// columns and short rows (every row is padded to the header's width: the build
// went to 13.4 GB), 6 kB of nested emphasis (the renderer's recursion overflowed
// the stack), a 32 kB nested list (the precise-position parser took 63 s). The
// limits below are far above what any real write-up uses and far below what hurts;
// CONTRIBUTING.md lists them. The measures are deliberately generous estimates
// (they may count a little more than the parser will build), never less.
import type { GuardFinding } from '../write-up/mdx-guard.ts';

/** Lists and quotes nested in each other (the same limit as the guard's tree walk). */
export const MAX_BLOCK_NESTING = 24;
/** HTML elements and components open inside each other. */
export const MAX_ELEMENT_NESTING = 24;
/** Emphasis, strong, strikethrough and links inside each other, within one paragraph. */
export const MAX_INLINE_NESTING = 16;
/** Columns of one table. */
export const MAX_TABLE_COLUMNS = 40;
/** Cells of all tables of a write-up together (rows × columns: short rows are padded). */
export const MAX_TABLE_CELLS = 10_000;

const DELIMITER_ROW = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const FENCE = /^(`{3,}|~{3,})/;
const VOID_ELEMENTS = new Set(['br', 'hr', 'img', 'wbr']);

/** Container markers at the start of a line: quotes and list items, with the indentation before them. */
function blockPrefix(line: string): { depth: number; rest: string } {
  let index = 0;
  let depth = 0;
  let leading = 0;
  while (index < line.length && (line[index] === ' ' || line[index] === '\t')) {
    leading += line[index] === '\t' ? 4 : 1;
    index += 1;
  }
  depth += Math.floor(leading / 2);
  for (;;) {
    while (index < line.length && (line[index] === ' ' || line[index] === '\t')) index += 1;
    const char = line[index];
    if (char === '>') {
      depth += 1;
      index += 1;
      continue;
    }
    const marker = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(index, index + 11));
    if (marker) {
      depth += 1;
      index += marker[0].length;
      continue;
    }
    break;
  }
  return { depth, rest: line.slice(index) };
}

const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);
const isPunctuation = (char: string | undefined) => char !== undefined && /[\p{P}\p{S}]/u.test(char);

/**
 * Measures a body (the text the parsers read: see bodyForParser) and returns a
 * finding for each limit it passes, positioned at the first line that passes it.
 */
export function measureBody(text: string): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const passed = new Set<string>();
  const refuse = (key: string, finding: GuardFinding) => {
    if (passed.has(key)) return;
    passed.add(key);
    findings.push(finding);
  };
  const lines = text.split(/\r\n|\r|\n/);
  let fence: string | undefined;
  let inlineDepth = 0;
  let elementDepth = 0;
  let tableCells = 0;
  // Rows of the table being read, and its width; 0 when not in a table.
  let tableColumns = 0;

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const lineNumber = index + 1;
    const { depth, rest } = blockPrefix(line);
    const trimmed = rest.trim();

    const fenceMark = FENCE.exec(trimmed)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }

    if (depth > MAX_BLOCK_NESTING) {
      refuse('block', {
        line: lineNumber,
        column: 1,
        field: 'nesting',
        message: `lists and quotes are nested more than ${MAX_BLOCK_NESTING} levels deep`,
        hint: 'flatten the structure: readers cannot follow it either',
      });
    }

    if (trimmed === '') {
      inlineDepth = 0;
      tableColumns = 0;
      continue;
    }

    // Tables: a delimiter row starts one; every following line up to a blank line is a row.
    if (tableColumns > 0) {
      tableCells += tableColumns;
    } else if (trimmed.includes('|') && trimmed.includes('-') && DELIMITER_ROW.test(trimmed)) {
      tableColumns = (
        trimmed
          .replace(/^\|/, '')
          .replace(/\|\s*$/, '')
          .match(/-+/g) ?? []
      ).length;
      tableCells += tableColumns * 2; // the header and the delimiter row
      if (tableColumns > MAX_TABLE_COLUMNS) {
        refuse('columns', {
          line: lineNumber,
          column: 1,
          field: 'table',
          message: `a table has more than ${MAX_TABLE_COLUMNS} columns`,
          got: String(tableColumns),
          expected: `at most ${MAX_TABLE_COLUMNS}`,
          hint: 'split the table, or link to the data as a source',
        });
      }
    }
    if (tableCells > MAX_TABLE_CELLS) {
      refuse('cells', {
        line: lineNumber,
        column: 1,
        field: 'table',
        message: `the tables have more than ${MAX_TABLE_CELLS} cells in all (every row counts the header's columns)`,
        expected: `at most ${MAX_TABLE_CELLS} cells`,
        hint: 'shorten the tables, or link to the data as a source',
      });
    }

    // Inline nesting and elements: a linear scan of delimiters, brackets and tags.
    let nextClose = -1; // the next ">" at or after the current position (searched forward only: linear)
    for (let position = 0; position < rest.length; position += 1) {
      const char = rest[position]!;
      if (char === '\\') {
        position += 1;
        continue;
      }
      if (char === '[') inlineDepth += 1;
      else if (char === ']') inlineDepth = Math.max(0, inlineDepth - 1);
      else if (char === '*' || char === '_' || char === '~') {
        let end = position;
        while (rest[end + 1] === char) end += 1;
        const run = end - position + 1;
        const before = rest[position - 1];
        const after = rest[end + 1];
        const opens = !isSpace(after) && (isSpace(before) || isPunctuation(before) || !isPunctuation(after));
        const closes = !isSpace(before) && (isSpace(after) || isPunctuation(after) || !isPunctuation(before));
        if (opens && !closes) inlineDepth += run;
        else if (closes && !opens) inlineDepth = Math.max(0, inlineDepth - run);
        position = end;
      } else if (char === '<') {
        const tag = /^<(\/?)([A-Za-z][\w.:-]*)/.exec(rest.slice(position, position + 64));
        if (tag) {
          const name = tag[2]!.toLowerCase();
          if (tag[1]) elementDepth = Math.max(0, elementDepth - 1);
          else if (!VOID_ELEMENTS.has(name)) {
            if (nextClose !== -2 && nextClose < position) {
              nextClose = rest.indexOf('>', position);
              if (nextClose === -1) nextClose = -2; // none left on this line
            }
            const close = nextClose === -2 ? -1 : nextClose;
            // Self-closing <Figure … />: no nesting. An unclosed tag on this line counts.
            if (close === -1 || rest[close - 1] !== '/') elementDepth += 1;
          }
          position += tag[0].length - 1;
        }
      }
      if (inlineDepth > MAX_INLINE_NESTING) {
        refuse('inline', {
          line: lineNumber,
          column: 1,
          field: 'nesting',
          message: `emphasis and links are nested more than ${MAX_INLINE_NESTING} levels deep`,
          hint: 'emphasise a phrase once; readers cannot follow deeper nesting either',
        });
      }
      if (elementDepth > MAX_ELEMENT_NESTING) {
        refuse('elements', {
          line: lineNumber,
          column: 1,
          field: 'nesting',
          message: `elements are nested more than ${MAX_ELEMENT_NESTING} levels deep`,
          hint: 'flatten the structure: readers cannot follow it either',
        });
      }
    }
  }
  return findings;
}
