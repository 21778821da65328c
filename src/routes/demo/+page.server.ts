import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { getPublicDemo } from '$lib/server/db/public-demo';
import type { PageServerLoad } from './$types';

/**
 * "Try the demo": the public demo's latest round's dashboard, read-only for anyone (see
 * `requireReader`); when the instance has none, this page says what the demo holds and how an
 * operator loads it.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const { db } = await database();
	const demo = await getPublicDemo(db);
	if (demo)
		redirect(
			303,
			demo.latestRoundId ? `/o/${demo.id}/rounds/${demo.latestRoundId}/results` : `/o/${demo.id}`
		);
	return { start: locals.user ? '/orgs' : '/signup' };
};
