// The bad-input suite. Every hostile write-up in tests/fixtures/hostile/refused is
// refused naming its file and line — checked cheaply through loadCorpus, then once
// through a real build. The write-ups in harmless/ build, and the dangerous part
// is absent from the page. A canary secret in the environment of every build
// never reaches dist/. One more build removes the pre-build check to prove that
// the guard also runs inside the content loader that renders write-ups.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/lib/content/corpus.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { collectErrors, launchBrowser, serveStatic } from '../helpers/browser.ts';
import { buildSite, distFile, makeFixtureSite, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';
import { writeUpSource } from '../helpers/write-up.ts';

const HOSTILE = path.join(PROJECT_ROOT, 'tests/fixtures/hostile');
const CANARY = `canary-${randomBytes(8).toString('hex')}`;
const ENV = { PACESETTER_CANARY: CANARY };
const DIR = 'content/experiences/en/industry';

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}
/** Files in dist/ that contain the text. */
const leaks = (build: FixtureBuild, text: string) =>
  filesUnder(build.dist).filter((file) => readFileSync(file).includes(text));

/** Line of the first line containing `needle` in a refused fixture file. */
function lineOf(id: string, needle: string): number {
  const lines = readFileSync(path.join(HOSTILE, 'refused', DIR, `${id}.mdx`), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`${needle} not in ${id}`);
  return index + 1;
}

/** Each refused write-up: the start of every problem it must produce, in order ("line:col  field  message"). */
const REFUSED: Record<string, () => string[]> = {
  'import-build-file': () => [
    `${lineOf('import-build-file', 'import secret')}:1  import/export  import and export statements run code`,
  ],
  'export-statement': () => [
    `${lineOf('export-statement', 'export const')}:1  import/export  import and export statements run code`,
  ],
  'expression-env-secret': () => [
    `${lineOf('expression-env-secret', 'The token')}:14  {expression}  text in {braces} is code`,
  ],
  'flow-expression': () => [`${lineOf('flow-expression', '{')}:1  {expression}  text in {braces} is code`],
  'comment-expression': () => [`${lineOf('comment-expression', '{/*')}:1  {expression}  text in {braces} is code`],
  'attribute-expression': () => [
    `${lineOf('attribute-expression', '<Callout')}:21  <Callout title>  attribute values in {braces} are code`,
  ],
  'spread-attribute': () => [
    `${lineOf('spread-attribute', '<Callout')}:21  <Callout>  spread attributes {...} are code`,
  ],
  'unknown-component': () => [
    `${lineOf('unknown-component', '<Tabs>')}:1  <Tabs>  is not one of the components write-ups may use`,
  ],
  'member-component': () => [
    `${lineOf('member-component', '<globalThis')}:1  <globalThis.process>  is not one of the components`,
  ],
  'script-element': () => [
    `${lineOf('script-element', '<script>')}:1  <script>  HTML <script> is not allowed: it runs JavaScript`,
  ],
  'style-element': () => [`${lineOf('style-element', '<style>')}:1  <style>  HTML <style> is not allowed`],
  'iframe-element': () => [`${lineOf('iframe-element', '<iframe')}:1  <iframe>  HTML <iframe> is not allowed`],
  'object-embed': () => [
    `${lineOf('object-embed', '<object')}:1  <object>  HTML <object> is not allowed`,
    `${lineOf('object-embed', '<embed')}:1  <embed>  HTML <embed> is not allowed`,
  ],
  'form-input': () => [
    `${lineOf('form-input', '<form')}:1  <form>  HTML <form> is not allowed`,
    `${lineOf('form-input', '<form')}:38  <input>  HTML <input> is not allowed`,
  ],
  'base-meta-link': () => [
    `${lineOf('base-meta-link', '<base')}:1  <base>  HTML <base>`,
    `${lineOf('base-meta-link', '<meta')}:1  <meta>  HTML <meta>`,
    `${lineOf('base-meta-link', '<link')}:1  <link>  HTML <link>`,
  ],
  'onerror-attribute': () => [
    `${lineOf('onerror-attribute', '<img')}:34  <img onerror>  event-handler attributes (on…) run script`,
  ],
  'style-attribute': () => [`${lineOf('style-attribute', '<p style')}:4  <p style>  style attributes are not allowed`],
  'javascript-link': () => [
    `${lineOf('javascript-link', '[Click')}:1  link  links may only use http:, https:, mailto: or a relative address; "javascript:"`,
  ],
  'obfuscated-javascript-href': () => [
    `${lineOf('obfuscated-javascript-href', '<a href')}:4  <a href>  links may only use http:, https:, mailto: or a relative address; "javascript:"`,
  ],
  'vbscript-definition': () => [
    `${lineOf('vbscript-definition', '[note]:')}:1  definition  links may only use http:, https:, mailto: or a relative address; "vbscript:"`,
  ],
  'data-image': () => [`${lineOf('data-image', '![x]')}:1  image  data: images are not allowed`],
  'data-link': () => [`${lineOf('data-link', '[x]')}:1  link  data: addresses are not allowed`],
  'relative-image-import': () => [
    `${lineOf('relative-image-import', '![x]')}:1  image  relative image paths are imported by the build`,
  ],
  'image-reference-definition': () => [
    `${lineOf('image-reference-definition', 'photo from another host')}:30  image  images may only use https: or an address on this site; "//…" is another host`,
    `${lineOf('image-reference-definition', '[photo]:')}:1  definition  relative image paths are imported by the build`,
  ],
  'bare-brace': () => [`${lineOf('bare-brace', 'The set')}:23  MDX syntax  Unexpected end of file in expression`],
  'bare-less-than': () => [`${lineOf('bare-less-than', 'We <3')}:5  MDX syntax  Unexpected character \`3\``],
  'html-comment': () => [`${lineOf('html-comment', '<!--')}:2  MDX syntax  Unexpected character \`!\``],
  'svg-element': () => [
    `${lineOf('svg-element', '<svg>')}:1  <svg>  HTML <svg> is not allowed`,
    `${lineOf('svg-element', '<svg>')}:9  <a href>  links may only use`,
    `${lineOf('svg-element', '<svg>')}:36  <text>  HTML <text> is not in the safe subset`,
  ],
  'bad-component-props': () => [
    `${lineOf('bad-component-props', '<BeforeAfter')}:38  <BeforeAfter before>  must be a number`,
    `${lineOf('bad-component-props', '<BeforeAfter')}:64  <BeforeAfter better>  is not one of the allowed values`,
  ],
  'steps-without-list': () => [`${lineOf('steps-without-list', '<Steps>')}:1  <Steps>  must wrap a numbered list`],
  'deeply-nested-list': () => [
    `${lineOf('deeply-nested-list', 'level 25')}:1  nesting  lists and quotes are nested more than 24 levels deep`,
  ],
  'empty-file': () => ['1:1  frontmatter  the file must start with YAML frontmatter'],
};
const BAD_NAMES: Record<string, string> = {
  '100%-better.mdx': '100-better.mdx',
  'my write up.mdx': 'my-write-up.mdx',
  'Upper-Case.mdx': 'upper-case.mdx',
  'café-drill.mdx': 'cafe-drill.mdx',
};

