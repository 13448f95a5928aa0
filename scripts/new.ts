// `npm run new`: scaffolds a write-up at content/experiences/<lang>/<sector>/<id>.mdx.
// Interactive in a terminal; scriptable with flags:
//   npm run new -- --title "Ni Zhifu drill" --sector industry --industry machine-building --lang en
//                  [--id ni-zhifu-drill] [--summary "…"] [--translation-of <en id>] [--root <dir>]
// The file itself comes from src/lib/contribute/skeleton.ts, the same module the /contribute/ form uses.
import * as prompts from '@clack/prompts';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXPERIENCES_DIR, loadTaxonomy } from '../src/lib/content/corpus.ts';
import { formatProblem } from '../src/lib/content/problems.ts';
import { inert } from '../src/lib/content/safe-text.ts';
import {
  buildSkeleton,
  checkSkeletonInput,
  localDate,
  skeletonPath,
  slugify,
  SKELETON_LANGS,
} from '../src/lib/contribute/skeleton.ts';
import type { Lang } from '../src/schema/experience.ts';
import type { Taxonomy } from '../src/schema/taxonomy.ts';

const USAGE = `usage: npm run new -- --title "<title>" --sector <sector> --industry <industry> --lang <${SKELETON_LANGS.join('|')}>
                      [--id <kebab-case-id>] [--summary "<text>"] [--translation-of <english id>] [--root <project dir>]
Without flags in a terminal, it asks for each value. The id defaults to the title in kebab-case;
titles without Latin letters or digits (e.g. Chinese) need --id.`;

class UsageError extends Error {}

interface Options {
  title?: string;
  sector?: string;
  industry?: string;
  lang?: string;
  id?: string;
  summary?: string;
  translationOf?: string;
  root: string;
}

