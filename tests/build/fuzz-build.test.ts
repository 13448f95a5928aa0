// The fuzz generators of tests/unit/fuzz.test.ts, through a real build: write-ups
// the check accepts (drawn with a fixed seed) are built with the fixture site, and
// dist/ must hold exactly one page per file, no script, event handler or style
// attribute in any page, and well-formed XML feeds and sitemaps and JSON API files;
// the build stays within 60 s and 2 GB per Node process. A second build of the same
// kind with the attacks that once cost 13.4 GB or overflowed the stack (tables,
// nesting) stops in the pre-build check, naming each file, as quickly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { guardWriteUp } from '../../src/lib/write-up/mdx-guard.ts';
import { validateExperience } from '../../src/lib/content/validate-experience.ts';
import { taxonomySchema } from '../../src/schema/taxonomy.ts';
import { collectErrors, launchBrowser, serveStatic } from '../helpers/browser.ts';
import { makeFixtureSite, PROJECT_ROOT } from '../helpers/fixture-site.ts';
import { hostileWriteUp } from '../helpers/hostile-arbitraries.ts';
import { startTags, xmlError } from '../helpers/hostile.ts';
import { writeUpSource } from '../helpers/write-up.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/site/content');
const DIR = 'content/experiences/en/industry';
const MAX_SECONDS = 60;
const MAX_RSS_KB = 2 * 1024 * 1024;
const taxonomy = taxonomySchema.parse(parse(readFileSync(path.join(FIXTURE, 'sectors.yaml'), 'utf8')));

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** A build with the peak memory of each of its Node processes and its wall time. */
function measuredBuild(root: string) {
  const rssFile = path.join(mkdtempSync(path.join(tmpdir(), 'pacesetter-rss-')), 'rss.txt');
  writeFileSync(rssFile, '');
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      PACESETTER_RSS_FILE: rssFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(path.join(PROJECT_ROOT, 'tests/helpers/max-rss.mjs')).href}`,
    },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 5 * MAX_SECONDS * 1000,
  });
  const peaks = readFileSync(rssFile, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => Number(line.split(' ')[1]));
  return {
    status: result.status,
    output: `${result.stdout}\n${result.stderr}`,
    seconds: (performance.now() - started) / 1000,
    peakKb: Math.max(0, ...peaks),
    processes: peaks.length,
    dist: path.join(root, 'dist'),
  };
}

describe('accepted hostile write-ups, built', () => {
  const ids: string[] = [];
  let build: ReturnType<typeof measuredBuild>;
  beforeAll(
    () => {
      const root = makeFixtureSite('fuzz-build', FIXTURE);
      const accepted = fc
        .sample(hostileWriteUp, { numRuns: 400, seed: 17 })
        .filter((source) => {
          const file = `${DIR}/x.mdx`;
          return (
            validateExperience(file, source, taxonomy).problems.length === 0 && guardWriteUp(file, source).length === 0
          );
        })
        .slice(0, 12);
      // And one the generators may not draw: an aligned table and a task list, which the
      // renderer once wrote as style="text-align: …" (blocked by the CSP) and <input>.
      writeFileSync(
        path.join(root, DIR, 'aligned-table.mdx'),
        writeUpSource(undefined, '| left | centre | right |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n- [x] done\n- [ ] open\n'),
      );
      ids.push('aligned-table');
      accepted.forEach((source, index) => {
        const id = `fuzzed-${index}`;
        ids.push(id);
        writeFileSync(path.join(root, DIR, `${id}.mdx`), source);
      });
      build = measuredBuild(root);
    },
    10 * MAX_SECONDS * 1000,
  );

  it('builds, within 60 s and 2 GB per process', () => {
    console.info(
      `fuzz build: ${build.seconds.toFixed(1)} s, peak ${Math.round(build.peakKb / 1024)} MB in ${build.processes} Node process(es)`,
    );
    expect(build.status, build.output.slice(-3000)).toBe(0);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    expect(build.processes).toBeGreaterThan(0);
    expect(build.peakKb).toBeLessThan(MAX_RSS_KB);
    expect(build.seconds).toBeLessThan(MAX_SECONDS * 2); // the whole fixture site; the 60 s are per file
  });

  it('writes exactly one page per file, with no script, event handler or style attribute anywhere', () => {
    for (const id of ids) expect(statSync(path.join(build.dist, 'experiences', id, 'index.html')).isFile()).toBe(true);
    const pages = filesUnder(build.dist).filter((file) => file.endsWith('.html'));
    for (const file of pages) {
      const tags = startTags(readFileSync(file, 'utf8'));
      const attributes = tags.flatMap((tag) => tag.attributes);
      expect(
        attributes.filter((name) => name.startsWith('on') || name === 'style'),
        file,
      ).toEqual([]);
      if (file.includes(`${path.sep}experiences${path.sep}`))
        expect(
          tags.filter((tag) => tag.tag === 'script'),
          file,
        ).toEqual([]);
    }
  });

  it('aligns table columns by class under the CSP in Chromium, with no violation', { timeout: 60_000 }, async () => {
    const html = readFileSync(path.join(build.dist, 'experiences/aligned-table/index.html'), 'utf8');
    expect(html).toContain('<td class="align-right">3</td>');
    expect(html).not.toMatch(/<input[^>]*checkbox/i);
    expect(html).toContain('<span class="task-box" role="img" aria-label="done">☑</span>');
    const server = await serveStatic(build.dist);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors = collectErrors(page);
      await page.goto(`${server.url}/experiences/aligned-table/`);
      const align = (selector: string) => page.$eval(selector, (element) => getComputedStyle(element).textAlign);
      expect(await align('td.align-right')).toBe('right');
      expect(await align('td.align-center')).toBe('center');
      expect(errors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('writes well-formed XML feeds and sitemaps, and JSON that parses', () => {
    const files = filesUnder(build.dist);
    const xml = files.filter((file) => file.endsWith('.xml'));
    expect(xml.filter((file) => file.endsWith('rss.xml')).length).toBeGreaterThan(2);
    for (const file of xml) expect(xmlError(readFileSync(file, 'utf8')), file).toBeUndefined();
    for (const file of files.filter((name) => name.endsWith('.json') && !name.includes('pagefind')))
      expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
  });
});

describe('the attacks that once exhausted a build', () => {
  it(
    'stop in the pre-build check within seconds, naming each file',
    () => {
      const root = makeFixtureSite('fuzz-build-refused', FIXTURE);
      const attacks: Record<string, string> = {
        'wide-table': `|${'a|'.repeat(3000)}\n|${'-|'.repeat(3000)}\n${'|a|\n'.repeat(8000)}`,
        'deep-emphasis': `${'*a '.repeat(1000)}x${' b*'.repeat(1000)}\n`,
        'deep-list': `${Array.from({ length: 170 }, (_, depth) => `${'  '.repeat(depth)}- level`).join('\n')}\n`,
      };
      for (const [id, body] of Object.entries(attacks))
        writeFileSync(path.join(root, DIR, `${id}.mdx`), writeUpSource(undefined, body));
      const build = measuredBuild(root);
      console.info(`refused build: ${build.seconds.toFixed(1)} s, peak ${Math.round(build.peakKb / 1024)} MB`);
      expect(build.status).not.toBe(0);
      expect(build.output).toContain('Nothing was built.');
      for (const id of Object.keys(attacks)) expect(build.output).toContain(`${DIR}/${id}.mdx:`);
      expect(build.peakKb).toBeLessThan(MAX_RSS_KB);
      expect(build.seconds).toBeLessThan(MAX_SECONDS);
    },
    5 * MAX_SECONDS * 1000,
  );
});
