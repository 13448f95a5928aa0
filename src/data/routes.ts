// Static paths shared by the English and Chinese routes, so both languages
// always have the same sector and industry pages.
import { taxonomy } from './taxonomy.ts';

export const sectorPaths = () => taxonomy.map((sector) => ({ params: { sector: sector.id }, props: { sector } }));

export const industryPaths = () =>
  taxonomy.flatMap((sector) =>
    sector.industries.map((industry) => ({
      params: { sector: sector.id, industry: industry.id },
      props: { sector, industry },
    })),
  );
