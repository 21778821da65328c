import { apiGet, apiGetResults, methodNotAllowed } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** A round's area results, with the results page's anonymity rules. */
export const GET: RequestHandler = (event) =>
	apiGet(event, (ctx) => apiGetResults(ctx, event.params.orgId, event.params.roundId));

export const fallback: RequestHandler = methodNotAllowed;