function readOptions(): Options & { help: boolean } {
  const { values } = parseArgs({
    options: {
      title: { type: 'string' },
      sector: { type: 'string' },
      industry: { type: 'string' },
      lang: { type: 'string' },
      id: { type: 'string' },
      summary: { type: 'string' },
      'translation-of': { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return {
    title: values.title,
    sector: values.sector,
    industry: values.industry,
    lang: values.lang,
    id: values.id,
    summary: values.summary,
    translationOf: values['translation-of'],
    root: path.resolve(values.root ?? process.cwd()),
    help: values.help ?? false,
  };
}

/** Ids are unique per language across all sector folders. */
function existingFile(root: string, lang: string, id: string): string | undefined {
  const langDir = path.join(root, EXPERIENCES_DIR, lang);
  if (!existsSync(langDir)) return undefined;
  for (const sector of readdirSync(langDir)) {
    const candidate = path.join(langDir, sector, `${id}.mdx`);
    if (existsSync(candidate)) return path.relative(root, candidate).split(path.sep).join('/');
  }
  return undefined;
}

function refuse(message: string): never {
  throw new UsageError(message);
}

const cancelled = (value: unknown): value is symbol => prompts.isCancel(value);

/** Asks for whatever the flags did not give; only called when stdin is a terminal. */
async function askMissing(options: Options, taxonomy: Taxonomy): Promise<Options> {
  prompts.intro('New write-up');
  const stop = () => {
    prompts.cancel('Nothing was written.');
    process.exit(1);
  };
  const result = { ...options };
  if (!result.title) {
    const title = await prompts.text({
      message: 'Title: what changed, and where?',
      placeholder: 'Ni Zhifu drill: a new geometry for drilling hard steel',
      validate: (value) =>
        checkSkeletonInput({ title: value ?? '', id: 'x', sector: '', industry: '', lang: 'en' }).find(
          (p) => p.field === 'title',
        )?.message,
    });
    if (cancelled(title)) stop();
    result.title = title as string;
  }
  if (!result.sector) {
    const sector = await prompts.select({
      message: 'Sector',
      options: taxonomy.map((s) => ({ value: s.id, label: inert(s.name.en), hint: inert(s.id) })),
    });
    if (cancelled(sector)) stop();
    result.sector = sector as string;
  }
  const sector = taxonomy.find((s) => s.id === result.sector);
  if (!result.industry && sector) {
    const industry = await prompts.select({
      message: 'Industry',
      options: sector.industries.map((i) => ({ value: i.id, label: inert(i.name.en), hint: inert(i.id) })),
    });
    if (cancelled(industry)) stop();
    result.industry = industry as string;
  }
  if (!result.lang) {
    const lang = await prompts.select({
      message: 'Language of the write-up',
      options: [
        { value: 'en', label: 'English' },
        { value: 'zh', label: 'Chinese (中文)' },
      ],
    });
    if (cancelled(lang)) stop();
    result.lang = lang as string;
  }
  if (!result.id) {
    const suggested = slugify(result.title ?? '');
    const id = await prompts.text({
      message: 'Id (the file name and URL): lower-case letters, digits, hyphens',
      initialValue: suggested,
      placeholder: 'ni-zhifu-drill',
      validate: (value) =>
        checkSkeletonInput({ title: 'xxx', id: value ?? '', sector: '', industry: '', lang: 'en' }).find(
          (p) => p.field === 'id',
        )?.message,
    });
    if (cancelled(id)) stop();
    result.id = id as string;
  }
  if (result.summary === undefined) {
    const summary = await prompts.text({
      message: 'Summary in one or two sentences (Enter to fill it in later)',
      defaultValue: '',
      validate: (value) =>
        checkSkeletonInput({ title: 'xxx', id: 'x', summary: value ?? '', sector: '', industry: '', lang: 'en' }).find(
          (problem) => problem.field === 'summary',
        )?.message,
    });
    if (cancelled(summary)) stop();
    result.summary = summary as string;
  }
  return result;
}

async function main(): Promise<number> {
  let options: Options & { help: boolean };
  try {
    options = readOptions();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const { taxonomy, problems } = loadTaxonomy(options.root);
  if (!taxonomy) {
    console.error(`The taxonomy in ${inert(options.root)} is invalid:\n${problems.map(formatProblem).join('\n')}`);
    return 1;
  }

  const missing = (['title', 'sector', 'industry', 'lang'] as const).filter((name) => !options[name]);
  let filled: Options = options;
  if (missing.length > 0 || (!options.id && !slugify(options.title ?? ''))) {
    // A script or CI job has no one to answer questions: fail at once instead of waiting forever.
    if (!process.stdin.isTTY) {
      refuse(
        missing.length > 0
          ? `missing ${missing.map((name) => `--${name}`).join(', ')}`
          : `the title ${JSON.stringify(options.title)} has no Latin letters or digits to make an id from: give --id`,
      );
    }
    if (options.sector && !taxonomy.some((s) => s.id === options.sector)) refuseSector(options.sector, taxonomy);
    filled = await askMissing(options, taxonomy);
  }

  const sector = taxonomy.find((s) => s.id === filled.sector) ?? refuseSector(filled.sector ?? '', taxonomy);
  if (!sector.industries.some((i) => i.id === filled.industry)) {
    refuse(
      `unknown industry ${JSON.stringify(filled.industry)} in sector "${sector.id}"; valid industries:\n` +
        sector.industries.map((i) => `  ${i.id.padEnd(24)} ${i.name.en}`).join('\n'),
    );
  }
  const lang = filled.lang as Lang;
  const id = filled.id || slugify(filled.title ?? '');
  const input = {
    title: filled.title ?? '',
    sector: sector.id,
    industry: filled.industry ?? '',
    lang,
    summary: filled.summary,
    translationOf: filled.translationOf,
  };
  const inputProblems = checkSkeletonInput({ ...input, id });
  if (filled.translationOf && lang === 'en')
    inputProblems.push({ field: 'lang', message: '--translation-of is for translations: use it with --lang zh' });
  if (inputProblems.length > 0)
    refuse(inputProblems.map((problem) => `${problem.field}: ${problem.message}`).join('\n'));

  const taken = existingFile(filled.root, lang, id);
  if (taken) refuse(`the id "${id}" is already used in language "${lang}" by ${taken}; choose another with --id`);

  const file = skeletonPath(lang, sector.id, id);
  const target = path.join(filled.root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, buildSkeleton({ ...input, today: localDate() }), { flag: 'wx' });
  if (process.stdin.isTTY && missing.length > 0) prompts.outro(`Created ${file}`);
  console.log(file);
  console.error('Next: replace every TODO, then run `npm run check`. CONTRIBUTING.md explains each field.');
  return 0;
}

function refuseSector(given: string, taxonomy: Taxonomy): never {
  refuse(
    `unknown sector ${JSON.stringify(given)}; valid sectors:\n` +
      taxonomy.map((s) => `  ${s.id.padEnd(24)} ${s.name.en}`).join('\n'),
  );
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      // The message quotes flags and taxonomy names: each line printed inert.
      console.error(`npm run new: ${error.message.split('\n').map(inert).join('\n')}\n\n${USAGE}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  },
);
