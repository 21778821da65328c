import { database } from '$lib/server/db';
import { getDefaultModel } from '$lib/server/db/models';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = await database();
	const { model } = await getDefaultModel(db);
	return { stages: model.stages, areaCount: model.areas.length };
};
