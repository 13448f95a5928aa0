// The Chinese site beside the English one, built from the fixture site.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, distFile, PROJECT_ROOT, type FixtureBuild } from '../helpers/fixture-site.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/site/content');
let build: FixtureBuild;
const page = (file: string) => readFileSync(distFile(build, file), 'utf8');
const languageSwitch = (html: string) => /<a class="lang-switch" href="([^"]+)"/.exec(html)?.[1];

beforeAll(() => {
  build = buildFixture('bilingual', FIXTURE, { PACESETTER_TODAY: '2026-11-26' });
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
});

describe('the Chinese site', () => {
  it('has the same pages as the English one, with <html lang="zh-Hans">', () => {
    for (const file of [
      '',
      'sectors/',
      'sectors/health/',
      'sectors/industry/mining/',
      'search/',
      'review/',
      'about/',
    ]) {
      expect(page(`${file}index.html`), file).toMatch(/^<!DOCTYPE html><html lang="en"/i);
      expect(page(`zh/${file}index.html`), `zh/${file}`).toMatch(/^<!DOCTYPE html><html lang="zh-Hans"/i);
    }
  });

  // One route file serves both languages (src/pages/[...lang]/): every page and feed has its
  // twin, and each page's language is the one its address names, whatever the route.
  it('pairs every page and feed with its twin, each in the language of its address', () => {
    const files = readdirSync(build.dist, { recursive: true, encoding: 'utf8' })
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => /(index\.html|rss\.xml)$/.test(file) && !file.startsWith('pagefind/'));
    const chinese = new Set(files.filter((file) => file.startsWith('zh/')).map((file) => file.slice('zh/'.length)));
    const english = new Set(files.filter((file) => !file.startsWith('zh/')));
    // Write-ups are the exception: each language has the write-ups written in it.
    const shared = (file: string) => !file.startsWith('experiences/');
    expect([...english].filter(shared).sort()).toEqual([...chinese].filter(shared).sort());
    expect(english).toContain('sectors/industry/rss.xml');
    expect(chinese).toContain('sectors/industry/rss.xml');
    for (const file of files.filter((name) => name.endsWith('.html'))) {
      expect(page(file), file).toMatch(file.startsWith('zh/') ? /<html lang="zh-Hans"/ : /<html lang="en"/);
    }
    expect(page('zh/rss.xml')).toContain('<language>zh-Hans</language>');
    expect(page('rss.xml')).toContain('<language>en</language>');
    expect(page('zh/sectors/industry/rss.xml')).toContain('<language>zh-Hans</language>');
  });

  it('speaks Chinese: UI strings and sector names from the taxonomy', () => {
    const html = page('zh/sectors/industry/index.html');
    expect(html).toContain('<h1>工业</h1>');
    expect(html).toContain('机械制造');
    expect(html).toContain('在本部门内搜索');
  });

  it('writes a page for every Chinese write-up, including one without an English original', () => {
    expect(page('zh/experiences/fixture-drill/index.html')).toContain('ZH_BODY_MARKER');
    expect(existsSync(distFile(build, 'zh/experiences/fixture-zh-only/index.html'))).toBe(true);
    expect(existsSync(distFile(build, 'experiences/fixture-zh-only/index.html'))).toBe(false);
  });
});

describe('switching language', () => {
  it('links a write-up and its translation both ways, with hreflang alternates', () => {
    const english = page('experiences/fixture-drill/index.html');
    const chinese = page('zh/experiences/fixture-drill/index.html');
    expect(languageSwitch(english)).toBe('/zh/experiences/fixture-drill/');
    expect(languageSwitch(chinese)).toBe('/experiences/fixture-drill/');
    expect(english).toContain(
      '<link rel="alternate" hreflang="zh-Hans" href="https://pacesetter.example.org/zh/experiences/fixture-drill/">',
    );
  });

  it('sends a write-up without a translation to the other language’s sector page, and says so', () => {
    const english = page('experiences/fixture-bricklaying/index.html');
    expect(languageSwitch(english)).toBe('/zh/sectors/construction/');
    expect(english).toContain('This write-up has no Chinese translation yet.');
    expect(english).not.toContain('hreflang="zh-Hans" href=');
    const chineseOnly = page('zh/experiences/fixture-zh-only/index.html');
    expect(languageSwitch(chineseOnly)).toBe('/sectors/construction/');
    expect(chineseOnly).toContain('这篇经验还没有英文版。');
  });

  it('links every other page to its twin', () => {
    expect(languageSwitch(page('sectors/health/index.html'))).toBe('/zh/sectors/health/');
    expect(languageSwitch(page('zh/review/index.html'))).toBe('/review/');
  });
});

describe('translation status', () => {
  it('flags a translation whose original was reviewed after it was translated', () => {
    const html = page('zh/experiences/fixture-drill/index.html');
    expect(html).toContain('英文原文在这篇译文之后有过改动（原文改动于 2026-01-15，翻译于 2026-01-01）');
    expect(html).toContain('<a href="/experiences/fixture-drill/" hreflang="en">Fixture drill geometry</a>');
  });
});

describe('search per language', () => {
  it('writes a search index per language, each split into shards that hold every write-up once', () => {
    const pagesIn = (lang: string) =>
      (JSON.parse(page(`pagefind/shards-${lang}.json`)) as { shards: { pages: number }[] }).shards.reduce(
        (sum, shard) => sum + shard.pages,
        0,
      );
    expect(pagesIn('en')).toBe(3);
    expect(pagesIn('zh')).toBe(2);
    // Pagefind's own entry at the root names both languages (their first shards).
    const entry = JSON.parse(page('pagefind/pagefind-entry.json')) as { languages: Record<string, unknown> };
    expect(Object.keys(entry.languages).sort()).toEqual(['en', 'zh-hans']);
  });
});
