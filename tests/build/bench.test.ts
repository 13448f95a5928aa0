// Keeps the benchmark from rotting: the synthetic corpus must pass the real
// content check (schema, taxonomy, MDX guard, references), stay deterministic,
// and convert to Starlight pages; a tiny `npm run bench` (Pacesetter only, a
// few queries) must write every figure of the sharded search with sane values;
// a `--scale` run stopped at once must be recorded with the phase it reached.
// No timing is asserted here; `npm run bench` measures (docs/performance.md).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, searchQueries, type CorpusStats, type GeneratedWriteUp } from '../../bench/generate.ts';
import { scopedQueries, summariseSearch, topOverlap, type SearchRound } from '../../bench/search.ts';
import { toStarlightPage } from '../../bench/starlight-site.ts';
import { loadCorpus } from '../../src/lib/content/corpus.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const out = path.join(PROJECT_ROOT, 'tests/.tmp/bench-corpus');
let stats: CorpusStats;
let writeUps: GeneratedWriteUp[];

beforeAll(() => {
  ({ stats, writeUps } = generateCorpus({ n: 30, out, seed: 7 }));
});

describe('the benchmark corpus', () => {
  it('passes the real content check with no problems at all', () => {
    const corpus = loadCorpus(out);
    expect(corpus.problems).toEqual([]);
    expect(corpus.entries).toHaveLength(30);
  });

  it('has both languages, translations, components and the body outline', () => {
    expect(stats.files.en + stats.files.zh).toBe(30);
    expect(stats.files.en).toBeGreaterThan(stats.files.zh);
    expect(stats.files.zh).toBeGreaterThan(0);
    expect(writeUps.some((writeUp) => writeUp.components)).toBe(true);
    expect(stats.words.min).toBeGreaterThanOrEqual(600);
    expect(stats.words.max).toBeLessThanOrEqual(1500);
    const english = readFileSync(path.join(out, writeUps.find((w) => w.lang === 'en')!.file), 'utf8');
    for (const heading of ['## The problem', '## The old way', '## What changed', '## Results', '## How to adopt it'])
      expect(english).toContain(heading);
    expect(english).toMatch(/^\| .* \|$/m);
  });

  it('is the same for the same seed', () => {
    const again = generateCorpus({ n: 30, out: path.join(PROJECT_ROOT, 'tests/.tmp/bench-corpus-again'), seed: 7 });
    expect(again.writeUps.map((writeUp) => writeUp.file)).toEqual(writeUps.map((writeUp) => writeUp.file));
    const first = writeUps[5]!.file;
    expect(readFileSync(path.join(PROJECT_ROOT, 'tests/.tmp/bench-corpus-again', first), 'utf8')).toBe(
      readFileSync(path.join(out, first), 'utf8'),
    );
  });

  it('has a vocabulary of thousands of words, and search queries drawn from it', () => {
    expect(stats.distinctWords).toBeGreaterThan(2000);
    expect(searchQueries(7)).toHaveLength(20);
  });
});

describe('the Starlight side', () => {
  it('keeps title and summary as Starlight frontmatter and replaces our components', () => {
    const withComponents = writeUps.find((writeUp) => writeUp.components)!;
    const page = toStarlightPage(readFileSync(path.join(out, withComponents.file), 'utf8'));
    expect(page).toMatch(/^---\ntitle: .+\ndescription: .+\n---\n/);
    expect(page).not.toMatch(/<(Callout|BeforeAfter|Figure)\b/);
    expect(page).toContain("from '@astrojs/starlight/components'");
    expect(readdirSync(path.join(out, 'content/experiences'))).toEqual(['en', 'zh']);
  });
});

/** Runs scripts/bench.ts on the project's Node, without what Vitest adds to the environment (BASE_URL etc.). */
function bench(args: string[], env: Record<string, string> = {}) {
  const { BASE_URL: _base, MODE: _mode, DEV: _dev, PROD: _prod, SSR: _ssr, ...rest } = process.env;
  return spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/bench.ts'), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...rest, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('the search queries', () => {
  it('scopes each word to a sector of an English write-up that contains it, the same for the same seed', () => {
    const words = searchQueries(7).slice(0, 6);
    const scoped = scopedQueries(words, writeUps, out, 7);
    expect(scopedQueries(words, writeUps, out, 7)).toEqual(scoped);
    const sectors = new Set(writeUps.map((writeUp) => writeUp.sector));
    scoped.forEach((query, index) => {
      expect(query.q).toBe(words[index]);
      expect(query.filters.sector).toHaveLength(1);
      expect(sectors.has(query.filters.sector![0]!)).toBe(true);
      const holders = writeUps.filter(
        (writeUp) =>
          writeUp.lang === 'en' &&
          query.q
            .split(' ')
            .every((word) => new RegExp(`\\b${word}\\b`, 'i').test(readFileSync(path.join(out, writeUp.file), 'utf8'))),
      );
      if (holders.length > 0) expect(holders.map((writeUp) => writeUp.sector)).toContain(query.filters.sector![0]);
    });
  });

  it('measures top-10 overlap against one index by URL', () => {
    expect(topOverlap(['a', 'b', 'c'], ['c', 'a', 'x'])).toBeCloseTo(2 / 3);
    expect(topOverlap(['a'], [])).toBeNull();
    const ten = Array.from({ length: 12 }, (_, index) => `u${index}`);
    expect(topOverlap(ten, ten)).toBe(1);
    expect(topOverlap(ten.slice(2), ten)).toBe(0.8);
  });
});

