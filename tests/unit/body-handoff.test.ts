// The bodies the content check starts rendering reach the loader only for exactly the
// task the loader would have rendered itself (src/lib/write-up/body-handoff.ts).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBodyHandoff } from '../../src/lib/write-up/body-handoff.ts';
import { renderBody, type BodyTask } from '../../src/lib/write-up/parallel-render.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures/hostile/harmless/content/experiences/en/industry');
const OUT = path.join(PROJECT_ROOT, 'tests/.tmp/body-handoff');
const [source, otherSource] = readdirSync(FIXTURES).map((name) => readFileSync(path.join(FIXTURES, name), 'utf8'));

const task = (name: string, changes: Partial<BodyTask> = {}): BodyTask => ({
  file: `content/experiences/en/industry/${name}.mdx`,
  source: source!,
  lang: 'en',
  base: '/',
  bodyFile: path.join(OUT, `${name}.html`),
  ...changes,
});

describe('the body handoff', () => {
  it('hands over the outcome of exactly the task started, once, with its body file written', async () => {
    rmSync(OUT, { recursive: true, force: true });
    const handoff = createBodyHandoff();
    handoff.start([task('a'), task('b')]);
    // Another source, language or base for the same body file is the loader's own to render.
    expect(handoff.take(task('a', { source: otherSource! }))).toBeUndefined();
    expect(handoff.take(task('a', { lang: 'zh' }))).toBeUndefined();
    expect(handoff.take(task('a', { base: '/pacesetter/' }))).toBeUndefined();
    expect(handoff.take(task('c'))).toBeUndefined();
    const early = await handoff.take(task('a'));
    expect(handoff.take(task('a'))).toBeUndefined();
    await handoff.settled();
    // What the loader would have got rendering it itself, and the same file.
    const written = readFileSync(task('a').bodyFile, 'utf8');
    expect(early).toEqual(renderBody(task('again', { bodyFile: path.join(OUT, 'again.html') })));
    expect(readFileSync(path.join(OUT, 'again.html'), 'utf8')).toBe(written);
    // Not taken, but written all the same before settled() resolves.
    expect(existsSync(task('b').bodyFile)).toBe(true);
  });

  it('settles at once when nothing was started', async () => {
    const handoff = createBodyHandoff();
    await expect(handoff.settled()).resolves.toBeUndefined();
    expect(handoff.take(task('a'))).toBeUndefined();
  });
});
