// Large runs (`npm run bench -- --n 50000 --scale …`): one entry per corpus size
// in bench/results/scale.json (`n50000`, `n100000`), each with its date, machine
// and versions, merged into what the file already holds. A build that fails or
// is stopped at BENCH_MAX_RSS_MB is recorded too, with the phase it got to.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Build phases in the order they start, each with the log line that starts it. */
const PHASES: [string, RegExp][] = [
  ['content sync', /\[content\] Syncing content/],
  ['building static entrypoints', /\[build\] Building static entrypoints/],
  ['page generation', /generating static routes/],
  // Shards are indexed beside page generation; what is left waits in astro:build:done.
  ['search index', /\[pacesetter:search-index\]|Waiting for integration "pacesetter:search-index"|search index/i],
  ['sitemap', /\[@astrojs\/sitemap\]/],
  ['content audit', /\[pacesetter:content-audit\]/],
  ['done', /\[build\] Complete!/],
];
const FIRST_PHASE = 'start-up + content check';

// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** The phase the build was in when its output ended, and its last line. */
export function lastPhase(output: string): { phase: string; line: string } {
  let phase = FIRST_PHASE;
  let line = '';
  for (const raw of stripAnsi(output).split('\n')) {
    const text = raw.trim();
    if (!text) continue;
    line = text;
    for (const [name, pattern] of PHASES) if (pattern.test(text)) phase = name;
  }
  return { phase, line };
}

/**
 * Seconds from each phase's first log line to the next phase's (the first phase
 * from the build's start, the last to its end), from the HH:MM:SS stamps Astro
 * puts on its lines (local time). Phases that interleave (a search index written
 * beside page generation) count from their first line.
 */
export function phaseSeconds(output: string, started: Date, wallSeconds: number): Record<string, number> {
  const startOfDay = started.getHours() * 3600 + started.getMinutes() * 60 + started.getSeconds();
  const starts: [string, number][] = [[FIRST_PHASE, 0]];
  const seen = new Set([FIRST_PHASE]);
  // A line without a stamp (Astro's "generating static routes") takes the last one seen.
  let stamp: RegExpExecArray | null = null;
  for (const raw of stripAnsi(output).split('\n')) {
    stamp = /^(\d\d):(\d\d):(\d\d) /.exec(raw.trim()) ?? stamp;
    if (!stamp) continue;
    for (const [name, pattern] of PHASES) {
      if (seen.has(name) || !pattern.test(raw)) continue;
      seen.add(name);
      let offset = Number(stamp[1]) * 3600 + Number(stamp[2]) * 60 + Number(stamp[3]) - startOfDay;
      if (offset < 0) offset += 24 * 3600; // past midnight
      starts.push([name, Math.min(offset, wallSeconds)]);
    }
  }
  starts.sort((a, b) => a[1] - b[1]);
  return Object.fromEntries(
    starts
      .filter(([name]) => name !== 'done')
      .map(([name, at], index) => [name, Math.max(0, (starts[index + 1]?.[1] ?? wallSeconds) - at)]),
  );
}

/** Why a build ended without a site: the bench's stop line, or the last lines that look like an error. */
export function buildError(output: string, status: number | null): string {
  const lines = stripAnsi(output)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stopped = lines.find((line) => line.startsWith('[bench] stopped'));
  if (stopped) return stopped.replace(/^\[bench\] /, '');
  const errors = lines.filter((line) => /error|fatal|heap|killed|out of memory|ENOMEM/i.test(line));
  const chosen = (errors.length > 0 ? errors : lines).slice(-3).join(' | ');
  return `exit ${status ?? 'signal'}: ${chosen.slice(0, 600)}`;
}

/** Shard counts per language from the build's manifests (`dist/pagefind/shards-<lang>.json`); null without any. */
export function shardSummary(
  dist: string,
): Record<string, { shards: number; pages_min: number; pages_max: number }> | null {
  const directory = path.join(dist, 'pagefind');
  if (!existsSync(directory)) return null;
  const manifests = readdirSync(directory).filter((name) => /^shards-.+\.json$/.test(name));
  if (manifests.length === 0) return null;
  const summary: Record<string, { shards: number; pages_min: number; pages_max: number }> = {};
  for (const name of manifests.sort()) {
    const manifest = JSON.parse(readFileSync(path.join(directory, name), 'utf8')) as {
      lang: string;
      shards: { pages: number }[];
    };
    const pages = manifest.shards.map((shard) => shard.pages);
    summary[manifest.lang] = {
      shards: pages.length,
      pages_min: pages.length > 0 ? Math.min(...pages) : 0,
      pages_max: pages.length > 0 ? Math.max(...pages) : 0,
    };
  }
  return summary;
}

/** Writes `entry` under `key` in the JSON file, keeping every other key it holds; returns the whole file. */
export function recordScale(file: string, key: string, entry: object): Record<string, unknown> {
  let held: Record<string, unknown> = {};
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) held = parsed as Record<string, unknown>;
  }
  const merged = { ...held, [key]: entry };
  const sorted = Object.fromEntries(
    Object.entries(merged).sort(([a], [b]) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, ''))),
  );
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
  return sorted;
}

/**
 * Search shards whose index was finished (and being written) in the site's
 * cache when the build ended: `.astro/cache/search-index/<name>-<key>[.partial]`.
 */
export function shardProgress(site: string): { indexed: number; partial: number } | null {
  const directory = path.join(site, '.astro/cache/search-index');
  if (!existsSync(directory)) return null;
  const entries = readdirSync(directory);
  const partial = entries.filter((name) => name.endsWith('.partial')).length;
  return { indexed: entries.length - partial, partial };
}
