import type { APIRoute } from 'astro';
import { experienceFeed } from '../../../site-data/feeds.ts';
import { sectorPaths } from '../../../site-data/routes.ts';

export const getStaticPaths = sectorPaths;

export const GET: APIRoute = ({ site, params }) => experienceFeed('en', site, params.sector);
