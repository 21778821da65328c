/** Stored maturity models: the default one shipped in db/models, and later editable copies. */
import defaultModelFile from '../../../../db/models/cx-maturity.json';
import { parseModel, type MaturityModel } from '$lib/domain/model';
import type { Db } from './connection';

export interface StoredModel {
	id: string;
	key: string;
	version: string;
	isDefault: boolean;
	model: MaturityModel;
}

/** The default model as shipped, validated; throws with the field names if the file is broken. */
export function loadDefaultModelFile(): MaturityModel {
	const parsed = parseModel(defaultModelFile);
	if (!parsed.ok)
		throw new Error(`db/models/cx-maturity.json is invalid:\n${parsed.errors.join('\n')}`);
	return parsed.value;
}

export function storedModelId(model: Pick<MaturityModel, 'id' | 'version'>): string {
	return `${model.id}@${model.version}`;
}

/**
 * Stores the shipped default model if this version is not stored yet, and marks it as the default.
 * Older versions stay, so rounds pinned to them keep their meaning.
 */
export async function ensureDefaultModel(db: Db): Promise<StoredModel> {
	const model = loadDefaultModelFile();
	const id = storedModelId(model);
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('maturity_models')
			.values({
				id,
				model_key: model.id,
				version: model.version,
				name: model.name.en,
				content: JSON.stringify(model)
			})
			.onConflict((oc) => oc.doNothing())
			.execute();
		await trx
			.insertInto('model_questions')
			.values(
				model.areas.flatMap((area) =>
					area.questions.map((q) => ({ model_id: id, question_id: q.id, area_id: area.id }))
				)
			)
			.onConflict((oc) => oc.doNothing())
			.execute();
		await trx.updateTable('maturity_models').set({ is_default: 0 }).where('id', '!=', id).execute();
		await trx.updateTable('maturity_models').set({ is_default: 1 }).where('id', '=', id).execute();
	});
	return { id, key: model.id, version: model.version, isDefault: true, model };
}

// Keyed by id@version; is_default can change when a new version ships, so getDefaultModel
// re-reads which one is the default.
const storedCache = new Map<string, StoredModel>();

/** A stored model by id, read and parsed once per process (stored models never change once written). */
export async function getModel(db: Db, id: string): Promise<StoredModel | undefined> {
	const cached = storedCache.get(id);
	if (cached) return cached;
	const row = await db
		.selectFrom('maturity_models')
		.select(['id', 'model_key', 'version', 'is_default', 'content'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	const parsed = parseModel(JSON.parse(row.content));
	if (!parsed.ok) throw new Error(`stored model ${row.id} is invalid: ${parsed.errors[0]}`);
	const stored = {
		id: row.id,
		key: row.model_key,
		version: row.version,
		isDefault: row.is_default === 1,
		model: parsed.value
	};
	storedCache.set(id, stored);
	return stored;
}

export async function getDefaultModel(db: Db): Promise<StoredModel> {
	const row = await db
		.selectFrom('maturity_models')
		.select('id')
		.where('is_default', '=', 1)
		.executeTakeFirst();
	const stored = row && (await getModel(db, row.id));
	return stored ? { ...stored, isDefault: true } : ensureDefaultModel(db);
}
