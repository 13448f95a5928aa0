// The taxonomy (content/sectors.yaml): every object rejects unknown keys with file,
// line and key, and an unquoted comma in a `{ … }` name is refused, not split.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/lib/content/corpus.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

function taxonomyOf(name: string, yaml: string) {
  const root = path.join(PROJECT_ROOT, 'tests/.tmp/taxonomy-unit', name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'content'), { recursive: true });
  writeFileSync(path.join(root, 'content/sectors.yaml'), yaml);
  return loadTaxonomy(root);
}

const sector = (industry: string) => `- id: industry
  name: { en: Industry, zh: 工业 }
  description: { en: Factories., zh: 工厂。 }
  industries:
${industry}
`;

describe('the taxonomy', () => {
  it('reads the real content/sectors.yaml with every name whole', () => {
    const { taxonomy, problems } = loadTaxonomy(PROJECT_ROOT);
    expect(problems).toEqual([]);
    const metallurgy = taxonomy?.flatMap((s) => s.industries).find((industry) => industry.id === 'metallurgy');
    expect(metallurgy?.name).toEqual({ en: 'Iron, steel and metallurgy', zh: '钢铁与冶金' });
  });

  it('refuses a name split by an unquoted comma in a flow mapping, at the stray key', () => {
    const { taxonomy, problems } = taxonomyOf(
      'split',
      sector('    - { id: metallurgy, name: { en: Iron, steel and metallurgy, zh: 钢铁与冶金 } }'),
    );
    expect(taxonomy).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: 'content/sectors.yaml',
      line: 5,
      column: 43,
      got: '"steel and metallurgy"',
    });
    expect(problems[0]?.hint).toContain('"Iron, steel and metallurgy"');
  });

  it('accepts the same name in quotes', () => {
    const { taxonomy, problems } = taxonomyOf(
      'quoted',
      sector('    - { id: metallurgy, name: { en: "Iron, steel and metallurgy", zh: 钢铁与冶金 } }'),
    );
    expect(problems).toEqual([]);
    expect(taxonomy?.[0]?.industries[0]?.name.en).toBe('Iron, steel and metallurgy');
  });

  it('rejects unknown keys in names, industries and sectors, each with its line and key', () => {
    const yaml = `- id: industry
  name:
    en: Industry
    zh: 工业
    fr: Industrie
  description: { en: Factories., zh: 工厂。 }
  colour: red
  industries:
    - id: textiles
      name: { en: Textiles, zh: 纺织 }
      icon: loom
`;
    const { taxonomy, problems } = taxonomyOf('unknown', yaml);
    expect(taxonomy).toBeUndefined();
    expect(problems.map(({ line, field, message, expected }) => ({ line, field, message, expected }))).toEqual(
      expect.arrayContaining([
        { line: 5, field: '[0].name', message: 'unknown key "fr"', expected: 'only the keys en, zh' },
        {
          line: 7,
          field: '[0]',
          message: 'unknown key "colour"',
          expected: 'only the keys id, name, description, industries',
        },
        { line: 11, field: '[0].industries[0]', message: 'unknown key "icon"', expected: 'only the keys id, name' },
      ]),
    );
    expect(problems).toHaveLength(3);
  });
});
