import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { loadEditedVersion, versionHeader } from '$lib/server/model-editor-page';
import { saveEdit, textIn } from '$lib/server/model-editor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const loaded = await loadEditedVersion(locals, url, params);
	const { version, locale } = loaded;
	const pair = (t: Parameters<typeof textIn>[0]) => ({ value: textIn(t, locale), en: t?.en ?? '' });
	return {
		...(await versionHeader(loaded)),
		kpis: version.model.kpis.map((k) => ({
			id: k.id,
			name: pair(k.name),
			definition: pair(k.definition),
			formula: pair(k.formula),
			unit: k.unit,
			direction: k.direction
		}))
	};
};

export const actions: Actions = {
	kpi: async ({ locals, url, params, request }) => {
		const { db, practice, version } = await loadEditedVersion(locals, url, params);
		const data = await request.formData();
		const target = String(data.get('kpiId') ?? '');
		const saved = await saveEdit(db, practice.id, version, 'kpi', data);
		if (!saved.ok)
			return fail(saved.status, { target, message: saved.message, errors: saved.errors });
		return { target, ok: true, message: m.models_saved() };
	}
};
