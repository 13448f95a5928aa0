// A build that refuses bad content prints the problem list and the count and exits
// non-zero — not Astro's "unhandled error in a hook" frame with a stack trace.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeFixtureSite, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';
import { validFrontmatter, writeUpSource } from '../helpers/write-up.ts';

describe('a build refused for its content', () => {
  let build: FixtureBuild;
  beforeAll(() => {
    const root = makeFixtureSite('refused-build', path.join(PROJECT_ROOT, 'tests/fixtures/site/content'));
    writeFileSync(
      path.join(root, 'content/experiences/en/industry/broken.mdx'),
      writeUpSource({ ...validFrontmatter(), evidence: 'rumour', industry: 'hospitals' }),
    );
    build = buildSite(root);
  });

  it('exits non-zero with every problem and the count', () => {
    expect(build.status).toBe(1);
    expect(build.output).toMatch(/content\/experiences\/en\/industry\/broken\.mdx:\d+:1 {2}evidence {2}is not one/);
    expect(build.output).toMatch(/broken\.mdx:\d+:1 {2}industry {2}is not an industry of sector "industry"/);
    expect(build.output).toContain('2 error(s) in 1 file(s).\nNothing was built.');
  });

  it('does not look like a crash', () => {
    expect(build.output).not.toMatch(/unhandled error/i);
    expect(build.output).not.toMatch(/stack trace/i);
    expect(build.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(build.output).not.toMatch(/astro:config:setup/);
    expect(build.output).not.toMatch(/ContentError|Location:/);
  });
});
