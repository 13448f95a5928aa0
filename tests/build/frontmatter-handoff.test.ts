// In a real build, the content loader takes every frontmatter the content check parsed
// instead of parsing the YAML again (src/lib/content/frontmatter-handoff.ts): the check runs in
// Node's module instance of the code, the loader in Vite's, and the handoff crosses over.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, buildSite, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';

let build: FixtureBuild;

beforeAll(() => {
  build = buildFixture('frontmatter-handoff', path.join(PROJECT_ROOT, 'tests/fixtures/search/content'));
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
});

describe('frontmatter handoff from the content check to the loader', () => {
  it('hands over the frontmatter of every write-up in a fresh build', () => {
    expect(build.output).toContain('3 write-up(s) checked.');
    expect(build.output).toContain('3 frontmatter(s) taken from the content check, not parsed again.');
  });

  // Worker threads start from a module URL: this proves they start inside Astro's config
  // and content loader (src/lib/content/parallel-check.ts, src/lib/write-up/parallel-render.ts).
  it('checks and renders in worker threads when there are enough write-ups, handing over frontmatter and bodies', () => {
    const parallel = buildFixture(
      'frontmatter-handoff-parallel',
      path.join(PROJECT_ROOT, 'tests/fixtures/search/content'),
      {
        PACESETTER_PARALLEL_FROM: '1',
      },
    );
    expect(parallel.status, parallel.output).toBe(0);
    expect(parallel.output).toContain('3 write-up(s) checked (3 in worker threads).');
    expect(parallel.output).toContain('3 frontmatter(s) taken from the content check, not parsed again.');
    // The check started rendering the bodies of the files it checked; the loader took all three.
    expect(parallel.output).toContain('3 bodies rendered, 3 of them started by the content check.');
    // The build kept what it checked (saved once the pages were written): a rebuild checks nothing again.
    const rebuilt = buildSite(parallel.root, { PACESETTER_PARALLEL_FROM: '1' });
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(rebuilt.output).toContain('3 write-up(s) checked.');
  });
});
