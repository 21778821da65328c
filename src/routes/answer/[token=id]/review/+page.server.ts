import { fail, redirect } from '@sveltejs/kit';
import { localize } from '$lib/domain/model';
import { currentLocale } from '$lib/i18n';
import { submitResponse } from '$lib/server/db/responses';
import { isEditable, openResponse } from '$lib/server/respondent';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, request }) => {
	const { model, saved } = await openResponse(params.token, request);
	// The texts of the questions still open, so the review can list them.
	const locale = currentLocale();
	return {
		missing: Object.fromEntries(
			model.areas.map((a) => [
				a.id,
				a.questions
					.filter((q) => !(q.id in saved.answers))
					.map((q) => ({ id: q.id, text: localize(q.text, locale) }))
			])
		)
	};
};

export const actions: Actions = {
	default: async ({ params }) => {
		const { db, response, round, saved } = await openResponse(params.token);
		if (!isEditable(round.status)) return fail(409, { message: m.save_error_closed() });
		// Submitting needs at least one answer (a level or "don't know"); the rest may stay open.
		if (Object.keys(saved.answers).length === 0)
			return fail(400, { message: m.review_nothing_answered() });
		await submitResponse(db, response.id);
		redirect(303, `/answer/${params.token}/results`);
	}
};
