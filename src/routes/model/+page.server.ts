import { database } from '$lib/server/db';
import { inLocale } from '$lib/domain/model';
import { currentLocale } from '$lib/i18n';
import { getDefaultModel } from '$lib/server/db/models';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = await database();
	const { model } = await getDefaultModel(db);
	// In the reader's language only: the page shows one, and its data need not carry five.
	return inLocale(
		{
			version: model.version,
			name: model.name,
			description: model.description,
			stages: model.stages,
			areas: model.areas.map((area) => ({
				id: area.id,
				name: area.name,
				description: area.description,
				sources: area.sources,
				questionCount: area.questions.length,
				recommendationCount: area.recommendations.length
			})),
			kpis: model.kpis
		},
		currentLocale()
	);
};
