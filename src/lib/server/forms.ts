/** Reading and validating form posts with zod, with messages a person can act on. */
import { z } from 'zod';
import { MAX_NAME, MAX_NOTE } from '$lib/domain/limits';
import type { StageId } from '$lib/domain/model';
import { m } from '$lib/paraglide/messages';
import { MIN_ANONYMITY_THRESHOLD } from '$lib/domain/permissions';
import type { StepInput } from '$lib/server/db/responses';

/** A display name for an organisation, round, department or role level. */
export const nameField = z
	.string({ error: () => m.form_name_required() })
	.trim()
	.min(1, { error: () => m.form_name_required() })
	.max(MAX_NAME, { error: () => m.form_name_too_long({ max: MAX_NAME }) });

/** A round's anonymity threshold: groups smaller than this are never shown on their own. */
export const thresholdField = z.coerce
	.number({ error: () => m.form_whole_number() })
	.int({ error: () => m.form_whole_number() })
	.min(MIN_ANONYMITY_THRESHOLD, {
		error: () => m.form_threshold_too_low({ min: MIN_ANONYMITY_THRESHOLD })
	})
	.max(50, { error: () => m.form_threshold_too_high({ max: 50 }) });

/** How many people a respondent link goes to, for response rates: empty (null) or 1-100,000. */
export const invitedField = z
	.string()
	.optional()
	.transform((v) => v?.trim() ?? '')
	.refine((v) => v === '' || /^\d{1,6}$/.test(v), { error: () => m.links_invited_invalid() })
	.transform((v) => (v === '' ? null : Number(v)))
	.refine((v) => v === null || (v >= 1 && v <= 100_000), {
		error: () => m.links_invited_invalid()
	});

/**
 * The questionnaire's step form (the no-JavaScript path) for one area: per question `q:<id>`
 * (1-4, "dk" for don't know, empty or absent for unanswered) and `note:<id>` (at most MAX_NOTE
 * characters, saved only with an answer; absent or empty removes the note), the area's `target`
 * (1-4, empty or absent for none) and `clear` (a question of the area whose answer is removed;
 * anything else is ignored). Fields are checked in the order of the page, each question's note
 * before its level, so the first message is the first problem on the page.
 */
export function stepFormSchema(area: { id: string; questions: ReadonlyArray<{ id: string }> }) {
	const ids = area.questions.map((q) => q.id);
	const invalid = (field: string) => ({ error: () => m.save_error_invalid({ field }) });
	const shape: Record<string, z.ZodType<string | undefined>> = {};
	for (const id of ids) {
		shape[`note:${id}`] = z
			.string(invalid(id))
			.max(MAX_NOTE, { error: () => m.save_error_note_too_long({ max: MAX_NOTE }) })
			.optional();
		shape[`q:${id}`] = z.enum(['', 'dk', '1', '2', '3', '4'], invalid(id)).optional();
	}
	shape.target = z.enum(['', '1', '2', '3', '4'], invalid('target')).optional();
	shape.clear = z
		.string()
		.optional()
		.transform((v) => (v !== undefined && ids.includes(v) ? v : undefined));
	return z.object(shape).transform((fields): StepInput => {
		const answers = ids.flatMap((id) => {
			const level = fields[`q:${id}`];
			if (level === undefined || level === '') return [];
			return [
				{
					questionId: id,
					level: level === 'dk' ? null : (Number(level) as StageId),
					note: fields[`note:${id}`] ?? ''
				}
			];
		});
		const target = fields.target
			? { areaId: area.id, stage: Number(fields.target) as StageId }
			: undefined;
		return { answers, target, clear: fields.clear };
	});
}

/** Turns a FormData into a plain object of strings (the last value wins for repeated keys). */
export function formObject(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of data) if (typeof value === 'string') out[key] = value;
	return out;
}

export type FieldErrors = Record<string, string>;

/** Parses a form against a schema: `{ ok, data }` or `{ ok: false, errors }` keyed by field name. */
export function parseForm<S extends z.ZodType>(
	schema: S,
	data: FormData
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors; message: string } {
	const result = schema.safeParse(formObject(data));
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? 'form');
		errors[key] ??= issue.message;
	}
	return { ok: false, errors, message: Object.values(errors)[0] ?? m.form_check() };
}