describe('search figures over rounds', () => {
  const query = (ms: number, count = 1) => ({ ms, count, shards: 1, url: null, bytes: 100, requests: 4, kinds: {} });
  const roundOf = (times: number[]): SearchRound => ({
    cold: times.map((ms) => query(ms)),
    warm: times.map((ms) => query(ms / 10)),
  });

  it('takes medians and the p95 over every query of every round', () => {
    const quiet = roundOf(Array.from({ length: 20 }, (_, index) => 100 + index));
    // Two queries of a round met a pause of the machine: alone, its p95 is the second slowest, a pause.
    const paused = roundOf([...Array.from({ length: 18 }, (_, index) => 100 + index), 900, 950]);
    expect(summariseSearch([quiet]).cold_p95_ms).toBe(118);
    expect(summariseSearch([paused]).cold_p95_ms).toBe(900);
    const both = summariseSearch([quiet, paused]);
    expect(both.rounds).toBe(2);
    expect(both.queries).toBe(20);
    // 40 times: the p95 is the 38th, the third slowest.
    expect(both.cold_p95_ms).toBe(119);
    expect(both.cold_median_ms).toBe(109);
    expect(both.warm_p95_ms).toBe(11.9);
  });
});

interface Figures {
  [key: string]: number;
}

describe('npm run bench, tiny', () => {
  const dir = path.join(PROJECT_ROOT, 'tests/.tmp/bench-run');
  const file = path.join(dir, 'latest.json');
  let run: ReturnType<typeof bench>;

  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    run = bench([
      '--n',
      '40',
      '--seed',
      '3',
      '--skip-starlight',
      '--skip-rebuild',
      '--queries',
      '5',
      '--search-rounds',
      '2',
      '--dir',
      dir,
      '--out',
      file,
    ]);
  }, 300_000);

  it('writes the sharded search figures, unscoped and scoped, with sane values', () => {
    expect(run.status, `${run.stdout}\n${run.stderr}`.slice(-4000)).toBe(0);
    const result = JSON.parse(readFileSync(file, 'utf8')) as {
      pacesetter: { shards: Record<string, { shards: number }>; search: Record<string, unknown> };
    };
    expect(result.pacesetter.shards.en!.shards).toBeGreaterThanOrEqual(1);
    const search = result.pacesetter.search;
    for (const set of ['unscoped', 'scoped', 'single_unscoped']) {
      const figures = search[set] as Figures;
      for (const key of [
        'cold_median_ms',
        'cold_p95_ms',
        'warm_median_ms',
        'warm_p95_ms',
        'cold_bytes_median',
        'warm_bytes_median',
        'warm_bytes_p95',
        'cold_requests_median',
        'warm_requests_median',
        'results_median',
        'shards_median',
      ])
        expect(Number.isFinite(figures[key]), `${set}.${key}`).toBe(true);
      expect(figures.cold_median_ms).toBeGreaterThan(0);
      expect(figures.cold_p95_ms).toBeGreaterThanOrEqual(figures.cold_median_ms!);
      expect(figures.cold_requests_median).toBeGreaterThanOrEqual(3);
      expect(figures.cold_bytes_median).toBeGreaterThan(figures.warm_bytes_median!);
      expect(figures.shards_median).toBeGreaterThanOrEqual(1);
      // The figures of the two systems come from --search-rounds rounds; the one-index comparison from one.
      expect(figures.rounds, `${set}.rounds`).toBe(set === 'single_unscoped' ? 1 : 2);
    }
    const unscoped = search.unscoped as Figures;
    const scoped = search.scoped as Figures;
    expect(scoped.shards_median).toBeLessThanOrEqual(unscoped.shards_median!);
    expect((search.single_unscoped as Figures).shards_median).toBe(1);
    // Every scoped query is narrowed to a sector with a write-up containing its words: it finds something.
    expect(scoped.results_median).toBeGreaterThan(0);
    for (const key of ['top10_overlap', 'top10_overlap_min', 'top10_overlap_raw', 'top10_overlap_raw_min']) {
      expect(search[key], key).toBeGreaterThanOrEqual(0);
      expect(search[key], key).toBeLessThanOrEqual(1);
    }
    expect(search.top10_overlap_min).toBeLessThanOrEqual(search.top10_overlap as number);
    // The sharded search answers as one index does: the same totals and facet counts for every
    // query, and the same sort keys in the same order for the date and improvement sorts.
    for (const key of ['sorted_top20_equal', 'totals_equal', 'counts_equal']) expect(search[key], key).toBe(true);
    expect((search.overlap as { sorted: unknown[] }).sorted.length).toBeGreaterThan(0);
  });
});

describe('npm run bench --scale', () => {
  it('records a stopped build with the phase it reached, keeping the other sizes', () => {
    const dir = path.join(PROJECT_ROOT, 'tests/.tmp/bench-scale');
    const file = path.join(dir, 'scale.json');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify({ n100000: { wall_s: 1, peak_rss_mb: 2 } }));
    const run = bench(
      ['--n', '20', '--skip-starlight', '--skip-search', '--skip-rebuild', '--scale', '--dir', dir, '--out', file],
      { BENCH_MAX_RSS_MB: '1' },
    );
    expect(run.status).toBe(1);
    const scale = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(scale)).toEqual(['n20', 'n100000']);
    expect(scale.n100000).toEqual({ wall_s: 1, peak_rss_mb: 2 });
    const entry = scale.n20!;
    expect(entry.stopped_at).toBe('start-up + content check');
    expect(entry.error).toMatch(/stopped: the process tree passed 1 MB/);
    expect(entry.wall_s).toBeGreaterThan(0);
    expect(entry.peak_rss_mb).toBeGreaterThan(1);
    expect(entry).toHaveProperty('machine.cpus');
    expect(entry).toHaveProperty('versions.pagefind');
    expect(entry).toHaveProperty('date');
  });
});
