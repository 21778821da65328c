import { error, fail } from '@sveltejs/kit';
import { HORIZONS } from '$lib/domain/model';
import { m } from '$lib/paraglide/messages';
import { loadEditedVersion, versionHeader } from '$lib/server/model-editor-page';
import { saveEdit, textIn, type EditKind } from '$lib/server/model-editor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const loaded = await loadEditedVersion(locals, url, params);
	const { version, locale } = loaded;
	const area = version.model.areas.find((a) => a.id === params.areaId);
	if (!area) error(404, { message: 'Not found' });
	const pair = (t: Parameters<typeof textIn>[0]) => ({ value: textIn(t, locale), en: t?.en ?? '' });
	return {
		...(await versionHeader(loaded)),
		area: {
			id: area.id,
			name: pair(area.name),
			description: pair(area.description),
			weight: area.weight
		},
		questions: area.questions.map((q) => ({
			id: q.id,
			text: pair(q.text),
			hint: pair(q.hint),
			levels: q.levels.map(pair)
		})),
		recommendations: area.recommendations.map((r) => ({
			id: r.id,
			title: pair(r.title),
			action: pair(r.action),
			owner: pair(r.owner),
			stage: r.stage,
			effort: r.effort,
			impact: r.impact,
			horizon: r.horizon,
			kpi: r.kpi,
			question: r.question ?? ''
		})),
		kpis: version.model.kpis.map((k) => ({ id: k.id, name: k.name[locale] ?? k.name.en })),
		horizons: [...HORIZONS]
	};
};

/** One action per kind of edit; each posts one item and saves only a model that still validates. */
function editAction(kind: EditKind): Actions[string] {
	return async ({ locals, url, params, request }) => {
		const { db, practice, version } = await loadEditedVersion(locals, url, params);
		const data = await request.formData();
		// The area comes from the address, never from the form.
		data.set('areaId', params.areaId ?? '');
		const saved = await saveEdit(db, practice.id, version, kind, data);
		const target = String(data.get('questionId') ?? data.get('recommendationId') ?? kind);
		if (!saved.ok)
			return fail(saved.status, { target, message: saved.message, errors: saved.errors });
		return { target, ok: true, message: m.models_saved() };
	};
}

export const actions: Actions = {
	area: editAction('area'),
	question: editAction('question'),
	addQuestion: editAction('addQuestion'),
	removeQuestion: editAction('removeQuestion'),
	recommendation: editAction('recommendation'),
	addRecommendation: editAction('addRecommendation'),
	removeRecommendation: editAction('removeRecommendation')
};
