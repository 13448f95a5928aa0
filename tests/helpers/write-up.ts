// Builds write-up sources for tests: a valid one, and variants with one field changed.
import { stringify } from 'yaml';

export const validFrontmatter = (): Record<string, unknown> => ({
  title: 'Ni Zhifu drill',
  summary: 'A new cutting-edge geometry for drilling hard steel that made bits last.',
  lang: 'en',
  sector: 'industry',
  industry: 'machine-building',
  tags: ['drilling'],
  organization: 'Beijing Yongding Machinery Works',
  location: 'Beijing',
  originators: ['Ni Zhifu'],
  period: '1953',
  measures: [{ kind: 'technical', title: 'Three points, seven edges' }],
  results: [
    { metric: 'Bits burned per day', unit: 'bits', before: 12, after: 3, better: 'lower', dimension: 'cheaper' },
  ],
  evidence: 'reported',
  sources: [{ kind: 'secondary', title: 'Secondary accounts', publisher: 'Fixture Press' }],
  adoptions: [],
  status: 'published',
  owner: 'maintainers',
  reviewed: '2026-11-26',
  reviewEvery: 12,
});

export function writeUpSource(
  frontmatter: Record<string, unknown> = validFrontmatter(),
  body = '## The problem\n\nText.\n',
): string {
  return `---\n${stringify(frontmatter)}---\n\n${body}`;
}

export function withField(name: string, value: unknown): Record<string, unknown> {
  const frontmatter = validFrontmatter();
  if (value === undefined) delete frontmatter[name];
  else frontmatter[name] = value;
  return frontmatter;
}