describe('refused write-ups, checked through the whole-corpus check', () => {
  const corpus = loadCorpus(path.join(HOSTILE, 'refused'));
  const problemsOf = (file: string) =>
    corpus.problems
      // Errors only: the fixtures' bare sources also draw the "no author or publisher" warning.
      .filter((problem) => problem.file === file && problem.severity === 'error')
      .map((problem) => formatProblem(problem).slice(file.length + 1));

  it.each(Object.keys(REFUSED))('%s is refused with file, line and reason', (id) => {
    const problems = problemsOf(`${DIR}/${id}.mdx`);
    const expected = REFUSED[id]!();
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, index) => expect(problems[index]).toContain(start));
  });

  it('refuses two files with one id, naming both', () => {
    const [one, two] = [
      'content/experiences/en/industry/duplicate-id.mdx',
      'content/experiences/en/construction/duplicate-id.mdx',
    ];
    expect(problemsOf(one!)).toEqual([
      expect.stringContaining(`id  duplicate id "duplicate-id" in language "en": also used by ${two}`),
    ]);
    expect(problemsOf(two!)).toEqual([
      expect.stringContaining(`id  duplicate id "duplicate-id" in language "en": also used by ${one}`),
    ]);
  });

  it.each(Object.entries(BAD_NAMES))('refuses the file name %s with the rule and suggests %s', (name, suggestion) => {
    const [problem] = corpus.problems.filter((candidate) => candidate.file === `${DIR}/${name}`);
    expect(problem).toMatchObject({
      field: 'file name',
      message: expect.stringContaining('lower-case ASCII letters, digits and single hyphens'),
      hint: `rename it to ${suggestion}`,
    });
  });

  it('has at least 25 hostile write-ups, and no file passes unnoticed', () => {
    const files = readdirSync(path.join(HOSTILE, 'refused', DIR));
    expect(files.length).toBeGreaterThanOrEqual(25);
    const flagged = new Set(corpus.problems.map((problem) => problem.file));
    for (const name of files) expect(flagged.has(`${DIR}/${name}`), name).toBe(true);
  });
});

