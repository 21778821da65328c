import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { nextMinorVersion, latestVersion } from '$lib/domain/model-lineage';
import { m } from '$lib/paraglide/messages';
import { forkModel, listPracticeModels } from '$lib/server/db/practice-models';
import { nameField, parseForm } from '$lib/server/forms';
import { importModelFile, MAX_IMPORT_BYTES, writeErrorMessage } from '$lib/server/model-editor';
import { requirePractice } from '$lib/server/practice-guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, practice } = await requirePractice(locals, url, params.practiceId, 'manageModels');
	const versions = await listPracticeModels(db, practice.id);
	const own = versions.filter((v) => v.practiceId !== null);
	const latest = latestVersion(own.map((v) => v.version));
	return {
		practice,
		versions: versions.map((v) => ({
			id: v.id,
			version: v.version,
			name: v.name,
			status: v.status,
			own: v.practiceId !== null,
			basedOnId: v.basedOnId,
			publishedAt: v.publishedAt
		})),
		suggestedVersion: latest ? nextMinorVersion(latest) : '1.0.0',
		maxImportMegabytes: MAX_IMPORT_BYTES / 1024 / 1024
	};
};

export const actions: Actions = {
	fork: async ({ locals, url, params, request }) => {
		const { db, practice } = await requirePractice(locals, url, params.practiceId, 'manageModels');
		const form = parseForm(
			z.object({
				baseModelId: z
					.string({ error: () => m.models_not_found() })
					.min(1)
					.max(200),
				version: z.string({ error: () => m.models_version_invalid() }).max(40),
				name: nameField
			}),
			await request.formData()
		);
		if (!form.ok) return fail(400, { action: 'fork', message: form.message, errors: [] });
		const result = await forkModel(db, { practiceId: practice.id, ...form.data });
		if (!result.ok)
			return fail(result.reason === 'not-found' ? 404 : 400, {
				action: 'fork',
				...writeErrorMessage(result)
			});
		redirect(303, `/p/${practice.id}/models/${result.id}`);
	},
	import: async ({ locals, url, params, request }) => {
		const { db, practice } = await requirePractice(locals, url, params.practiceId, 'manageModels');
		const result = await importModelFile(db, practice.id, (await request.formData()).get('file'));
		if (!result.ok)
			return fail(result.status, {
				action: 'import',
				message: result.message,
				errors: result.errors
			});
		redirect(303, `/p/${practice.id}/models/${result.id}`);
	}
};
