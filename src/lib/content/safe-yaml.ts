// YAML from contributors, parsed with bounded work and without throwing.
//
// Aliases (`*name`) are refused: a few lines of them expand into millions of
// values ("billion laughs"; 20 kB of aliases in sectors.yaml once made 20,167
// pages), a cyclic one (`a: &a [*a]`) makes data no printer or schema can walk,
// and past the parser's own limit they throw a ReferenceError that names no
// file. Nothing a write-up or the taxonomy says needs them: write the value out.
import { isAlias, isCollection, isPair, LineCounter, parseDocument, type Document } from 'yaml';

/** Parse errors, aliases and anything toJS throws, each at an offset in the text. */
export interface YamlProblem {
  message: string;
  offset: number;
  hint?: string;
}

export interface SafeYaml {
  document: Document;
  lineCounter: LineCounter;
  /** The plain data; undefined when there is any problem. */
  data: unknown;
  problems: YamlProblem[];
}

/** Every alias node in a parsed document, iteratively (a deep document cannot overflow the stack). */
function aliasOffsets(document: Document, limit = 20): number[] {
  const offsets: number[] = [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0 && offsets.length < limit) {
    const node = pending.pop();
    if (isAlias(node)) offsets.push(node.range?.[0] ?? 0);
    else if (isPair(node)) pending.push(node.value, node.key);
    else if (isCollection(node))
      for (let index = node.items.length - 1; index >= 0; index -= 1) pending.push(node.items[index]);
  }
  return offsets;
}

export function parseYamlSafely(text: string): SafeYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: YamlProblem[] = document.errors.map((error) => ({
    message: `invalid YAML: ${error.message.split('\n')[0] ?? error.message}`,
    offset: error.pos[0],
  }));
  if (problems.length === 0) {
    for (const offset of aliasOffsets(document)) {
      problems.push({
        message: 'YAML aliases (*name) are not allowed',
        offset,
        hint: 'write the value out in full instead of referring to an anchor (&name)',
      });
    }
  }
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: 0 });
    } catch (error) {
      problems.push({
        message: `invalid YAML: ${String((error as Error).message ?? error).split('\n')[0]}`,
        offset: 0,
      });
    }
  }
  return { document, lineCounter, data, problems };
}
