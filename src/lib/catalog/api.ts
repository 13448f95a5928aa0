// The open data API: /api/experiences.json lists every write-up's metadata, and
// /api/experiences.schema.json publishes its JSON Schema, generated from the
// same zod schema the tests validate the output against.
import { z } from 'astro/zod';
import {
  ADOPTION_STATUSES,
  DIMENSIONS,
  EVIDENCE_LEVELS,
  LANGS,
  SOURCE_KINDS,
  STATUSES,
} from '../../schema/experience.ts';
import type { ExperienceRecord } from './catalog.ts';
import { computeImprovement } from './metrics.ts';
import { isoDate } from '../review/review.ts';
import { withBase } from '../urls.ts';
import { readFigure, type Figure } from './uncertain.ts';

const figureSchema = z
  .object({
    value: z.number().describe('the figure; for a range its midpoint, which changes are computed from'),
    approximate: z.boolean().describe('true for an approximate figure ("about 12") or a range'),
    from: z.number().optional().describe("a range's lower end"),
    to: z.number().optional().describe("a range's upper end"),
  })
  .describe('A figure as its source gives it');

const DATE_VALUE_HELP =
  'a date value: "1951", "1951-08", "1951-08-17", a range "1950/1952", about "~1952", "1950s" or "early 1950s"';

function apiFigure(figure: Figure): z.infer<typeof figureSchema> {
  const { value, approximate, from, to } = readFigure(figure);
  return { value, approximate, ...(from === undefined ? {} : { from, to }) };
}

export const apiEntrySchema = z
  .object({
    id: z.string(),
    lang: z.enum(LANGS),
    url: z.url(),
    title: z.string(),
    summary: z.string(),
    sector: z.string(),
    industry: z.string(),
    tags: z.array(z.string()),
    organization: z.string(),
    location: z.string(),
    originators: z.array(z.string()),
    period: z.string().describe(DATE_VALUE_HELP),
    periodStartYear: z.number().int().describe('the earliest year of the period, used for sorting and decades'),
    evidence: z.enum(EVIDENCE_LEVELS),
    status: z.enum(STATUSES),
    translationOf: z.string().nullable(),
    measures: z.array(z.object({ kind: z.enum(['technical', 'organizational']), title: z.string() })),
    results: z.array(
      z.object({
        metric: z.string(),
        unit: z.string(),
        before: figureSchema,
        after: figureSchema,
        better: z.enum(['higher', 'lower']),
        dimension: z.enum(DIMENSIONS),
        direction: z.enum(['improved', 'unchanged', 'worsened']),
        factor: z
          .number()
          .nullable()
          .describe('times better: after/before when higher is better, before/after when lower is'),
        change: z.number().nullable().describe('(after - before) / before'),
        approximate: z.boolean().describe('true when either figure is approximate or a range'),
      }),
    ),
    sources: z.array(
      z.object({
        kind: z.enum(SOURCE_KINDS),
        title: z.string(),
        author: z.string().optional(),
        publisher: z.string().optional(),
        date: z.string().optional().describe(DATE_VALUE_HELP),
        page: z.string().optional(),
        url: z.string().optional(),
        supports: z.string().optional(),
      }),
    ),
    adoptions: z.object({
      count: z.number().int().describe('trials and adoptions; abandoned and failed attempts are not counted'),
      attempts: z.number().int().describe('every recorded attempt, failed and abandoned ones included'),
      byStatus: z.record(z.enum(ADOPTION_STATUSES), z.number().int()),
    }),
    reviewed: z.string().describe('YYYY-MM-DD'),
    reviewDue: z.string().describe('YYYY-MM-DD'),
  })
  .describe('One Pacesetter write-up');

export const apiDocumentSchema = z.object({
  generated: z.string().describe('YYYY-MM-DD: the build date'),
  count: z.number().int(),
  experiences: z.array(apiEntrySchema),
});

export type ApiEntry = z.infer<typeof apiEntrySchema>;

export function toApiEntry(record: ExperienceRecord, siteUrl: string): ApiEntry {
  const { data } = record;
  const byStatus = Object.fromEntries(
    ADOPTION_STATUSES.map((status) => [status, data.adoptions.filter((adoption) => adoption.status === status).length]),
  ) as ApiEntry['adoptions']['byStatus'];
  return {
    id: record.id,
    lang: record.lang,
    url: new URL(record.url, siteUrl).href,
    title: data.title,
    summary: data.summary,
    sector: data.sector,
    industry: data.industry,
    tags: data.tags,
    organization: data.organization,
    location: data.location,
    originators: data.originators,
    period: data.period,
    periodStartYear: record.year,
    evidence: data.evidence,
    status: data.status,
    translationOf: data.translationOf ?? null,
    measures: data.measures.map(({ kind, title }) => ({ kind, title })),
    results: data.results.map((result) => ({
      metric: result.metric,
      unit: result.unit,
      before: apiFigure(result.before),
      after: apiFigure(result.after),
      better: result.better,
      dimension: result.dimension,
      ...computeImprovement(result),
    })),
    sources: data.sources.map((source) => ({ ...source })),
    adoptions: { count: record.adoptionCount, attempts: record.attemptCount, byStatus },
    reviewed: isoDate(data.reviewed),
    reviewDue: isoDate(record.review.due),
  };
}

/**
 * Every write-up file that is not a draft, in every language, published and archived:
 * a draft is not published, so it stays out of the data as it stays out of search and lists.
 */
export function apiDocument(records: readonly ExperienceRecord[], siteUrl: string, today: Date) {
  const experiences = records
    .filter((record) => record.data.status !== 'draft')
    .map((record) => toApiEntry(record, siteUrl));
  return { generated: isoDate(today), count: experiences.length, experiences };
}

export function apiJsonSchema(siteUrl: string) {
  return {
    $id: new URL(withBase('/api/experiences.schema.json'), siteUrl).href,
    title: 'Pacesetter write-ups',
    ...z.toJSONSchema(apiDocumentSchema),
  };
}
