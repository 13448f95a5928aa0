import fc from 'fast-check';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { hostileWriteUp } from './tests/helpers/hostile-arbitraries.ts';
import { guardWriteUp, compilerParserFindings, preciseFindings } from './src/lib/mdx-guard.ts';
import { measureBody } from './src/lib/body-limits.ts';
import { bodyForParser } from './src/lib/frontmatter.ts';
import { renderWriteUp } from './src/lib/render-write-up.ts';
import { validateExperience } from './src/lib/validate-experience.ts';
import { taxonomySchema } from './src/schema/taxonomy.ts';
const taxonomy = taxonomySchema.parse(parse(readFileSync('content/sectors.yaml','utf8')));
const seed = Number(process.argv[2]); const path = process.argv[3];
fc.assert(fc.property(hostileWriteUp, (s) => {
  const T = (f: () => unknown) => { const t = performance.now(); f(); return (performance.now() - t) | 0; };
  const v = T(() => validateExperience('f.mdx', s, taxonomy));
  const m = T(() => measureBody(bodyForParser(s)));
  const c = T(() => compilerParserFindings(s));
  const g = T(() => guardWriteUp('f.mdx', s));
  let r = -1; try { if (guardWriteUp('f.mdx', s).length === 0) r = T(() => renderWriteUp({ file: 'f.mdx', source: s, lang: 'en' })); } catch (e) { r = -2 }
  console.log({ len: s.length, lines: s.split('\n').length, v, m, c, g, r, first: guardWriteUp('f.mdx', s)[0]?.message, head: JSON.stringify(s.slice(700, 1000)) });
  return true;
}), { seed, path, numRuns: 1 });
