// Keeps the benchmark from rotting: the synthetic corpus must pass the real
// content check (schema, taxonomy, MDX guard, references), stay deterministic,
// and convert to Starlight pages. No timing is asserted here; `npm run bench`
// measures (docs/performance.md).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, searchQueries, type CorpusStats, type GeneratedWriteUp } from '../../bench/generate.ts';
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
