import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { experienceFeed } from '../../../../data/feeds.ts';
import { sectorPaths } from '../../../../data/routes.ts';

export const getStaticPaths = sectorPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ site, props }) =>
  experienceFeed(props.lang, site, props.sector.id);
