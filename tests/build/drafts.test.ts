// A draft, as `npm run new` writes it: `npm run check` names it with its open TODO:
// count, and the build gives it a noindex page that says it is a draft but keeps it
// out of search, the sitemap, the feeds, the API and every listing.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSearchRecords } from '../../src/integrations/content-audit.ts';
import { buildSite, makeFixtureSite, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';

const ID = 'bricklaying-in-sections';
let build: FixtureBuild;
let check: { status: number | null; output: string };

const page = (file: string) => readFileSync(path.join(build.dist, file), 'utf8');
const htmlFiles = (dir: string, relative = ''): string[] =>
  readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return htmlFiles(dir, child);
    return entry.name.endsWith('.html') ? [child] : [];
  });

beforeAll(() => {
  const root = makeFixtureSite('drafts', path.join(PROJECT_ROOT, 'tests/fixtures/site/content'));
  const run = (script: string, ...args: string[]) => {
    const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', script), '--root', root, ...args], {
      encoding: 'utf8',
      input: '',
    });
    return { status: result.status, output: result.stdout + result.stderr };
  };
  const made = run(
    'new.ts',
    '--title',
    'Bricklaying in sections',
    '--sector',
    'construction',
    '--industry',
    'building',
    '--lang',
    'en',
  );
  expect(made.status, made.output).toBe(0);
  check = run('check.ts');
  build = buildSite(root);
});

describe('a draft written by npm run new', () => {
  it('is named by npm run check with its open TODO: count, as a warning', () => {
    expect(check.status, check.output).toBe(0);
    expect(check.output).not.toMatch(/No problems/);
    expect(check.output).toMatch(
      new RegExp(
        `^warning: content/experiences/en/construction/${ID}\\.mdx:\\d+:1  status  draft with [1-9]\\d* open TODO: placeholder\\(s\\)`,
        'm',
      ),
    );
  });

  it('has a page marked noindex that says it is a draft', () => {
    expect(build.status, build.output).toBe(0);
    const html = page(`experiences/${ID}/index.html`);
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('Draft: this write-up is not yet published.');
    expect(html).not.toContain('data-pagefind-body');
    // Published write-ups are indexed as before.
    expect(page('experiences/fixture-drill/index.html')).not.toContain('name="robots"');
  });

  it('is in no search record, sitemap, feed or API entry', () => {
    const records = readSearchRecords(build.dist) ?? [];
    expect(records.length).toBeGreaterThan(0);
    expect(records.map((record) => record.url).filter((url) => url.includes(ID))).toEqual([]);
    const sitemaps = readdirSync(build.dist).filter((name) => name.startsWith('sitemap'));
    expect(sitemaps.length).toBeGreaterThan(0);
    for (const name of sitemaps) expect(page(name), name).not.toContain(ID);
    expect(page('sitemap-0.xml')).toContain('/experiences/fixture-drill/');
    expect(page('rss.xml')).not.toContain(ID);
    expect(page('sectors/construction/rss.xml')).not.toContain(ID);
    const api = JSON.parse(page('api/experiences.json')) as { count: number; experiences: { id: string }[] };
    expect(api.experiences.map((entry) => entry.id)).not.toContain(ID);
    expect(api.count).toBe(api.experiences.length);
  });

  it('is linked from no page but its own', () => {
    const linking = htmlFiles(build.dist)
      .filter((file) => file !== `experiences/${ID}/index.html`)
      .filter((file) => page(file).includes(`/experiences/${ID}/`));
    expect(linking).toEqual([]);
  });

  it('is accounted for by the content audit: a page, and no search record on purpose', () => {
    expect(build.output).toMatch(
      /en: \d+ write-up file\(s\) \(1 draft\(s\), not searchable\), \d+ page\(s\), \d+ search record\(s\)/,
    );
  });
});