describe('a build of the refused write-ups', () => {
  let build: FixtureBuild;
  const HUGE = 'huge-body';
  beforeAll(() => {
    const root = makeFixtureSite('hostile-refused', path.join(HOSTILE, 'refused/content'));
    // 5 MB of prose, generated here rather than committed.
    writeFileSync(
      path.join(root, DIR, `${HUGE}.mdx`),
      writeUpSource(undefined, `${'All work and no play. '.repeat(240_000)}\n`),
    );
    build = buildSite(root, ENV);
  });

  it('fails and lists every refused file with its line, not just the first', () => {
    expect(build.status).not.toBe(0);
    expect(build.output).toContain('Nothing was built.');
    for (const [id, expected] of Object.entries(REFUSED)) {
      for (const start of expected()) expect(build.output, id).toContain(`${DIR}/${id}.mdx:${start}`);
    }
    for (const name of Object.keys(BAD_NAMES)) expect(build.output).toContain(`${DIR}/${name}  file name`);
    expect(build.output).toContain(`${DIR}/${HUGE}.mdx:1:1  size  the write-up is too large (got 5157 kB`);
    expect(build.output).not.toMatch(/URI malformed/);
  });

  it('writes no page and leaks nothing', () => {
    expect(existsSync(path.join(build.dist, 'experiences'))).toBe(false);
    expect(leaks(build, CANARY)).toEqual([]);
  });
});

