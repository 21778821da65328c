import { requirePractice } from '$lib/server/practice-guards';
import { loadPracticeOverview } from '$lib/server/practice-overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requirePractice(locals, url, params.practiceId, 'view');
	return { rows: await loadPracticeOverview(db, params.practiceId) };
};
