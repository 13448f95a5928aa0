// The MDX guard: what a write-up body may contain. Write-ups come from outside
// contributors, and MDX is a programming language — `import`, `export` and
// `{expressions}` run on the build machine, raw HTML reaches readers unchanged.
// The rules here are pure: they look at one mdast node at a time, so the same
// rules run on Sätteri's tree (the renderer's parser, the fast path) and on
// remark-mdx's (precise positions, mdx-precise.ts), see guardWriteUp. The components and their props
// are the renderer's own table (WRITE_UP_COMPONENTS, mdx-components.ts).
// One rule needs the whole document — a definition used by an image reference —
// and both paths run it once every node has been seen (imageDefinitionCheck).
// The HTML and URL allowlist (safe elements, attributes, address checks) is html-allowlist.ts.
import { mdxToMdast } from 'satteri';
import { measureBody } from '../content/body-limits.ts';
import { WRITE_UP_COMPONENTS } from './mdx-components.ts';
import { bodyForParser } from '../content/frontmatter.ts';
import type { ContentProblem } from '../content/problems.ts';
import { lineAndColumn, unsafeCharacter } from '../content/safe-text.ts';
import { DANGEROUS_ELEMENTS, GLOBAL_ATTRIBUTES, SAFE_HTML, URL_ATTRIBUTES, checkUrl, short } from './html-allowlist.ts';
import { lineCount, parsePrecise, PRECISE_MAX_CHARS, PRECISE_MAX_LINES } from './mdx-precise.ts';

// Moved out, still exported from here for the modules and tests that import them from the guard.
export { checkUrl, GLOBAL_ATTRIBUTES, isSitePath, SAFE_HTML, urlScheme } from './html-allowlist.ts';
export { PRECISE_MAX_CHARS, PRECISE_MAX_LINES, unclosedTagFinding } from './mdx-precise.ts';

/** The guard on remark-mdx's tree, with positions down to the attribute and syntax hints. */
export function preciseFindings(source: string): GuardFinding[] {
  const parsed = parsePrecise(source);
  return 'syntax' in parsed ? [parsed.syntax] : guardTree(parsed.tree);
}

/** The parts of an mdast node the guard reads; both remark's and Sätteri's trees fit. */
export interface GuardNode {
  type: string;
  name?: string | null;
  attributes?: readonly GuardAttribute[];
  value?: unknown;
  url?: string;
  /** Definitions and references: the normalized label that ties a reference to its definition. */
  identifier?: string;
  label?: string | null;
  ordered?: boolean | null;
  children?: readonly GuardNode[];
  position?: { start: { line: number; column: number } };
}

export interface GuardAttribute {
  type: string;
  name?: string;
  value?: unknown;
  position?: { start: { line: number; column: number } };
}

/** One thing the guard refuses, positioned in the file. */
export interface GuardFinding {
  line?: number;
  column?: number;
  field: string;
  message: string;
  got?: string;
  expected?: string;
  hint?: string;
}

/**
 * A write-up is read in five minutes and its page must stay under 20 kB gzipped;
 * anything far larger is a mistake or an attack on the parser, so a file larger
 * than this (frontmatter included) is refused before it is read or parsed.
 */
export const MAX_BODY_BYTES = 128 * 1024;
/** Lists, quotes and elements nested deeper than this are refused (no real write-up needs it). */
export const MAX_NESTING = 24;
/**
 * No node of the parsed tree may sit deeper than this, whatever kinds of nodes
 * are nested: the renderer and the HTML printer recurse, and this keeps them far
 * from the stack's end even when body-limits.ts's estimate missed a shape.
 */
export const MAX_TREE_DEPTH = 80;

const where = (node: { position?: { start: { line: number; column: number } } } | undefined) =>
  node?.position ? { line: node.position.start.line, column: node.position.start.column } : {};

