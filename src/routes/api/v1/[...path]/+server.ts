import { apiGet, methodNotAllowed, notFound } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** Any other address under /api/v1: a JSON 404 for a valid token (401 without one). */
export const GET: RequestHandler = (event) =>
	apiGet(event, async () => {
		throw notFound();
	});

export const fallback: RequestHandler = methodNotAllowed;
