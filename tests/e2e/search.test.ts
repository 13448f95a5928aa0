// Search in a real browser (Debian's Chromium), against the search fixture built
// once with the project's real config, Content Security Policy included.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, serveFixtureSite, type ServedSite } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/search/content');
const DRILL = 'Drill geometry that outlasts the old bits';
const WAGONS = 'Wagon turnaround in the shunting yard';
const PLANTING = 'Close planting of winter wheat';

let server: ServedSite;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await serveFixtureSite('search-e2e', FIXTURE);
  page = await server.browser.newPage();
  errors = collectErrors(page);
});

afterAll(() => server?.close());

const titles = () => page.locator('.result-title a').allTextContents();
const summary = () => page.locator('[data-search-summary]').textContent();
const checkbox = (facet: string, value: string) =>
  page.locator(`input[type="checkbox"][name="${facet}"][value="${value}"]`);
/** The count shown next to a facet value, or null when the value is hidden. */
const facetCount = async (facet: string, value: string) => {
  const option = page.locator('[data-facet-option]').filter({ has: checkbox(facet, value) });
  return (await option.isVisible()) ? option.locator('[data-facet-count]').textContent() : null;
};
const search = () => new URL(page.url()).search;
/** After a page load the search code and index must load first: on a busy machine that takes seconds. */
const LOADED = { timeout: 10_000 };

describe('the search page', () => {
  it('shows the write-ups matching a typed query, a title match above a body mention', async () => {
    await page.goto(`${server.url}/search/`);
    await expect.poll(summary, LOADED).toBe('All 3 write-ups');
    // The menu says the order the list is in: newest first, as there is nothing to match yet.
    expect(await page.locator('#search-sort').inputValue()).toBe('newest');
    expect(await page.locator('#search-sort option[value="relevance"]').isDisabled()).toBe(true);
    // Without a query a card shows the write-up's summary, not the start of the page.
    await expect
      .poll(() => page.locator('.result-excerpt').allTextContents())
      .toContain(
        'A search fixture about a drill point ground with three tips and seven edges, so bits stopped burning out.',
      );
    await page.locator('#search-q').focus();
    await page.keyboard.type('drill');
    await expect.poll(titles).toEqual([DRILL, WAGONS]);
    expect(await page.locator('.result .headline').first().textContent()).toBe('Bits burned per shift: 3 bits (−75%)');
    expect(await page.locator('.result .meta').first().textContent()).toBe(
      'Industry · Machine building · Fixture Machinery Works · 1953',
    );
    await expect.poll(search).toBe('?q=drill');
    expect(await page.locator('#search-sort').inputValue()).toBe('relevance');
    // The excerpt comes from the account, never a repeat of the title (which the card shows).
    for (const excerpt of await page.locator('.result-excerpt').allTextContents()) {
      expect(excerpt).not.toContain(DRILL);
      expect(excerpt).not.toContain(WAGONS);
    }
  });

  it('shows each facet value with its count, hiding values that would give nothing', async () => {
    await expect.poll(() => facetCount('sector', 'industry')).toBe('1');
    expect(await facetCount('sector', 'transport')).toBe('1');
    expect(await facetCount('sector', 'agriculture')).toBeNull();
    expect(await facetCount('industry', 'railways')).toBe('1');
    expect(await page.locator('fieldset[data-facet="sector"] legend').textContent()).toBe('Sector');
  });

  it('narrows to one sector with the keyboard, keeping the other sector’s count to add it back', async () => {
    await checkbox('sector', 'transport').focus();
    await page.keyboard.press('Space');
    await expect.poll(titles).toEqual([WAGONS]);
    expect(search()).toBe('?q=drill&sector=transport');
    expect(await summary()).toBe('1 write-up matches');
    // Values of the selected facet are counted without that selection.
    expect(await facetCount('sector', 'industry')).toBe('1');
    // Other facets are counted within it.
    expect(await facetCount('industry', 'machine-building')).toBeNull();
  });

  it('restores the query and filters from a shared URL on reload', async () => {
    await page.reload();
    await expect.poll(titles).toEqual([WAGONS]);
    expect(await page.locator('#search-q').inputValue()).toBe('drill');
    expect(await checkbox('sector', 'transport').isChecked()).toBe(true);
    expect(await checkbox('sector', 'industry').isChecked()).toBe(false);
  });

  it('goes back to the previous search with the back button, and forward again', async () => {
    await page.goBack();
    await expect.poll(titles).toEqual([DRILL, WAGONS]);
    expect(search()).toBe('?q=drill');
    expect(await checkbox('sector', 'transport').isChecked()).toBe(false);
    await page.goForward();
    await expect.poll(titles).toEqual([WAGONS]);
    expect(await checkbox('sector', 'transport').isChecked()).toBe(true);
  });

  it('says plainly when nothing matches, and invites a proposal', async () => {
    await page.goto(`${server.url}/search/?q=drill&sector=agriculture`);
    await expect.poll(summary).toBe('No write-ups match — try removing a filter');
    expect(await titles()).toEqual([]);
    const propose = page.locator('[data-search-empty] a');
    expect(await propose.isVisible()).toBe(true);
    expect(await propose.textContent()).toBe('propose one');
    expect(await propose.getAttribute('href')).toBe('/contribute/');
    // Without a filter, the page does not tell the reader to remove one.
    await page.goto(`${server.url}/search/?q=zzzqqq`);
    await expect.poll(summary, LOADED).toBe('No write-ups match “zzzqqq” — try other or fewer words');
  });

  it('ignores a facet value the site does not have, visibly, instead of filtering to nothing', async () => {
    await page.goto(`${server.url}/search/?sector=space&sector=transport`);
    await expect.poll(titles, LOADED).toEqual([WAGONS]);
    expect(await page.locator('[data-search-unknown]').textContent()).toBe(
      'Ignored filters this site does not have: Sector “space”.',
    );
    expect(search()).toBe('?sector=transport');
    expect(await checkbox('sector', 'transport').isChecked()).toBe(true);
  });

  it('sorts by size of improvement (gains from zero first, no figures last) and by date', async () => {
    await page.goto(`${server.url}/search/?q=fixture&sort=improvement`);
    await expect.poll(titles).toEqual([WAGONS, DRILL, PLANTING]);
    expect(await page.locator('#search-sort').inputValue()).toBe('improvement');
    await page.locator('#search-sort').selectOption('oldest');
    await expect.poll(titles).toEqual([DRILL, PLANTING, WAGONS]);
    expect(search()).toBe('?q=fixture&sort=oldest');
  });

  it('still finds a write-up when the last letter of a word is mistyped', async () => {
    await page.goto(`${server.url}/search/?q=drilk`);
    await expect.poll(titles).toEqual([DRILL, WAGONS]);
    expect(await page.locator('[data-search-note]').textContent()).toBe(
      'Nothing matched “drilk”; showing results for “dril”.',
    );
  });
});