describe('a build of write-ups that look dangerous but are harmless', () => {
  let build: FixtureBuild;
  const page = (id: string) => readFileSync(distFile(build, `experiences/${id}/index.html`), 'utf8');
  /** The rendered write-up body only, so the site's own markup does not blur the assertions. */
  const body = (id: string) => /<section aria-labelledby="account"[\s\S]*?<\/section>/.exec(page(id))?.[0] ?? '';

  beforeAll(() => {
    build = buildSite(makeFixtureSite('hostile-harmless', path.join(HOSTILE, 'harmless/content')), ENV);
    if (build.status !== 0) throw new Error(`harmless build failed:\n${build.output}`);
  });

  it('renders a BOM-prefixed CRLF file', () => {
    expect(body('bom-crlf')).toContain('MARKER_BOM_CRLF line one.');
    expect(body('bom-crlf')).not.toContain('\uFEFF');
  });

  it('renders CJK text', () => {
    expect(page('cjk-text')).toContain('<h1 data-pagefind-ignore>倪志福钻头 CJK title</h1>');
    expect(body('cjk-text')).toContain('MARKER_CJK 钻头磨损很快，工人们改进了钻头的几何形状。');
  });

  it('shows escaped braces and angle brackets as text', () => {
    const html = body('escaped-prose');
    expect(html).toContain(
      'MARKER_ESCAPED a &lt; b and 5 { 6 } and a &lt; b, and &lt;script>alert(1)&lt;/script> as text.',
    );
    expect(html).not.toMatch(/<script/i);
  });

  it('keeps code as text: no script element, no evaluated expression', () => {
    const html = body('code-is-text');
    expect(html).toContain('<code>&lt;script>alert(1)&lt;/script></code>');
    expect(html).toContain('{process.env.PACESETTER_CANARY}');
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('escapes HTML in frontmatter and never evaluates it', () => {
    const html = page('hostile-frontmatter');
    expect(html).toContain('<h1 data-pagefind-ignore>&lt;script&gt;alert(1)&lt;/script&gt; in a title</h1>');
    expect(html).toContain('{process.env.PACESETTER_CANARY} and &lt;img src=x onerror=alert(1)&gt; in it.');
    // Inside a quoted attribute value (meta description) "<" is inert text; outside one, no such element may exist.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<script>alert|<img src=x/);
  });

  it('renders nesting within the limit', () => {
    expect(body('nested-lists').match(/<ul>/g)).toHaveLength(10);
  });

  it('keeps the safe HTML subset and safe links', () => {
    const html = body('safe-html-and-links');
    expect(html).toContain('<abbr title="Standard operating procedure">SOP</abbr>');
    expect(html).toContain('<details>');
    expect(html).toContain('href="https://example.org/report"');
    expect(html).toContain('href="mailto:team@example.org"');
  });

  it('renders the allowlisted components with no JavaScript', () => {
    const html = body('components-showcase');
    expect(html).toMatch(/<figure class="mdx-figure[^"]*"[^>]*><img src="\/favicon.svg" alt="The new drill geometry"/);
    expect(html).toContain('Credit: Fixture Works archive');
    expect(html).toMatch(/<aside class="callout callout-tip[^"]*" aria-label="Start small"/);
    expect(html).toMatch(/<p class="callout-title[^"]*"[^>]*>Warning<\/p>/);
    // 12 → 3 bits a day, lower is better: computed by src/lib/catalog/metrics.ts.
    expect(html).toMatch(/Bits burned per day \(bits\): <span class="change-improved[^"]*"[^>]*>−75%<\/span>/);
    expect(html).toMatch(/<div class="steps[^"]*"[^>]*>\s*<ol>\s*<li>MARKER_STEP_ONE/);
    expect(page('components-showcase')).not.toMatch(/<script/i);
  });

  it('puts a Content Security Policy without unsafe-inline on every page', () => {
    const pages = filesUnder(build.dist).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) {
      const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(readFileSync(file, 'utf8'))?.[1];
      expect(csp, file).toBeDefined();
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
      expect(csp).toContain("worker-src 'none'");
      expect(csp).toContain("object-src 'none'");
    }
  });

  it('never writes the canary secret into dist/', () => {
    expect(leaks(build, CANARY)).toEqual([]);
  });

  it(
    'applies its styles and logs no CSP violation in Chromium; search works under the CSP',
    { timeout: 60_000 },
    async () => {
      const server = await serveStatic(build.dist);
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const errors = collectErrors(page);
        const violations: string[] = [];
        await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
        await page.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (event) => {
            (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
              `${event.violatedDirective} ${event.blockedURI}`,
            );
          });
        });
        const style = (selector: string, property: string) =>
          page.$eval(selector, (element, name) => getComputedStyle(element).getPropertyValue(name), property);

        await page.goto(`${server.url}/experiences/components-showcase/`);
        // The site stylesheet and the write-up components' stylesheet both apply.
        expect(await style('body', 'background-color')).toBe('rgb(251, 250, 247)');
        expect(await style('.callout-warning', 'border-left-width')).toBe('4px');
        expect(await style('.before-after', 'border-top-style')).toBe('solid');

        await page.goto(`${server.url}/`);
        expect(await style('.page-search', 'margin-top')).toBe('24px');

        await page.goto(`${server.url}/search/?q=geometry`);
        await page.waitForSelector('[data-search-results] a[href*="/experiences/"]', { timeout: 15_000 });

        expect(violations).toEqual([]);
        expect(errors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
      } finally {
        await browser.close();
        await server.close();
      }
    },
  );
});

describe('the guard inside the content loader', () => {
  let build: FixtureBuild;
  const SECRET = `secret-file-${randomBytes(8).toString('hex')}`;
  beforeAll(() => {
    const root = makeFixtureSite('hostile-compiler', path.join(HOSTILE, 'compiler/content'));
    // Remove the pre-build content check from this copy only: what is left is the loader.
    const config = path.join(root, 'astro.config.mjs');
    const original = readFileSync(config, 'utf8');
    const withoutPreCheck = original.replace(/contentCheck\(\),\s*/, '');
    if (withoutPreCheck === original) throw new Error('could not remove contentCheck() from astro.config.mjs');
    writeFileSync(config, withoutPreCheck);
    // The file the write-up tries to import: it must never reach dist/.
    writeFileSync(path.join(root, 'secret.txt'), SECRET);
    build = buildSite(root, ENV);
  });

  it('refuses the write-up while loading it, naming file, line and column', () => {
    expect(build.status).not.toBe(0);
    expect(build.output).not.toContain('The content has problems'); // the pre-check really was off
    const file = `${DIR}/leaks-a-secret.mdx`;
    expect(build.output).toContain('Write-ups could not be loaded:');
    expect(build.output).toContain(`${file}:37:1  import/export`);
    expect(build.output).toContain(`${file}:39:14  {expression}`);
    expect(build.output).toContain(`${file}:39:64  {expression}`);
  });

  it('leaks neither the environment canary nor the file', () => {
    expect(leaks(build, CANARY)).toEqual([]);
    expect(leaks(build, SECRET)).toEqual([]);
  });
});
