// Rebuilds reuse what did not change — and only that. Write-up bodies are kept
// between builds (src/loaders/write-ups.ts) and pages are reused by their
// incremental-build key (src/site-data/routes.ts); a change to the code that renders
// bodies must still reach every page.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeFixtureSite, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';

const CONTENT = path.join(PROJECT_ROOT, 'tests/fixtures/hostile/harmless/content');
const SHOWCASE = 'experiences/components-showcase/index.html';

describe('a rebuild after the rendering code changed', () => {
  let first: FixtureBuild;
  let second: FixtureBuild;
  let firstPage = '';
  const page = (build: FixtureBuild) => readFileSync(path.join(build.dist, SHOWCASE), 'utf8');
  beforeAll(() => {
    const root = makeFixtureSite('incremental', CONTENT);
    first = buildSite(root);
    firstPage = page(first);
    const components = path.join(root, 'src/lib/write-up/mdx-components.ts');
    const code = readFileSync(components, 'utf8');
    const changed = code.replace("h('div.steps', children)", "h('div.steps.steps-changed', children)");
    if (changed === code) throw new Error('could not change the Steps component in the copy');
    writeFileSync(components, changed);
    second = buildSite(root);
  });

  it('renders every body again: no page keeps the old output', () => {
    expect(first.status, first.output).toBe(0);
    expect(second.status, second.output).toBe(0);
    expect(firstPage).toContain('<div class="steps">');
    expect(page(second)).toContain('<div class="steps steps-changed">');
  });
});

describe('a rebuild after one write-up was edited', () => {
  // Every fixture write-up is in the same sector and shares a tag, so each page's
  // related list draws on all the others.
  let root: string;
  /** The pages a build rendered (rather than reused), as paths without index.html. */
  const rendered = (output: string) =>
    [...output.matchAll(/ (\/\S*)index\.html (\(\+[^)]*\)|\((?:cached|restored)\))/g)]
      .filter((match) => match[2]!.startsWith('(+'))
      .map((match) => match[1]!)
      .sort();
  const renderedWriteUps = (output: string) =>
    rendered(output).flatMap((page) => /^\/experiences\/([^/]+)\/$/.exec(page)?.[1] ?? []);
  /** Sector and industry lists (the overview of all sectors, /sectors/, has no key and is always rendered). */
  const renderedLists = (output: string) => rendered(output).filter((page) => /^\/sectors\/[^/]+\//.test(page));
  const edit = (id: string, change: (source: string) => string) => {
    const file = path.join(root, `content/experiences/en/industry/${id}.mdx`);
    writeFileSync(file, change(readFileSync(file, 'utf8')));
  };

  beforeAll(() => {
    root = makeFixtureSite('incremental-edit', CONTENT);
    const first = buildSite(root);
    if (first.status !== 0) throw new Error(first.output);
  });

  it('re-renders only that write-up’s page when its text changed', () => {
    edit('nested-lists', (source) => `${source}\nA sentence added to the account.\n`);
    const rebuilt = buildSite(root);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(renderedWriteUps(rebuilt.output)).toEqual(['nested-lists']);
    // Lists show a card, which has no text of the account: none of them is rendered again.
    expect(renderedLists(rebuilt.output)).toEqual([]);
  });

  it('reuses every page when the build is started by another command (the shell’s _ differs)', () => {
    // A shell sets _ to the command it runs, and Astro 7 writes the values of environment
    // variables named in a server module's source into that module, which would change every
    // route's code hash and re-render all pages (astro.config.mjs drops _ for that reason).
    const rebuilt = buildSite(root, { _: '/usr/bin/another-launcher' });
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(renderedWriteUps(rebuilt.output)).toEqual([]);
    expect(renderedLists(rebuilt.output)).toEqual([]);
  });

  it('re-renders the pages that list it when its title changed', () => {
    // code-is-text is in the related list of most of the others.
    edit('code-is-text', (source) => source.replace('title: Code stays text', 'title: Code stays plain text'));
    const rebuilt = buildSite(root);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    const listing = ['bom-crlf', 'cjk-text', 'components-showcase', 'escaped-prose', 'nested-lists'];
    expect(renderedWriteUps(rebuilt.output)).toEqual(expect.arrayContaining(['code-is-text', ...listing]));
    for (const id of listing)
      expect(readFileSync(path.join(rebuilt.dist, `experiences/${id}/index.html`), 'utf8'), id).toContain(
        'Code stays plain text',
      );
    // The lists that show its card too, with the new title.
    expect(renderedLists(rebuilt.output)).toEqual(expect.arrayContaining(['/sectors/industry/']));
    expect(readFileSync(path.join(rebuilt.dist, 'sectors/industry/index.html'), 'utf8')).toContain(
      'Code stays plain text',
    );
  });

  // src/integrations/kept-pages.ts: Astro would empty dist/ and copy every reused page back.
  it('leaves reused pages in dist/ rather than copying them back', () => {
    edit('nested-lists', (source) => `${source}\nOne more sentence.\n`);
    const rebuilt = buildSite(root);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(rebuilt.output).toMatch(/\/experiences\/cjk-text\/index\.html \(cached\)/);
    expect(rebuilt.output).not.toContain('(restored)');
  });

  it('removes what the build no longer writes: a deleted write-up’s page, an old file', () => {
    const dist = path.join(root, 'dist');
    writeFileSync(path.join(dist, 'left-over.txt'), 'from an older build');
    rmSync(path.join(root, 'content/experiences/en/industry/escaped-prose.mdx'));
    const rebuilt = buildSite(root);
    // The content audit (which fails on a page without a write-up) passed.
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(existsSync(path.join(dist, 'experiences/escaped-prose'))).toBe(false);
    expect(existsSync(path.join(dist, 'left-over.txt'))).toBe(false);
    expect(existsSync(path.join(dist, 'experiences/cjk-text/index.html'))).toBe(true);
  });

  it('starts from an empty dist/ when the last build did not finish', () => {
    // A build that fails stops before it marks dist/ finished, and may have left pages behind.
    rmSync(path.join(root, '.astro/cache/kept-pages-finished'));
    const page = path.join(root, 'dist/experiences/cjk-text/index.html');
    writeFileSync(page, `${readFileSync(page, 'utf8')}<!-- half-written -->`);
    const rebuilt = buildSite(root);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(rebuilt.output).toMatch(/\/experiences\/cjk-text\/index\.html \(restored\)/);
    expect(readFileSync(page, 'utf8')).not.toContain('half-written');
  });
});