describe('a sharded index (one shard per sector here)', () => {
  it('shows a query within a sector from that sector’s shard alone; the other sectors’ counts follow', async () => {
    const context = await server.browser.newContext();
    const fresh = await context.newPage();
    const shardsRequested: string[] = [];
    const filesRequested: string[] = [];
    fresh.on('request', (request) => {
      filesRequested.push(new URL(request.url()).pathname);
      const shard = /\/pagefind\/en\/([^/]+)\//.exec(request.url())?.[1];
      if (shard) shardsRequested.push(shard);
    });
    // Holds back the merged index, which counts the sector facet: the results must not wait for it.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await fresh.route('**/pagefind/en/all-*/**', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await fresh.goto(`${server.url}/search/?q=drill&sector=transport`);
      await expect.poll(() => fresh.locator('.result-title a').allTextContents(), LOADED).toEqual([WAGONS]);
      expect(new Set(shardsRequested.filter((shard) => !shard.startsWith('all-')))).toEqual(
        new Set(['en-transport-1of1']),
      );
      // A merged shard's entry comes with the shard list: the shard starts with its metadata.
      expect(filesRequested).not.toContain('/pagefind/en/en-transport-1of1/pagefind-entry.json');
      expect(
        filesRequested.some((file) => /^\/pagefind\/en\/en-transport-1of1\/pagefind\.en_\w+\.pf_meta$/.test(file)),
      ).toBe(true);
      const option = (sector: string) =>
        fresh.locator('[data-facet-option]').filter({ has: fresh.locator(`input[name="sector"][value="${sector}"]`) });
      // The page was built with every sector's count; "drill" has no agriculture write-up, so the
      // agriculture count disappears once the sector facet has been counted for the query.
      expect(await option('agriculture').isVisible()).toBe(true);
      release();
      // Counting the sector facet without its selection searches the whole language: the
      // merged index, not every shard.
      await expect.poll(() => option('agriculture').isVisible(), LOADED).toBe(false);
      expect(await option('industry').locator('[data-facet-count]').textContent()).toBe('1');
      expect(shardsRequested.some((shard) => /^all-[0-9a-f]{16}$/.test(shard))).toBe(true);
      expect(shardsRequested).not.toContain('en-industry-1of1');
      // The sector selection is the choice of shards; Pagefind is not asked to filter by it again.
      expect(filesRequested.filter((file) => file.endsWith('.pf_filter'))).toEqual([]);
    } finally {
      release();
      await context.close();
    }
  });
});

