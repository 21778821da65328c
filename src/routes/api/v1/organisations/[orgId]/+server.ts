import { apiGet, apiGetOrganisation, methodNotAllowed } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** The token's organisation: id, name, sector. */
export const GET: RequestHandler = (event) =>
	apiGet(event, (ctx) => apiGetOrganisation(ctx, event.params.orgId));

export const fallback: RequestHandler = methodNotAllowed;
