// Loading the taxonomy file (content/sectors.yaml): size, safe YAML, safe text, the schema, with
// every problem at its line and column. Split out of corpus.ts, which re-exports loadTaxonomy.
import path from 'node:path';
import { isMap, isScalar, isSeq, visit, type Node } from 'yaml';
import { MAX_TAXONOMY_BYTES, taxonomySchema, type Taxonomy } from '../../schema/taxonomy.ts';
import { readRegularFile } from './files.ts';
import { type ContentProblem } from './problems.ts';
import { unsafeStrings } from './safe-text.ts';
import { parseYamlSafely } from './safe-yaml.ts';
import { fieldPath, showValue } from './validate-experience.ts';

export const TAXONOMY_FILE = 'content/sectors.yaml';

export function loadTaxonomy(root: string): { taxonomy?: Taxonomy; problems: ContentProblem[] } {
  const file = TAXONOMY_FILE;
  // Never through a link, never more than the cap: the taxonomy decides how many pages a build makes.
  const read = readRegularFile(path.join(root, file), MAX_TAXONOMY_BYTES);
  if (!read.ok) {
    const message =
      read.reason === 'missing'
        ? 'the taxonomy file is missing'
        : read.reason === 'too large'
          ? `the taxonomy file is too large (got ${Math.ceil(read.bytes / 1024)} kB, expected at most ${MAX_TAXONOMY_BYTES / 1024} kB)`
          : `the taxonomy file is ${read.kind}; only a regular file is read`;
    return { problems: [{ severity: 'error', file, message }] };
  }
  const text = read.text;
  const { document, lineCounter, data, problems: yamlProblems } = parseYamlSafely(text);
  const at = (offset: number) => (({ line, col }) => ({ line, column: col }))(lineCounter.linePos(offset));
  const unsafe = yamlProblems.length > 0 ? [] : unsafeStrings(data);
  if (yamlProblems.length > 0 || unsafe.length > 0) {
    return {
      problems: [
        ...yamlProblems.map((problem) => ({
          severity: 'error' as const,
          file,
          ...at(problem.offset),
          message: problem.message,
          hint: problem.hint,
        })),
        ...unsafe.map((bad) => {
          const node = document.getIn(bad.path, true) as { range?: [number] } | undefined;
          return {
            severity: 'error' as const,
            file,
            ...(node?.range ? at(node.range[0]) : { line: 1, column: 1 }),
            field: fieldPath(bad.path),
            message: `${bad.inKey ? 'a field name' : 'the text'} contains ${bad.name} (${bad.codePoint}), which the taxonomy may not contain`,
          };
        }),
      ],
    };
  }
  const positionOf = (offset: number | undefined) =>
    offset === undefined
      ? { line: 1, column: 1 }
      : (({ line, col }) => ({ line, column: col }))(lineCounter.linePos(offset));
  // In a flow mapping `{ en: Iron, steel and metallurgy, zh: … }` an unquoted comma
  // ends the value: "steel and metallurgy" becomes a key without a value.
  const splitKeys = new Set<Node>();
  const problems: ContentProblem[] = [];
  visit(document, {
    Pair(_, pair, ancestors) {
      const parent = ancestors.at(-1);
      if (!isMap(parent) || !parent.flow || pair.value !== null || !isScalar(pair.key)) return;
      splitKeys.add(pair.key);
      problems.push({
        severity: 'error',
        file,
        ...positionOf(pair.key.range?.[0]),
        field: 'name',
        message: 'a key without a value inside { … }: an unquoted comma splits a name in two',
        got: JSON.stringify(String(pair.key.value)),
        hint: 'put a name that contains a comma in quotes, e.g. en: "Iron, steel and metallurgy"',
      });
    },
  });
  const outcome = taxonomySchema.safeParse(data);
  if (outcome.success && problems.length === 0) return { taxonomy: outcome.data, problems: [] };
  if (outcome.success) return { problems };
  for (const issue of outcome.error.issues) {
    const node = isSeq(document.contents) ? document.getIn(issue.path, true) : undefined;
    if (issue.code === 'unrecognized_keys') {
      // Name each stray key on its own line, unless it is a split name reported above.
      for (const key of issue.keys) {
        const pair = isMap(node)
          ? node.items.find((item) => isScalar(item.key) && String(item.key.value) === key)
          : undefined;
        const keyNode = pair && isScalar(pair.key) ? pair.key : undefined;
        if (keyNode && splitKeys.has(keyNode)) continue;
        problems.push({
          severity: 'error',
          file,
          ...positionOf(keyNode?.range?.[0] ?? (node as { range?: [number] } | undefined)?.range?.[0]),
          field: fieldPath(issue.path),
          message: `unknown key ${JSON.stringify(key)}`,
          expected: `only the keys ${allowedTaxonomyKeys(issue.path)}`,
        });
      }
      continue;
    }
    const offset = (node as { range?: [number] } | undefined)?.range?.[0];
    problems.push({
      severity: 'error' as const,
      file,
      ...positionOf(offset),
      field: fieldPath(issue.path),
      message: issue.message,
      got: showValue((issue as { input?: unknown }).input),
    });
  }
  return { problems };
}

/** The keys allowed in the taxonomy object at a path: a sector, an industry or a bilingual name. */
function allowedTaxonomyKeys(at: readonly PropertyKey[]): string {
  const last = at.at(-1);
  if (last === 'name' || last === 'description') return 'en, zh';
  if (at.includes('industries')) return 'id, name';
  return 'id, name, description, industries';
}
