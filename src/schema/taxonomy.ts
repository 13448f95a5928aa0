// The controlled vocabulary of sectors and industries (content/sectors.yaml).
// Write-ups reference it; an unknown sector or industry is a content error.
import { z } from 'astro/zod';
import { ID_PATTERN, MAX_ID_LENGTH } from '../lib/vocabulary.ts';

export { ID_PATTERN, MAX_ID_LENGTH };

/**
 * The taxonomy decides how many pages a build makes (a page per sector and per
 * industry, in each language), so its size is capped (CONTRIBUTING.md, "Limits").
 */
export const MAX_TAXONOMY_BYTES = 32 * 1024;
export const MAX_SECTORS = 40;
export const MAX_INDUSTRIES_PER_SECTOR = 40;
export const MAX_INDUSTRIES = 300;
export const MAX_NAME_LENGTH = 80;
export const MAX_DESCRIPTION_LENGTH = 600;

export const kebabId = z.string().regex(ID_PATTERN, { error: 'must be kebab-case: a-z, 0-9 and single hyphens' });

// Every object is strict: a stray key (a misspelt field, or the half of a name
// that an unquoted comma split off in a `{ … }` flow mapping) is an error.
const bilingualName = z.strictObject({
  en: z.string().min(1).max(MAX_NAME_LENGTH),
  zh: z.string().min(1).max(MAX_NAME_LENGTH),
});
const bilingualDescription = z.strictObject({
  en: z.string().min(1).max(MAX_DESCRIPTION_LENGTH),
  zh: z.string().min(1).max(MAX_DESCRIPTION_LENGTH),
});

export const industrySchema = z.strictObject({
  id: kebabId,
  name: bilingualName,
});

export const sectorSchema = z.strictObject({
  id: kebabId,
  name: bilingualName,
  description: bilingualDescription,
  industries: z.array(industrySchema).min(1).max(MAX_INDUSTRIES_PER_SECTOR),
});

export const taxonomySchema = z
  .array(sectorSchema)
  .min(1)
  .max(MAX_SECTORS)
  .superRefine((sectors, ctx) => {
    const industries = sectors.reduce((sum, sector) => sum + sector.industries.length, 0);
    if (industries > MAX_INDUSTRIES) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `has ${industries} industries in all, more than ${MAX_INDUSTRIES}`,
      });
    }
    const seenSectors = new Set<string>();
    sectors.forEach((sector, sectorIndex) => {
      if (seenSectors.has(sector.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [sectorIndex, 'id'],
          message: `duplicate sector id "${sector.id}"`,
        });
      }
      seenSectors.add(sector.id);
      const seenIndustries = new Set<string>();
      sector.industries.forEach((industry, industryIndex) => {
        if (seenIndustries.has(industry.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [sectorIndex, 'industries', industryIndex, 'id'],
            message: `duplicate industry id "${industry.id}" in sector "${sector.id}"`,
          });
        }
        seenIndustries.add(industry.id);
      });
    });
  });

export type Industry = z.infer<typeof industrySchema>;
export type Sector = z.infer<typeof sectorSchema>;
export type Taxonomy = z.infer<typeof taxonomySchema>;
