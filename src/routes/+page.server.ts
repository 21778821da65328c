import { database } from '$lib/server/db';
import { inLocale } from '$lib/domain/model';
import { currentLocale } from '$lib/i18n';
import { getDefaultModel } from '$lib/server/db/models';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = await database();
	const { model } = await getDefaultModel(db);
	return { stages: inLocale(model.stages, currentLocale()), areaCount: model.areas.length };
};
