// Turns a write-up into HTML, without ever turning it into JavaScript.
//
// Write-ups are MDX only in syntax: the guard (mdx-guard.ts) allows Markdown,
// a safe subset of HTML and four components with plain-text props — nothing
// that needs a JavaScript runtime. So instead of compiling each write-up into
// a JS module that the site bundles and then runs (what @astrojs/mdx does, and
// most of the build's time and memory at 10,000 write-ups: docs/performance.md),
// the content loader calls renderWriteUp once per changed file: Sätteri parses
// the MDX into an HTML tree, the components are expanded by the pure functions
// in mdx-components.ts, and hast-util-to-html prints the page body.
//
// Two walls, as before: the guard runs on the source first and refuses
// everything it would refuse in `npm run check`; then the tree walk below
// renders only what it knows — Markdown's own elements, the guard's SAFE_HTML
// with its attributes, and the four components — and throws on anything else
// (import/export, {expressions}, raw HTML, unknown tags), so a gap in the guard
// cannot reach a page.
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { mdxToHast } from 'satteri';
import type { Lang } from '../../schema/experience.ts';
import { bodyForParser } from '../content/frontmatter.ts';
import { translate } from '../i18n/i18n.ts';
import { WRITE_UP_COMPONENTS, type ComponentProps } from './mdx-components.ts';
import { GLOBAL_ATTRIBUTES, guardWriteUp, SAFE_HTML } from './mdx-guard.ts';
import { formatProblem, type ContentProblem } from '../content/problems.ts';
import { inert } from '../content/safe-text.ts';

/**
 * Parser features: the Markdown Astro's own pipeline reads (GFM, smart punctuation).
 * No frontmatter: the parser reads the body as splitFrontmatter cut it (bodyForParser),
 * the same text the checker read.
 */
const FEATURES = { gfm: true, smartPunctuation: true } as const;

export interface WriteUpHeading {
  depth: number;
  slug: string;
  text: string;
}

export interface RenderedWriteUp {
  html: string;
  headings: WriteUpHeading[];
}

/** A write-up the renderer will not turn into HTML, with every problem positioned in the file. */
export class WriteUpRefusedError extends Error {
  override name = 'WriteUpRefusedError';
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super(
      `${problems[0]?.file ?? 'A write-up'} cannot be rendered: write-ups may not contain code, unsafe HTML or unsafe links.\n${problems.map(formatProblem).join('\n')}`,
    );
    this.problems = problems;
  }
}

/** The MDX nodes Sätteri leaves in its HTML tree, as far as the renderer reads them. */
interface MdxJsxNode {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: { type: string; name?: string; value?: unknown }[];
  children: RootContent[];
  position?: { start: { line: number; column: number } };
}

type AnyNode = RootContent | MdxJsxNode;

/** What every step of the tree walk needs: the language for labels, the file for problems. */
interface Walk {
  lang: Lang;
  file: string;
}

const refusal = (
  walk: Walk,
  node: { type: string; position?: MdxJsxNode['position'] },
  field: string,
  message: string,
) =>
  new WriteUpRefusedError([
    {
      severity: 'error',
      file: walk.file,
      line: node.position?.start.line,
      column: node.position?.start.column,
      field,
      message,
    },
  ]);

/** Attributes as text (or true when bare); anything computed is refused. */
function plainProps(walk: Walk, node: MdxJsxNode): ComponentProps {
  const props: ComponentProps = {};
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute' || attribute.name === undefined)
      throw refusal(walk, node, `<${node.name}>`, 'spread attributes run code');
    if (attribute.value === null || attribute.value === undefined) props[attribute.name] = true;
    else if (typeof attribute.value === 'string') props[attribute.name] = attribute.value;
    else throw refusal(walk, node, `<${node.name}> ${attribute.name}`, 'attribute values in {braces} run code');
  }
  return props;
}

function renderJsx(walk: Walk, node: MdxJsxNode): ElementContent[] {
  const children = renderChildren(walk, node.children);
  if (node.name === null) return children; // <>…</>: only its children
  const component = WRITE_UP_COMPONENTS[node.name]?.render;
  if (component) return component(plainProps(walk, node), children, walk.lang);
  const allowed = SAFE_HTML[node.name];
  if (!allowed) throw refusal(walk, node, `<${node.name}>`, 'is neither a write-up component nor safe HTML');
  const props = plainProps(walk, node);
  const properties: Properties = {};
  for (const [name, value] of Object.entries(props)) {
    if (!allowed.includes(name) && !GLOBAL_ATTRIBUTES.includes(name))
      throw refusal(walk, node, `<${node.name}> ${name}`, 'is not an attribute write-ups may use');
    properties[name] = value;
  }
  return [h(node.name, properties, children)];
}

function renderNode(walk: Walk, node: AnyNode): ElementContent[] {
  switch (node.type) {
    case 'text':
      return [node];
    case 'comment':
      return []; // never shown to readers, and nothing to close early
    case 'element':
      return [markdownElement(walk, node)];
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      return renderJsx(walk, node);
    default:
      // mdxjsEsm, mdxFlowExpression, mdxTextExpression, raw HTML, anything new.
      throw refusal(walk, node, node.type, 'is not something a write-up may contain');
  }
}

const ALIGNMENT = /^text-align:\s*(left|center|right)\s*;?$/;

/**
 * An element the Markdown parser made, made safe for the page's Content Security
 * Policy: a table column's alignment (style="text-align: …") becomes a class, a task
 * list's checkbox (<input>) becomes a symbol; nothing writes a style attribute.
 */