function attributeValueText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function checkAttributes(node: GuardNode, allowed: readonly string[] | undefined, tag: string): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const rule = allowed === undefined ? WRITE_UP_COMPONENTS[tag] : undefined;
  const present = new Set<string>();
  for (const attribute of node.attributes ?? []) {
    const at = { ...where(node), ...where(attribute) };
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      findings.push({
        ...at,
        field: `<${tag}>`,
        message: 'spread attributes {...} are code and are not allowed in write-ups',
        got: short(`{${String(attribute.value ?? '')}}`),
        hint: 'write each attribute as name="text"',
      });
      continue;
    }
    const name = attribute.name ?? '';
    present.add(name);
    const value = attribute.value;
    if (value !== null && value !== undefined && typeof value === 'object') {
      findings.push({
        ...at,
        field: `<${tag} ${name}>`,
        message: 'attribute values in {braces} are code and are not allowed in write-ups',
        got: short(`${name}={${String((value as { value?: unknown }).value ?? '')}}`),
        hint: `write ${name}="text" (numbers too: before="12")`,
      });
      continue;
    }
    if (/^on/i.test(name)) {
      findings.push({
        ...at,
        field: `<${tag} ${name}>`,
        message: 'event-handler attributes (on…) run script and are not allowed',
      });
      continue;
    }
    if (name.toLowerCase() === 'style') {
      findings.push({
        ...at,
        field: `<${tag} style>`,
        message:
          'style attributes are not allowed: the Content Security Policy blocks them and they break the site’s design',
        hint: 'use Markdown emphasis, a Callout or a table instead',
      });
      continue;
    }
    const permitted = rule ? Object.keys(rule.props) : [...GLOBAL_ATTRIBUTES, ...(allowed ?? [])];
    if (!permitted.includes(name)) {
      findings.push({
        ...at,
        field: `<${tag} ${name}>`,
        message: rule
          ? `<${tag}> has no "${name}" attribute`
          : `the attribute "${name}" is not in the safe subset for <${tag}>`,
        expected: permitted.length > 0 ? `one of: ${permitted.join(', ')}` : 'no attributes',
      });
      continue;
    }
    const text = attributeValueText(value);
    const propRule = rule?.props[name];
    if (propRule && text === undefined) {
      findings.push({ ...at, field: `<${tag} ${name}>`, message: 'needs a value', expected: `${name}="…"` });
      continue;
    }
    const urlKind = propRule?.image ? 'image' : rule ? undefined : URL_ATTRIBUTES[name];
    if (urlKind && text !== undefined) {
      const refused = checkUrl(text, urlKind);
      if (refused) findings.push({ ...at, field: `<${tag} ${name}>`, ...refused });
    }
    if (propRule?.oneOf && text !== undefined && !propRule.oneOf.includes(text)) {
      findings.push({
        ...at,
        field: `<${tag} ${name}>`,
        message: 'is not one of the allowed values',
        got: short(text),
        expected: `one of: ${propRule.oneOf.join(', ')}`,
      });
    }
    if (propRule?.numeric && text !== undefined && !(text.trim() !== '' && Number.isFinite(Number(text)))) {
      findings.push({
        ...at,
        field: `<${tag} ${name}>`,
        message: 'must be a number',
        got: short(text),
        expected: 'digits such as 12 or 0.5',
      });
    }
  }
  if (rule) {
    const missing = Object.entries(rule.props)
      .filter(([name, prop]) => prop.required && !present.has(name))
      .map(([name]) => name);
    if (missing.length > 0) {
      findings.push({
        ...where(node),
        field: `<${tag}>`,
        message: `is missing ${missing.map((name) => `${name}="…"`).join(', ')}`,
      });
    }
    if (rule.wrapsOrderedList && !(node.children ?? []).some((child) => child.type === 'list' && child.ordered)) {
      findings.push({
        ...where(node),
        field: `<${tag}>`,
        message: 'must wrap a numbered list',
        hint: `leave a blank line after <${tag}>, then write "1. First step", "2. Second step", and a blank line before </${tag}>`,
      });
    }
  }
  return findings;
}

function checkElement(node: GuardNode): GuardFinding[] {
  const name = node.name;
  if (name === null || name === undefined) return []; // <>…</>: a fragment renders only its children
  if (/^[A-Z]/.test(name) || name.includes('.') || name.includes(':')) {
    if (WRITE_UP_COMPONENTS[name]) return checkAttributes(node, undefined, name);
    return [
      {
        ...where(node),
        field: `<${name}>`,
        message: 'is not one of the components write-ups may use',
        expected: `one of: ${Object.keys(WRITE_UP_COMPONENTS).join(', ')}`,
        hint: 'see "What a write-up may contain" in CONTRIBUTING.md for what each component does',
      },
    ];
  }
  const allowed = SAFE_HTML[name];
  if (!allowed) {
    const reason = DANGEROUS_ELEMENTS[name.toLowerCase()];
    return [
      {
        ...where(node),
        field: `<${name}>`,
        message: reason
          ? `HTML <${name}> is not allowed: it ${reason}`
          : `HTML <${name}> is not in the safe subset write-ups may use`,
        hint: 'use Markdown, or one of the components Figure, Callout, Steps, BeforeAfter',
      },
    ];
  }
  return checkAttributes(node, allowed, name);
}

