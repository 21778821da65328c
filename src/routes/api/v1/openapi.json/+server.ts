import { json } from '@sveltejs/kit';
import spec from '../../../../../docs/openapi.json';
import { methodNotAllowed } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** The API's description (OpenAPI 3.1), checked in as docs/openapi.json; public, no token. */
export const GET: RequestHandler = () =>
	json(spec, { headers: { 'cache-control': 'public, max-age=300' } });

export const fallback: RequestHandler = methodNotAllowed;
