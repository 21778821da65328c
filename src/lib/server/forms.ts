/**
 * Reading and validating form posts with zod, with messages a person can act on: the one form
 * helper (`parseForm`, whose rules are written there) and the fields several forms share.
 */
import { z } from 'zod';
import { MAX_NAME, MAX_NOTE } from '$lib/domain/limits';
import { toLocale } from '$lib/domain/locale';
import type { StageId } from '$lib/domain/model';
import { NOT_APPLICABLE, type AnswerValue } from '$lib/domain/scoring';
import { m } from '$lib/paraglide/messages';
import { MIN_ANONYMITY_THRESHOLD } from '$lib/domain/permissions';
import { IMPORTANCES, type Importance } from '$lib/domain/roadmap';
import { isSector, type Sector } from '$lib/domain/sectors';
import { isSizeBand, type SizeBand } from '$lib/domain/size-bands';
import type { StepInput } from '$lib/server/db/responses';
import type { FieldErrors } from '$lib/forms';

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

/** An optional language: empty or missing is none (null), anything else one of the app's five. */
export const optionalLocaleField = z
	.string()
	.optional()
	.refine((v) => !v || toLocale(v) === v, { error: () => m.language_unknown() })
	.transform((v) => (v ? (toLocale(v) ?? null) : null));

/** An organisation's sector: one of `SECTORS`, or empty or missing for none (null). */
export const optionalSectorField = z
	.string({ error: () => m.settings_sector_invalid() })
	.optional()
	.refine((v) => !v || isSector(v), { error: () => m.settings_sector_invalid() })
	.transform((v): Sector | null => (v && isSector(v) ? v : null));

/** An organisation's size band: one of `SIZE_BANDS`, or empty or missing for none (null). */
export const optionalSizeBandField = z
	.string({ error: () => m.practice_size_invalid() })
	.optional()
	.refine((v) => !v || isSizeBand(v), { error: () => m.practice_size_invalid() })
	.transform((v): SizeBand | null => (v && isSizeBand(v) ? v : null));

/**
 * Deleting by name (`ConfirmByName.svelte`): the name typed again exactly, spaces around it aside;
 * anything else, a missing field included, is `mismatch`.
 */
export function confirmNameSchema(name: string, mismatch: () => string) {
	return z.object({
		confirm: z
			.string({ error: mismatch })
			.refine((typed) => typed.trim().normalize() === name.normalize(), { error: mismatch })
	});
}

/** A step form's choice for a question: "dk" is don't know, "na" not applicable, else a level. */
const answerOfChoice = (choice: string): AnswerValue =>
	choice === 'dk' ? null : choice === 'na' ? NOT_APPLICABLE : (Number(choice) as StageId);

/**
 * The questionnaire's step form (the no-JavaScript path) for one area: per question `q:<id>`
 * (1-4, "dk" for don't know, "na" for not applicable where the question offers it, empty or
 * absent for unanswered) and `note:<id>` (at most MAX_NOTE characters, saved only with an answer; absent or empty removes the note), the area's `target`
 * (1-4, empty or absent for none) and `clear` (a question of the area whose answer is removed;
 * anything else is ignored). Fields are checked in the order of the page, each question's note
 * before its level, so the first message is the first problem on the page.
 */
