// Builds the file a new write-up starts from: valid frontmatter with placeholders
// the contributor replaces, and the fixed body outline with short guidance.
// `npm run new` and the /contribute/ form both call buildSkeleton, so the file a
// newcomer gets is the same whichever way they start. Pure: runs in Node and in
// the browser (no fs, no Astro).
//
// The body must be safe MDX for the content guard: no HTML comments, no braces,
// no angle brackets. Guidance therefore lives in plain paragraphs starting with
// "TODO:" and in YAML comments inside the frontmatter.
import { ID_PATTERN, MAX_ID_LENGTH, SUMMARY_LIMITS, TITLE_LIMITS, type Dimension, type Lang } from '../vocabulary.ts';

// Re-exported for the form and the CLI, which take all their input rules from here.
export { MAX_ID_LENGTH, SUMMARY_LIMITS, TITLE_LIMITS };

export const SKELETON_LANGS = ['en', 'zh'] as const satisfies readonly Lang[];
/** Marks every placeholder the contributor still has to replace. */
export const PLACEHOLDER_MARK = 'TODO';
/** Ids are capped so that file names and URLs stay readable. */

export interface SkeletonMeasure {
  kind: 'technical' | 'organizational';
  title: string;
}

export interface SkeletonResult {
  metric: string;
  unit: string;
  before: number;
  after: number;
  better: 'higher' | 'lower';
  dimension: Dimension;
}

export interface SkeletonInput {
  title: string;
  sector: string;
  industry: string;
  lang: Lang;
  summary?: string;
  measures?: SkeletonMeasure[];
  result?: SkeletonResult;
  /** The id of the English original, for a translation. */
  translationOf?: string;
  /** Today's date, YYYY-MM-DD: written into `reviewed`, and its year into `period`. */
  today: string;
}

/**
 * A title as a kebab-case ASCII id: "Ni Zhifu's drill: 3 points" → "ni-zhifus-drill-3-points".
 * Accents are dropped (é → e). Characters outside ASCII letters and digits (Chinese,
 * punctuation) become separators, so a title with no ASCII letters or digits gives ""
 * and the caller must ask for an explicit id: we do not guess a romanisation.
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let id = '';
  for (const word of words) {
    const next = id ? `${id}-${word}` : word;
    if (next.length > MAX_ID_LENGTH) break;
    id = next;
  }
  return id || (words[0] ?? '').slice(0, MAX_ID_LENGTH);
}

export const isValidId = (id: string) => ID_PATTERN.test(id) && id.length <= MAX_ID_LENGTH;

/** Where a write-up lives, relative to the project root. */
export const skeletonPath = (lang: Lang, sector: string, id: string) =>
  `content/experiences/${lang}/${sector}/${id}.mdx`;

export interface InputProblem {
  field: 'title' | 'id' | 'summary' | 'lang' | 'measures' | 'result';
  message: string;
}

/** Checks what a person typed, before a file is made: the same rules in the CLI and the form. */
export function checkSkeletonInput(input: Omit<SkeletonInput, 'today'> & { id: string }): InputProblem[] {
  const problems: InputProblem[] = [];
  const title = input.title.trim();
  if (title.length < TITLE_LIMITS.min || title.length > TITLE_LIMITS.max) {
    problems.push({
      field: 'title',
      message: `The title needs ${TITLE_LIMITS.min} to ${TITLE_LIMITS.max} characters.`,
    });
  }
  if (!input.id) {
    problems.push({
      field: 'id',
      message:
        'Give an id: lower-case ASCII letters, digits and hyphens, e.g. ni-zhifu-drill. Titles without Latin letters need one.',
    });
  } else if (!isValidId(input.id)) {
    problems.push({
      field: 'id',
      message: `The id may use only a-z, 0-9 and single hyphens, at most ${MAX_ID_LENGTH} characters (got "${input.id}").`,
    });
  }
  const summary = input.summary?.trim() ?? '';
  if (summary && (summary.length < SUMMARY_LIMITS.min || summary.length > SUMMARY_LIMITS.max)) {
    problems.push({
      field: 'summary',
      message: `The summary needs ${SUMMARY_LIMITS.min} to ${SUMMARY_LIMITS.max} characters, or leave it empty for now.`,
    });
  }
  if (!(SKELETON_LANGS as readonly string[]).includes(input.lang)) {
    problems.push({ field: 'lang', message: `The language must be one of ${SKELETON_LANGS.join(', ')}.` });
  }
  if (input.measures?.some((measure) => !measure.title.trim())) {
    problems.push({ field: 'measures', message: 'Every measure needs a short title.' });
  }
  const result = input.result;
  if (result) {
    const numbersOk = [result.before, result.after].every((value) => Number.isFinite(value) && value >= 0);
    if (!result.metric.trim() || !result.unit.trim() || !numbersOk) {
      problems.push({
        field: 'result',
        message: 'A result needs a metric, a unit and two numbers of zero or more: before and after.',
      });
    }
  }
  return problems;
}

