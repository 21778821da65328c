import { apiGet, apiListRounds, methodNotAllowed } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** The organisation's rounds, newest first. */
export const GET: RequestHandler = (event) =>
	apiGet(event, (ctx) => apiListRounds(ctx, event.params.orgId));

export const fallback: RequestHandler = methodNotAllowed;
