import { apiGet, apiGetRound, methodNotAllowed } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** One round of the organisation. */
export const GET: RequestHandler = (event) =>
	apiGet(event, (ctx) => apiGetRound(ctx, event.params.orgId, event.params.roundId));

export const fallback: RequestHandler = methodNotAllowed;
