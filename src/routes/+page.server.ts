import { database } from '$lib/server/db';
import { inLocale } from '$lib/domain/model';
import { startHref } from '$lib/domain/first-run';
import { currentLocale } from '$lib/i18n';
import { getDefaultModel } from '$lib/server/db/models';
import { loadFirstRunGuide } from '$lib/server/first-run';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { db } = await database();
	const { model } = await getDefaultModel(db);
	return {
		stages: inLocale(model.stages, currentLocale()),
		areaCount: model.areas.length,
		// "Start an assessment": sign-up, or for a signed-in person their next step of the guide.
		start: locals.user ? startHref(await loadFirstRunGuide(db, locals.user)) : '/signup'
	};
};
