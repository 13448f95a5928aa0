import type { APIRoute } from 'astro';
import { experienceFeed } from '../../site-data/feeds.ts';

export const GET: APIRoute = ({ site }) => experienceFeed('zh', site);
