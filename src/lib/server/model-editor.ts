/**
 * The browser editor's side on the server: one form post is one edit of one item (the model's
 * name, an area, a question, a recommendation, a KPI), read with zod, applied to the draft with
 * `applyModelEdit` and stored only when the whole model still validates (`updateDraft`). Also the
 * import of a model file. Messages name the field: `areas[2].questions[0].levels[3].bg: ...`.
 */
import { z } from 'zod';
import { LOCALES, type Locale } from '$lib/domain/model';
import { applyModelEdit, UnknownItemError, type ModelEdit } from '$lib/domain/model-lineage';
import { m } from '$lib/paraglide/messages';
import type { Db } from '$lib/server/db/connection';
import {
	importModel,
	updateDraft,
	type ModelVersionWithContent,
	type ModelWriteError
} from '$lib/server/db/practice-models';
import { parseForm } from '$lib/server/forms';

/**
 * The largest model file an import takes, in bytes: the shipped model is about 1.7 MB. The server's
 * body limit (`BODY_SIZE_LIMIT`, 4 MB by default in scripts/serve.js) must stay above it.
 */
export const MAX_IMPORT_BYTES = 3 * 1024 * 1024;

const text = z.string().max(2000, { error: () => m.models_text_too_long({ max: 2000 }) });
const optionalText = text.optional().transform((v) => v ?? '');
const localeField = z.enum(LOCALES, { error: () => m.language_unknown() });
const itemId = z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, { error: () => m.form_check() });
const stageField = z.coerce
	.number()
	.pipe(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]));
const recommendationFields = {
	areaId: itemId,
	title: text,
	action: text,
	owner: text,
	stage: stageField,
	effort: z.enum(['S', 'M', 'L']),
	impact: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2), z.literal(3)])),
	horizon: z.coerce.number().int(),
	kpi: itemId,
	question: z
		.string()
		.optional()
		.transform((v) => v || null)
		.pipe(itemId.nullable())
};
const levels = { level1: text, level2: text, level3: text, level4: text };
const levelsOf = (d: { level1: string; level2: string; level3: string; level4: string }) =>
	[d.level1, d.level2, d.level3, d.level4] as [string, string, string, string];

/** The schema of each edit form, by the action's name. */
const editForms = {
	model: z.object({ locale: localeField, name: text, description: text }),
	area: z.object({
		areaId: itemId,
		locale: localeField,
		name: text,
		description: text,
		weight: z.coerce.number({ error: () => m.models_weight_invalid() }).refine(Number.isFinite, {
			error: () => m.models_weight_invalid()
		})
	}),
	question: z.object({
		areaId: itemId,
		questionId: itemId,
		locale: localeField,
		text,
		hint: optionalText,
		...levels
	}),
	addQuestion: z.object({ areaId: itemId, text, ...levels }),
	removeQuestion: z.object({ areaId: itemId, questionId: itemId }),
	recommendation: z.object({
		...recommendationFields,
		recommendationId: itemId,
		locale: localeField
	}),
	addRecommendation: z.object(recommendationFields),
	removeRecommendation: z.object({ areaId: itemId, recommendationId: itemId }),
	kpi: z.object({
		kpiId: itemId,
		locale: localeField,
		name: text,
		definition: text,
		formula: text
	})
} as const;

export type EditKind = keyof typeof editForms;

/** Reads one edit form into a `ModelEdit`. */
function readEdit(
	kind: EditKind,
	data: FormData
): { ok: true; edit: ModelEdit } | { ok: false; message: string } {
	const form = parseForm(editForms[kind], data);
	if (!form.ok) return { ok: false, message: form.message };
	const d = form.data as Record<string, unknown> & {
		level1?: string;
		level2?: string;
		level3?: string;
		level4?: string;
	};
	const withLevels =
		d.level1 !== undefined
			? {
					levels: levelsOf(d as { level1: string; level2: string; level3: string; level4: string })
				}
			: {};
	return { ok: true, edit: { kind, ...d, ...withLevels } as unknown as ModelEdit };
}

/** A refused write in the reader's words; `errors` lists the model's messages, each naming its field. */
export function writeErrorMessage(error: ModelWriteError): { message: string; errors: string[] } {
	switch (error.reason) {
		case 'not-found':
			return { message: m.models_not_found(), errors: [] };
		case 'published':
			return { message: m.models_published_read_only(), errors: [] };
		case 'version-format':
			return { message: m.models_version_invalid(), errors: [] };
		case 'version-not-higher':
			return { message: m.models_version_not_higher({ latest: error.latest }), errors: [] };
		case 'changelog-required':
			return { message: m.models_changelog_required(), errors: [] };
		case 'invalid':
			return { message: m.models_invalid({ count: error.errors.length }), errors: error.errors };
	}
}

export type EditOutcome =
	{ ok: true } | { ok: false; status: number; message: string; errors: string[] };

const statusOf = (error: ModelWriteError) =>
	error.reason === 'not-found' ? 404 : error.reason === 'published' ? 409 : 400;

/** Applies one posted edit to a draft of the practice; nothing is stored unless the whole model validates. */
export async function saveEdit(
	db: Db,
	practiceId: string,
	version: ModelVersionWithContent,
	kind: EditKind,
	data: FormData
): Promise<EditOutcome> {
	if (version.status !== 'draft')
		return { ok: false, status: 409, message: m.models_published_read_only(), errors: [] };
	const read = readEdit(kind, data);
	if (!read.ok) return { ok: false, status: 400, message: read.message, errors: [] };
	let next: unknown;
	try {
		next = applyModelEdit(version.model, read.edit);
	} catch (e) {
		if (e instanceof UnknownItemError)
			return { ok: false, status: 404, message: m.models_not_found(), errors: [] };
		throw e;
	}
	const saved = await updateDraft(db, practiceId, version.id, next);
	if (saved.ok) return { ok: true };
	return { ok: false, status: statusOf(saved), ...writeErrorMessage(saved) };
}

/**
 * An uploaded model file as a new draft: a JSON file (by type or `.json` name) of at most
 * MAX_IMPORT_BYTES, parsed and validated whole. Nothing is stored when anything is wrong.
 */
export async function importModelFile(
	db: Db,
	practiceId: string,
	file: FormDataEntryValue | null
): Promise<
	{ ok: true; id: string } | { ok: false; status: number; message: string; errors: string[] }
> {
	if (!(file instanceof File) || file.size === 0)
		return { ok: false, status: 400, message: m.models_import_missing(), errors: [] };
	if (file.size > MAX_IMPORT_BYTES)
		return {
			ok: false,
			status: 413,
			message: m.models_import_too_large({ max: MAX_IMPORT_BYTES / 1024 / 1024 }),
			errors: []
		};
	const type = file.type.split(';')[0]!.trim().toLowerCase();
	const isJson =
		type === 'application/json' ||
		((type === '' || type === 'application/octet-stream') && /\.json$/i.test(file.name));
	if (!isJson) return { ok: false, status: 415, message: m.models_import_not_json(), errors: [] };
	let data: unknown;
	try {
		data = JSON.parse(await file.text());
	} catch {
		return { ok: false, status: 400, message: m.models_import_unreadable(), errors: [] };
	}
	const result = await importModel(db, practiceId, data);
	if (result.ok) return { ok: true, id: result.id };
	return { ok: false, status: statusOf(result), ...writeErrorMessage(result) };
}

/** A model text in one language, empty when it has none there (the editor shows what is missing). */
export function textIn(value: Partial<Record<Locale, string>> | undefined, locale: Locale): string {
	return value?.[locale] ?? '';
}
