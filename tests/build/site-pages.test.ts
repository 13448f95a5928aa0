// Trusted and untrusted MDX. The site's own pages (src/content/pages) are compiled by
// @astrojs/mdx, so their expressions run; write-ups (content/experiences) never reach
// that compiler. Each MDX below carries code that, if it ever ran, would write a canary
// file or print a marker into the page. A control proves the canary works: the same
// expression added to the trusted about page does write its file.
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, distFile, makeFixtureSite, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';
import { writeUpSource } from '../helpers/write-up.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/site/content');
const MARKER = `marker-${randomBytes(8).toString('hex')}`;

/** MDX that writes `canary` when compiled and run, and prints MARKER if rendered as text. */
const codeThatWrites = (canary: string) =>
  [
    `export const ran = globalThis.process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(`${canary}.export`)}, 'ran');`,
    '',
    `{globalThis.process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(`${canary}.expression`)}, 'ran')}`,
    '',
    `<script>{document.title = ${JSON.stringify(MARKER)}}</script>`,
    '',
    `${MARKER} in plain text.`,
    '',
  ].join('\n');

const ranFiles = (canary: string) => [`${canary}.export`, `${canary}.expression`].filter((file) => existsSync(file));

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => statSync(file).isFile());
}
const leaks = (build: FixtureBuild, text: string) =>
  filesUnder(build.dist).filter((file) => readFileSync(file).includes(text));

/** A copy of the fixture content with extra files (project-relative path → text). */
function contentWith(name: string, files: Record<string, string>): string {
  const content = path.join(PROJECT_ROOT, 'tests/.tmp', `${name}-content`);
  cpSync(FIXTURE, content, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(content, file.replace(/^content\//, ''));
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return content;
}

describe('an .mdx under content/ at the trusted pages’ own paths', () => {
  let build: FixtureBuild;
  let canary: string;
  let control: string;
  const DECOYS = ['content/en/about.mdx', 'content/zh/about.mdx', 'content/en/contribute-guide.mdx'];
  beforeAll(() => {
    const root = path.join(PROJECT_ROOT, 'tests/.tmp/site-pages-decoys');
    canary = path.join(root, 'decoy-ran');
    control = path.join(root, 'control-ran');
    const content = contentWith(
      'site-pages-decoys',
      Object.fromEntries(DECOYS.map((file) => [file, codeThatWrites(canary)])),
    );
    makeFixtureSite('site-pages-decoys', content);
    // The control: a trusted page's expressions do run (so an absent canary means "never ran").
    appendFileSync(
      path.join(root, 'src/content/pages/en/about.mdx'),
      `\n{globalThis.process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(control)}, 'ran')}\n`,
    );
    build = buildSite(root, { PACESETTER_TODAY: '2026-11-26' });
  });

  it('builds, and the trusted about page ran its own expression', () => {
    expect(build.status, build.output).toBe(0);
    expect(existsSync(control)).toBe(true);
  });

  it('never compiles or runs the copies in content/', () => {
    expect(ranFiles(canary)).toEqual([]);
    expect(leaks(build, MARKER)).toEqual([]);
  });

  it('keeps them out of the pages collection: only src/content/pages files are in the data store', () => {
    const store = readFileSync(path.join(build.root, '.astro/cache/data-store.json'), 'utf8');
    const mdxFiles = [...new Set(store.match(/"[^"]*\.mdx"/g) ?? [])].filter(
      (file) => !file.startsWith('"content/experiences/'),
    );
    expect(mdxFiles.sort()).toEqual([
      '"src/content/pages/en/about.mdx"',
      '"src/content/pages/en/contribute-guide.mdx"',
      '"src/content/pages/zh/about.mdx"',
      '"src/content/pages/zh/contribute-guide.mdx"',
    ]);
  });

  it('renders the about and contributing pages from the trusted MDX, with its expressions evaluated', () => {
    const about = readFileSync(distFile(build, 'about/index.html'), 'utf8');
    expect(about).toContain('<p class="lead">Pacesetter collects <em>advanced experience</em>');
    expect(about).toMatch(/<a href="\/sectors\/">Browse the sectors<\/a>/);
    const zh = readFileSync(distFile(build, 'zh/contribute/index.html'), 'utf8');
    expect(zh).toContain('<h2 id="怎样写好一篇经验">怎样写好一篇经验</h2>');
    expect(zh).toContain('<code>evidence: reported</code>'); // <EvidenceLevels> ran
    expect(zh).toContain('id="propose-form"'); // the form stays in the page
  });
});

describe('a write-up that is MDX code', () => {
  const FILE = 'content/experiences/en/industry/runs-code.mdx';
  let checked: FixtureBuild;
  let loaderOnly: FixtureBuild;
  const canaries = { checked: '', loaderOnly: '' };
  beforeAll(() => {
    for (const name of ['checked', 'loaderOnly'] as const) {
      const site = `site-pages-write-up-${name}`;
      const root = path.join(PROJECT_ROOT, 'tests/.tmp', site);
      canaries[name] = path.join(root, 'write-up-ran');
      makeFixtureSite(site, contentWith(site, { [FILE]: writeUpSource(undefined, codeThatWrites(canaries[name])) }));
      if (name === 'loaderOnly') {
        // Without the pre-build check, the write-up reaches the build: only the loader stands in the way.
        const config = path.join(root, 'astro.config.mjs');
        const original = readFileSync(config, 'utf8');
        const withoutPreCheck = original.replace(/contentCheck\(\),\s*/, '');
        if (withoutPreCheck === original) throw new Error('could not remove contentCheck() from astro.config.mjs');
        writeFileSync(config, withoutPreCheck);
      }
    }
    checked = buildSite(path.join(PROJECT_ROOT, 'tests/.tmp/site-pages-write-up-checked'));
    loaderOnly = buildSite(path.join(PROJECT_ROOT, 'tests/.tmp/site-pages-write-up-loaderOnly'));
  });

  it('is refused by the content check, naming the file and each construct', () => {
    expect(checked.status).not.toBe(0);
    expect(checked.output).toContain('Nothing was built.');
    for (const what of ['import/export', '{expression}', '<script>']) {
      expect(checked.output).toMatch(new RegExp(`${FILE}:\\d+:\\d+ +${what.replace(/[{}]/g, '\\$&')}`));
    }
  });

  it('is refused by the write-up loader when the check is off, never by running it', () => {
    expect(loaderOnly.status).not.toBe(0);
    expect(loaderOnly.output).not.toContain('Nothing was built.');
    expect(loaderOnly.output).toContain('Write-ups could not be loaded:');
    expect(loaderOnly.output).toContain(FILE);
  });

  it('never ran: no canary file, no marker in dist/', () => {
    expect(ranFiles(canaries.checked)).toEqual([]);
    expect(ranFiles(canaries.loaderOnly)).toEqual([]);
    expect(leaks(checked, MARKER)).toEqual([]);
    expect(leaks(loaderOnly, MARKER)).toEqual([]);
  });
});
