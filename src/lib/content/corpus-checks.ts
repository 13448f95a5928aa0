// Cross-file checks of the corpus: duplicate ids, references between write-ups, stale
// translations. Split out of corpus.ts, which re-exports them.
import type { CorpusEntry } from './corpus.ts';
import { type ContentProblem } from './problems.ts';
import { entryId } from './paths.ts';
import { translationStatus } from '../catalog/translations.ts';

/** Two files with one id would become one page: refuse, naming both. */
export function checkIdentities(entries: readonly CorpusEntry[]): ContentProblem[] {
  const byKey = Map.groupBy(entries, (entry) => `${entry.lang}/${entry.id}`);
  return [...byKey.values()]
    .filter((group) => group.length > 1)
    .flatMap((group) =>
      group.map((entry) => ({
        severity: 'error' as const,
        file: entry.file,
        field: 'id',
        message: `duplicate id "${entry.id}" in language "${entry.lang}": also used by ${group
          .filter((other) => other !== entry)
          .map((other) => other.file)
          .join(', ')}`,
        hint: 'ids are file names and must be unique per language; rename one of the files',
      })),
    );
}

/** related, supersedes, supersededBy and translationOf must name existing write-ups. */
export function checkReferences(
  entries: readonly CorpusEntry[],
  /** "lang/id" of files that exist but have errors: their own problems are listed, a link to them is not one. */
  unreadable: ReadonlySet<string> = new Set(),
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const index = new Map(entries.map((entry) => [`${entry.lang}/${entry.id}`, entry]));
  const find = (lang: string, id: string) => index.get(`${lang}/${id}`);
  const firstTranslation = new Map<string, CorpusEntry>();
  for (const entry of entries) {
    const key = `${entry.lang}/${entry.data.translationOf}`;
    if (entry.data.translationOf && !firstTranslation.has(key)) firstTranslation.set(key, entry);
  }
  // "related[1]" → the line of "related:"; column 1, as the key starts the line.
  const at = (entry: CorpusEntry, field: string) => {
    const line = entry.keyLines?.[field.replace(/\[.*$/, '')];
    return line === undefined ? {} : { line, column: 1 };
  };
  const missing = (entry: CorpusEntry, field: string, id: string, lang: string): ContentProblem => ({
    severity: 'error',
    file: entry.file,
    ...at(entry, field),
    field,
    message: `names a write-up that does not exist in language "${lang}"`,
    got: JSON.stringify(id),
    expected: `the id of a file in content/experiences/${lang}/`,
  });

  const pushMissing = (entry: CorpusEntry, field: string, id: string, lang: string) => {
    if (!unreadable.has(entryId({ lang, id }))) problems.push(missing(entry, field, id, lang));
  };

  for (const entry of entries) {
    const { data } = entry;
    data.related.forEach((id, position) => {
      if (!find(entry.lang, id)) pushMissing(entry, `related[${position}]`, id, entry.lang);
      if (id === entry.id)
        problems.push({
          severity: 'error',
          file: entry.file,
          ...at(entry, 'related'),
          field: `related[${position}]`,
          message: 'a write-up cannot be related to itself',
          got: JSON.stringify(id),
        });
    });
    if (data.translationOf && !find('en', data.translationOf)) {
      pushMissing(entry, 'translationOf', data.translationOf, 'en');
    }
    // An original has at most one translation per language: the language switch links to one page.
    const rival = data.translationOf ? firstTranslation.get(`${entry.lang}/${data.translationOf}`) : undefined;
    if (rival && rival !== entry) {
      problems.push({
        severity: 'error',
        file: entry.file,
        ...at(entry, 'translationOf'),
        field: 'translationOf',
        message: `the original already has a translation in this language: ${rival.file}`,
        got: JSON.stringify(data.translationOf),
        hint: 'improve the existing translation instead, or point this one at another original',
      });
    }
    if (data.supersedes) {
      const predecessor = find(entry.lang, data.supersedes);
      if (!predecessor) pushMissing(entry, 'supersedes', data.supersedes, entry.lang);
      else if (predecessor.data.supersededBy !== entry.id) {
        problems.push({
          severity: 'error',
          file: entry.file,
          ...at(entry, 'supersedes'),
          field: 'supersedes',
          message: `the superseded write-up does not point back: ${predecessor.file} must say supersededBy: ${entry.id}`,
          got: JSON.stringify(predecessor.data.supersededBy ?? null),
          expected: JSON.stringify(entry.id),
        });
      }
    }
    if (data.supersededBy) {
      const successor = find(entry.lang, data.supersededBy);
      if (!successor) pushMissing(entry, 'supersededBy', data.supersededBy, entry.lang);
      else if (successor.data.supersedes !== entry.id) {
        problems.push({
          severity: 'error',
          file: entry.file,
          ...at(entry, 'supersededBy'),
          field: 'supersededBy',
          message: `the successor does not point back: ${successor.file} must say supersedes: ${entry.id}`,
          got: JSON.stringify(successor.data.supersedes ?? null),
          expected: JSON.stringify(entry.id),
        });
      }
    }
  }
  return problems;
}

/**
 * Warns (without failing) about translations whose original was reviewed or
 * committed after the translation was made: readers see the same notice.
 */
export function checkTranslations(
  entries: readonly CorpusEntry[],
  changed: ReadonlyMap<string, string> = new Map(),
): ContentProblem[] {
  const originals = new Map(entries.filter((entry) => entry.lang === 'en').map((entry) => [entry.id, entry]));
  return entries.flatMap((entry): ContentProblem[] => {
    const original = entry.data.translationOf ? originals.get(entry.data.translationOf) : undefined;
    if (!original) return [];
    const status = translationStatus(
      { data: entry.data, lastChanged: changed.get(entry.file) },
      { data: original.data, lastChanged: changed.get(original.file) },
    );
    if (!status.stale) return [];
    const line = entry.keyLines?.translatedAt;
    return [
      {
        severity: 'warning',
        file: entry.file,
        ...(line === undefined ? {} : { line, column: 1 }),
        field: 'translatedAt',
        message: `the original ${original.file} has changed since this translation`,
        got: status.translatedAt,
        expected: `${status.originalChanged} or later, once the translation is brought up to date`,
        hint: 'compare the two files, update the translation, then set translatedAt to today',
      },
    ];
  });
}
