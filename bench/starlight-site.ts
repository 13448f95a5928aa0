// Turns the generated write-ups into a Starlight site over the same corpus:
// each write-up becomes src/content/docs/<lang>/<sector>/<id>.mdx with the
// frontmatter Starlight accepts (title, description) and our components
// replaced by Starlight's own (<Aside>, <Steps>) or plain Markdown.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

export const STARLIGHT_TEMPLATE = path.resolve(import.meta.dirname, 'starlight');

const ASIDE_TYPE: Record<string, string> = { tip: 'tip', warning: 'caution', note: 'note' };

const attributes = (text: string) =>
  Object.fromEntries([...text.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1]!, match[2]!]));

/** One write-up's MDX source → the Starlight page's MDX source. */
export function toStarlightPage(source: string): string {
  const end = source.indexOf('\n---\n', 4);
  const data = parse(source.slice(4, end)) as { title: string; summary: string };
  let body = source.slice(end + 5);
  const used = new Set<string>();
  body = body
    .replace(/<Callout ([^>]*)>/g, (_, attrs: string) => {
      used.add('Aside');
      const { kind = 'note', title } = attributes(attrs);
      return `<Aside type="${ASIDE_TYPE[kind] ?? 'note'}"${title ? ` title="${title}"` : ''}>`;
    })
    .replace(/<\/Callout>/g, '</Aside>')
    .replace(/<Steps>/g, () => {
      used.add('Steps');
      return '<Steps>';
    })
    .replace(/<BeforeAfter ([^>]*?)\s*\/>/g, (_, attrs: string) => {
      const { metric, unit, before, after } = attributes(attrs);
      return `**${metric}**: ${before} → ${after} ${unit}`;
    })
    .replace(/<Figure ([^>]*?)\s*\/>/g, (_, attrs: string) => {
      const { src, alt, caption } = attributes(attrs);
      return `![${alt}](${src})${caption ? `\n\n*${caption}*` : ''}`;
    });
  const imports =
    used.size > 0 ? `import { ${[...used].sort().join(', ')} } from '@astrojs/starlight/components';\n\n` : '';
  return `---\n${stringify({ title: data.title, description: data.summary }, { lineWidth: 0 })}---\n\n${imports}${body}`;
}

/** Writes a Starlight project for the corpus in `corpusDir` (files relative to it) into `siteDir`. */
export function makeStarlightSite(corpusDir: string, files: readonly string[], siteDir: string): void {
  rmSync(path.join(siteDir, 'src'), { recursive: true, force: true });
  mkdirSync(siteDir, { recursive: true });
  for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src'])
    cpSync(path.join(STARLIGHT_TEMPLATE, entry), path.join(siteDir, entry), { recursive: true });
  for (const file of files) {
    // content/experiences/<lang>/<sector>/<id>.mdx → src/content/docs/<lang>/<sector>/<id>.mdx
    const relative = file.replace(/^content\/experiences\//, '');
    const target = path.join(siteDir, 'src/content/docs', relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, toStarlightPage(readFileSync(path.join(corpusDir, file), 'utf8')));
  }
}
