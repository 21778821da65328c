import { error } from '@sveltejs/kit';
import { getRound } from '$lib/server/db/rounds';
import { requireReader } from '$lib/server/guards';
import { loadResultsPage } from '$lib/server/results-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireReader(locals, url, params.orgId);
	const round = await getRound(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	return loadResultsPage(db, round, url.searchParams);
};