// JSON strings are valid YAML double-quoted scalars, so quoting through JSON keeps
// titles with colons, quotes, "#" or leading dashes intact without a YAML library.
const quote = (text: string) => JSON.stringify(text.replace(/\s+/g, ' ').trim());

export interface Outline {
  heading: string;
  guidance: string;
  children?: Outline[];
}

/**
 * The body outline of a write-up with guidance for each section: the scaffolder writes it,
 * the contribute page shows it. The page itself renders the measures ("What changed"),
 * the results, the adoptions and the sources from the frontmatter, so the body never
 * repeats them: no "Results" or "Sources" section here (docs: CONTRIBUTING.md).
 */
export const WRITE_UP_OUTLINES: Record<Lang, Outline[]> = {
  en: [
    {
      heading: 'The problem',
      guidance:
        'What was too slow, too costly or too often wrong, and what the old quota was. Two or three short paragraphs in the words of the people who did the work.',
    },
    { heading: 'The old way', guidance: 'How the work was done before, step by step, so a reader can compare.' },
    {
      heading: 'How it was done',
      guidance:
        'The story of the measures: who proposed what, in what order, and why it worked. List the measures themselves in the frontmatter; the page shows them.',
    },
    {
      heading: 'What is uncertain',
      guidance:
        'Disputed figures and dates, sources that disagree, and what the sources do not say. Put the figures themselves in the results list of the frontmatter and the sources in sources; the page shows both.',
    },
    {
      heading: 'How to adopt it',
      guidance: 'Written for a team that wants to try this next month.',
      children: [
        { heading: 'Prerequisites', guidance: 'What a team needs first: tools, skills, materials, agreement of whom.' },
        { heading: 'Steps', guidance: 'A numbered list of what to do, in order.' },
        { heading: 'Pitfalls', guidance: 'What went wrong, or could, and how to notice early.' },
      ],
    },
  ],
  zh: [
    { heading: '问题', guidance: '什么太慢、太费或者常出错，原来的定额是多少。用做这项工作的人自己的话写两三段。' },
    { heading: '原来的做法', guidance: '以前是怎样一步一步做的，便于读者对比。' },
    {
      heading: '实施经过',
      guidance: '措施是怎样实施的：谁提出了什么，先后顺序如何，为什么有效。措施本身写进前面的 measures，页面会显示。',
    },
    {
      heading: '存疑之处',
      guidance:
        '有争议的数字和日期、互相矛盾的资料、资料没有说明的地方。数字本身写进前面的 results，资料写进 sources，页面会显示。',
    },
    {
      heading: '如何推广',
      guidance: '写给下个月就想试一试的班组。',
      children: [
        { heading: '前提条件', guidance: '需要先具备什么：工具、技能、材料、需要谁同意。' },
        { heading: '步骤', guidance: '按顺序列出要做的事。' },
        { heading: '注意事项', guidance: '哪些地方出过错或可能出错，怎样及早发现。' },
      ],
    },
  ],
};

