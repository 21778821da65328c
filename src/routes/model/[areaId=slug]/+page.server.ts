import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { inLocale } from '$lib/domain/model';
import { currentLocale } from '$lib/i18n';
import { getDefaultModel } from '$lib/server/db/models';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { db } = await database();
	const { model } = await getDefaultModel(db);
	const index = model.areas.findIndex((a) => a.id === params.areaId);
	const area = model.areas[index];
	if (!area) error(404, { message: 'Not found' });
	const usedKpis = new Set([area.scorecard.kpi, ...area.recommendations.map((r) => r.kpi)]);
	const neighbour = (i: number) => {
		const other = model.areas[i];
		return other ? { id: other.id, name: other.name } : null;
	};
	// In the reader's language only: the page shows one, and its data need not carry five.
	return inLocale(
		{
			area,
			position: index + 1,
			areaCount: model.areas.length,
			previous: neighbour(index - 1),
			next: neighbour(index + 1),
			stages: model.stages,
			kpis: model.kpis.filter((k) => usedKpis.has(k.id)).map((k) => ({ id: k.id, name: k.name }))
		},
		currentLocale()
	);
};
