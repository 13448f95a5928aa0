// The open data API: /api/experiences.json lists every write-up's metadata, and
// /api/experiences.schema.json publishes its JSON Schema, generated from the
// same zod schema the tests validate the output against.
import { z } from 'astro/zod';
import { ADOPTION_STATUSES, DIMENSIONS, EVIDENCE_LEVELS, LANGS, STATUSES } from '../schema/experience.ts';
import type { ExperienceRecord } from './catalog.ts';
import { computeImprovement } from './metrics.ts';
import { isoDate } from './review.ts';
import { withBase } from './urls.ts';

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
    period: z.string(),
    evidence: z.enum(EVIDENCE_LEVELS),
    status: z.enum(STATUSES),
    translationOf: z.string().nullable(),
    measures: z.array(z.object({ kind: z.enum(['technical', 'organizational']), title: z.string() })),
    results: z.array(
      z.object({
        metric: z.string(),
        unit: z.string(),
        before: z.number(),
        after: z.number(),
        better: z.enum(['higher', 'lower']),
        dimension: z.enum(DIMENSIONS),
        direction: z.enum(['improved', 'unchanged', 'worsened']),
        factor: z
          .number()
          .nullable()
          .describe('times better: after/before when higher is better, before/after when lower is'),
        change: z.number().nullable().describe('(after - before) / before'),
      }),
    ),
    adoptions: z.object({
      count: z.number().int().describe('adoptions that were not abandoned'),
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
    evidence: data.evidence,
    status: data.status,
    translationOf: data.translationOf ?? null,
    measures: data.measures.map(({ kind, title }) => ({ kind, title })),
    results: data.results.map((result) => ({
      metric: result.metric,
      unit: result.unit,
      before: result.before,
      after: result.after,
      better: result.better,
      dimension: result.dimension,
      ...computeImprovement(result),
    })),
    adoptions: { count: record.adoptionCount, byStatus },
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
