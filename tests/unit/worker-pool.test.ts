import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkerPool, type WorkerPool } from '../../src/lib/worker-threads.ts';

// A worker module as a data: URL: answers each number with itself and its thread id,
// throws on "throw" and exits without answering on "exit".
const ECHO = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort, threadId } from 'node:worker_threads';
    parentPort.on('message', (request) => {
      if (request === 'throw') throw new Error('the worker threw');
      if (request === 'exit') process.exit(3);
      parentPort.postMessage({ request, threadId });
    });
  `)}`,
);

type Echo = WorkerPool<number | string, { request: number; threadId: number }>;

// Answers with the time its module was loaded.
const BORN = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort } from 'node:worker_threads';
    const bornAt = Date.now();
    parentPort.on('message', (request) => parentPort.postMessage({ request, bornAt }));
  `)}`,
);
interface Born {
  request: number;
  bornAt: number;
}

describe('openWorkerPool', () => {
  let pool: Echo | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('answers each request and reuses a free worker instead of starting another', async () => {
    pool = openWorkerPool(ECHO) as Echo;
    const first = await pool.run(1);
    const second = await pool.run(2);
    expect(first.request).toBe(1);
    expect(second.request).toBe(2);
    expect(second.threadId).toBe(first.threadId);
  });

  it('starts a worker per request running at the same time, and reuses them afterwards', async () => {
    pool = openWorkerPool(ECHO) as Echo;
    const both = await Promise.all([pool.run(1), pool.run(2)]);
    const threads = new Set(both.map((answer) => answer.threadId));
    expect(threads.size).toBe(2);
    const third = await pool.run(3);
    expect(threads.has(third.threadId)).toBe(true);
  });

  it('rejects with the error of a worker that throws, and the next request gets a new worker', async () => {
    pool = openWorkerPool(ECHO) as Echo;
    const before = await pool.run(1);
    await expect(pool.run('throw')).rejects.toThrow('the worker threw');
    const after = await pool.run(2);
    expect(after.request).toBe(2);
    expect(after.threadId).not.toBe(before.threadId);
  });

  it('rejects when a worker stops without an answer', async () => {
    pool = openWorkerPool(ECHO) as Echo;
    await expect(pool.run('exit')).rejects.toThrow('the worker stopped (code 3) without an answer');
  });

  it('starts a worker ahead of the first request, which then uses it', async () => {
    const born = openWorkerPool<number, Born>(BORN);
    try {
      born.start();
      born.start(); // one free worker is enough
      await new Promise((resolve) => setTimeout(resolve, 500));
      const askedAt = Date.now();
      const [early, late] = (await Promise.all([born.run(1), born.run(2)])).sort((a, b) => a.bornAt - b.bornAt);
      // The started worker was running before the requests; the second request needed a new one.
      expect(early!.bornAt).toBeLessThan(askedAt);
      expect(late!.bornAt).toBeGreaterThanOrEqual(askedAt);
    } finally {
      await born.close();
    }
  });

  it('does not keep the process alive with a free worker', () => {
    // Without close(): a process whose pool has only free workers still ends by itself.
    const script = `
      import { openWorkerPool } from ${JSON.stringify(new URL('../../src/lib/worker-threads.ts', import.meta.url).href)};
      const pool = openWorkerPool(new URL(${JSON.stringify(ECHO.href)}));
      console.log(JSON.stringify(await pool.run(7)));
      pool.start();
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toMatchObject({ request: 7 });
  });
});
