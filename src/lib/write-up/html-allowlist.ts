// The HTML and URL allowlist of the MDX guard (mdx-guard.ts): the plain HTML a write-up may use,
// the attributes each element may carry, and which addresses links and images may point to.
import { decodeCharacterReferences } from '../search/entities.ts';
import type { GuardFinding } from './mdx-guard.ts';

/** Attributes any safe element may carry. */
export const GLOBAL_ATTRIBUTES: readonly string[] = ['title', 'lang', 'dir'];
/** Plain HTML a write-up may use, with the attributes each element may carry. */
export const SAFE_HTML: Record<string, readonly string[]> = {
  a: ['href'],
  abbr: [],
  b: [],
  blockquote: ['cite'],
  br: [],
  caption: [],
  cite: [],
  code: [],
  dd: [],
  del: ['cite', 'datetime'],
  details: ['open'],
  dfn: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  i: [],
  img: ['src', 'alt', 'width', 'height', 'loading'],
  ins: ['cite', 'datetime'],
  kbd: [],
  li: ['value'],
  mark: [],
  ol: ['start', 'reversed', 'type'],
  p: [],
  pre: [],
  q: ['cite'],
  s: [],
  samp: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  summary: [],
  sup: [],
  table: [],
  tbody: [],
  td: ['colspan', 'rowspan'],
  tfoot: [],
  th: ['colspan', 'rowspan', 'scope'],
  thead: [],
  time: ['datetime'],
  tr: [],
  u: [],
  ul: [],
  var: [],
};
export const URL_ATTRIBUTES: Record<string, 'link' | 'image'> = { href: 'link', cite: 'link', src: 'image' };

/** Elements whose refusal deserves a specific reason rather than "not in the safe subset". */
export const DANGEROUS_ELEMENTS: Record<string, string> = {
  script: 'runs JavaScript in the reader’s browser',
  style: 'restyles the whole site and is blocked by the Content Security Policy',
  iframe: 'embeds another site inside the page',
  frame: 'embeds another site inside the page',
  object: 'embeds plugins or other documents',
  embed: 'embeds plugins or other documents',
  form: 'sends readers’ input somewhere',
  input: 'collects readers’ input',
  button: 'is an interactive control',
  textarea: 'collects readers’ input',
  select: 'collects readers’ input',
  base: 'changes where every link on the page points',
  meta: 'changes how the browser treats the page',
  link: 'loads outside stylesheets or resources',
  svg: 'can carry scripts and links',
  math: 'can carry links and is not needed in write-ups',
  template: 'hides content from review',
};

const LINK_SCHEMES = ['http', 'https', 'mailto'];
const IMAGE_SCHEMES = ['https'];

export const short = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/**
 * The address as a browser reads it: character references decoded, tabs and
 * newlines dropped anywhere, leading control characters and spaces dropped, so
 * "java\tscript:" and " javascript:" are javascript: too.
 */
function browserView(url: string): string {
  return (
    decodeCharacterReferences(url)
      .replace(/[\t\n\r]/g, '')
      // Browsers strip leading C0 controls and spaces before reading the scheme; so must we.
      // eslint-disable-next-line no-control-regex
      .replace(/^[\u0000-\u0020]+/, '')
  );
}

/** The scheme a browser would see in this address, lower-cased, or undefined for a relative address. */
export function urlScheme(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(browserView(url))?.[1]?.toLowerCase();
}

/**
 * A path on this site: one leading slash. Browsers read "\" as "/", and "//host/…"
 * (or "\\host", "/\host") is protocol-relative: another host, not this site. Both
 * the text as written and as a browser decodes it must qualify, so neither the
 * compiler (which may see the raw text) nor the browser reads another host or a
 * relative path.
 */
export function isSitePath(url: string): boolean {
  const sitePath = /^[/\\](?![/\\])/;
  return sitePath.test(url.replace(/[\t\n\r]/g, '').trim()) && sitePath.test(browserView(url));
}

/** Why an address is refused, or undefined when it is fine. */
export function checkUrl(
  url: string,
  kind: 'link' | 'image',
): Omit<GuardFinding, 'field' | 'line' | 'column'> | undefined {
  const scheme = urlScheme(url);
  if (kind === 'link') {
    if (scheme === undefined || LINK_SCHEMES.includes(scheme)) return undefined;
    return {
      message:
        scheme === 'data'
          ? 'data: addresses are not allowed: they hide content from review and can carry scripts'
          : `links may only use http:, https:, mailto: or a relative address; "${scheme}:" ${scheme === 'javascript' || scheme === 'vbscript' ? 'runs script when clicked' : 'is not allowed'}`,
      got: short(url),
      expected: 'https://…, http://…, mailto:… or a relative address such as /experiences/some-id/',
    };
  }
  if (scheme !== undefined) {
    if (IMAGE_SCHEMES.includes(scheme)) return undefined;
    return {
      message:
        scheme === 'data'
          ? 'data: images are not allowed: they bloat the page, hide content from review and can carry scripts (SVG)'
          : `images may only use https: or an address on this site; "${scheme}:" is not allowed`,
      got: short(url),
      expected: 'https://… or /images/name.png',
      hint: 'put the image in public/images/ and write /images/name.png',
    };
  }
  if (isSitePath(url)) return undefined;
  if (/^[/\\]{2}/.test(browserView(url))) {
    return {
      message: 'images may only use https: or an address on this site; "//…" is another host (protocol-relative)',
      got: short(url),
      expected: 'https://… or /images/name.png',
      hint: 'write the full https:// address, or put the image in public/images/ and write /images/name.png',
    };
  }
  // A relative image path is *imported* by the MDX compiler: "../../../secret?raw"
  // would copy a file of the build machine into the site.
  return {
    message: 'relative image paths are imported by the build and could publish any file of the build machine',
    got: short(url),
    expected: 'https://… or a path on this site starting with /',
    hint: 'put the image in public/images/ and write /images/name.png',
  };
}
