// A deterministic synthetic corpus for the benchmark: N write-ups that pass the
// real content check (schema, taxonomy, MDX guard, references), shaped like real
// ones — the body outline with headings, lists and a table, 600–1,500 words,
// some allowlisted components, 80% English and 20% Chinese — and with a
// Zipf-distributed vocabulary of thousands of pseudo-words, so that search index
// size and query cost look like real prose rather than a few dozen repeated words.
//
//   node bench/generate.ts --n 1000 --out bench/.corpus/1000 [--seed 1]
//
// Writes <out>/content/sectors.yaml (copied) and <out>/content/experiences/**.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { loadTaxonomy } from '../src/lib/content/corpus.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Samples ranks 0..size-1 with probability ∝ 1/(rank+1)^exponent (Zipf). */
function zipfSampler(size: number, exponent = 1.05): (random: Random) => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank += 1) {
    total += 1 / (rank + 1) ** exponent;
    cumulative[rank] = total;
  }
  return (random) => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

// English: real function words take the top ranks (as in real prose), then
// thousands of pseudo-words built from syllables.
const FUNCTION_WORDS =
  'the of and to a in was for that with on by as is it at from this their were be an or which had team they its not but each one per shift work more new time all day output old than after two we'.split(
    ' ',
  );
