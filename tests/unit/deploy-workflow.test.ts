// The deploy workflow builds for the address GitHub Pages serves the site at (a fork:
// https://<owner>.github.io/<repo>/), read from the Pages configuration, not hard-coded.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
const text = readFileSync(path.join(PROJECT_ROOT, '.github/workflows/deploy.yml'), 'utf8');
const workflow = parse(text) as { jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }> };
const steps = workflow.jobs.build!.steps;

describe('the deploy workflow', () => {
  it('reads the origin and base path from configure-pages before building', () => {
    const pages = steps.findIndex((step) => step.uses?.startsWith('actions/configure-pages@'));
    expect(pages).toBeGreaterThan(-1);
    // Pinned by commit, as every action in the workflows.
    expect(steps[pages]!.uses).toMatch(/@[0-9a-f]{40}\b/);
    const id = steps[pages]!.id!;
    const build = steps.findIndex((step) => step.run?.includes('npm run build'));
    expect(build).toBeGreaterThan(pages);
    const { env = {}, run = '' } = steps[build]!;
    expect(env).toMatchObject({
      PAGES_ORIGIN: `\${{ steps.${id}.outputs.origin }}`,
      PAGES_BASE_PATH: `\${{ steps.${id}.outputs.base_path }}`,
    });
    expect(run).toContain('--site "$PAGES_ORIGIN"');
    expect(run).toContain('--base "$PAGES_BASE_PATH/"');
    expect(workflow.jobs.build!.permissions).toMatchObject({ contents: 'read', pages: 'read' });
  });

  it('hard-codes no site address', () => {
    expect(text).not.toMatch(/example\.org/);
  });
});
