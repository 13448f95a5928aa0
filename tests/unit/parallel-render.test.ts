// Bodies rendered in worker threads (src/lib/write-up/parallel-render.ts) are the
// bodies one thread renders: same files, same headings, same refusals, same order.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MIN_BODIES_FOR_WORKERS,
  renderBodies,
  renderBody,
  type BodyTask,
} from '../../src/lib/write-up/parallel-render.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures/hostile/harmless/content/experiences/en/industry');
const OUT = path.join(PROJECT_ROOT, 'tests/.tmp/parallel-render');
const sources = readdirSync(FIXTURES).map((name) => readFileSync(path.join(FIXTURES, name), 'utf8'));
const refused = '---\ntitle: x\n---\n\n## Code\n\n<script>alert(1)</script>\n';

function tasks(folder: string): BodyTask[] {
  return Array.from({ length: MIN_BODIES_FOR_WORKERS + 21 }, (_, index) => ({
    file: `content/experiences/en/industry/write-up-${index}.mdx`,
    source: index === 13 ? refused : sources[index % sources.length]!,
    lang: index % 2 === 0 ? 'en' : 'zh',
    base: '/base/',
    bodyFile: path.join(OUT, folder, `body-${index}.html`),
  }));
}

describe('rendering bodies in worker threads', () => {
  it('writes the bodies, headings and refusals that one thread gives', async () => {
    rmSync(OUT, { recursive: true, force: true });
    const workers = await renderBodies(tasks('workers'), 2);
    const alone = await renderBodies(tasks('alone'), 1);
    expect(workers.inWorkers).toBe(tasks('x').length);
    expect(alone.inWorkers).toBe(0);
    const inWorkers = workers.outcomes;
    expect(inWorkers).toEqual(alone.outcomes);
    expect(inWorkers[13]).toMatchObject({
      refused: [expect.objectContaining({ file: expect.stringContaining('-13') })],
    });
    expect(inWorkers.filter((outcome) => 'headings' in outcome)).toHaveLength(tasks('x').length - 1);
    for (const index of [0, 1, 5, 519]) {
      const body = (folder: string) => readFileSync(path.join(OUT, folder, `body-${index}.html`), 'utf8');
      expect(body('workers')).toBe(body('alone'));
      expect(body('workers').length).toBeGreaterThan(0);
    }
    // Rendering 1,000 bodies and starting workers, while the other unit tests share the cores.
  }, 60_000);

  it('renders a body the guard has passed to the same HTML without running the guard again', async () => {
    const plain = tasks('plain');
    const guarded = tasks('guarded').map((task, index) => ({ ...task, guarded: index !== 13 }));
    expect((await renderBodies(guarded, 1)).outcomes).toEqual((await renderBodies(plain, 1)).outcomes);
    for (const index of [0, 1, 5])
      expect(readFileSync(guarded[index]!.bodyFile, 'utf8')).toBe(readFileSync(plain[index]!.bodyFile, 'utf8'));
  });

  it('still refuses code marked as guarded: the renderer turns only what it knows into HTML', () => {
    const task = { ...tasks('wrongly-guarded')[13]!, guarded: true };
    expect(renderBody(task)).toMatchObject({ refused: [expect.objectContaining({ file: task.file })] });
  });
});