function renderOutline(outline: Outline[], level: number): string[] {
  return outline.flatMap((section) => [
    `${'#'.repeat(level)} ${section.heading}`,
    '',
    `${PLACEHOLDER_MARK}: ${section.guidance}`,
    '',
    ...renderOutline(section.children ?? [], level + 1),
  ]);
}

/** The whole file: frontmatter, then the outline. Always ends with one newline. */
export function buildSkeleton(input: SkeletonInput): string {
  const year = input.today.slice(0, 4);
  const summary = input.summary?.trim()
    ? quote(input.summary)
    : quote(`${PLACEHOLDER_MARK}: one or two sentences for the list pages: who changed what, and with what result.`);
  const measures = input.measures?.length
    ? input.measures
    : [{ kind: 'technical' as const, title: `${PLACEHOLDER_MARK}: the main change, in a few words` }];
  const lines = [
    '---',
    '# A new write-up. Replace every value that starts with TODO, then delete these',
    '# comment lines. CONTRIBUTING.md explains every field; `npm run check` checks them.',
    `title: ${quote(input.title)}`,
    `summary: ${summary}`,
    `lang: ${input.lang}`,
    ...(input.translationOf
      ? [
          `translationOf: ${input.translationOf}  # the id of the English original`,
          `translatedAt: ${input.today}  # the day the translation was made or last brought up to date`,
        ]
      : []),
    `sector: ${input.sector}`,
    `industry: ${input.industry}`,
    'tags: []  # a few lower-case keywords, e.g. [drilling, tool-life]',
    `organization: ${quote(`${PLACEHOLDER_MARK}: the works, farm, clinic or office`)}`,
    `location: ${quote(`${PLACEHOLDER_MARK}: town and country`)}`,
    'originators:  # the people or teams who made the change',
    `  - ${quote(`${PLACEHOLDER_MARK}: name`)}`,
    `period: "${year}"  # when: "1953", "1953-08", "1950/1951", about "~1953", "1950s" or "early 1950s"`,
    'measures:  # kind: technical or organizational; add detail: "…" where it helps',
    ...measures.flatMap((measure) => [`  - kind: ${measure.kind}`, `    title: ${quote(measure.title)}`]),
    ...(input.result
      ? [
          'results:  # the old quota and the new one; the change is computed',
          `  - metric: ${quote(input.result.metric)}`,
          `    unit: ${quote(input.result.unit)}`,
          `    before: ${input.result.before}`,
          `    after: ${input.result.after}`,
          `    better: ${input.result.better}  # higher or lower`,
          `    dimension: ${input.result.dimension}  # more, faster, better or cheaper`,
        ]
      : [
          '# results: the old quota and the new one, e.g.',
          '#   - metric: "Holes drilled per bit"',
          '#     unit: holes',
          '#     before: 10',
          '#     after: 40',
          '#     better: higher      # or lower',
          '#     dimension: more     # more, faster, better or cheaper',
          'results: []',
        ]),
    'evidence: reported  # measured, reported, anecdotal or contested: see CONTRIBUTING.md',
    'sources:  # at least one; kind: primary (from the time and place) or secondary (a retelling)',
    '  - kind: primary',
    `    title: ${quote(`${PLACEHOLDER_MARK}: the title of the report, article or book the facts come from`)}`,
    `    publisher: ${quote(`${PLACEHOLDER_MARK}: the newspaper, magazine, site or publisher`)}`,
    '    # author, date ("1954-02-08"), page, url and supports (what it supports) where known',
    'adoptions: []  # teams that tried it: unit, date, status (trial, adopted, abandoned, failed), result',
    'status: draft  # a maintainer sets published when the write-up is ready',
    `owner: ${quote(`${PLACEHOLDER_MARK}: your name or GitHub handle`)}`,
    `reviewed: ${input.today}`,
    'reviewEvery: 12  # months until the next review',
    'related: []  # ids of related write-ups in the same language',
    '---',
    '',
    ...renderOutline(WRITE_UP_OUTLINES[input.lang], 2),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Today as YYYY-MM-DD in the local calendar of whoever runs it. */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
