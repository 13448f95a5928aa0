// Property-based test of the check → render pipeline against hostile write-ups
// (tests/helpers/hostile-arbitraries.ts), in-process: for every generated file,
// within a time budget, either the check refuses it naming the file (with no raw
// control character in the message), or it renders to exactly one body with no
// script, no event handler, no style attribute, and its feed item is well-formed XML
// and its API record well-formed JSON.
//
// A short run is part of `npm test`. A long one:
//   PACESETTER_FUZZ_RUNS=5000 npx vitest run tests/unit/fuzz.test.ts
// (PACESETTER_FUZZ_SEED=<n> replays a run; fast-check prints the seed and the
// smallest failing input when a property fails.)
import { getRssString } from '@astrojs/rss';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitFrontmatter } from '../../src/lib/content/frontmatter.ts';
import { guardWriteUp } from '../../src/lib/write-up/mdx-guard.ts';
import { formatGithubAnnotation, formatProblem } from '../../src/lib/content/problems.ts';
import { renderGuardedWriteUp, renderWriteUp } from '../../src/lib/write-up/render-write-up.ts';
import { validateExperience } from '../../src/lib/content/validate-experience.ts';
import { taxonomySchema } from '../../src/schema/taxonomy.ts';
import { hostileWriteUp } from '../helpers/hostile-arbitraries.ts';
import { RAW_CONTROL, TAXONOMY, xmlError } from '../helpers/hostile.ts';

const RUNS = Number(process.env.PACESETTER_FUZZ_RUNS ?? 150);
const SEED = process.env.PACESETTER_FUZZ_SEED ? Number(process.env.PACESETTER_FUZZ_SEED) : undefined;
/** Per generated file: the check (as `npm run check` runs it), and the render when the check passes. */
const CHECK_BUDGET_MS = 1000;
const RENDER_BUDGET_MS = 3000;
/** Heap growth allowed over one case (a huge table once took the build to 13.4 GB). */
const HEAP_BUDGET_BYTES = 512 * 1024 * 1024;
const FILE = 'content/experiences/en/industry/fuzzed.mdx';
const taxonomy = taxonomySchema.parse(parse(TAXONOMY));

const stats = { refused: 0, rendered: 0 };

/** The assertions for one generated file; throws on a broken property. */
async function pipeline(source: string): Promise<void> {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const validated = validateExperience(FILE, source, taxonomy);
  const problems = [...validated.problems, ...guardWriteUp(FILE, source)];
  const checked = performance.now();
  expect(checked - started).toBeLessThan(CHECK_BUDGET_MS);
  if (problems.some((problem) => problem.severity === 'error')) {
    stats.refused += 1;
    for (const problem of problems) {
      expect(problem.file).toBe(FILE);
      const printed = formatProblem(problem);
      expect(printed.startsWith(FILE)).toBe(true);
      expect(printed).not.toMatch(RAW_CONTROL);
      expect(printed.split('\n').some((line) => line.startsWith('::'))).toBe(false);
      expect(formatGithubAnnotation(problem).split('\n')).toHaveLength(1);
    }
    return;
  }
  stats.rendered += 1;
  const { html } = renderWriteUp({ file: FILE, source, lang: 'en' });
  expect(performance.now() - checked).toBeLessThan(RENDER_BUDGET_MS);
  expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(HEAP_BUDGET_BYTES);
  expect(html).not.toMatch(
    /<script|<iframe|<object|<embed|<foreignobject|<math|<style|<input|<form|<base|<meta|<link/i,
  );
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/<[^>]*\sstyle\s*=/i);
  expect(html).not.toMatch(/(href|src)="\s*(javascript|vbscript|data):/i);
  const data = validated.data!;
  const feed = await getRssString({
    title: 'Pacesetter',
    description: data.summary,
    site: 'https://example.org',
    items: [
      {
        title: data.title,
        description: data.summary,
        link: '/experiences/fuzzed/',
        pubDate: data.reviewed,
        categories: [...data.tags, data.owner],
      },
    ],
  });
  expect(xmlError(feed)).toBeUndefined();
  expect(JSON.parse(JSON.stringify({ ...data, html }))).toMatchObject({ title: data.title });
}

describe('hostile write-ups, generated', () => {
  it(
    `are refused naming the file within ${CHECK_BUDGET_MS} ms, or render safely within ${RENDER_BUDGET_MS} ms (${RUNS} runs)`,
    { timeout: Math.max(30_000, RUNS * (CHECK_BUDGET_MS + RENDER_BUDGET_MS)) },
    async () => {
      await fc.assert(fc.asyncProperty(hostileWriteUp, pipeline), { numRuns: RUNS, seed: SEED, endOnFailure: true });
      // The generators must reach both outcomes, or the property proves little.
      expect(stats.refused).toBeGreaterThan(0);
      expect(stats.rendered).toBeGreaterThan(0);
    },
  );
});

describe('where the frontmatter ends', () => {
  // Any mix of fences, line ends (LF, CRLF, lone CR), a BOM and text: the body the checker
  // validated is exactly what the renderer shows, so text cannot hide in the frontmatter
  // from one and appear in the page through the other.
  const token = fc.constantFrom('---', '\r', '\n', '\r\n', 'a: 1', 'MARKER', ' ', '\uFEFF', '- x', '#', '...');
  it('is the same for the checker and the renderer, on any byte sequence', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 24 }), (tokens) => {
        const source = tokens.join('');
        const split = splitFrontmatter(source);
        const html = renderGuardedWriteUp({ file: FILE, source, lang: 'en' }).html;
        const checked = split.ok ? split.body : source.replace(/^\uFEFF/, '');
        expect(html.includes('MARKER')).toBe(checked.includes('MARKER'));
      }),
      { numRuns: RUNS * 4, seed: SEED },
    );
  });
});
