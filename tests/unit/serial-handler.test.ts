// Async watcher listeners: run one at a time, in order, and a failure is reported
// instead of escaping as an unhandled rejection (src/lib/serial-handler.ts).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { serialHandler } from '../../src/lib/serial-handler.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('serialHandler', () => {
  it('runs the calls an emitter makes one after another, in order', async () => {
    const log: string[] = [];
    let running = 0;
    const handler = serialHandler(
      async (file: string, ms: number) => {
        running += 1;
        expect(running).toBe(1);
        log.push(`start ${file}`);
        await tick(ms);
        log.push(`end ${file}`);
        running -= 1;
      },
      () => {},
    );
    const watcher = new EventEmitter();
    watcher.on('change', handler);
    watcher.emit('change', 'a.mdx', 30);
    watcher.emit('change', 'b.mdx', 1);
    await handler.idle();
    expect(log).toEqual(['start a.mdx', 'end a.mdx', 'start b.mdx', 'end b.mdx']);
  });

  it('reports a failure with its arguments, and goes on with the next call', async () => {
    const reported: string[] = [];
    const done: string[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const handler = serialHandler(
        async (file: string) => {
          await tick(1);
          if (file === 'bad.mdx') throw new Error('sector is not one of the allowed values');
          done.push(file);
        },
        (error, file) => reported.push(`${file}: ${(error as Error).message}`),
      );
      const watcher = new EventEmitter();
      watcher.on('change', handler);
      watcher.emit('change', 'bad.mdx');
      watcher.emit('change', 'good.mdx');
      await handler.idle();
      await tick(10);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(reported).toEqual(['bad.mdx: sector is not one of the allowed values']);
    expect(done).toEqual(['good.mdx']);
    expect(unhandled).toEqual([]);
  });
});
