import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { experienceFeed } from '../../../../site-data/feeds.ts';
import { sectorFeedPaths } from '../../../../site-data/routes.ts';

export const getStaticPaths = sectorFeedPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ site, props }) =>
  experienceFeed(props.lang, site, props.sector.id);
