import type { APIRoute } from 'astro';
import { experienceFeed } from '../../data/feeds.ts';
import { langPaths } from '../../data/routes.ts';

export const getStaticPaths = langPaths;

export const GET: APIRoute = ({ site, props }) => experienceFeed(props.lang, site);
