// User text made inert for terminals, logs and CI, and the characters content may
// not contain at all.
//
// Write-ups, their file names and the taxonomy come from outside contributors, and
// their words reach the terminal through `npm run check`, the build log, `review`
// and `new`. An ESC sequence can clear the screen or print a fake "No problems";
// a newline lets a line start with `::`, which GitHub Actions reads as a workflow
// command. Every CLI printer passes user text through `inert`; the content check
// refuses the characters outright (`unsafeCharacter`), so XML feeds stay well-formed.

/**
 * Characters never shown raw: C0 controls (tab and newline included: messages are
 * one line), DEL, C1 controls (0x9B is CSI on some terminals), line and paragraph
 * separators, bidirectional overrides and isolates (they reorder what is shown),
 * lone surrogates and non-characters.
 */
const SHOWN_ESCAPED =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g;

const escapeOne = (match: string) =>
  [...match]
    .map((char) => {
      const code = char.codePointAt(0)!;
      if (char === '\n') return '\\n';
      if (char === '\r') return '\\r';
      if (char === '\t') return '\\t';
      return code > 0xffff
        ? `\\u{${code.toString(16).toUpperCase()}}`
        : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    })
    .join('');

/** Text that is safe to print on one line of a terminal or a CI log: every invisible or control character written as \uXXXX. */
export function inert(text: string): string {
  return text.replace(SHOWN_ESCAPED, escapeOne);
}

/** A cell of a printed table or log line: inert, and never empty-looking because of it. */
export const inertCell = (value: unknown) => inert(String(value));

/**
 * Characters content may not contain: C0 controls except tab and line feed, DEL,
 * C1 controls, lone surrogates and non-characters (U+FDD0–U+FDEF and every
 * U+xFFFE/U+xFFFF). XML 1.0 cannot carry most of them, terminals act on them,
 * and no write-up needs them. Carriage returns are allowed only where the caller
 * allows them (`allowCarriageReturn`: CRLF line ends are read elsewhere).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/;

export interface UnsafeCharacter {
  /** Index in the string (UTF-16 code units). */
  index: number;
  /** The character as U+XXXX. */
  codePoint: string;
  /** What it is, in words. */
  name: string;
}

function describeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  if (code === 0x1b) return 'an escape character (ESC)';
  if (code === 0x0d) return 'a carriage return that does not end a line (lone CR)';
  if (code < 0x20 || code === 0x7f) return 'a control character';
  if (code >= 0x80 && code <= 0x9f) return 'a C1 control character';
  if (code >= 0xd800 && code <= 0xdfff) return 'a lone surrogate';
  return 'a Unicode non-character';
}

/**
 * The first character `text` may not contain, or undefined. `newlines: false`
 * refuses line breaks too (keys and names are one line).
 */
export function unsafeCharacter(
  text: string,
  options: { newlines?: boolean; allowCarriageReturn?: boolean } = {},
): UnsafeCharacter | undefined {
  const { newlines = true, allowCarriageReturn = false } = options;
  let index = UNSAFE.exec(text)?.index;
  if (!allowCarriageReturn) {
    // Within a value a carriage return is never wanted; a lone one is a line break to some parsers only.
    const cr = text.indexOf('\r');
    if (cr !== -1 && (index === undefined || cr < index)) index = cr;
  } else {
    // CRLF is a line end; a CR alone is not, for every parser the same: refuse it.
    const lone = /\r(?!\n)/.exec(text);
    if (lone && (index === undefined || lone.index < index)) index = lone.index;
  }
  if (!newlines) {
    const line = /[\n\u2028\u2029]/.exec(text);
    if (line && (index === undefined || line.index < index)) index = line.index;
  }
  if (index === undefined) return undefined;
  const char = String.fromCodePoint(text.codePointAt(index)!);
  const code = char.codePointAt(0)!;
  return {
    index,
    codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
    name: char === '\n' || code === 0x2028 || code === 0x2029 ? 'a line break' : describeCharacter(char),
  };
}

/** Line and column (1-based) of a string index, counting LF, CRLF and lone CR as line ends. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let position = 0; position < index; position += 1) {
    const char = text.charCodeAt(position);
    if (char === 10 || (char === 13 && text.charCodeAt(position + 1) !== 10)) {
      line += 1;
      lineStart = position + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

export interface UnsafeString extends UnsafeCharacter {
  /** Where in the data: keys and indexes down to the string. */
  path: (string | number)[];
  /** The character sits in a key rather than a value. */
  inKey: boolean;
}

/**
 * Every string in parsed YAML data (keys and values, iteratively, each object once,
 * so cycles and shared values are harmless) that holds a character content may not
 * contain. Keys may not hold line breaks either.
 */
export function unsafeStrings(data: unknown, limit = 20): UnsafeString[] {
  const found: UnsafeString[] = [];
  const seen = new Set<object>();
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (pending.length > 0 && found.length < limit) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const bad = unsafeCharacter(value);
      if (bad) found.push({ ...bad, path, inKey: false });
      continue;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date || seen.has(value)) continue;
    seen.add(value);
    const entries: [string | number, unknown][] =
      value instanceof Map
        ? [...value.entries()].map(([key, item]) => [String(key), item])
        : Array.isArray(value)
          ? value.map((item, index) => [index, item])
          : Object.entries(value);
    for (const [key, item] of entries.reverse()) {
      if (typeof key === 'string') {
        const bad = unsafeCharacter(key, { newlines: false });
        if (bad) found.push({ ...bad, path: [...path, key], inKey: true });
      }
      pending.push({ value: item, path: [...path, key] });
    }
  }
  return found;
}

/**
 * A value as the content check prints it after "got": JSON where possible, short,
 * and never throwing — a cyclic or huge value prints as a placeholder.
 */
export function printable(value: unknown, max = 80): string {
  if (value === undefined) return 'nothing';
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString().slice(0, 10);
  let text: string;
  try {
    const seen = new Set<object>();
    text =
      JSON.stringify(value, (_key, item: unknown) => {
        if (item !== null && typeof item === 'object') {
          if (seen.has(item)) return '[repeated]';
          seen.add(item);
        }
        return typeof item === 'bigint' ? String(item) : item;
      }) ?? `a ${typeof value}`; // functions and symbols have no JSON
  } catch {
    // Too deep for JSON.stringify (or a getter threw): say what it is instead.
    text = Array.isArray(value) ? '[a list]' : typeof value === 'string' ? value : `a ${typeof value}`;
  }
  return inert(text.length > max ? `${text.slice(0, max - 3)}...` : text);
}
