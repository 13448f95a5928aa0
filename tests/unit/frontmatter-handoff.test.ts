// The frontmatter the content check parsed reaches the content loader through an explicit
// handoff that the check's integration offers (src/lib/content/frontmatter-handoff.ts), not globalThis.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentCheck } from '../../src/integrations/content-check.ts';
import { loadCorpus } from '../../src/lib/content/corpus.ts';
import { createFrontmatterHandoff, findFrontmatterHandoff } from '../../src/lib/content/frontmatter-handoff.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';
import { validFrontmatter, withField, writeUpSource } from '../helpers/write-up.ts';

describe('createFrontmatterHandoff', () => {
  it('hands over a copy of what was given, once', () => {
    const handoff = createFrontmatterHandoff();
    const data = { title: 'Ni Zhifu drill' };
    handoff.give('source', data);
    data.title = 'changed by the giver afterwards';
    expect(handoff.take('source')).toEqual({ data: { title: 'Ni Zhifu drill' } });
    expect(handoff.take('source')).toBeUndefined();
    expect(handoff.take('a source never given')).toBeUndefined();
  });

  it('tells a given null from nothing given, and forgets everything on clear', () => {
    const handoff = createFrontmatterHandoff();
    handoff.give('empty', null);
    handoff.give('other', { a: 1 });
    expect(handoff.size).toBe(2);
    expect(handoff.take('empty')).toEqual({ data: null });
    handoff.clear();
    expect(handoff.size).toBe(0);
    expect(handoff.take('other')).toBeUndefined();
  });
});

describe('findFrontmatterHandoff', () => {
  it("finds the content check's handoff in integrations as Astro resolves them (name and hooks only)", () => {
    const { name, hooks } = contentCheck();
    const resolved = [
      { name: 'other', hooks: {} },
      { name, hooks: { ...hooks } },
    ];
    const handoff = findFrontmatterHandoff(resolved);
    expect(handoff).toBeDefined();
    // The same handoff each time: what the check gives is what the loader takes.
    handoff!.give('source', { title: 'x' });
    expect(findFrontmatterHandoff(resolved)!.take('source')).toEqual({ data: { title: 'x' } });
  });

  it('is undefined without the content check (the loader then parses for itself)', () => {
    expect(findFrontmatterHandoff([{ name: 'other', hooks: {} }])).toBeUndefined();
  });
});

describe('loadCorpus with a handoff', () => {
  it('gives the raw frontmatter of each valid file it parses, keyed by its source, and nothing for invalid ones', () => {
    const root = path.join(PROJECT_ROOT, 'tests/.tmp/frontmatter-handoff');
    const dir = path.join(root, 'content/experiences/en/industry');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(
      path.join(PROJECT_ROOT, 'tests/fixtures/site/content/sectors.yaml'),
      path.join(root, 'content/sectors.yaml'),
    );
    const good = writeUpSource();
    const bad = writeUpSource(withField('sector', 'space'));
    writeFileSync(path.join(dir, 'good.mdx'), good);
    writeFileSync(path.join(dir, 'bad.mdx'), bad);
    const handoff = createFrontmatterHandoff();
    loadCorpus(root, { handoff });
    expect(handoff.size).toBe(1);
    // Raw YAML data, not the schema's output (no defaults filled in): what Astro's parseData takes.
    expect(handoff.take(good)).toEqual({ data: validFrontmatter() });
    expect(handoff.take(bad)).toBeUndefined();
  });
});
