// Builds a site from fixture content with the project's real code and config:
// the project is copied into tests/.tmp/<name>/ with the fixture's content/ in
// place of the real one, so a build test exercises exactly what ships.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const COPIED = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public'];

export interface FixtureBuild {
  root: string;
  dist: string;
  status: number | null;
  output: string;
}

/** Copies the project with `content` (a folder) as its content and returns the new root. */
export function makeFixtureSite(name: string, content: string, parent = path.join(PROJECT_ROOT, 'tests/.tmp')): string {
  const root = path.join(parent, name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const entry of COPIED) cpSync(path.join(PROJECT_ROOT, entry), path.join(root, entry), { recursive: true });
  cpSync(content, path.join(root, 'content'), { recursive: true });
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

/**
 * The environment for a build, without what Vitest adds to process.env for its own
 * import.meta.env (BASE_URL=/, MODE, DEV, PROD, SSR): Astro would take BASE_URL
 * over the configured base, which no real build sees.
 */
function buildEnvironment(): NodeJS.ProcessEnv {
  const { BASE_URL: _base, MODE: _mode, DEV: _dev, PROD: _prod, SSR: _ssr, ...rest } = process.env;
  return rest;
}

/** Runs `astro build` in root; args are extra CLI flags such as `--base /pacesetter/`. */
export function buildSite(root: string, env: Record<string, string> = {}, args: string[] = []): FixtureBuild {
  const astro = path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');
  // process.execPath is the Node that runs the tests: the project's Node 24 under `npm test`.
  const result = spawnSync(process.execPath, [astro, 'build', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...buildEnvironment(), ASTRO_TELEMETRY_DISABLED: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  // Plain text whatever the terminal: CI forces colour (FORCE_COLOR), and Astro's log
  // would then put escape codes between a page's path and its timing.
  const output = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`);
  return { root, dist: path.join(root, 'dist'), status: result.status, output };
}

export function buildFixture(name: string, content: string, env: Record<string, string> = {}): FixtureBuild {
  return buildSite(makeFixtureSite(name, content), env);
}

export const distFile = (build: FixtureBuild, page: string) => path.join(build.dist, page);
export const exists = (build: FixtureBuild, page: string) => existsSync(distFile(build, page));
