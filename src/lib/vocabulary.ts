// The content model's vocabulary: languages, enums, limits and patterns, as plain
// constants. The zod schemas (src/schema/) are built from these, and browser code
// (the proposal form, src/scripts/) uses them without pulling zod into a page.
// No imports here, ever: this module ships to browsers (eslint.config.js enforces it).

export const LANGS = ['en', 'zh'] as const;
export const MEASURE_KINDS = ['technical', 'organizational'] as const;
export const DIMENSIONS = ['more', 'faster', 'better', 'cheaper'] as const;
export const EVIDENCE_LEVELS = ['measured', 'reported', 'anecdotal', 'contested'] as const;
export const STATUSES = ['draft', 'published', 'archived'] as const;
export const ADOPTION_STATUSES = ['trial', 'adopted', 'abandoned'] as const;

export type Lang = (typeof LANGS)[number];
export type Dimension = (typeof DIMENSIONS)[number];

/** Lengths of the title and summary, shared with the scaffolder and the proposal form. */
export const TITLE_LIMITS = { min: 3, max: 160 } as const;
export const SUMMARY_LIMITS = { min: 20, max: 400 } as const;

/** A year, a year-month, or an interval of them: "1951", "1951-08", "1950/1951". */
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2]))?(\/\d{4}(-(0[1-9]|1[0-2]))?)?$/;
/** A year, year-month or full date, for sources and adoptions whose day is often unknown. */
export const PARTIAL_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Lower-case kebab-case identifiers: stable in URLs and file paths. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Write-up ids are file names and URL segments: kept short enough to read and type. */
export const MAX_ID_LENGTH = 60;
