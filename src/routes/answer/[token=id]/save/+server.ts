import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { clearAnswer, saveAnswer, saveNote, saveTarget } from '$lib/server/db/responses';
import { isEditable, openResponseForSave } from '$lib/server/respondent';
import { m } from '$lib/paraglide/messages';
import { MAX_NOTE } from '$lib/domain/limits';
import { NOT_APPLICABLE, offersNotApplicable } from '$lib/domain/scoring';
import type { RequestHandler } from './$types';

/** Largest accepted body: a note of 2,000 characters is about 8 kB in the worst UTF-8 case. */
const MAX_BODY = 16 * 1024;

const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const saveSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('answer'),
		questionId: z.string().min(1).max(64),
		level: z.union([level, z.literal(NOT_APPLICABLE)]).nullable(),
		note: z.string().max(MAX_NOTE).optional()
	}),
	z.object({ kind: z.literal('clear'), questionId: z.string().min(1).max(64) }),
	z.object({
		kind: z.literal('note'),
		questionId: z.string().min(1).max(64),
		note: z.string().max(MAX_NOTE)
	}),
	z.object({
		kind: z.literal('target'),
		areaId: z.string().min(1).max(64),
		stage: level.nullable()
	})
]);

const problem = (status: number, message: string) => json({ ok: false, message }, { status });

/**
 * Autosave: one answer, note or target per request. Each request states the whole new value, so a
 * retried or repeated request leaves the same state. Answers: 200 saved; 400 a body that is not
 * JSON or not a save, an id that is not of the round's model, or "not applicable" for a question
 * that does not offer it; 404 an unknown token; 409 a closed
 * round or a note without an answer; 413 a body over 16 kB; 500 anything unexpected.
 */
export const POST: RequestHandler = async ({ params, request }) => {
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_BODY) return problem(413, m.save_error_too_large());
	// Counted in bytes, like the header: a body sent without a length is checked here.
	const bytes = await request.arrayBuffer();
	if (bytes.byteLength > MAX_BODY) return problem(413, m.save_error_too_large());
	const raw = new TextDecoder().decode(bytes);
	let body: unknown;
	try {
		body = JSON.parse(raw);
	} catch {
		return problem(400, m.save_error_not_json());
	}
	const parsed = saveSchema.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue?.path.join('.') || 'body';
		return problem(400, m.save_error_invalid({ field }));
	}

	// An unknown or forged token is a 404 from here; any other failure stays a 500 (logged by
	// handleError), never passed off as a missing response.
	const { db, response, round, model } = await openResponseForSave(params.token);
	if (!isEditable(round.status)) return problem(409, m.save_error_closed());

	const input = parsed.data;
	if (input.kind === 'target') {
		if (!model.areas.some((a) => a.id === input.areaId))
			return problem(400, m.save_error_unknown_area({ id: input.areaId }));
		await saveTarget(db, response.id, input.areaId, input.stage);
	} else {
		if (!model.areas.some((a) => a.questions.some((q) => q.id === input.questionId)))
			return problem(400, m.save_error_unknown_question({ id: input.questionId }));
		if (
			input.kind === 'answer' &&
			input.level === NOT_APPLICABLE &&
			!offersNotApplicable(model, input.questionId)
		)
			return problem(400, m.save_error_not_applicable({ id: input.questionId }));
		if (input.kind === 'answer')
			await saveAnswer(db, response.id, {
				questionId: input.questionId,
				level: input.level,
				note: input.note
			});
		else if (input.kind === 'note') {
			if (!(await saveNote(db, response.id, input.questionId, input.note)))
				return problem(409, m.save_error_note_without_answer());
		} else await clearAnswer(db, response.id, input.questionId);
	}
	return json(
		{ ok: true, savedAt: new Date().toISOString() },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
