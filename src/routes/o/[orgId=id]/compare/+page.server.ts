/**
 * Two rounds of the organisation side by side: `?from=<roundId>&to=<roundId>`, so the choice can be
 * shared as a link. What is read and shown is decided by lib/server/compare-page.ts.
 */
import { loadComparePage } from '$lib/server/compare-page';
import { requireReader } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireReader(locals, url, params.orgId);
	return loadComparePage(db, params.orgId, {
		from: url.searchParams.get('from'),
		to: url.searchParams.get('to')
	});
};
