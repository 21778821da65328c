import { error, fail, redirect } from '@sveltejs/kit';
import { isStageId, type StageId } from '$lib/domain/model';
import { MAX_NOTE } from '$lib/domain/limits';
import { clearAnswer, saveAnswer, saveTarget } from '$lib/server/db/responses';
import { isEditable, openResponse } from '$lib/server/respondent';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

const toLevel = (value: FormDataEntryValue | null): StageId | null | undefined => {
	if (value === 'dk') return null;
	const n = Number(value);
	return isStageId(n) ? n : undefined;
};

export const load: PageServerLoad = async ({ params, request }) => {
	const { model, stored } = await openResponse(params.token, request);
	const area = model.areas[Number(params.step) - 1];
	if (!area) error(404, { message: 'Not found' });
	return {
		area: {
			id: area.id,
			name: area.name,
			description: area.description,
			questions: area.questions
		},
		notes: Object.fromEntries(
			area.questions.filter((q) => stored.notes[q.id]).map((q) => [q.id, stored.notes[q.id]!])
		)
	};
};

export const actions: Actions = {
	/**
	 * The form that works without JavaScript (and the Next/Back buttons with it): saves every
	 * answer of the step, then moves on.
	 */
	default: async ({ params, request }) => {
		const { db, response, assessment, model } = await openResponse(params.token);
		const index = Number(params.step) - 1;
		const area = model.areas[index];
		if (!area) error(404, { message: 'Not found' });
		const form = await request.formData();
		const go = String(form.get('go') ?? 'next');
		if (isEditable(assessment.status)) {
			for (const question of area.questions) {
				const raw = form.get(`q:${question.id}`);
				const note = String(form.get(`note:${question.id}`) ?? '');
				if (note.length > MAX_NOTE)
					return fail(400, { message: m.save_error_note_too_long({ max: MAX_NOTE }) });
				if (raw === null || raw === '') continue;
				const level = toLevel(raw);
				if (level === undefined)
					return fail(400, { message: m.save_error_invalid({ field: question.id }) });
				await saveAnswer(db, response.id, { questionId: question.id, level, note });
			}
			const target = form.get('target');
			if (target !== null && target !== '') {
				const stage = toLevel(target);
				if (!stage) return fail(400, { message: m.save_error_invalid({ field: 'target' }) });
				await saveTarget(db, response.id, area.id, stage);
			}
			const clear = form.get('clear');
			if (typeof clear === 'string' && area.questions.some((q) => q.id === clear))
				await clearAnswer(db, response.id, clear);
		}
		const base = `/answer/${params.token}`;
		if (go === 'prev') redirect(303, index === 0 ? base : `${base}/step/${index}`);
		if (go === 'review' || index + 1 >= model.areas.length) redirect(303, `${base}/review`);
		redirect(303, `${base}/step/${index + 2}`);
	}
};
