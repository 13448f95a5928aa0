// Rebuilds reuse what did not change — and only that. Write-up bodies are kept
// between builds (src/loaders/write-ups.ts) and pages are reused by their
// incremental-build key (src/site-data/routes.ts); a change to the code that renders
// bodies must still reach every page.
import { readFileSync, writeFileSync } from 'node:fs';
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
