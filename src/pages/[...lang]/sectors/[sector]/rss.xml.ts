import type { APIRoute } from 'astro';
import { experienceFeed } from '../../../../data/feeds.ts';
import { sectorPaths } from '../../../../data/routes.ts';

export const getStaticPaths = sectorPaths;

export const GET: APIRoute = ({ site, params, props }) => experienceFeed(props.lang, site, params.sector);
