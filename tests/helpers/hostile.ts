// Small project roots made on the fly for hostile-content tests, and output checks
// that every hostile test shares: well-formed XML, no raw control characters.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { PROJECT_ROOT } from './fixture-site.ts';

export const TAXONOMY = readFileSync(path.join(PROJECT_ROOT, 'content/sectors.yaml'), 'utf8');
export const EN_DIR = 'content/experiences/en/industry';

/** A project root in the system's temporary folder holding the project's taxonomy and `files` (path → text). */
export function makeRoot(files: Record<string, string | Buffer> = {}, taxonomy = TAXONOMY): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pacesetter-hostile-'));
  mkdirSync(path.join(root, EN_DIR), { recursive: true });
  writeFileSync(path.join(root, 'content/sectors.yaml'), taxonomy);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** The first well-formedness error of an XML document (saxes checks XML 1.0's characters too), or undefined. */
export function xmlError(xml: string): string | undefined {
  const parser = new SaxesParser();
  let error: string | undefined;
  parser.on('error', (cause) => {
    error ??= cause.message;
  });
  parser.write(xml).close();
  return error;
}

/** Characters that must never reach a terminal raw: C0 controls except newline, DEL, C1 controls, bidi controls. */
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Every start tag of an HTML document with its attribute names (values, quoted or not, are skipped). */
export function startTags(html: string): { tag: string; attributes: string[] }[] {
  const tags: { tag: string; attributes: string[] }[] = [];
  const value = String.raw`(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+))?`;
  const tag = new RegExp(String.raw`<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+${value})*)\s*/?>`, 'g');
  const attribute = new RegExp(String.raw`\s+([^\s"'>/=]+)${value}`, 'g');
  for (const match of html.matchAll(tag)) {
    tags.push({
      tag: match[1]!.toLowerCase(),
      attributes: [...(match[2] ?? '').matchAll(attribute)].map((found) => found[1]!.toLowerCase()),
    });
  }
  return tags;
}