function markdownElement(walk: Walk, node: Element): Element {
  const children = renderChildren(walk, node.children);
  if (node.tagName === 'input') {
    const done = node.properties.checked === true;
    return h(
      'span',
      {
        className: ['task-box'],
        role: 'img',
        ariaLabel: translate(walk.lang, done ? 'mdx.task.done' : 'mdx.task.open'),
      },
      done ? '☑' : '☐',
    );
  }
  const { style, align, ...properties } = node.properties;
  const alignment =
    typeof style === 'string' ? ALIGNMENT.exec(style.trim())?.[1] : typeof align === 'string' ? align : undefined;
  if (alignment) {
    const classes = Array.isArray(properties.className) ? properties.className : [];
    properties.className = [...classes, `align-${alignment}`];
  }
  return { ...node, properties, children };
}

function renderChildren(walk: Walk, children: readonly AnyNode[]): ElementContent[] {
  return children.flatMap((child) => renderNode(walk, child));
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/**
 * Every id in a write-up's body starts with this, so no body id can equal one of
 * the page's own (a body heading "Results" must not become id="results", which the
 * page's results section has). The page never gives its own elements ids with it.
 */
export const BODY_ID_PREFIX = 'body-';

/**
 * Heading ids from github-slugger, then every id in the body (headings, footnotes)
 * prefixed with BODY_ID_PREFIX, and the body's own references to them (#fragment
 * links, aria-describedby) rewritten to match. Returns the outline.
 */
function addHeadingIds(root: Root): WriteUpHeading[] {
  const slugger = new GithubSlugger();
  const headings: WriteUpHeading[] = [];
  const elements: Extract<ElementContent, { type: 'element' }>[] = [];
  const visit = (node: Root | ElementContent, inFootnotes: boolean) => {
    if (node.type === 'element') {
      elements.push(node);
      if (/^h[1-6]$/.test(node.tagName)) {
        const text = textOf(node);
        const slug = typeof node.properties.id === 'string' ? node.properties.id : slugger.slug(text);
        node.properties.id = slug;
        if (!inFootnotes) headings.push({ depth: Number(node.tagName[1]), slug, text });
      }
    }
    const footnotes = inFootnotes || (node.type === 'element' && node.properties.dataFootnotes !== undefined);
    if ('children' in node) for (const child of node.children) visit(child as ElementContent, footnotes);
  };
  visit(root, false);
  const ids = new Set<string>();
  for (const element of elements) {
    const id = element.properties.id;
    if (typeof id === 'string') {
      ids.add(id);
      element.properties.id = BODY_ID_PREFIX + id;
    }
  }
  const renamed = (id: string) => (ids.has(id) ? BODY_ID_PREFIX + id : id);
  for (const element of elements) {
    const { href, ariaDescribedBy } = element.properties;
    if (typeof href === 'string' && href.startsWith('#')) element.properties.href = `#${renamed(href.slice(1))}`;
    const listed: unknown = ariaDescribedBy;
    const described = typeof listed === 'string' ? listed.split(/\s+/) : listed;
    if (Array.isArray(described)) element.properties.ariaDescribedBy = described.map((id) => renamed(String(id)));
  }
  return headings.map((heading) => ({ ...heading, slug: BODY_ID_PREFIX + heading.slug }));
}

/** "/images/a.png" → "/pacesetter/images/a.png" under a base path; "//host" and full URLs stay as they are. */
function prefixSitePaths(root: Root, base: string): void {
  const prefix = base.replace(/\/+$/, '');
  if (!prefix) return;
  const visit = (node: Root | ElementContent) => {
    if (node.type === 'element') {
      for (const name of ['href', 'src'] as const) {
        const value = node.properties[name];
        if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//'))
          node.properties[name] = `${prefix}${value}`;
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as ElementContent);
  };
  visit(root);
}

export interface WriteUpSource {
  /** Project-relative path, for the problems. */
  file: string;
  /** The whole file, frontmatter included, so that positions are file positions. */
  source: string;
  /** The write-up's language: the components' labels and number formats follow it. */
  lang: Lang;
  /** The site's base path ("/" or "/pacesetter/"): site paths in links and images get it. */
  base?: string;
}

/** The HTML of a write-up's body; throws WriteUpRefusedError with every problem. */
export function renderWriteUp(write: WriteUpSource): RenderedWriteUp {
  const problems = guardWriteUp(write.file, write.source);
  if (problems.length > 0) throw new WriteUpRefusedError(problems);
  return renderGuardedWriteUp(write);
}

/**
 * The second wall alone: the tree walk, for a source the guard has passed.
 * Exported so that tests can show it refuses code even where the guard is not asked.
 */
export function renderGuardedWriteUp({ file, source, lang, base = '/' }: WriteUpSource): RenderedWriteUp {
  try {
    const tree = mdxToHast(bodyForParser(source), { features: FEATURES }) as Root;
    const root: Root = { type: 'root', children: renderChildren({ lang, file }, tree.children as AnyNode[]) };
    const headings = addHeadingIds(root);
    prefixSitePaths(root, base);
    // Named references (&lt;) keep the stored HTML readable in reviews and diffs.
    return { html: toHtml(root, { characterReferences: { useNamedReferences: true } }), headings };
  } catch (error) {
    if (error instanceof WriteUpRefusedError) throw error;
    // Whatever else goes wrong, the build must say which file it was rendering.
    throw new Error(`${inert(file)} could not be rendered: ${inert(String((error as Error)?.message ?? error))}`, {
      cause: error,
    });
  }
}
