// The content model's vocabulary: languages, enums, limits and patterns, as plain
// constants. The zod schemas (src/schema/) are built from these, and browser code
// (the proposal form, src/client/) uses them without pulling zod into a page.
// No imports here, ever: this module ships to browsers (eslint.config.js enforces it).

export const LANGS = ['en', 'zh'] as const;
export const MEASURE_KINDS = ['technical', 'organizational'] as const;
export const DIMENSIONS = ['more', 'faster', 'better', 'cheaper'] as const;
export const EVIDENCE_LEVELS = ['measured', 'reported', 'anecdotal', 'contested'] as const;
export const STATUSES = ['draft', 'published', 'archived'] as const;
/** `failed`: copied and did not work there; counted as an attempt, not as an adoption. */
export const ADOPTION_STATUSES = ['trial', 'adopted', 'abandoned', 'failed'] as const;
/** Statuses that count as an adoption in counts and "most adopted". */
export const COUNTED_ADOPTION_STATUSES = ['trial', 'adopted'] as const;
/** primary: from the time and place; secondary: a retelling; notes: the project's own notes (check warns). */
export const SOURCE_KINDS = ['primary', 'secondary', 'notes'] as const;

export type Lang = (typeof LANGS)[number];
export type Dimension = (typeof DIMENSIONS)[number];

/** Lengths of the title and summary, shared with the scaffolder and the proposal form. */
export const TITLE_LIMITS = { min: 3, max: 160 } as const;
export const SUMMARY_LIMITS = { min: 20, max: 400 } as const;

/** Lower-case kebab-case identifiers: stable in URLs and file paths. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Write-up ids are file names and URL segments: kept short enough to read and type. */
export const MAX_ID_LENGTH = 60;
