// Nothing is lost: a write-up that fails to render fails the build (instead of
// shipping an empty page), and the after-build audit fails the build when a
// write-up file did not become a page. Both use the project's real code with
// one deliberate fault injected into the copied project.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeFixtureSite, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';

const CONTENT = path.join(PROJECT_ROOT, 'tests/fixtures/hostile/harmless/content');

function inject(root: string, file: string, from: string, to: string): void {
  const full = path.join(root, file);
  const text = readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`cannot inject the fault: ${JSON.stringify(from)} not found in ${file}`);
  writeFileSync(full, text.replace(from, to));
}

describe('a render failure', () => {
  let build: FixtureBuild;
  beforeAll(() => {
    const root = makeFixtureSite('lost-render', CONTENT);
    // A component used by one write-up throws while rendering.
    inject(
      root,
      'src/lib/write-up/mdx-components.ts',
      "return [h('div.steps', children)];",
      "throw new Error('render failure on purpose');",
    );
    build = buildSite(root);
  });

  it('fails the build, saying why, and ships no empty page', () => {
    expect(build.status).not.toBe(0);
    expect(build.output).toContain('render failure on purpose');
    expect(existsSync(path.join(build.dist, 'experiences/components-showcase/index.html'))).toBe(false);
  });
});

describe('the after-build audit', () => {
  let build: FixtureBuild;
  beforeAll(() => {
    const root = makeFixtureSite('lost-page', CONTENT);
    // The page template silently skips one write-up.
    inject(
      root,
      'src/site-data/routes.ts',
      'return parts.lang === lang ?',
      "return parts.lang === lang && !entry.id.endsWith('/cjk-text') ?",
    );
    build = buildSite(root);
  });

  it('fails the build naming the write-up that became no page and no search record', () => {
    expect(build.status).not.toBe(0);
    expect(build.output).toContain('The build lost write-ups:');
    expect(build.output).toContain(
      'content/experiences/en/industry/cjk-text.mdx: no page was written at /experiences/cjk-text/',
    );
    expect(build.output).toContain(
      'content/experiences/en/industry/cjk-text.mdx: no search record for /experiences/cjk-text/',
    );
    expect(build.output).toContain('en: 8 write-up file(s), 7 page(s), 7 search record(s)');
  });
});
