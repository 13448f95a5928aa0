// The guard's fast path trusts Sätteri (the renderer's parser) to say whether a
// file is clean, and asks remark-mdx only for precise positions. That is safe only
// while both parsers reach the same verdict: this checks it on every hostile
// fixture and every sample write-up.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { satteriFindings, guardWriteUp, preciseFindings } from '../../src/lib/write-up/mdx-guard.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

function writeUps(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return writeUps(full);
    return name.endsWith('.mdx') ? [full] : [];
  });
}

const files = ['tests/fixtures/hostile', 'content/experiences'].flatMap((folder) =>
  writeUps(path.join(PROJECT_ROOT, folder)),
);

describe('the two parsers of the MDX guard', () => {
  // Parses every fixture with remark-mdx: seconds on a loaded machine, hence the longer timeout.
  it('covers refused and clean files alike', { timeout: 60_000 }, () => {
    const verdicts = files.map((file) => preciseFindings(readFileSync(file, 'utf8')).length > 0);
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(20);
    expect(verdicts.filter((refused) => !refused).length).toBeGreaterThan(20);
  });

  it.each(files.map((file) => [path.relative(PROJECT_ROOT, file), file]))('agree on %s', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(satteriFindings(source).length > 0).toBe(preciseFindings(source).length > 0);
  });

  it('report the precise positions when a file is refused', () => {
    const source = '---\ntitle: x\n---\n\n<img src="/a.png" onerror="alert(1)" />\n';
    expect(guardWriteUp('f.mdx', source)).toEqual(
      preciseFindings(source).map((finding) => ({ severity: 'error', file: 'f.mdx', ...finding })),
    );
    expect(preciseFindings(source)[0]?.column).toBeGreaterThan(satteriFindings(source)[0]?.column ?? 0);
  });
});