describe('a search within a sector', () => {
  /**
   * Searches the industry sector for `query` in a page that counts the calls of two
   * WebAssembly functions of Pagefind's runtime; once the drill write-up shows, the counts.
   */
  const callsWhileSearching = async (query: string) => {
    const context = await server.browser.newContext();
    await context.addInitScript(() => {
      const calls: Record<string, number> = {};
      Object.assign(window, { wasmCalls: calls });
      const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (...args: unknown[]) => Promise<unknown>;
      // Given bytes (as Pagefind gives it), instantiate answers with the module and its instance.
      const counting = async (...args: unknown[]) => {
        const result = (await instantiate(...args)) as Partial<WebAssembly.WebAssemblyInstantiatedSource>;
        if (!result.instance) return result;
        // A copy of the exports (which are frozen), two of them counting their calls.
        const exports = Object.fromEntries(
          Object.entries(result.instance.exports).map(([name, value]) => [
            name,
            typeof value === 'function' && ['search', 'enter_playground_mode'].includes(name)
              ? (...values: unknown[]) => {
                  calls[name] = (calls[name] ?? 0) + 1;
                  return (value as (...values: unknown[]) => unknown)(...values);
                }
              : value,
          ]),
        );
        return { module: result.module, instance: { exports } };
      };
      WebAssembly.instantiate = counting as unknown as typeof WebAssembly.instantiate;
    });
    try {
      const counted = await context.newPage();
      await counted.goto(`${server.url}/search/?q=${query}&sector=industry`);
      await expect.poll(() => counted.locator('.result-title a').allTextContents(), LOADED).toEqual([DRILL]);
      return await counted.evaluate(() => ({
        ...(window as unknown as { wasmCalls: Record<string, number> }).wasmCalls,
      }));
    } finally {
      await context.close();
    }
  };

  it('of one word is answered from the word locations when each shard matched the word itself', async () => {
    // "drill" is a word of the industry write-up: its shard matched the word itself, so it
    // matched every word starting with it, as one index over all sectors does.
    const made = await callsWhileSearching('drill');
    expect(made.search).toBeGreaterThan(0);
    // Never asked which words each result matched (Pagefind's playground mode).
    expect(made.enter_playground_mode ?? 0).toBe(0);
  });

  it('of one word asks which words each result matched when a shard fell back to a shorter word', async () => {
    // No write-up has "drillx": the industry shard falls back to "drill", which a location's
    // score cannot prove one index's; asked, the words show that one index over every
    // sector falls back to "drill" as well.
    expect((await callsWhileSearching('drillx')).enter_playground_mode).toBeGreaterThan(0);
  });

  it('of several words is answered from a probe of each word when the shard holds each itself', async () => {
    // "drill" and "steel" are both words of the industry write-up: probed alone, each
    // matched itself, so the shard matched every word starting with either.
    const made = await callsWhileSearching('drill+steel');
    // The query, then a probe of each word.
    expect(made.search).toBeGreaterThanOrEqual(3);
    expect(made.enter_playground_mode ?? 0).toBe(0);
  });

  it('of several words asks which words each result matched when a probe found only a shorter word', async () => {
    // No write-up has "steelx": the shard falls back to "steel", as one index over every sector does.
    expect((await callsWhileSearching('drill+steelx')).enter_playground_mode).toBeGreaterThan(0);
  });
});

