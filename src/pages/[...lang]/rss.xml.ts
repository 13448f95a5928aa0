import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { experienceFeed } from '../../data/feeds.ts';
import { langPaths } from '../../data/routes.ts';

export const getStaticPaths = langPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ site, props }) =>
  experienceFeed(props.lang, site);
