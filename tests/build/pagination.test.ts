// A sector with more write-ups than fit on one page gets numbered pages.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../src/lib/catalog/pagination.ts';
import { buildFixture, distFile, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';
import { validFrontmatter, writeUpSource } from '../helpers/write-up.ts';

const COUNT = PAGE_SIZE + 5;
let build: FixtureBuild;
const page = (file: string) => readFileSync(distFile(build, file), 'utf8');

beforeAll(() => {
  const content = path.join(PROJECT_ROOT, 'tests/.tmp/pagination-content');
  rmSync(content, { recursive: true, force: true });
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/site/content/sectors.yaml'), path.join(content, 'sectors.yaml'));
  for (const lang of ['en', 'zh']) {
    mkdirSync(path.join(content, `experiences/${lang}/industry`), { recursive: true });
    for (let index = 1; index <= COUNT; index += 1) {
      const id = `paged-${String(index).padStart(2, '0')}`;
      const title = lang === 'en' ? `Paged write-up ${id}` : `分页经验 ${id}`;
      const frontmatter = { ...validFrontmatter(), lang, title, period: String(1900 + index) };
      writeFileSync(path.join(content, `experiences/${lang}/industry/${id}.mdx`), writeUpSource(frontmatter));
    }
  }
  build = buildFixture('pagination', content);
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
});

describe('long lists', () => {
  it('shows the first page of a sector with links to the next', () => {
    const html = page('sectors/industry/index.html');
    expect(html.match(/<li class="card">/g)).toHaveLength(PAGE_SIZE);
    expect(html).toContain('href="/sectors/industry/page/2/" rel="next"');
    expect(html).toContain(`${COUNT} write-ups`);
  });

  it('puts the rest on page 2, newest first across pages, with a link back', () => {
    const first = page('sectors/industry/index.html');
    const second = page('sectors/industry/page/2/index.html');
    expect(second.match(/<li class="card">/g)).toHaveLength(COUNT - PAGE_SIZE);
    expect(second).toContain('href="/sectors/industry/" rel="prev"');
    expect(second).toContain('<title>Industry · page 2 of 2 · Pacesetter</title>');
    expect(first).toContain('Paged write-up paged-29');
    expect(second).toContain('Paged write-up paged-01');
    expect(first).not.toContain('Paged write-up paged-01');
  });

  it('pages industries the same way', () => {
    expect(page('sectors/industry/machine-building/page/2/index.html')).toContain('Paged write-up paged-01');
  });

  // The numbered pages of both languages come from one route file (src/pages/[...lang]/).
  it('pages the Chinese lists the same way, in Chinese', () => {
    const sector = page('zh/sectors/industry/page/2/index.html');
    expect(sector).toMatch(/<html lang="zh-Hans"/);
    expect(sector).toContain('href="/zh/sectors/industry/" rel="prev"');
    expect(sector).toContain('分页经验 paged-01');
    expect(sector).not.toContain('Paged write-up');
    const industry = page('zh/sectors/industry/machine-building/page/2/index.html');
    expect(industry).toMatch(/<html lang="zh-Hans"/);
    expect(industry).toContain('分页经验 paged-01');
  });
});
