// axe-core in Chromium over every page of the built fixture site (walked through
// its sitemap), in the light and the dark theme: zero violations.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtureSite, type ServedSite } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/fixture-site.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/site/content');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: ServedSite;

beforeAll(async () => {
  server = await serveFixtureSite('a11y', FIXTURE, { PACESETTER_TODAY: '2026-11-26' });
});

afterAll(() => server?.close());

function sitemapPaths(): string[] {
  const sitemap = readFileSync(path.join(server.build.dist, 'sitemap-0.xml'), 'utf8');
  return [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
}

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

describe('accessibility', () => {
  it('walks a sitemap that covers the write-ups, sectors and both languages', () => {
    const paths = sitemapPaths();
    expect(paths).toContain('/experiences/fixture-drill/');
    expect(paths).toContain('/sectors/health/');
    expect(paths).toContain('/zh/sectors/health/');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations on any page in the ${colorScheme} theme`, { timeout: 180_000 }, async () => {
      // axe is injected through the DevTools protocol; the pages' own CSP stays on.
      const page = await server.browser.newPage({ colorScheme });
      const found: string[] = [];
      for (const pathname of [...sitemapPaths(), '/404.html']) {
        await page.goto(server.url + pathname, { waitUntil: 'load' });
        await page.evaluate(axeSource);
        const violations = (await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> };
            }
          ).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map(({ id, help, nodes }) => ({
            id,
            help,
            nodes: nodes.map(({ target }) => ({ target })),
          }));
        })) as Violation[];
        for (const violation of violations) {
          found.push(
            `${pathname}: ${violation.id} (${violation.help}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
          );
        }
      }
      await page.close();
      expect(found).toEqual([]);
    });
  }
});
