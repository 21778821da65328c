import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import {
	deleteDraft,
	forkModel,
	MAX_CHANGELOG,
	publishModel
} from '$lib/server/db/practice-models';
import { parseForm } from '$lib/server/forms';
import { loadEditedVersion, versionHeader } from '$lib/server/model-editor-page';
import { saveEdit, textIn, writeErrorMessage } from '$lib/server/model-editor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const loaded = await loadEditedVersion(locals, url, params);
	const { version, locale } = loaded;
	const model = version.model;
	return {
		...(await versionHeader(loaded)),
		texts: {
			name: textIn(model.name, locale),
			description: textIn(model.description, locale),
			nameEn: model.name.en,
			descriptionEn: model.description.en
		},
		areas: model.areas.map((a) => ({
			id: a.id,
			name: a.name[locale] ?? a.name.en,
			weight: a.weight,
			questions: a.questions.length,
			recommendations: a.recommendations.length
		})),
		kpis: model.kpis.length,
		maxChangelog: MAX_CHANGELOG
	};
};

export const actions: Actions = {
	model: async ({ locals, url, params, request }) => {
		const { db, practice, version } = await loadEditedVersion(locals, url, params);
		const saved = await saveEdit(db, practice.id, version, 'model', await request.formData());
		if (!saved.ok)
			return fail(saved.status, { action: 'model', message: saved.message, errors: saved.errors });
		return { action: 'model', ok: true, message: m.models_saved() };
	},
	publish: async ({ locals, url, params, request }) => {
		const { db, practice, version } = await loadEditedVersion(locals, url, params);
		if (version.practiceId !== practice.id)
			return fail(409, { action: 'publish', message: m.models_published_read_only(), errors: [] });
		const form = parseForm(
			z.object({
				changelog: z
					.string({ error: () => m.models_changelog_required() })
					.trim()
					.min(1, { error: () => m.models_changelog_required() })
					.max(MAX_CHANGELOG, { error: () => m.models_changelog_required() })
			}),
			await request.formData()
		);
		if (!form.ok) return fail(400, { action: 'publish', message: form.message, errors: [] });
		const result = await publishModel(db, version.id, form.data.changelog);
		if (!result.ok)
			return fail(result.reason === 'published' ? 409 : 400, {
				action: 'publish',
				...writeErrorMessage(result)
			});
		return { action: 'publish', ok: true, message: m.models_published_done() };
	},
	newDraft: async ({ locals, url, params, request }) => {
		const { db, practice, version } = await loadEditedVersion(locals, url, params);
		const form = parseForm(
			z.object({ version: z.string({ error: () => m.models_version_invalid() }).max(40) }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { action: 'newDraft', message: form.message, errors: [] });
		const result = await forkModel(db, {
			practiceId: practice.id,
			baseModelId: version.id,
			version: form.data.version
		});
		if (!result.ok)
			return fail(result.reason === 'not-found' ? 404 : 400, {
				action: 'newDraft',
				...writeErrorMessage(result)
			});
		redirect(303, `/p/${practice.id}/models/${result.id}`);
	},
	deleteDraft: async ({ locals, url, params }) => {
		const { db, practice, version } = await loadEditedVersion(locals, url, params);
		if (!(await deleteDraft(db, practice.id, version.id)))
			return fail(409, {
				action: 'deleteDraft',
				message: m.models_published_read_only(),
				errors: []
			});
		redirect(303, `/p/${practice.id}/models`);
	}
};
