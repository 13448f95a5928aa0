// `npm run review`: write-ups overdue or soon due for review, as a table or JSON.
//   --json               print JSON: [{ id, lang, title, owner, sector, file, reviewed, due, state }]
//   --owner <owner>      only this owner's write-ups
//   --sector <sector>    only this sector
//   --all                include write-ups that are current
//   --fail-on-overdue    exit 1 when anything is overdue (for CI)
//   --out <file>         write the list (JSON or table) to this file instead of stdout
//                        (`npm run review` prints npm's banner on stdout: use `npm run -s` or --out)
//   --root <dir>         the project root (default: current directory)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../src/lib/content/corpus.ts';
import { formatReport } from '../src/lib/content/problems.ts';
import { buildDate, DUE_SOON_DAYS, isoDate } from '../src/lib/review/review.ts';
import { reviewQueue } from '../src/lib/review/review-list.ts';
import { inert } from '../src/lib/content/safe-text.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    owner: { type: 'string' },
    sector: { type: 'string' },
    all: { type: 'boolean', default: false },
    'fail-on-overdue': { type: 'boolean', default: false },
    root: { type: 'string', default: '.' },
    out: { type: 'string' },
  },
});

const corpus = loadCorpus(path.resolve(values.root));
const errors = corpus.problems.filter((problem) => problem.severity === 'error');
if (errors.length > 0) {
  // Review what can be read, but do not hide that some files could not be.
  console.error(`${formatReport(errors)}\nThese files are left out of the review list; run npm run check.`);
}
const today = buildDate();
const queue = reviewQueue(corpus.entries, today, { owner: values.owner, sector: values.sector, all: values.all });

const output: string[] = [];
const print = (text: string) => output.push(text);
if (values.json) {
  print(JSON.stringify(queue, null, 2));
} else if (queue.length === 0) {
  print(`Nothing is overdue or due within ${DUE_SOON_DAYS} days (as of ${isoDate(today)}).`);
} else {
  const columns = ['state', 'due', 'reviewed', 'owner', 'sector', 'lang', 'id', 'title'] as const;
  // Titles, owners and ids are contributors' words: printed inert, never as raw control characters.
  const rows = queue.map((entry) => columns.map((column) => inert(String(entry[column]))));
  const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index]!))
      .join('  ')
      .trimEnd();
  print(`Review queue as of ${isoDate(today)}:\n`);
  print(line(columns));
  print(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) print(line(row));
  const overdue = queue.filter((entry) => entry.state === 'overdue').length;
  print(`\n${overdue} overdue, ${queue.length - overdue} due soon or current.`);
}
if (values.out) {
  writeFileSync(values.out, `${output.join('\n')}\n`);
  console.error(`Wrote ${queue.length} write-up(s) to ${values.out}.`);
} else {
  console.log(output.join('\n'));
}

if (values['fail-on-overdue'] && queue.some((entry) => entry.state === 'overdue')) process.exitCode = 1;
