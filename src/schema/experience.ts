// The frontmatter of one write-up. The schema is built from the taxonomy so that
// an unknown sector or industry is reported with the valid choices.
import { z } from 'astro/zod';
import { dateExpectation, parseDateValue, type DateRules, type Figure } from '../lib/catalog/uncertain.ts';
import { kebabId, type Taxonomy } from './taxonomy.ts';
import {
  ADOPTION_STATUSES,
  DIMENSIONS,
  EVIDENCE_LEVELS,
  LANGS,
  MEASURE_KINDS,
  SOURCE_KINDS,
  STATUSES,
  SUMMARY_LIMITS,
  TITLE_LIMITS,
} from '../lib/vocabulary.ts';

// The vocabulary lives in a zod-free module that browser code can import; the schema's
// importers get it from here too.
export * from '../lib/vocabulary.ts';

/** Turns what YAML made of a date (a number for 1954, a Date for 2024-05-01) back into text. */
const dateText = (value: unknown) =>
  value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'number' ? String(value) : value;

/**
 * A date value in one of the forms of src/lib/catalog/uncertain.ts: exact, a range, about
 * ("~1952"), a decade or part of one. `period` stops at the month; adoption and
 * source dates may name a day.
 */
const dateValue = (rules: DateRules) =>
  z.preprocess(
    dateText,
    z.string({ error: `must be a date in quotes, e.g. ${dateExpectation(rules)}` }).superRefine((value, ctx) => {
      const parsed = parseDateValue(value, rules);
      if ('error' in parsed) {
        ctx.addIssue({
          code: 'custom',
          input: value,
          message: `${parsed.error}`,
          params: { expected: dateExpectation(rules) },
        });
      }
    }),
  );

const period = dateValue({ allowDay: false });
const partialDate = dateValue({ allowDay: true });

const FIGURE_EXPECTED = 'a number (12), an approximate figure { about: 12 } or a range { from: 400, to: 500 }';

/** `before` / `after`: a number, `{ about }` or `{ from, to }` with from < to, never negative. */
const figure = z.custom<Figure>().superRefine((value, ctx) => {
  const fail = (message: string, path: PropertyKey[] = []) =>
    ctx.addIssue({ code: 'custom', path, input: value, message, params: { expected: FIGURE_EXPECTED } });
  const checkNumber = (number: unknown, path: PropertyKey[]) => {
    if (typeof number !== 'number' || !Number.isFinite(number)) fail('must be a number', path);
    else if (number < 0) fail('must not be negative', path);
  };
  if (value === undefined || value === null) return fail('is required');
  if (typeof value === 'number') return checkNumber(value, []);
  if (typeof value !== 'object' || Array.isArray(value)) return fail('is not a figure');
  const keys = Object.keys(value).sort().join(',');
  const record = value as Record<string, unknown>;
  if (keys === 'about') return checkNumber(record.about, ['about']);
  if (keys === 'from,to') {
    checkNumber(record.from, ['from']);
    checkNumber(record.to, ['to']);
    if (typeof record.from === 'number' && typeof record.to === 'number' && !(record.from < record.to)) {
      fail('is a range whose from is not less than its to');
    }
    return;
  }
  fail(`has the fields ${keys ? `"${keys}"` : 'none'}, which is none of the three forms`);
});

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
  before: figure,
  after: figure,
  better: z.enum(['higher', 'lower']),
  dimension: z.enum(DIMENSIONS),
  period: period.optional(),
  source: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
});

export const sourceSchema = z.strictObject({
  kind: z.enum(SOURCE_KINDS),
  title: z.string({ error: 'is required: the title of the article, book or page as published' }).min(1),
  author: z.string().min(1).optional(),
  publisher: z.string().min(1).optional(),
  date: partialDate.optional(),
  // YAML reads page: 2 as a number; a page is text ("2", "35–37").
  page: z.preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string().min(1)).optional(),
  url: safeUrl.optional(),
  supports: z.string().min(1).optional(),
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
