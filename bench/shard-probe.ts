// A probe, not part of `npm run bench`: how close the sharded search's merged
// best-match ranking (src/lib/search/search-merge.ts) stays to one index, and what an
// unscoped cold query costs a reader with one Pagefind instance per shard.
// It indexes the bench corpus's English write-ups straight with Pagefind's Node
// API (`addHTMLFile`: a title and the body, no Astro build), once as one index
// and once as the shards planShards gives, then searches both in Chromium.
//
//   node bench/shard-probe.ts --n 2000 --limit 200
//
// --limit scales the shard size down with the corpus: at N = 2,000 a limit of
// 200 gives about as many shards, as unevenly filled, as the real limit of
// 1,000 gives at N = 10,000 (docs/scaling.md).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import { parse } from 'yaml';
import { mergeResults, type ShardAnswer } from '../src/lib/search/search-merge.ts';
import { planShards } from '../src/lib/search/search-shards.ts';
import { launchBrowser, serveStatic } from '../tests/helpers/browser.ts';
import { PROJECT_ROOT, generateCorpus, searchQueries } from './generate.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '2000' },
    limit: { type: 'string', default: '200' },
    // Search the indexes the last run wrote instead of writing them again.
    reuse: { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const limit = Number(values.limit);
const root = path.join(PROJECT_ROOT, 'bench/.corpus', `shard-probe-${n}`);
const site = path.join(root, 'site');

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A write-up page as Pagefind sees it: the title as h1, headings as h2, the rest as paragraphs. */
function html(title: string, body: string): string {
  const blocks = body
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) =>
      block.startsWith('#')
        ? `<h2>${escape(block.replace(/^#+\s*/, ''))}</h2>`
        : `<p>${escape(block.replace(/<[^>]+>/g, ' '))}</p>`,
    );
  return `<!doctype html><html lang="en"><head><title>${escape(title)}</title></head><body><main data-pagefind-body><h1>${escape(title)}</h1>${blocks.join('')}</main></body></html>`;
}