export function stepFormSchema(area: {
	id: string;
	questions: ReadonlyArray<{ id: string; notApplicable?: boolean }>;
}) {
	const ids = area.questions.map((q) => q.id);
	const invalid = (field: string) => ({ error: () => m.save_error_invalid({ field }) });
	const shape: Record<string, z.ZodType<string | undefined>> = {};
	for (const { id, notApplicable } of area.questions) {
		shape[`note:${id}`] = z
			.string(invalid(id))
			.max(MAX_NOTE, { error: () => m.save_error_note_too_long({ max: MAX_NOTE }) })
			.optional();
		const choices = ['', 'dk', '1', '2', '3', '4', ...(notApplicable ? ['na'] : [])];
		shape[`q:${id}`] = z.enum(choices, invalid(id)).optional();
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
					level: answerOfChoice(level),
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

/** The field of an area's select in the round page's importance form. */
export const importanceFieldName = (areaId: string) => `area:${areaId}`;

/**
 * The round page's importance form (docs/scoring.md rule 26): per area of the round's model a
 * select `area:<id>` with "" (not rated), "low", "medium" or "high"; absent is not rated too, like
 * an unanswered question of the step form. A value outside the four names its area; an `area:`
 * field of an area the model does not have refuses the whole form, so nothing is saved. Gives the
 * rating of every area of the model, null for not rated.
 */
export function importanceFormSchema(areas: ReadonlyArray<{ id: string; name: string }>) {
	const known = new Set(areas.map((a) => importanceFieldName(a.id)));
	const shape: Record<string, z.ZodType<string | undefined>> = {};
	for (const area of areas)
		shape[importanceFieldName(area.id)] = z
			.enum(['', ...IMPORTANCES], { error: () => m.importance_invalid({ area: area.name }) })
			.optional();
	return z
		.object(shape)
		.catchall(z.unknown())
		.superRefine((fields, ctx) => {
			for (const name of Object.keys(fields))
				if (name.startsWith('area:') && !known.has(name))
					ctx.addIssue({ code: 'custom', path: [name], message: m.importance_unknown_area() });
		})
		.transform((fields): Record<string, Importance | null> => {
			const ratings: Record<string, Importance | null> = {};
			for (const area of areas) {
				const value = fields[importanceFieldName(area.id)];
				ratings[area.id] = value ? (value as Importance) : null;
			}
			return ratings;
		});
}

/** What `parseForm` gives: the schema's output, or a message per field and one for the form. */
export type ParsedForm<T> =
	{ ok: true; data: T } | { ok: false; errors: FieldErrors; message: string };

/**
 * Reads a form post and checks it against a schema. Every action reads its form through here, with
 * one set of rules:
 *
 * - **One value per name.** Every field of the app's forms is single-valued (text inputs, selects,
 *   radio groups, one checkbox, hidden inputs, one file input), and a browser never sends such a
 *   name twice. A repeated name is a hand-made or broken request: it is refused as that field's
 *   error (`form_field_repeated`) and nothing is checked further, instead of quietly keeping the
 *   first or the last value. A form that one day needs a list (several checkboxes of one name)
 *   gets an explicit option here, naming the fields read with `getAll`; the rule stays for the rest.
 * - **Text as sent, or a file.** A value is the submitted text, untrimmed (the schema decides), or
 *   a `File` from a file input; a schema that expects text refuses a file with its own type message.
 * - **Absent is `undefined`.** An unticked checkbox or a disabled control sends nothing; the
 *   schema says whether the field may be missing. Names the schema does not know are ignored.
 * - **Messages.** Each field gets the message of its first problem (`form` for a problem of the
 *   whole form); a check without a message of its own says `form_check`. `message` is the first
 *   field's message; a page with an error summary of its own (sign-in, sign-up, account) may use
 *   its own words and list `errors`.
 */
export function parseForm<S extends z.ZodType>(schema: S, data: FormData): ParsedForm<z.output<S>> {
	const values = new Map<string, FormDataEntryValue>();
	const repeated = new Map<string, string>();
	for (const [name, value] of data) {
		if (values.has(name)) repeated.set(name, m.form_field_repeated());
		else values.set(name, value);
	}
	if (repeated.size > 0) return failed(repeated);
	// Object.fromEntries makes a field named "__proto__" an ordinary own property.
	const result = schema.safeParse(Object.fromEntries(values), { error: () => m.form_check() });
	return result.success ? { ok: true, data: result.data } : failed(fieldErrors(result.error));
}

/** The first message per field, in the order of the schema's checks; `form` when no field is named. */
function fieldErrors(error: z.ZodError): Map<string, string> {
	const errors = new Map<string, string>();
	for (const issue of error.issues) {
		const field = issue.path.length > 0 ? String(issue.path[0]) : 'form';
		if (!errors.has(field)) errors.set(field, issue.message);
	}
	return errors;
}

function failed(errors: Map<string, string>): ParsedForm<never> {
	const message = errors.values().next().value ?? m.form_check();
	return { ok: false, errors: Object.fromEntries(errors), message };
}
