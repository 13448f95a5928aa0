// The script budget: no page of the built site loads more than 15 kB of gzipped
// JavaScript of ours. Each page's weight is the sum of the gzipped sizes of its inline
// module scripts and of every file its scripts load, following their imports. It
// fails if browser code pulls in zod again (that made /contribute/ 29 kB gzipped).
// Not counted: Pagefind's own runtime in dist/pagefind/, which the search page loads
// by a computed URL when it starts (pagefind.js about 13 kB gzipped, its worker 12 kB,
// and the WebAssembly); its size is Pagefind's, not the site's code.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';

const BUDGET = 15 * 1024;
const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/site/content');
let build: FixtureBuild;

beforeAll(() => {
  build = buildFixture('script-budget', FIXTURE, { PACESETTER_TODAY: '2026-11-26' });
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
});

const gzipped = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

function htmlPages(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** The site files a module imports, statically or with a literal dynamic import(). */
function importsOf(code: string, from: string): string[] {
  const specifiers = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'`]([^"'`$]+\.m?js)["'`]/g)];
  return specifiers.map(([, specifier]) =>
    specifier!.startsWith('/') ? specifier! : path.posix.join(path.posix.dirname(from), specifier!),
  );
}

interface Weight {
  bytes: number;
  files: string[];
}

/** Every script a page loads (its URL paths) and their gzipped bytes, inline scripts included. */
function pageWeight(page: string): Weight {
  const html = readFileSync(path.join(build.dist, page), 'utf8');
  const pageUrl = `/${page}`;
  const files = new Set<string>();
  let bytes = 0;
  const pending: string[] = [];
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/type=["']?application\/(ld\+)?json/.test(attributes!)) continue; // data, not code
    const src = /\bsrc=["']?([^"'\s>]+)/.exec(attributes!)?.[1];
    if (src) pending.push(src.startsWith('/') ? src : path.posix.join(path.posix.dirname(pageUrl), src));
    else if (body!.trim()) {
      bytes += gzipped(body!);
      pending.push(...importsOf(body!, pageUrl));
    }
  }
  for (let url = pending.pop(); url !== undefined; url = pending.pop()) {
    if (files.has(url)) continue;
    files.add(url);
    const code = readFileSync(path.join(build.dist, url));
    bytes += gzipped(code);
    pending.push(...importsOf(code.toString('utf8'), url));
  }
  return { bytes, files: [...files].sort() };
}

describe('script budget', () => {
  it(`no page loads more than ${BUDGET / 1024} kB of gzipped script`, () => {
    const pages = htmlPages(build.dist);
    expect(pages.length).toBeGreaterThan(20);
    const weights = Object.fromEntries(pages.map((page) => [page, pageWeight(page)]));
    const over = Object.entries(weights)
      .filter(([, weight]) => weight.bytes > BUDGET)
      .map(([page, weight]) => `${page}: ${(weight.bytes / 1024).toFixed(1)} kB (${weight.files.join(', ')})`);
    expect(over).toEqual([]);
    // The measurement does measure: the two pages with scripts are weighed, the rest ship none.
    expect(weights['contribute/index.html']!.bytes).toBeGreaterThan(1024);
    expect(weights['search/index.html']!.bytes).toBeGreaterThan(1024);
    expect(weights['experiences/fixture-drill/index.html']!.bytes).toBe(0);
  });

  it('keeps zod out of the contribute form', () => {
    const { files } = pageWeight('contribute/index.html');
    const code = files.map((file) => readFileSync(path.join(build.dist, file), 'utf8')).join('\n');
    expect(code).toContain('TODO'); // the form's own code is there …
    expect(code).not.toMatch(/ZodError|\$ZodType|_zod/); // … zod is not
  });
});
