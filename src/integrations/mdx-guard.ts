// The MDX guard inside the real compiler. The pre-build content check
// (content-check.ts → loadCorpus) already refuses unsafe write-ups with every
// problem listed; this is the second wall: a Sätteri mdast plugin that runs the
// same rules (src/lib/mdx-guard.ts) on the tree the compiler is about to turn
// into JavaScript, so even a build that skipped the pre-check cannot compile an
// `import`, an `{expression}` or a `<script>`.
//
// Why a Sätteri plugin: Astro 7's default MDX processor is Sätteri, and it
// ignores `mdx({ remarkPlugins })` (it only prints a warning). `mdx({ processor })`
// is honoured, and Sätteri runs mdast plugins given to `satteri({ mdastPlugins })`.
import { satteri } from '@astrojs/markdown-satteri';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkNode,
  GUARDED_NODE_TYPES,
  imageDefinitionCheck,
  MAX_BODY_BYTES,
  type GuardFinding,
  type GuardNode,
} from '../lib/mdx-guard.ts';
import { formatProblem, type ContentProblem } from '../lib/problems.ts';

export class MdxGuardError extends Error {
  override name = 'MdxGuardError';
  line?: number;
  column?: number;
}

interface FactoryContext {
  fileURL: URL | undefined;
  source: string;
}

/** Project-relative path of the file being compiled, as the content check prints it. */
function fileLabel(fileURL: URL | undefined): string {
  if (!fileURL) return '<unknown file>';
  return path.relative(process.cwd(), fileURLToPath(fileURL)).split(path.sep).join('/');
}

function refuse(file: string, findings: GuardFinding[]): never {
  const problems: ContentProblem[] = findings.map((finding) => ({ severity: 'error', file, ...finding }));
  const error = new MdxGuardError(
    `The MDX guard refused ${file}: write-ups may not contain code, unsafe HTML or unsafe links.\n${problems.map(formatProblem).join('\n')}`,
  );
  // @astrojs/mdx reads line/column from the error to point at the file.
  error.line = findings[0]?.line;
  error.column = findings[0]?.column;
  throw error;
}

/** A fresh plugin per compiled document, so findings never leak between files. */
export function mdxGuardPlugin(context: FactoryContext) {
  const file = fileLabel(context.fileURL);
  if (Buffer.byteLength(context.source, 'utf8') > MAX_BODY_BYTES) {
    refuse(file, [
      { line: 1, column: 1, field: 'size', message: `the write-up is larger than ${MAX_BODY_BYTES / 1024} kB` },
    ]);
  }
  const findings: GuardFinding[] = [];
  // Sätteri visits nodes in document order, so a definition may come before the
  // image reference that uses it: the image rules for definitions run in after().
  const imageDefinitions = imageDefinitionCheck();
  const visit = (node: unknown) => {
    findings.push(...checkNode(node as GuardNode));
    imageDefinitions.note(node as GuardNode);
  };
  const visitors = Object.fromEntries(GUARDED_NODE_TYPES.map((type) => [type, visit]));
  return {
    name: 'pacesetter-mdx-guard',
    options: { position: true },
    ...visitors,
    after() {
      findings.push(...imageDefinitions.findings());
      if (findings.length > 0) refuse(file, findings);
    },
  };
}

/** The MDX processor for astro.config.mjs: Sätteri with the guard in its pipeline. */
export function guardedMdxProcessor() {
  return satteri({ mdastPlugins: [(context) => mdxGuardPlugin(context)] });
}
