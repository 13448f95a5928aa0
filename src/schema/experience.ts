// The frontmatter of one write-up. The schema is built from the taxonomy so that
// an unknown sector or industry is reported with the valid choices.
import { z } from 'astro/zod';
import { kebabId, type Taxonomy } from './taxonomy.ts';

export const LANGS = ['en', 'zh'] as const;
export const MEASURE_KINDS = ['technical', 'organizational'] as const;
export const DIMENSIONS = ['more', 'faster', 'better', 'cheaper'] as const;
export const EVIDENCE_LEVELS = ['measured', 'reported', 'anecdotal', 'contested'] as const;
export const STATUSES = ['draft', 'published', 'archived'] as const;
export const ADOPTION_STATUSES = ['trial', 'adopted', 'abandoned'] as const;

/** Lengths of the title and summary, shared with the scaffolder and the proposal form. */
export const TITLE_LIMITS = { min: 3, max: 160 } as const;
export const SUMMARY_LIMITS = { min: 20, max: 400 } as const;

/** A year, a year-month, or an interval of them: "1951", "1951-08", "1950/1951". */
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2]))?(\/\d{4}(-(0[1-9]|1[0-2]))?)?$/;
/** A year, year-month or full date, for sources and adoptions whose day is often unknown. */
export const PARTIAL_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

const period = z.string().regex(PERIOD_PATTERN, {
  error: 'must be a year, a year-month or an interval, e.g. "1951", "1951-08" or "1950/1951"',
});

// YAML turns 1954 or 2024-05-01 into a number or a Date; accept both and keep a string.
const partialDate = z.preprocess(
  (value) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'number' ? String(value) : value,
  z.string().regex(PARTIAL_DATE_PATTERN, {
    error: 'must be a date such as "1954", "1954-02" or "1954-02-08"',
  }),
);

const safeUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an absolute http(s) URL',
});

export const measureSchema = z.strictObject({
  kind: z.enum(MEASURE_KINDS),
  title: z.string().min(1),
  detail: z.string().min(1).optional(),
});

export const resultSchema = z.strictObject({
  metric: z.string().min(1),
  unit: z.string().min(1),
  before: z.number().nonnegative(),
  after: z.number().nonnegative(),
  better: z.enum(['higher', 'lower']),
  dimension: z.enum(DIMENSIONS),
  period: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
});

export const sourceSchema = z.strictObject({
  title: z.string().min(1),
  publisher: z.string().min(1).optional(),
  date: partialDate.optional(),
  url: safeUrl.optional(),
  kind: z.enum(['primary', 'secondary']),
});

export const adoptionSchema = z.strictObject({
  unit: z.string().min(1),
  sector: kebabId.optional(),
  date: partialDate,
  status: z.enum(ADOPTION_STATUSES),
  result: z.string().min(1).optional(),
  ref: z.string().min(1).optional(),
});

// JavaScript rolls "2026-02-31" over to 3 March; a date that does not survive the
// round trip is left as text, so the schema refuses it instead of shifting it.
const toCalendarDate = (value: unknown) => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? date : value;
};
const reviewedDate = z.preprocess(toCalendarDate, z.date({ error: 'must be a real date in the form YYYY-MM-DD' }));

const optionalIdList = z.array(kebabId).default([]);

/** Builds the frontmatter schema of a write-up for the given taxonomy. */
export function experienceSchema(taxonomy: Taxonomy) {
  const sectorIds = taxonomy.map((sector) => sector.id);
  return z
    .strictObject({
      title: z.string().min(TITLE_LIMITS.min).max(TITLE_LIMITS.max),
      summary: z.string().min(SUMMARY_LIMITS.min).max(SUMMARY_LIMITS.max),
      lang: z.enum(LANGS),
      translationOf: kebabId.optional(),
      /** For translations: the day the translation was made or last brought up to date with its original. */
      translatedAt: reviewedDate.optional(),
      sector: z.enum(sectorIds as [string, ...string[]]),
      industry: kebabId,
      tags: z.array(z.string().min(1)).default([]),
      organization: z.string().min(1),
      location: z.string().min(1),
      originators: z.array(z.string().min(1)).min(1),
      period,
      measures: z.array(measureSchema).min(1, { error: 'needs at least one measure' }),
      results: z.array(resultSchema).default([]),
      evidence: z.enum(EVIDENCE_LEVELS),
      sources: z.array(sourceSchema).min(1, { error: 'needs at least one source' }),
      adoptions: z.array(adoptionSchema).default([]),
      // A file that does not say otherwise is a draft: publishing is a deliberate step.
      status: z.enum(STATUSES).default('draft'),
      owner: z.string().min(1),
      reviewed: reviewedDate,
      reviewEvery: z.number().int().min(1).max(120).default(12),
      supersedes: kebabId.optional(),
      supersededBy: kebabId.optional(),
      related: optionalIdList,
    })
    .superRefine((data, ctx) => {
      for (const issue of crossFieldIssues(data, taxonomy)) ctx.addIssue({ code: 'custom', ...issue });
    });
}

export interface CrossFieldIssue {
  path: (string | number)[];
  input: unknown;
  message: string;
  params?: { expected: string };
}

const isKebab = (value: unknown): value is string => typeof value === 'string' && kebabId.safeParse(value).success;

/**
 * Rules that tie one field to another. They read the raw frontmatter and look only
 * at fields that are valid on their own, so they also run when other fields are
 * wrong: zod skips a superRefine once the object has failed, and a contributor
 * would otherwise learn of them only after fixing everything else.
 */
export function crossFieldIssues(raw: unknown, taxonomy: Taxonomy): CrossFieldIssue[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const data = raw as Record<string, unknown>;
  const issues: CrossFieldIssue[] = [];
  const sectorIds = taxonomy.map((sector) => sector.id);
  const sector = taxonomy.find((candidate) => candidate.id === data.sector);
  if (sector && isKebab(data.industry) && !sector.industries.some((industry) => industry.id === data.industry)) {
    issues.push({
      path: ['industry'],
      input: data.industry,
      message: `is not an industry of sector "${sector.id}"`,
      params: { expected: `one of: ${sector.industries.map((industry) => industry.id).join(', ')}` },
    });
  }
  const adoptions = Array.isArray(data.adoptions) ? (data.adoptions as unknown[]) : [];
  for (const [index, adoption] of adoptions.entries()) {
    const adopter = (adoption as { sector?: unknown } | null)?.sector;
    if (isKebab(adopter) && !sectorIds.includes(adopter)) {
      issues.push({
        path: ['adoptions', index, 'sector'],
        input: adopter,
        message: 'is not a known sector',
        params: { expected: `one of: ${sectorIds.join(', ')}` },
      });
    }
  }
  if (isKebab(data.translationOf) && (data.translatedAt === undefined || data.translatedAt === null)) {
    issues.push({
      path: ['translatedAt'],
      input: undefined,
      message: 'is required for a translation: the day it was made or last brought up to date with its original',
      params: { expected: 'a date in the form YYYY-MM-DD' },
    });
  }
  if (data.lang === 'en' && isKebab(data.translationOf)) {
    // Translations point at an English original; an English write-up is an original.
    issues.push({
      path: ['translationOf'],
      input: data.translationOf,
      message: 'only a translation (lang other than en) may name translationOf',
    });
  }
  return issues;
}

export type Experience = z.infer<ReturnType<typeof experienceSchema>>;
export type Measure = z.infer<typeof measureSchema>;
export type Result = z.infer<typeof resultSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Adoption = z.infer<typeof adoptionSchema>;
export type Lang = (typeof LANGS)[number];
export type Dimension = (typeof DIMENSIONS)[number];
