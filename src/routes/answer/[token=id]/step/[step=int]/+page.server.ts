import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { currentLocale } from '$lib/i18n';
import { saveStep } from '$lib/server/db/responses';
import { parseForm, stepFormSchema } from '$lib/server/forms';
import { stepView } from '$lib/server/answer-views';
import { isEditable, openResponse } from '$lib/server/respondent';
import type { Actions, PageServerLoad } from './$types';

/** The button that sent the step form: back, on, or to the review (anything else is on). */
const navigation = z.object({ go: z.enum(['prev', 'next', 'review']).catch('next') });

export const load: PageServerLoad = async ({ params, request }) => {
	const { model, saved } = await openResponse(params.token, request);
	// The step's texts in the reader's language, built once per model version (its files never
	// change), with the short answering rule on the first step only.
	const view = stepView(model, Number(params.step), currentLocale());
	if (!view) error(404, { message: 'Not found' });
	const notes: Record<string, string> = {};
	for (const { id } of view.area.questions) if (saved.notes[id]) notes[id] = saved.notes[id];
	return { area: view.area, answeringRule: view.answeringRule, notes };
};

export const actions: Actions = {
	/**
	 * The form that works without JavaScript (and the Next/Back buttons with it): saves every
	 * answer of the step, its notes and the area's target in one transaction (or nothing when a
	 * field is invalid), then moves on.
	 */
	default: async ({ params, request }) => {
		const { db, response, round, model } = await openResponse(params.token);
		const index = Number(params.step) - 1;
		const area = model.areas[index];
		if (!area) error(404, { message: 'Not found' });
		const form = await request.formData();
		const nav = parseForm(navigation, form);
		if (!nav.ok) return fail(400, { message: nav.message });
		const { go } = nav.data;
		if (isEditable(round.status)) {
			// The whole step is checked first: one bad field saves nothing.
			const parsed = parseForm(stepFormSchema(area), form);
			if (!parsed.ok) return fail(400, { message: parsed.message });
			await saveStep(db, response.id, parsed.data);
		}
		const base = `/answer/${params.token}`;
		if (go === 'prev') redirect(303, index === 0 ? base : `${base}/step/${index}`);
		if (go === 'review' || index + 1 >= model.areas.length) redirect(303, `${base}/review`);
		redirect(303, `${base}/step/${index + 2}`);
	}
};