/** What is wrong with this one node (its children are checked separately). */
export function checkNode(node: GuardNode): GuardFinding[] {
  switch (node.type) {
    case 'mdxjsEsm':
      return [
        {
          ...where(node),
          field: 'import/export',
          message: 'import and export statements run code on the build machine and are not allowed in write-ups',
          got: short(String(node.value ?? '').split('\n')[0] ?? ''),
          hint: 'the components Figure, Callout, Steps and BeforeAfter are available without importing them',
        },
      ];
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      return [
        {
          ...where(node),
          field: '{expression}',
          message: 'text in {braces} is code that runs on the build machine, and is not allowed in write-ups',
          got: short(`{${String(node.value ?? '')}}`),
          hint: 'to show a brace, write \\{ or put it in `code`',
        },
      ];
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      return checkElement(node);
    // A definition is checked as a link here; one that an image uses must also pass the
    // image rules, which needs the whole document: see imageDefinitionCheck.
    case 'link':
    case 'definition': {
      const refused = checkUrl(node.url ?? '', 'link');
      return refused ? [{ ...where(node), field: node.type, ...refused }] : [];
    }
    case 'image': {
      const refused = checkUrl(node.url ?? '', 'image');
      return refused ? [{ ...where(node), field: 'image', ...refused }] : [];
    }
    case 'html':
      return [
        {
          ...where(node),
          field: 'html',
          message: 'raw HTML that the MDX parser did not read as elements is not allowed',
          got: short(String(node.value ?? '')),
        },
      ];
    default:
      return [];
  }
}

/** How CommonMark matches a reference to a definition: case-insensitive, whitespace collapsed. */
const referenceKey = (node: GuardNode) =>
  (node.identifier ?? node.label ?? '')
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase();

/**
 * `![x][r]` takes its address from `[r]: …`, which may come before or after it,
 * so checkNode, seeing one node at a time, can only check a definition with the
 * link rules. This collects image references and definitions while the nodes go
 * by, and `findings()` — called once the whole document has been seen — refuses
 * every definition an image uses whose address breaks the (stricter) image rules.
 */
export function imageDefinitionCheck() {
  const imageKeys = new Set<string>();
  // Copies, not the nodes: a parser's node handles need not outlive the visit.
  const definitions: { key: string; url: string; at: ReturnType<typeof where> }[] = [];
  return {
    note(node: GuardNode): void {
      if (node.type === 'imageReference') imageKeys.add(referenceKey(node));
      else if (node.type === 'definition')
        definitions.push({ key: referenceKey(node), url: node.url ?? '', at: where(node) });
    },
    findings(): GuardFinding[] {
      return definitions.flatMap((definition) => {
        if (!imageKeys.has(definition.key)) return [];
        const url = definition.url;
        // Refused as a link already (image rules are stricter): one finding is enough.
        if (checkUrl(url, 'link')) return [];
        const refused = checkUrl(url, 'image');
        return refused ? [{ ...definition.at, field: 'definition', ...refused }] : [];
      });
    },
  };
}

/** Containers that add a level of nesting for MAX_NESTING. */
const NESTING_TYPES = new Set(['list', 'blockquote', 'mdxJsxFlowElement', 'mdxJsxTextElement']);

