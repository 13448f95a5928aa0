// The /contribute/ form in Chromium: filled with the keyboard, it must open GitHub's
// new-file page carrying a write-up that passes the schema and the MDX guard.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/lib/content/corpus.ts';
import { guardWriteUp } from '../../src/lib/write-up/mdx-guard.ts';
import { validateExperience } from '../../src/lib/content/validate-experience.ts';
import { siteConfig } from '../../src/config/site.ts';
import { collectErrors, serveFixtureSite, type ServedSite } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/site/content');
const taxonomy = loadTaxonomy(path.join(PROJECT_ROOT, 'tests/fixtures/site')).taxonomy!;
let server: ServedSite;

beforeAll(async () => {
  server = await serveFixtureSite('contribute-e2e', FIXTURE);
});

afterAll(() => server?.close());

/** Opens the page with navigation to github.com captured instead of sent. */
async function openForm(pathname = '/contribute/'): Promise<{ page: Page; errors: string[]; github: string[] }> {
  const page = await server.browser.newPage();
  const errors = collectErrors(page);
  const github: string[] = [];
  await page.route('https://github.com/**', (route) => {
    github.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>GitHub stand-in</title>' });
  });
  await page.goto(`${server.url}${pathname}`);
  return { page, errors, github };
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Presses Tab until the control with this id has the focus, as a keyboard user would. */
async function tabTo(page: Page, id: string) {
  for (let presses = 0; presses < 40; presses += 1) {
    if ((await activeId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}; focus is on #${await activeId(page)}`);
}

async function typeInto(page: Page, id: string, text: string) {
  await tabTo(page, id);
  await page.keyboard.insertText(text);
}

describe('the proposal form', () => {
  it('filled with the keyboard, opens GitHub with a valid write-up', async () => {
    const { page, errors, github } = await openForm();
    expect(await page.isVisible('#propose-form')).toBe(true);
    expect(await page.isVisible('[data-propose-nojs]')).toBe(false);

    await page.focus('#f-title');
    await page.keyboard.type('Brick "flow" line: 2 masons, 1 rhythm');
    await tabTo(page, 'f-summary');
    await page.keyboard.type("Two masons and a helper laid bricks in one rhythm and doubled the day's output.");
    await tabTo(page, 'f-sector');
    expect(await page.inputValue('#f-sector')).toBe(''); // "Choose…": nothing is chosen for the person
    await page.keyboard.type('Cons'); // Construction
    expect(await page.inputValue('#f-sector')).toBe('construction');
    // The industry list follows the sector, and still waits for a choice.
    expect(
      await page.$$eval('#f-industry option', (options) =>
        options.map((option) => (option as HTMLOptionElement).value),
      ),
    ).toEqual(['', 'building']);
    expect(await page.inputValue('#f-industry')).toBe('');
    await tabTo(page, 'f-industry');
    await page.keyboard.press('b'); // Building
    await tabTo(page, 'f-measure-kind-0');
    await page.keyboard.press('o'); // Organizational
    await typeInto(page, 'f-measure-title-0', 'Masons work in pairs with one helper');
    await tabTo(page, 'f-measure-kind-1');
    await page.keyboard.press('t'); // Technical
    await typeInto(page, 'f-measure-title-1', 'Mortar trough at hand height');
    await typeInto(page, 'f-metric', 'Bricks laid per shift');
    await typeInto(page, 'f-unit', 'bricks');
    await typeInto(page, 'f-before', '800');
    await typeInto(page, 'f-after', '1600');
    await tabTo(page, 'f-better');
    await page.keyboard.press('h'); // Higher is better
    await tabTo(page, 'f-dimension');
    await page.keyboard.press('m'); // More
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await page.keyboard.press('Enter');

    await page.waitForURL(/^https:\/\/github\.com\//);
    expect(github).toHaveLength(1);
    const url = new URL(github[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(`${siteConfig.repository.url}/new/${siteConfig.repository.branch}`);
    const file = url.searchParams.get('filename')!;
    const source = url.searchParams.get('value')!;
    expect(file).toBe('content/experiences/en/construction/brick-flow-line-2-masons-1-rhythm.mdx');

    const validated = validateExperience(file, source, taxonomy);
    expect(validated.problems).toEqual([]);
    expect(validated.data).toMatchObject({
      title: 'Brick "flow" line: 2 masons, 1 rhythm',
      sector: 'construction',
      industry: 'building',
      status: 'draft',
      measures: [
        { kind: 'organizational', title: 'Masons work in pairs with one helper' },
        { kind: 'technical', title: 'Mortar trough at hand height' },
      ],
      results: [
        {
          metric: 'Bricks laid per shift',
          unit: 'bricks',
          before: 800,
          after: 1600,
          better: 'higher',
          dimension: 'more',
        },
      ],
    });
    expect(guardWriteUp(file, source)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows errors next to the fields, tied to them, and focuses the first', async () => {
    const { page, errors, github } = await openForm();
    await page.focus('#f-title');
    await page.keyboard.type('倪志福钻头');
    await tabTo(page, 'f-before');
    await page.keyboard.type('many');
    await page.keyboard.press('Enter'); // submits the form from a text field

    await page.waitForSelector('#f-id-error:not([hidden])');
    expect(github).toEqual([]);
    expect(await activeId(page)).toBe('f-id');
    expect(await page.getAttribute('#f-id', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-id', 'aria-describedby')).toContain('f-id-error');
    expect(await page.textContent('#f-id-error')).toMatch(/no Latin letters/);
    expect(await page.isVisible('#f-measure-title-0-error')).toBe(true);
    expect(await page.isVisible('#f-before-error')).toBe(true);
    expect(await page.isVisible('#f-sector-error')).toBe(true);
    expect(await page.textContent('#f-better-error')).toBe('Choose whether a higher or a lower figure is better.');
    expect(await page.getAttribute('#f-better', 'aria-describedby')).toContain('f-better-error');
    expect(await page.textContent('#propose-summary')).toMatch(/Please correct \d+ fields/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('leaves choices that change the meaning to the person, and an empty form asks for the title', async () => {
    const { page, errors, github } = await openForm();
    for (const id of ['f-sector', 'f-industry', 'f-measure-kind-0', 'f-better', 'f-dimension']) {
      expect(await page.inputValue(`#${id}`), id).toBe('');
      expect(await page.$eval(`#${id} option`, (option) => option.textContent), id).toBe('Choose…');
    }
    expect(await page.getAttribute('#f-sector', 'required')).not.toBeNull();
    expect(await page.getAttribute('#f-measure-kind-0', 'required')).not.toBeNull();

    await page.click('#propose-form button[type="submit"]');
    await page.waitForSelector('#f-title-error:not([hidden])');
    expect(await page.textContent('#f-title-error')).toBe('The title is required.');
    expect(await page.isVisible('#f-id-error')).toBe(false);
    expect(await activeId(page)).toBe('f-title');

    // A time cut from 10 h to 6.5 h is not turned into a worsening by a default.
    await page.fill('#f-title', 'Shorter changeover');
    await page.selectOption('#f-sector', 'industry');
    await page.selectOption('#f-industry', 'machine-building');
    await page.selectOption('#f-measure-kind-0', 'technical');
    await page.fill('#f-measure-title-0', 'Quick-change jig');
    await page.fill('#f-metric', 'Changeover time');
    await page.fill('#f-unit', 'h');
    await page.fill('#f-before', '10');
    await page.fill('#f-after', '6.5');
    await page.click('#propose-form button[type="submit"]');
    await page.waitForSelector('#f-better-error:not([hidden])');
    expect(github).toEqual([]);
    expect(await page.isVisible('#f-dimension-error')).toBe(true);
    expect(await activeId(page)).toBe('f-better');

    await page.selectOption('#f-better', 'lower');
    await page.selectOption('#f-dimension', 'faster');
    await page.click('#propose-form button[type="submit"]');
    await page.waitForURL(/^https:\/\/github\.com\//);
    const source = new URL(github[0]!).searchParams.get('value')!;
    expect(validateExperience('x.mdx', source, taxonomy).data?.results).toEqual([
      expect.objectContaining({ before: 10, after: 6.5, better: 'lower', dimension: 'faster' }),
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('falls back to a copyable skeleton when the URL would be too long', async () => {
    const { page, errors, github } = await openForm();
    await page.focus('#f-title');
    await page.keyboard.type('A very long proposal');
    await page.selectOption('#f-sector', 'industry');
    await page.selectOption('#f-industry', 'machine-building');
    await page.selectOption('#f-measure-kind-0', 'technical');
    await typeInto(page, 'f-measure-title-0', 'A measure described at great length. '.repeat(150));
    await page.keyboard.press('Enter');

    await page.waitForSelector('#propose-fallback:not([hidden])');
    expect(github).toEqual([]);
    const text = await page.inputValue('#propose-text');
    expect(await page.getAttribute('#propose-text', 'readonly')).not.toBeNull();
    expect(validateExperience('x.mdx', text, taxonomy).problems).toEqual([]);
    const link = new URL((await page.getAttribute('#propose-empty-link', 'href'))!);
    expect(link.searchParams.get('filename')).toBe('content/experiences/en/industry/a-very-long-proposal.mdx');
    expect(link.searchParams.has('value')).toBe(false);
    expect(await page.isVisible('#propose-copy')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('in Chinese, words its errors in Chinese and opens GitHub with a valid Chinese write-up', async () => {
    const { page, errors, github } = await openForm('/zh/contribute/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    expect(await page.textContent('h1')).toBe('投稿：写一篇经验');
    expect(await page.inputValue('#f-lang')).toBe('zh');
    // Sector and industry names come from the taxonomy's Chinese names.
    expect(await page.$eval('#f-sector option:checked', (option) => option.textContent)).toBe('请选择…');
    await page.selectOption('#f-sector', 'industry');
    expect(await page.$$eval('#f-industry option', (options) => options.map((option) => option.textContent))).toContain(
      '机械制造',
    );
    await page.selectOption('#f-industry', 'machine-building');

    // A Chinese title gives no id by itself: the form says so, in Chinese.
    await page.focus('#f-title');
    await page.keyboard.insertText('倪志福钻头：三尖七刃');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#f-id-error:not([hidden])');
    expect(github).toEqual([]);
    expect(await activeId(page)).toBe('f-id');
    expect(await page.textContent('#f-id-error')).toMatch(/请填写标识/);
    expect(await page.textContent('#propose-summary')).toBe('有 2 处需要修改，已在下面标出。');
    await page.selectOption('#f-measure-kind-0', 'technical');
    await page.selectOption('#f-better', 'higher');
    await page.selectOption('#f-dimension', 'more');
    await page.focus('#f-id');

    await page.keyboard.insertText('ni-zhifu-drill');
    await typeInto(page, 'f-summary', '倪志福把钻头磨成三尖七刃，钻头寿命和钻孔效率都提高了好几倍。');
    await typeInto(page, 'f-measure-title-0', '把钻尖磨成三尖七刃');
    await page.selectOption('#f-measure-kind-1', 'organizational'); // 组织措施
    await typeInto(page, 'f-measure-title-1', '老师傅带徒弟，推广新钻型');
    await typeInto(page, 'f-metric', '每个钻头钻孔数');
    await typeInto(page, 'f-unit', '个');
    await typeInto(page, 'f-before', '10');
    await typeInto(page, 'f-after', '40');
    await page.keyboard.press('Enter');

    await page.waitForURL(/^https:\/\/github\.com\//);
    expect(github).toHaveLength(1);
    const url = new URL(github[0]!);
    const file = url.searchParams.get('filename')!;
    const source = url.searchParams.get('value')!;
    expect(file).toBe('content/experiences/zh/industry/ni-zhifu-drill.mdx');
    const validated = validateExperience(file, source, taxonomy);
    expect(validated.problems).toEqual([]);
    expect(validated.data).toMatchObject({
      title: '倪志福钻头：三尖七刃',
      lang: 'zh',
      sector: 'industry',
      industry: 'machine-building',
      measures: [
        { kind: 'technical', title: '把钻尖磨成三尖七刃' },
        { kind: 'organizational', title: '老师傅带徒弟，推广新钻型' },
      ],
      results: [{ metric: '每个钻头钻孔数', unit: '个', before: 10, after: 40, better: 'higher', dimension: 'more' }],
    });
    expect(source).toMatch(/^## 实施经过$/m);
    expect(guardWriteUp(file, source)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without JavaScript, says how to contribute instead of showing a dead form', async () => {
    const context = await server.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/contribute/`);
    expect(await page.isVisible('#propose-form')).toBe(false);
    expect(await page.isVisible('[data-propose-nojs]')).toBe(true);
    const links = await page.$$eval('[data-propose-nojs] a', (anchors) =>
      anchors.map((anchor) => (anchor as HTMLAnchorElement).href),
    );
    expect(links).toContain(`${siteConfig.repository.url}/blob/${siteConfig.repository.branch}/CONTRIBUTING.md`);
    await context.close();
  });
});