console.log(`generating ${n} write-ups…`);
const { writeUps } = generateCorpus({ n, out: root });
const english = writeUps
  .filter((writeUp) => writeUp.lang === 'en')
  .map((writeUp) => {
    const text = readFileSync(path.join(root, writeUp.file), 'utf8');
    const [, frontmatter = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
    const data = parse(frontmatter) as { title: string };
    return { ...writeUp, url: `/experiences/${writeUp.id}/`, page: html(data.title, body) };
  });

const plan = planShards(
  'en',
  english.map((writeUp) => ({ id: writeUp.id, sector: writeUp.sector, digest: writeUp.id })),
  { pageLimit: limit },
);
console.log(
  `${english.length} English write-ups; ${plan.shards.length} shards of ${plan.shards.map((s) => s.pages).join(', ')}`,
);

async function writeIndex(records: typeof english, outputPath: string): Promise<number> {
  const began = Date.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(errors.join('; '));
  for (const record of records) {
    const added = await index.addHTMLFile({ url: record.url, content: record.page });
    if (added.errors.length > 0) throw new Error(added.errors.join('; '));
  }
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(written.errors.join('; '));
  await index.deleteIndex();
  return Date.now() - began;
}

if (!values.reuse) {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  writeFileSync(path.join(site, 'index.html'), '<!doctype html><html lang="en"><body></body></html>');
  writeFileSync(path.join(site, '404.html'), '<!doctype html><html lang="en"><body>Not found</body></html>');
  const byId = new Map(english.map((writeUp) => [writeUp.id, writeUp]));
  console.log(`one index: ${await writeIndex(english, path.join(site, 'pagefind'))} ms`);
  let shardMs = 0;
  for (const shard of plan.shards)
    shardMs += await writeIndex(
      shard.ids.map((id) => byId.get(id)!),
      path.join(site, 'shards', shard.name),
    );
  console.log(`${plan.shards.length} shards: ${shardMs} ms`);
  await pagefind.close();
}

/** The part of Pagefind's browser module the probe uses. */
interface PagefindModule {
  search(query: string): Promise<{ results: PagefindResult[]; unfilteredResultCount: number }>;
  mergeIndex(bundlePath: string): Promise<void>;
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<{ url: string }>;
}

interface ProbeShard {
  shard: string;
  pages: number;
  matches: number;
  results: { id: string; score: number; url?: string }[];
}

const server = await serveStatic(site);
const browser = await launchBrowser();
try {
  const queries = searchQueries(1);
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  const found = await page.evaluate(
    async ({ queries, shards }) => {
      const load = (url: string) => import(url) as Promise<PagefindModule>;
      const single = await load('/pagefind/pagefind.js');
      // One module per shard: instances made with createInstance from one module share its
      // WebAssembly glue, and searching several of them failed with "memory access out of
      // bounds" (Pagefind 1.6); each bundle's own pagefind.js has its own.
      const instances = [];
      for (const shard of shards)
        instances.push({ ...shard, instance: await load(`/shards/${shard.name}/pagefind.js`) });
      const out = [];
      for (const query of queries) {
        const one = await single.search(query);
        const top = await Promise.all(one.results.slice(0, 10).map(async (result) => (await result.data()).url));
        const perShard = await Promise.all(
          instances.map(async ({ name, pages, instance }) => {
            const answer = await instance.search(query);
            const results = await Promise.all(
              answer.results.map(async (result, index) => ({
                id: result.id,
                score: result.score,
                url: index < 10 ? (await result.data()).url : undefined,
              })),
            );
            return { shard: name, pages, matches: answer.unfilteredResultCount, results };
          }),
        );
        out.push({ query, matches: one.unfilteredResultCount, top, perShard });
      }
      return out;
    },
    { queries, shards: plan.shards.map(({ name, pages }) => ({ name, pages })) },
  );

  const rows = found.map(({ query, matches, top, perShard }) => {
    const overlap = (normalise: 'idf' | 'none') => {
      const merged = mergeResults(
        perShard as ShardAnswer<ProbeShard['results'][number]>[],
        'relevance',
        () => ({ date: 0, improvement: 0 }),
        normalise,
      )
        .slice(0, 10)
        .map((entry) => entry.hit.url);
      const expected = new Set(top);
      return expected.size === 0
        ? 1
        : merged.filter((url) => url && expected.has(url)).length / Math.min(10, expected.size);
    };
    return { query, matches, idf: overlap('idf'), none: overlap('none') };
  });
  for (const row of rows)
    console.log(
      `${row.query.padEnd(24)} ${String(row.matches).padStart(5)} matches  top-10 overlap idf ${row.idf.toFixed(1)}  raw ${row.none.toFixed(1)}`,
    );
  const mean = (key: 'idf' | 'none') => rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
  console.log(`mean top-10 overlap: idf-normalised ${mean('idf').toFixed(3)}, raw scores ${mean('none').toFixed(3)}`);

  // Cold cost of one query: a fresh browser context each, every request counted.
  // The sector with the most shards, for a sector-scoped query.
  const scopedSector = plan.shards.reduce(
    (best, shard) =>
      plan.shards.filter((other) => other.sector === shard.sector).length >
      plan.shards.filter((other) => other.sector === best).length
        ? shard.sector
        : best,
    plan.shards[0]!.sector,
  );
  const scopedShards = plan.shards.filter((shard) => shard.sector === scopedSector).map((shard) => shard.name);
  for (const mode of ['one index', 'one module per shard', 'mergeIndex', 'scoped (mergeIndex)'] as const) {
    const costs: { requests: number; bytes: number }[] = [];
    for (const query of queries) {
      const context = await browser.newContext();
      const cold = await context.newPage();
      await cold.goto(`${server.url}/`);
      let requests = 0;
      let bytes = 0;
      cold.on('requestfinished', (request) => {
        requests += 1;
        void request.sizes().then((sizes) => (bytes += sizes.responseBodySize + sizes.responseHeadersSize));
      });
      await cold.evaluate(
        async ({ query, mode, shards }) => {
          const load = (url: string) => import(url) as Promise<PagefindModule>;
          if (mode === 'one index') {
            const single = await load('/pagefind/pagefind.js');
            const found = await single.search(query);
            await Promise.all(found.results.slice(0, 1).map((result) => result.data()));
            return;
          }
          if (mode === 'mergeIndex' || mode === 'scoped (mergeIndex)') {
            // Merged indexes share the primary's WebAssembly; results come back re-sorted by raw score.
            const [first, ...rest] = shards;
            const primary = await load(`/shards/${first}/pagefind.js`);
            for (const name of rest) await primary.mergeIndex(`/shards/${name}/`);
            const found = await primary.search(query);
            await Promise.all(found.results.slice(0, 1).map((result) => result.data()));
            return;
          }
          await Promise.all(
            shards.map(async (name) => {
              const instance = await load(`/shards/${name}/pagefind.js`);
              const found = await instance.search(query);
              await Promise.all(found.results.slice(0, 1).map((result) => result.data()));
            }),
          );
        },
        { query, mode, shards: mode.startsWith('scoped') ? scopedShards : plan.shards.map((shard) => shard.name) },
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      costs.push({ requests, bytes });
      await context.close();
    }
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
    console.log(
      `cold query, ${mode === 'scoped (mergeIndex)' ? `scoped to ${scopedSector} (${scopedShards.length} shards)` : `unscoped, ${mode}`}: median ${median(costs.map((c) => c.requests))} requests, ` +
        `${Math.round(median(costs.map((c) => c.bytes)) / 1024)} kB (incl. the page and pagefind.js)`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
