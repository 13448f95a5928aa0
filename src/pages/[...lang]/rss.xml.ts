import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { experienceFeed } from '../../site-data/feeds.ts';
import { langPaths } from '../../site-data/routes.ts';

export const getStaticPaths = langPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ site, props }) =>
  experienceFeed(props.lang, site);
