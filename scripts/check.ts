// `npm run check [-- --root <dir>] [--format text|github]`
// Validates the whole corpus without building the site and reports every problem
// at once: schema, taxonomy references, duplicate ids, file names and places,
// cross-references, and (as warnings) likely duplicate titles. Exit code 1 when
// any error exists; warnings alone exit 0.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../src/lib/content/corpus.ts';
import { findLikelyDuplicates } from '../src/lib/content/duplicates.ts';
import { formatGithubAnnotation, formatReport, sortProblems } from '../src/lib/content/problems.ts';

const USAGE = 'usage: npm run check -- [--root <project dir>] [--format text|github]';

function main(): number {
  let values: { root?: string; format?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        root: { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'github') {
    console.error(`unknown --format ${JSON.stringify(values.format)}\n${USAGE}`);
    return 2;
  }

  const started = performance.now();
  const root = path.resolve(values.root ?? process.cwd());
  const corpus = loadCorpus(root);
  const duplicates = findLikelyDuplicates(
    corpus.entries.map((entry) => ({
      file: entry.file,
      id: entry.id,
      lang: entry.lang,
      title: entry.data.title,
      titleLine: entry.keyLines?.title,
      reviewed: entry.data.reviewed,
      links: [
        ...entry.data.related,
        ...[entry.data.supersedes, entry.data.supersededBy, entry.data.translationOf].filter((id) => id !== undefined),
      ],
    })),
  );
  const problems = sortProblems([...corpus.problems, ...duplicates]);
  const errors = problems.filter((problem) => problem.severity === 'error');
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const checked = `${corpus.entries.length} write-up(s) loaded in ${seconds} s`;

  if (values.format === 'github') {
    for (const problem of problems) console.log(formatGithubAnnotation(problem));
    const files = new Set(errors.map((problem) => problem.file)).size;
    console.log(
      errors.length > 0
        ? `${errors.length} error(s) in ${files} file(s); ${checked}.`
        : `No errors; ${problems.length} warning(s); ${checked}.`,
    );
  } else if (problems.length > 0) {
    console.log(formatReport(problems));
    console.log(`${checked}.`);
  } else {
    console.log(`No problems: ${checked}.`);
  }
  return errors.length > 0 ? 1 : 0;
}

process.exitCode = main();
