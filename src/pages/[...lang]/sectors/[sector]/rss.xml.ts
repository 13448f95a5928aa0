import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { experienceFeed } from '../../../../site-data/feeds.ts';
import { sectorPaths } from '../../../../site-data/routes.ts';

export const getStaticPaths = sectorPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ site, props }) =>
  experienceFeed(props.lang, site, props.sector.id);