describe('the first search on a page', () => {
  it('fetches the index entry, metadata and WebAssembly at once, each once, before Pagefind asks for them', async () => {
    const context = await server.browser.newContext();
    const fresh = await context.newPage();
    const requested: string[] = [];
    fresh.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/pagefind/')) requested.push(url.pathname + url.search);
    });
    try {
      await fresh.goto(`${server.url}/search/?q=drill`);
      await expect.poll(() => fresh.locator('.result-title a').allTextContents(), LOADED).toEqual([DRILL, WAGONS]);
      const atRoot = requested.filter((file) => /^\/pagefind\/(pagefind-entry\.json|[^/]+\.pf_meta|wasm\.)/.test(file));
      // The search page's own fetch of the entry has no cache-busting query; Pagefind's, were it made, would.
      expect(atRoot.filter((file) => file.startsWith('/pagefind/pagefind-entry.json'))).toEqual([
        '/pagefind/pagefind-entry.json',
      ]);
      // The files the entry names are the ones Pagefind then loads: none is asked for twice.
      expect(atRoot.filter((file) => file.endsWith('.pf_meta'))).toHaveLength(1);
      expect(atRoot.filter((file) => file.startsWith('/pagefind/wasm.'))).toEqual(['/pagefind/wasm.en.pagefind']);
    } finally {
      await context.close();
    }
  });
});

describe('facet counts over a sharded index', () => {
  it('come from the facet table of the index searched, without Pagefind’s filter files or a second search', async () => {
    const context = await server.browser.newContext();
    const fresh = await context.newPage();
    const requested: string[] = [];
    fresh.on('request', (request) => requested.push(new URL(request.url()).pathname));
    try {
      await fresh.goto(`${server.url}/search/?q=drill`);
      const count = (key: string, value: string) =>
        fresh
          .locator(`fieldset[data-facet="${key}"] [data-facet-option]`)
          .filter({ has: fresh.locator(`input[value="${value}"]`) })
          .locator('[data-facet-count]')
          .textContent();
      // The page was built counting all three write-ups (two technical); "drill" finds two, one of each kind.
      await expect.poll(() => count('measure', 'technical'), LOADED).toBe('1');
      expect(await count('measure', 'organizational')).toBe('1');
      expect(await count('sector', 'industry')).toBe('1');
      expect(await count('industry', 'railways')).toBe('1');
      expect(requested.filter((file) => file.endsWith('.pf_filter'))).toEqual([]);
      // A query over the whole language is searched in the merged index: its one table, and no
      // other shard than the first, which Pagefind loads as its primary index.
      expect(requested.filter((file) => /\/pacesetter-facets\.en\.bin$/.test(file))).toEqual([
        expect.stringMatching(/^\/pagefind\/en\/all-[0-9a-f]{16}\/pacesetter-facets\.en\.bin$/),
      ]);
      expect(requested.filter((file) => file.startsWith('/pagefind/en/en-'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('stay on the shards for a sorted search, which the merged index cannot sort', async () => {
    const context = await server.browser.newContext();
    const fresh = await context.newPage();
    const requested: string[] = [];
    fresh.on('request', (request) => requested.push(new URL(request.url()).pathname));
    try {
      await fresh.goto(`${server.url}/search/?q=drill&sort=newest`);
      await expect.poll(() => fresh.locator('.result-title a').allTextContents(), LOADED).toEqual([WAGONS, DRILL]);
      expect(requested.some((file) => file.startsWith('/pagefind/en/en-industry-1of1/'))).toBe(true);
      expect(requested.filter((file) => file.startsWith('/pagefind/en/all-'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('searching from other pages', () => {
  it('reaches results from the header search on a write-up page, by originator name', async () => {
    await page.goto(`${server.url}/experiences/search-drill-geometry/`);
    await page.locator('#header-search-q').fill('Zhang Pinyao');
    await page.locator('#header-search-q').press('Enter');
    await page.waitForURL(/\/search\/\?q=Zhang\+Pinyao$/);
    await expect.poll(titles).toEqual([WAGONS]);
    expect(await page.locator('#search-q').inputValue()).toBe('Zhang Pinyao');
  });

  it('opens a sector’s write-ups from “Search within this sector”', async () => {
    await page.goto(`${server.url}/sectors/transport/`);
    await page.getByRole('link', { name: 'Search within this sector' }).click();
    await page.waitForURL(/\/search\/\?sector=transport$/);
    await expect.poll(titles).toEqual([WAGONS]);
    expect(await checkbox('sector', 'transport').isChecked()).toBe(true);
  });

  it('ran without a console error or a CSP violation', () => {
    expect(errors).toEqual([]);
  });
});
