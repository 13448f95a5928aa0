// `npm start [-- <astro preview flags>]`: build the site into dist/, then serve it.
// The build's log is kept short: the list of every route written (one line per
// page, some 130 for the sample content) is left out and counted instead;
// `npm run build` prints it in full. The content check runs once, in the build
// (the preview only serves dist/).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** A line of Astro's route listing: "13:17:21   ├─ /about/index.html (+31ms)". */
const ROUTE_LINE = /^(?:\S+\s+)?[├└]─ \//;

const astro = path.join(process.cwd(), 'node_modules/astro/bin/astro.mjs');
const color = process.stdout.isTTY ? { FORCE_COLOR: '1' } : {};

function build(): Promise<number> {
  const child = spawn(process.execPath, [astro, 'build'], {
    stdio: ['inherit', 'pipe', 'inherit'],
    env: { ...process.env, ...color },
  });
  let routes = 0;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    // eslint-disable-next-line no-control-regex -- colours around the tree characters
    if (ROUTE_LINE.test(line.replace(/\u001b\[[\d;]*m/g, ''))) routes += 1;
    else console.log(line);
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      if (routes > 0) console.log(`${routes} route(s) written to dist/ (npm run build lists them).`);
      resolve(code ?? 1);
    });
  });
}

const status = await build();
if (status !== 0) process.exit(status);
const preview = spawn(process.execPath, [astro, 'preview', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => preview.kill(signal));
preview.on('close', (code) => process.exit(code ?? 0));
