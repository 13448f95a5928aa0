// Measures one `astro build`: wall time and the peak resident memory of the whole
// process tree (Node, its workers' processes and the Pagefind binary), polled from
// /proc every 100 ms. `/usr/bin/time -v` reports the largest single process only.
//
//   node bench/measure.ts <site dir> [log file]     (a full build: caches removed first)
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Forgets every build cache, so the next build is a full one. */
export function cleanBuild(site: string) {
  for (const entry of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite'])
    rmSync(path.join(site, entry), { recursive: true, force: true });
}

export interface Measured {
  wall_s: number;
  peak_rss_mb: number;
  status: number | null;
  output: string;
}

const PAGE_SIZE = 4096;

/** Sums the resident memory of `root` and all its descendants, read from /proc. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: fields start after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
    } catch {
      // ended
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Runs `astro build` in `site`. With `maxRssMb`, a build whose process tree grows
 * past it is stopped (its own process group only) and reported with status null,
 * so an oversized run cannot push a shared machine into the out-of-memory killer.
 */
export function measureBuild(
  site: string,
  logFile: string,
  env: Record<string, string> = {},
  maxRssMb = Number(process.env.BENCH_MAX_RSS_MB ?? 0),
): Promise<Measured> {
  const astro = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
  const started = performance.now();
  const child = spawn(process.execPath, [astro, 'build'], {
    cwd: site,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a stopped build takes Pagefind and any workers with it.
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    appendFileSync(logFile, text);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let peak = 0;
  let stopped = false;
  const poll = setInterval(() => {
    if (!child.pid) return;
    peak = Math.max(peak, treeRss(child.pid));
    if (maxRssMb > 0 && peak > maxRssMb * 1024 * 1024 && !stopped) {
      stopped = true;
      keep(Buffer.from(`\n[bench] stopped: the process tree passed ${maxRssMb} MB\n`));
      process.kill(-child.pid, 'SIGKILL');
    }
  }, 100);
  return new Promise((resolve) => {
    child.on('close', (status) => {
      clearInterval(poll);
      resolve({
        wall_s: round((performance.now() - started) / 1000, 2),
        peak_rss_mb: round(peak / 1024 / 1024, 0),
        status,
        output,
      });
    });
  });
}

if (import.meta.main) {
  const site = path.resolve(process.argv[2] ?? '.');
  const logFile = path.resolve(process.argv[3] ?? path.join(site, 'build.log'));
  rmSync(logFile, { force: true });
  if (!process.argv.includes('--warm')) cleanBuild(site);
  const measured = await measureBuild(site, logFile);
  console.log(JSON.stringify({ wall_s: measured.wall_s, peak_rss_mb: measured.peak_rss_mb, status: measured.status }));
}
