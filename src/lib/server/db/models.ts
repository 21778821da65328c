/** Stored maturity models: the versions shipped in db/models, and later editable copies. */
import version100 from '../../../../db/models/cx-maturity.json';
import version110 from '../../../../db/models/cx-maturity-1.1.0.json';
import { parseModel, type MaturityModel } from '$lib/domain/model';
import type { Db } from './connection';

/**
 * The shipped versions of the model, oldest first, with their files; the last is the default for
 * new rounds. Rounds pinned to an older version keep it (docs/model.md, section 8).
 */
const SHIPPED = [
	{ file: 'db/models/cx-maturity.json', data: version100 as unknown },
	{ file: 'db/models/cx-maturity-1.1.0.json', data: version110 as unknown }
] as const;

export interface StoredModel {
	id: string;
	key: string;
	version: string;
	isDefault: boolean;
	model: MaturityModel;
}

/** Every shipped version, validated, oldest first; throws with the field names if a file is broken. */
export function loadShippedModels(): MaturityModel[] {
	return SHIPPED.map(({ file, data }) => {
		const parsed = parseModel(data);
		if (!parsed.ok) throw new Error(`${file} is invalid:\n${parsed.errors.join('\n')}`);
		return parsed.value;
	});
}

/** The default model as shipped (the latest version), validated. */
export function loadDefaultModelFile(): MaturityModel {
	return loadShippedModels().at(-1)!;
}

/** A shipped version by its number (`'1.0.0'`), validated; throws when there is no such version. */
export function loadShippedModel(version: string): MaturityModel {
	const found = loadShippedModels().find((m) => m.version === version);
	if (!found) throw new Error(`no shipped model version ${version}`);
	return found;
}

export function storedModelId(model: Pick<MaturityModel, 'id' | 'version'>): string {
	return `${model.id}@${model.version}`;
}

// Keyed by id@version; is_default can change when a new version ships, so getDefaultModel
// re-reads which one is the default.
const storedCache = new Map<string, StoredModel>();

/**
 * What answers to a version mean: its areas, their questions and the English of their statements.
 * Two files of one version with the same meaning differ only in wording elsewhere or translations.
 */
function meaningOf(model: MaturityModel): string {
	return JSON.stringify(
		model.areas.map((a) => [a.id, a.questions.map((q) => [q.id, q.levels.map((l) => l.en)])])
	);
}

/**
 * Stores every shipped version of the model and marks the latest as the default. A version that
 * is stored already takes the shipped file's texts (its translations may grow) only while its
 * questions and statements mean the same: a changed meaning needs a new version number
 * (docs/model.md section 8), so a stored version whose questions differ is kept as it is, with a
 * warning, and the rounds pinned to it keep their meaning. Versions stored earlier and no longer
 * shipped stay too.
 */
export async function ensureDefaultModel(db: Db): Promise<StoredModel> {
	const shipped = loadShippedModels();
	const model = shipped.at(-1)!;
	const id = storedModelId(model);
	await db.transaction().execute(async (trx) => {
		for (const version of shipped) {
			const versionId = storedModelId(version);
			const content = JSON.stringify(version);
			const stored = await trx
				.selectFrom('maturity_models')
				.select('content')
				.where('id', '=', versionId)
				.executeTakeFirst();
			if (stored && stored.content !== content) {
				const parsed = parseModel(JSON.parse(stored.content));
				if (!parsed.ok || meaningOf(parsed.value) !== meaningOf(version)) {
					console.warn(
						`model ${versionId}: the shipped file changes its questions or statements; the stored version is kept. Give the changed model a new version number.`
					);
					continue;
				}
			}
			await trx
				.insertInto('maturity_models')
				.values({
					id: versionId,
					model_key: version.id,
					version: version.version,
					name: version.name.en,
					content
				})
				.onConflict((oc) => oc.column('id').doUpdateSet({ content, name: version.name.en }))
				.execute();
			storedCache.delete(versionId);
			await trx
				.insertInto('model_questions')
				.values(
					version.areas.flatMap((area) =>
						area.questions.map((q) => ({
							model_id: versionId,
							question_id: q.id,
							area_id: area.id
						}))
					)
				)
				.onConflict((oc) => oc.doNothing())
				.execute();
		}
		await trx
			.updateTable('maturity_models')
			.set({ is_default: 0 })
			.where('id', '!=', id)
			.where('owner_practice_id', 'is', null)
			.where('is_default', '=', 1)
			.execute();
		await trx.updateTable('maturity_models').set({ is_default: 1 }).where('id', '=', id).execute();
	});
	return { id, key: model.id, version: model.version, isDefault: true, model };
}

/**
 * A stored model by id, read and parsed once per process when published (a published version's
 * questions never change; `ensureDefaultModel` drops a shipped version's entry when it rewrites its
 * texts). A practice's draft is read anew each time: it changes while it is edited.
 */
export async function getModel(db: Db, id: string): Promise<StoredModel | undefined> {
	const cached = storedCache.get(id);
	if (cached) return cached;
	const row = await db
		.selectFrom('maturity_models')
		.select(['id', 'model_key', 'version', 'is_default', 'content', 'status'])
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
	if (row.status === 'published') storedCache.set(id, stored);
	return stored;
}

/** Forgets a cached version (a draft that was just published). */
export function forgetStoredModel(id: string): void {
	storedCache.delete(id);
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