/** Every finding in a tree. Iterative, so a hostile tree cannot overflow the stack. */
export function guardTree(root: GuardNode): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const stack: { node: GuardNode; depth: number }[] = [{ node: root, depth: 0 }];
  const imageDefinitions = imageDefinitionCheck();
  let tooDeep = false;
  const levels: number[] = [0];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const level = levels.pop()!;
    if (level > MAX_TREE_DEPTH) {
      if (!tooDeep) {
        findings.push({
          ...where(node),
          field: 'nesting',
          message: `the text is nested more than ${MAX_TREE_DEPTH} levels deep`,
          hint: 'flatten the structure: readers cannot follow it either',
        });
      }
      tooDeep = true;
      continue;
    }
    findings.push(...checkNode(node));
    imageDefinitions.note(node);
    const childDepth = NESTING_TYPES.has(node.type) ? depth + 1 : depth;
    if (childDepth > MAX_NESTING) {
      if (!tooDeep) {
        findings.push({
          ...where(node),
          field: 'nesting',
          message: `lists, quotes and elements are nested more than ${MAX_NESTING} levels deep`,
          hint: 'flatten the structure: readers cannot follow it either',
        });
      }
      tooDeep = true;
      continue;
    }
    const children = node.children ?? [];
    for (let index = children.length - 1; index >= 0; index -= 1) {
      stack.push({ node: children[index]!, depth: childDepth });
      levels.push(level + 1);
    }
  }
  findings.push(...imageDefinitions.findings());
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Byte length without allocating a copy of a large string. */
const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Parses a whole write-up (frontmatter included, so positions are file
 * positions) and returns every guard problem, or the syntax error that stops
 * the parser.
 */
export function guardWriteUp(file: string, source: string): ContentProblem[] {
  const toProblem = (finding: GuardFinding): ContentProblem => ({ severity: 'error', file, ...finding });
  const size = source.length > MAX_BODY_BYTES ? byteLength(source) : source.length;
  if (size > MAX_BODY_BYTES) {
    return [
      toProblem({
        line: 1,
        column: 1,
        field: 'size',
        message: 'the write-up is too large',
        got: `${Math.round(size / 1024)} kB`,
        expected: `at most ${MAX_BODY_BYTES / 1024} kB`,
        hint: 'a write-up should read in five minutes; move long data to a linked source',
      }),
    ];
  }
  // Characters no write-up needs, which break feeds or act on terminals, anywhere in the file;
  // a CR is a line end only before LF (a lone CR is read as one by some parsers only).
  const characters = unsafeCharacters(source);
  // Cost first, in one linear pass: no parser sees a body past the limits (body-limits.ts).
  const limits = measureBody(bodyForParser(source));
  if (characters.length > 0 || limits.length > 0) return [...characters, ...limits].map(toProblem);
  // Fast path: Sätteri, the parser the renderer itself uses, reads a file some
  // twenty times faster than remark-mdx. Its verdict decides; when it finds
  // something, remark-mdx runs as well, because its positions point at the very
  // attribute or character (Sätteri's stop at the element).
  const fast = satteriFindings(source);
  if (fast.length === 0) return [];
  // remark-mdx takes about a third of a millisecond per block: on a long file its finer
  // positions are not worth seconds of a contributor's (or CI's) time.
  if (source.length > PRECISE_MAX_CHARS || lineCount(source) > PRECISE_MAX_LINES) return fast.map(toProblem);
  const precise = preciseFindings(source);
  // Should remark-mdx read the file as harmless where Sätteri does not, Sätteri's view wins.
  return (precise.length > 0 ? precise : fast).map(toProblem);
}

/** Up to five characters content may not contain (src/lib/content/safe-text.ts), each at its line and column. */
function unsafeCharacters(source: string): GuardFinding[] {
  const findings: GuardFinding[] = [];
  let offset = 0;
  while (findings.length < 5) {
    const bad = unsafeCharacter(source.slice(offset), { allowCarriageReturn: true });
    if (!bad) break;
    const index = offset + bad.index;
    findings.push({
      ...lineAndColumn(source, index),
      field: 'character',
      message: `the file contains ${bad.name} (${bad.codePoint}), which write-ups may not contain`,
      hint: 'delete it; save the file with LF or CRLF line ends',
    });
    offset = index + (bad.codePoint.length > 6 ? 2 : 1);
  }
  return findings;
}

/** The guard on the tree of Sätteri, the parser the renderer uses: fast, positions per element. */
export function satteriFindings(source: string): GuardFinding[] {
  try {
    return guardTree(mdxToMdast(bodyForParser(source), { features: { gfm: true } }) as unknown as GuardNode);
  } catch (error) {
    // Sätteri reports "37:9: Unexpected end of file in expression, …".
    const text = String((error as Error).message ?? error).split('\n')[0] ?? '';
    const [, line = '1', column = '1', message = text] = /^(\d+):(\d+):\s*(.*)$/.exec(text) ?? [];
    return [{ line: Number(line), column: Number(column), field: 'MDX syntax', message }];
  }
}
