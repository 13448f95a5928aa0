// Loaded with `node --import` into every Node process of a test build: on exit,
// appends the process's peak resident memory (kB) to $PACESETTER_RSS_FILE.
import { appendFileSync } from 'node:fs';

const file = process.env.PACESETTER_RSS_FILE;
if (file) {
  process.on('exit', () => {
    appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
  });
}
