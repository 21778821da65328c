import { apiGet, apiGetRoadmap, methodNotAllowed } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** A round's roadmap items with their tracking. */
export const GET: RequestHandler = (event) =>
	apiGet(event, (ctx) => apiGetRoadmap(ctx, event.params.orgId, event.params.roundId));

export const fallback: RequestHandler = methodNotAllowed;
