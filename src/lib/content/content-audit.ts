// The after-build audit: every write-up file became exactly one page and, unless
// it is a draft, one search record, per language — or the build fails naming
// what is missing (or a draft that was indexed).
// Pure: the integration (src/integrations/content-audit.ts) reads dist/ and
// passes plain lists in.

export interface AuditedFile {
  /** Project-relative path of the write-up. */
  file: string;
  lang: string;
  /** The page URL the write-up must have, e.g. /experiences/ni-zhifu-drill/. */
  url: string;
  /** A draft has its page but must have no search record. */
  draft?: boolean;
}

export interface SearchRecord {
  lang: string;
  url: string;
}

export interface AuditInput {
  files: readonly AuditedFile[];
  /** URLs of the write-up pages found in dist/ (every language). */
  pages: readonly string[];
  /** The records in dist/pagefind/, or undefined when no search index was written. */
  search?: readonly SearchRecord[];
}

export interface AuditResult {
  problems: string[];
  /** One line per language: files, pages, search records. */
  summary: string[];
  searchAudited: boolean;
}

const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

export function auditBuild({ files, pages, search }: AuditInput): AuditResult {
  const problems: string[] = [];
  const pageSet = new Set(pages);
  const expected = new Map(files.map((file) => [file.url, file]));

  for (const file of files) {
    if (!pageSet.has(file.url)) problems.push(`${file.file}: no page was written at ${file.url}`);
  }
  for (const [url, count] of countBy(files, (file) => file.url)) {
    if (count > 1) {
      problems.push(
        `${files
          .filter((file) => file.url === url)
          .map((file) => file.file)
          .join(' and ')}: ${count} files share the page ${url}`,
      );
    }
  }
  for (const url of pages) {
    if (!expected.has(url)) problems.push(`${url}: a write-up page was written that no content file accounts for`);
  }

  if (search) {
    const recordCounts = countBy(search, (record) => record.url);
    // The first record per URL, looked up once per file: a scan per file would be quadratic.
    const firstRecord = new Map<string, SearchRecord>();
    for (const record of search) if (!firstRecord.has(record.url)) firstRecord.set(record.url, record);
    for (const file of files) {
      const count = recordCounts.get(file.url) ?? 0;
      if (file.draft) {
        if (count > 0) problems.push(`${file.file}: is a draft but has ${count} search record(s) for ${file.url}`);
        continue;
      }
      if (count === 0) problems.push(`${file.file}: no search record for ${file.url}`);
      else if (count > 1) problems.push(`${file.file}: ${count} search records for ${file.url}, expected exactly one`);
      const record = firstRecord.get(file.url);
      if (record && record.lang !== file.lang) {
        problems.push(`${file.file}: its search record is in the "${record.lang}" index, expected "${file.lang}"`);
      }
    }
  }

  const langs = [
    ...new Set([...files.map((file) => file.lang), ...(search ?? []).map((record) => record.lang)]),
  ].sort();
  const summary = langs.map((lang) => {
    const own = files.filter((file) => file.lang === lang);
    const drafts = own.filter((file) => file.draft).length;
    const written = own.filter((file) => pageSet.has(file.url)).length;
    const records = search
      ? search.filter((record) => record.lang === lang && expected.get(record.url)?.lang === lang).length
      : undefined;
    const counted =
      drafts > 0
        ? `${own.length} write-up file(s) (${drafts} draft(s), not searchable)`
        : `${own.length} write-up file(s)`;
    return `${lang}: ${counted}, ${written} page(s), ${records === undefined ? 'search not audited' : `${records} search record(s)`}`;
  });
  return { problems, summary, searchAudited: search !== undefined };
}