const ONSETS = [
  'b',
  'br',
  'c',
  'ch',
  'cr',
  'd',
  'dr',
  'f',
  'fl',
  'g',
  'gr',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'pl',
  'pr',
  'qu',
  'r',
  's',
  'sh',
  'sk',
  'sl',
  'sp',
  'st',
  't',
  'th',
  'tr',
  'v',
  'w',
  'z',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ee', 'io', 'oa', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'rk', 'st', 'ng', 'x', 'ck'];

function englishVocabulary(random: Random, size: number): string[] {
  const words = new Set<string>(FUNCTION_WORDS);
  const pseudo: string[] = [];
  while (pseudo.length < size) {
    const syllables = int(random, 1, 3);
    let word = '';
    for (let index = 0; index < syllables; index += 1)
      word += pick(random, ONSETS) + pick(random, VOWELS) + pick(random, CODAS);
    if (word.length < 3 || words.has(word)) continue;
    words.add(word);
    pseudo.push(word);
  }
  return [...FUNCTION_WORDS, ...pseudo];
}

// Chinese: a few thousand characters of the common CJK block combined into
// two-character words, with the commonest function characters at the top ranks.
const CHINESE_FUNCTION = [
  '的',
  '了',
  '在',
  '是',
  '和',
  '有',
  '我们',
  '这个',
  '一个',
  '生产',
  '工作',
  '小组',
  '提高',
  '方法',
];

function chineseVocabulary(random: Random, size: number): string[] {
  const characters: string[] = [];
  const seen = new Set<number>();
  // U+4E00–U+7FFF holds most of the commonly used characters.
  while (characters.length < 3000) {
    const code = 0x4e00 + Math.floor(random() * (0x7fff - 0x4e00));
    if (seen.has(code)) continue;
    seen.add(code);
    characters.push(String.fromCodePoint(code));
  }
  const characterRank = zipfSampler(characters.length, 0.9);
  const words = new Set<string>(CHINESE_FUNCTION);
  const list = [...CHINESE_FUNCTION];
  while (list.length < size) {
    const word = characters[characterRank(random)]! + characters[characterRank(random)]!;
    if (words.has(word)) continue;
    words.add(word);
    list.push(word);
  }
  return list;
}

interface Language {
  lang: 'en' | 'zh';
  words: string[];
  rank: (random: Random) => number;
  headings: {
    problem: string;
    oldWay: string;
    changed: string;
    results: string;
    adopt: string;
    prerequisites: string;
    steps: string;
    pitfalls: string;
    sources: string;
  };
  table: [string, string, string, string];
  join: (words: string[]) => string;
  sentence: (words: string[]) => string;
}

/**
 * A summary the content check accepts (20 characters at least). Fourteen short Chinese words
 * can fall under it (once in 100,000 write-ups at seed 1); repeating the sentence, rather
 * than drawing more words, leaves the random sequence, and so every other write-up, as it was.
 */
const atLeast20 = (sentence: string) => (sentence.length < 20 ? `${sentence}${sentence}` : sentence);

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function languages(random: Random): Record<'en' | 'zh', Language> {
  const en = englishVocabulary(random, 8000);
  const zh = chineseVocabulary(random, 6000);
  return {
    en: {
      lang: 'en',
      words: en,
      rank: zipfSampler(en.length),
      headings: {
        problem: 'The problem',
        oldWay: 'The old way',
        changed: 'What changed',
        results: 'Results',
        adopt: 'How to adopt it',
        prerequisites: 'Prerequisites',
        steps: 'Steps',
        pitfalls: 'Pitfalls',
        sources: 'Sources',
      },
      table: ['Measure', 'Before', 'After', 'Unit'],
      join: (words) => words.join(' '),
      sentence: (words) => {
        const parts = [...words];
        if (parts.length > 8) parts[int(random, 3, parts.length - 3)] += ',';
        return `${capitalise(parts.join(' '))}.`;
      },
    },
    zh: {
      lang: 'zh',
      words: zh,
      rank: zipfSampler(zh.length),
      headings: {
        problem: '问题',
        oldWay: '原来的做法',
        changed: '采取的措施',
        results: '成效',
        adopt: '如何推广',
        prerequisites: '前提条件',
        steps: '步骤',
        pitfalls: '注意事项',
        sources: '资料来源',
      },
      table: ['指标', '改进前', '改进后', '单位'],
      join: (words) => words.join(''),
      sentence: (words) => {
        const parts = [...words];
        if (parts.length > 8) parts[int(random, 3, parts.length - 3)] += '，';
        return `${parts.join('')}。`;
      },
    },
  };
}

export interface CorpusStats {
  n: number;
  seed: number;
  files: { en: number; zh: number; translations: number };
  words: { min: number; median: number; max: number };
  distinctWords: number;
  withComponents: number;
  percentWithComponents: number;
  sectorsCovered: number;
  industriesCovered: number;
}

export interface GeneratedWriteUp {
  file: string;
  lang: 'en' | 'zh';
  id: string;
  sector: string;
  industry: string;
  words: number;
  components: boolean;
}

export interface GenerateOptions {
  n: number;
  out: string;
  seed?: number;
}

const DIMENSIONS = ['more', 'faster', 'better', 'cheaper'] as const;
const EVIDENCE = ['measured', 'measured', 'reported', 'reported', 'anecdotal', 'contested'] as const;
const ADOPTION_STATUS = ['trial', 'adopted', 'adopted', 'abandoned'] as const;

const isoDay = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Generates the corpus into `out/content` and returns its statistics. */
export function generateCorpus({ n, out, seed = 1 }: GenerateOptions): {
  stats: CorpusStats;
  writeUps: GeneratedWriteUp[];
} {
  const { taxonomy, problems } = loadTaxonomy(PROJECT_ROOT);
  if (!taxonomy) throw new Error(`content/sectors.yaml is invalid: ${problems.map((p) => p.message).join('; ')}`);
  const random = prng(seed);
  const langs = languages(random);
  const pairs = taxonomy.flatMap((sector) =>
    sector.industries.map((industry) => ({ sector: sector.id, industry: industry.id })),
  );
  // Round-robin over a shuffled list of (sector, industry): every industry is used once N ≥ 48.
  for (let index = pairs.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [pairs[index], pairs[other]] = [pairs[other]!, pairs[index]!];
  }

  const contentDir = path.join(out, 'content');
  rmSync(contentDir, { recursive: true, force: true });
  mkdirSync(path.join(contentDir, 'experiences'), { recursive: true });
  cpSync(path.join(PROJECT_ROOT, 'content/sectors.yaml'), path.join(contentDir, 'sectors.yaml'));

  const distinct = new Set<string>();
  const writeUps: GeneratedWriteUp[] = [];
  const idsByLang: Record<'en' | 'zh', string[]> = { en: [], zh: [] };
  const english: { id: string; sector: string; industry: string; reviewed: string }[] = [];
  let translations = 0;
  const translated = new Set<string>();

  for (let index = 0; index < n; index += 1) {
    const isChinese = random() < 0.2 && english.length > 0;
    const language = langs[isChinese ? 'zh' : 'en'];
    const draw = (count: number) => {
      const words: string[] = [];
      for (let k = 0; k < count; k += 1) {
        const word = language.words[language.rank(random)]!;
        distinct.add(word);
        words.push(word);
      }
      return words;
    };
    const phrase = (min: number, max: number) => language.join(draw(int(random, min, max)));
    const sentence = () => language.sentence(draw(int(random, 6, 20)));
    // The id is made of English pseudo-words whatever the language (file names are ASCII).
    const idWord = () =>
      langs.en.words[FUNCTION_WORDS.length + Math.floor(random() * (langs.en.words.length - FUNCTION_WORDS.length))]!;

    // Half of the Chinese write-ups translate an English one and keep its id, sector and industry.
    const original = isChinese && random() < 0.5 ? english[Math.floor(random() * english.length)] : undefined;
    const isTranslation = original !== undefined && !translated.has(original.id);
    const place = isTranslation ? original : pairs[index % pairs.length]!;
    const id = isTranslation ? original.id : `${idWord()}-${idWord()}-${index.toString(36)}`;

    const year = int(random, 1950, 2024);
    const reviewed = isoDay(int(random, 2025, 2026), int(random, 1, 10), int(random, 1, 28));
    const resultCount = int(random, 2, 4);
    const results = Array.from({ length: resultCount }, () => {
      const better = random() < 0.6 ? 'higher' : 'lower';
      const before = int(random, 5, 500);
      const factor = 1 + random() * 2;
      const after = better === 'higher' ? Math.round(before * factor) : Math.max(1, Math.round(before / factor));
      return {
        metric: capitalise(phrase(2, 4)),
        unit: phrase(1, 1),
        before,
        after,
        better,
        dimension: pick(random, DIMENSIONS),
      };
    });
    const sectorIds = taxonomy.map((sector) => sector.id);
    const adoptions = Array.from({ length: int(random, 0, 3) }, () => ({
      unit: capitalise(phrase(2, 5)),
      ...(random() < 0.5 ? { sector: pick(random, sectorIds) } : {}),
      date: `${year + int(random, 1, 5)}-${String(int(random, 1, 12)).padStart(2, '0')}`,
      status: pick(random, ADOPTION_STATUS),
      ...(random() < 0.6 ? { result: language.sentence(draw(int(random, 6, 14))) } : {}),
    }));
    const earlier = idsByLang[language.lang];
    const related =
      random() < 0.4 && earlier.length > 0 ? [...new Set([pick(random, earlier), pick(random, earlier)])] : [];

    const frontmatter: Record<string, unknown> = {
      title: capitalise(phrase(3, 7)).slice(0, 150),
      summary: atLeast20(language.sentence(draw(int(random, 14, 30)))).slice(0, 380),
      lang: language.lang,
      ...(isTranslation
        ? {
            translationOf: original.id,
            // On or after the original's review, so the stale-translation check stays quiet.
            translatedAt: original.reviewed,
          }
        : {}),
      sector: place.sector,
      industry: place.industry,
      tags: Array.from({ length: int(random, 2, 5) }, () => idWord()),
      organization: capitalise(phrase(2, 4)),
      location: capitalise(phrase(1, 2)),
      originators: Array.from({ length: int(random, 1, 3) }, () => capitalise(phrase(2, 3))),
      period: random() < 0.5 ? String(year) : `${year}/${year + int(random, 1, 3)}`,
      measures: Array.from({ length: int(random, 1, 4) }, () => ({
        kind: random() < 0.55 ? 'technical' : 'organizational',
        title: capitalise(phrase(2, 6)),
        ...(random() < 0.7 ? { detail: sentence() } : {}),
      })),
      results,
      evidence: pick(random, EVIDENCE),
      sources: Array.from({ length: int(random, 1, 3) }, (_, k) => ({
        title: capitalise(phrase(3, 8)),
        // Every source names a publisher (check warns otherwise); the same random draws as before.
        publisher: random() < 0.5 ? capitalise(phrase(1, 3)) : 'Bench Press',
        ...(random() < 0.5 ? { date: String(year + int(random, 0, 3)) } : {}),
        ...(random() < 0.4 ? { url: `https://example.org/sources/${id}/${k + 1}` } : {}),
        kind: random() < 0.5 ? 'primary' : 'secondary',
      })),
      adoptions,
      status: 'published',
      owner: `owner-${int(random, 1, 60)}`,
      reviewed,
      reviewEvery: pick(random, [12, 12, 24, 36]),
      related,
    };

    // The body: the scaffolder's outline, filled to 600–1,500 words.
    // Aim a little under the range's ends: the last paragraph and the sources overshoot the target.
    const target = int(random, 600, 1420);
    const useComponents = random() < 0.3;
    const h = language.headings;
    const paragraph = (sentences: number) => Array.from({ length: sentences }, sentence).join(' ');
    const bullets = (count: number) => Array.from({ length: count }, () => `- ${sentence()}`).join('\n');
    const numbered = (count: number) => Array.from({ length: count }, (_, k) => `${k + 1}. ${sentence()}`).join('\n');
    const table = [
      `| ${language.table.join(' | ')} |`,
      '| --- | ---: | ---: | --- |',
      ...results.map((result) => `| ${result.metric} | ${result.before} | ${result.after} | ${result.unit} |`),
    ].join('\n');
    const steps = numbered(int(random, 3, 6));
    const sections: string[] = [
      `## ${h.problem}\n\n${paragraph(int(random, 3, 6))}`,
      `## ${h.oldWay}\n\n${paragraph(int(random, 3, 6))}`,
      `## ${h.changed}\n\n${paragraph(int(random, 2, 4))}\n\n${bullets(int(random, 3, 5))}`,
      `## ${h.results}\n\n${paragraph(int(random, 1, 3))}\n\n${table}`,
      `## ${h.adopt}\n\n### ${h.prerequisites}\n\n${bullets(int(random, 2, 4))}\n\n### ${h.steps}\n\n${useComponents ? `<Steps>\n\n${steps}\n\n</Steps>` : steps}\n\n### ${h.pitfalls}\n\n${bullets(int(random, 2, 4))}`,
    ];
    if (useComponents) {
      const first = results[0]!;
      sections[3] += `\n\n<BeforeAfter metric="${first.metric}" unit="${first.unit}" before="${first.before}" after="${first.after}" better="${first.better}" />`;
      sections[2] += `\n\n<Callout kind="${pick(random, ['tip', 'warning', 'note'])}" title="${capitalise(phrase(2, 4))}">\n\n${paragraph(2)}\n\n</Callout>`;
      if (random() < 0.5)
        sections[0] += `\n\n<Figure src="https://example.org/images/${id}.png" alt="${capitalise(phrase(3, 6))}" caption="${language.sentence(draw(6))}" />`;
    }
    const countWords = (text: string) =>
      language.lang === 'en'
        ? text.split(/\s+/).filter((word) => /\w/.test(word)).length
        : Math.round((text.match(/[\u4e00-\u9fff]/g) ?? []).length / 2);
    // Top up the first sections with paragraphs until the target length is reached.
    let words = countWords(sections.join('\n'));
    let slot = 0;
    while (words < target) {
      const extra = paragraph(int(random, 2, 3));
      sections[slot % 3] += `\n\n${extra}`;
      words += countWords(extra);
      slot += 1;
    }
    const body = `${sections.join('\n\n')}\n\n## ${h.sources}\n\n${bullets(int(random, 1, 3))}\n`;
    words = countWords(body);

    const file = `experiences/${language.lang}/${place.sector}/${id}.mdx`;
    const full = path.join(contentDir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${body}`);
    writeUps.push({
      file: `content/${file}`,
      lang: language.lang,
      id,
      sector: place.sector,
      industry: place.industry,
      words,
      components: useComponents,
    });
    idsByLang[language.lang].push(id);
    if (language.lang === 'en') english.push({ id, sector: place.sector, industry: place.industry, reviewed });
    if (isTranslation) {
      translations += 1;
      translated.add(id);
    }
  }

  const counts = writeUps.map((writeUp) => writeUp.words).sort((a, b) => a - b);
  const withComponents = writeUps.filter((writeUp) => writeUp.components).length;
  const stats: CorpusStats = {
    n,
    seed,
    files: {
      en: writeUps.filter((writeUp) => writeUp.lang === 'en').length,
      zh: writeUps.filter((writeUp) => writeUp.lang === 'zh').length,
      translations,
    },
    words: { min: counts[0] ?? 0, median: counts[Math.floor(counts.length / 2)] ?? 0, max: counts.at(-1) ?? 0 },
    distinctWords: distinct.size,
    withComponents,
    percentWithComponents: n === 0 ? 0 : Math.round((withComponents / n) * 1000) / 10,
    sectorsCovered: new Set(writeUps.map((writeUp) => writeUp.sector)).size,
    industriesCovered: new Set(writeUps.map((writeUp) => `${writeUp.sector}/${writeUp.industry}`)).size,
  };
  writeFileSync(path.join(out, 'corpus-stats.json'), `${JSON.stringify(stats, null, 2)}\n`);
  return { stats, writeUps };
}

/** Queries for the search benchmark: common and rare words of the generated English vocabulary. */
export function searchQueries(seed = 1): string[] {
  const random = prng(seed);
  const { en } = languages(random);
  const words = en.words;
  const first = FUNCTION_WORDS.length;
  // Ranks just below the function words are very common; ranks in the thousands are rare.
  const ranks = [0, 1, 2, 5, 10, 20, 40, 80, 150, 300, 500, 800, 1200, 1800, 2500, 3500, 4500, 5500, 6500, 7500];
  return ranks.map((rank, index) =>
    index % 5 === 4 ? `${words[first + rank]} ${words[first + rank + 1]}` : words[first + rank]!,
  );
}

export function formatStats(stats: CorpusStats): string {
  return [
    `corpus: ${stats.n} write-ups (seed ${stats.seed})`,
    `  files: en ${stats.files.en}, zh ${stats.files.zh} (${stats.files.translations} translations of en write-ups)`,
    `  words per write-up: min ${stats.words.min}, median ${stats.words.median}, max ${stats.words.max}`,
    `  distinct words: ${stats.distinctWords}`,
    `  with components: ${stats.withComponents} (${stats.percentWithComponents}%)`,
    `  sectors covered: ${stats.sectorsCovered}, industries covered: ${stats.industriesCovered}`,
  ].join('\n');
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '1000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  const n = Number(values.n);
  const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, 'bench/.corpus', String(n)));
  const { stats } = generateCorpus({ n, out, seed: Number(values.seed) });
  console.log(formatStats(stats));
  console.log(`  written to ${path.join(out, 'content')}`);
}
