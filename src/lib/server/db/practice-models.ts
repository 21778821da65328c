/**
 * A practice's own versions of the model (docs/model.md, "Custom models"): forking a published
 * version into a draft of the practice's lineage, changing a draft, publishing it, importing a file
 * as a draft, and which published versions an organisation may start a round on.
 *
 * A published version never changes: every write here is an update `where status = 'draft'`, so a
 * published row is refused by the statement itself, whatever the caller checked before.
 */
import {
	compareVersions,
	latestVersion,
	lineageKeyOf,
	normaliseVersion
} from '$lib/domain/model-lineage';
import { LOCALES, parseModel, type MaturityModel } from '$lib/domain/model';
import type { Db } from './connection';
import { inTransaction } from './connection';
import { forgetStoredModel, storedModelId } from './models';

export type ModelStatus = 'draft' | 'published';

export interface ModelVersion {
	id: string;
	key: string;
	version: string;
	name: string;
	status: ModelStatus;
	/** The owning practice, or null for the instance's models. */
	practiceId: string | null;
	basedOnId: string | null;
	changelog: string | null;
	publishedAt: string | null;
	createdAt: string;
}

export interface ModelVersionWithContent extends ModelVersion {
	model: MaturityModel;
}

/** Why a write was refused; `errors` are the model's validation messages, each naming its field. */
export type ModelWriteError =
	| { reason: 'not-found' }
	| { reason: 'published' }
	| { reason: 'version-format' }
	| { reason: 'version-not-higher'; latest: string }
	| { reason: 'changelog-required' }
	| { reason: 'invalid'; errors: string[] };

export type ModelWriteResult<T> = ({ ok: true } & T) | ({ ok: false } & ModelWriteError);

const columns = [
	'id',
	'model_key',
	'version',
	'name',
	'status',
	'owner_practice_id',
	'based_on_id',
	'changelog',
	'published_at',
	'created_at'
] as const;

type Row = {
	id: string;
	model_key: string;
	version: string;
	name: string;
	status: ModelStatus;
	owner_practice_id: string | null;
	based_on_id: string | null;
	changelog: string | null;
	published_at: string | null;
	created_at: string;
};

const toVersion = (r: Row): ModelVersion => ({
	id: r.id,
	key: r.model_key,
	version: r.version,
	name: r.name,
	status: r.status,
	practiceId: r.owner_practice_id,
	basedOnId: r.based_on_id,
	changelog: r.changelog,
	publishedAt: r.published_at,
	createdAt: r.created_at
});

function byLineageAndVersion(a: ModelVersion, b: ModelVersion): number {
	if (a.practiceId !== b.practiceId) return a.practiceId === null ? -1 : 1;
	if (a.key !== b.key) return a.key < b.key ? -1 : 1;
	return compareVersions(b.version, a.version);
}

/**
 * The versions a practice sees: the instance's published models and every version of its own
 * (drafts too), instance first, each lineage newest first.
 */
export async function listPracticeModels(db: Db, practiceId: string): Promise<ModelVersion[]> {
	const rows = await db
		.selectFrom('maturity_models')
		.select(columns)
		.where((eb) =>
			eb.or([
				eb.and([eb('owner_practice_id', 'is', null), eb('status', '=', 'published')]),
				eb('owner_practice_id', '=', practiceId)
			])
		)
		.execute();
	return rows.map(toVersion).sort(byLineageAndVersion);
}

/** One version the practice sees (see `listPracticeModels`), with its content; undefined otherwise. */
export async function getPracticeModel(
	db: Db,
	practiceId: string,
	modelId: string
): Promise<ModelVersionWithContent | undefined> {
	const row = await db
		.selectFrom('maturity_models')
		.select([...columns, 'content'])
		.where('id', '=', modelId)
		.where((eb) =>
			eb.or([
				eb.and([eb('owner_practice_id', 'is', null), eb('status', '=', 'published')]),
				eb('owner_practice_id', '=', practiceId)
			])
		)
		.executeTakeFirst();
	if (!row) return undefined;
	const parsed = parseModel(JSON.parse(row.content));
	if (!parsed.ok) throw new Error(`stored model ${row.id} is invalid: ${parsed.errors[0]}`);
	return { ...toVersion(row), model: parsed.value };
}

/**
 * The model id of the practice's lineage: the key of its first version when it has one, else from
 * its name (`balkan-cx-partners-cx`), with part of the practice's id added when another practice or
 * the instance already uses that key.
 */
export async function practiceLineageKey(db: Db, practiceId: string): Promise<string> {
	const own = await db
		.selectFrom('maturity_models')
		.select('model_key')
		.where('owner_practice_id', '=', practiceId)
		.orderBy('created_at')
		.executeTakeFirst();
	if (own) return own.model_key;
	const practice = await db
		.selectFrom('practices')
		.select('name')
		.where('id', '=', practiceId)
		.executeTakeFirstOrThrow();
	const key = lineageKeyOf(practice.name);
	const taken = await db
		.selectFrom('maturity_models')
		.select('id')
		.where('model_key', '=', key)
		.executeTakeFirst();
	return taken ? `${key.slice(0, 40)}-${practiceId.slice(0, 8)}` : key;
}

/** The version checked against the lineage: well formed and above every version it has. */
async function checkNewVersion(
	db: Db,
	key: string,
	input: string
): Promise<ModelWriteResult<{ version: string }>> {
	const version = normaliseVersion(input);
	if (!version) return { ok: false, reason: 'version-format' };
	const existing = await db
		.selectFrom('maturity_models')
		.select('version')
		.where('model_key', '=', key)
		.execute();
	const latest = latestVersion(existing.map((r) => r.version));
	if (latest !== null && compareVersions(version, latest) <= 0)
		return { ok: false, reason: 'version-not-higher', latest };
	return { ok: true, version };
}

async function insertDraft(
	db: Db,
	practiceId: string,
	content: MaturityModel,
	basedOnId: string | null
): Promise<string> {
	const id = storedModelId(content);
	await db
		.insertInto('maturity_models')
		.values({
			id,
			model_key: content.id,
			version: content.version,
			name: content.name.en,
			content: JSON.stringify(content),
			owner_practice_id: practiceId,
			status: 'draft',
			based_on_id: basedOnId,
			created_at: new Date().toISOString()
		})
		.execute();
	return id;
}

/**
 * A new draft in the practice's lineage from a published version it sees (the instance's, or one of
 * its own: then the next version of its own lineage). `version` is typed by a person (`1.1` or
 * `1.1.0`) and must be above the lineage's latest; `name`, when given, becomes the model's name in
 * every language it has (each can be changed in the editor). The base's item-by-item changelog is
 * not carried over: it described the base.
 */
export async function forkModel(
	db: Db,
	input: { practiceId: string; baseModelId: string; version: string; name?: string | null }
): Promise<ModelWriteResult<{ id: string }>> {
	return inTransaction(db, async (trx) => {
		const base = await getPracticeModel(trx, input.practiceId, input.baseModelId);
		if (!base || base.status !== 'published') return { ok: false, reason: 'not-found' };
		const key = await practiceLineageKey(trx, input.practiceId);
		const checked = await checkNewVersion(trx, key, input.version);
		if (!checked.ok) return checked;
		const name = input.name?.trim();
		const copy = structuredClone(base.model) as Record<string, unknown> & MaturityModel;
		delete copy.changelog;
		copy.id = key;
		copy.version = checked.version;
		if (name)
			copy.name = Object.fromEntries(
				LOCALES.filter((l) => base.model.name[l] !== undefined).map((l) => [l, name])
			) as MaturityModel['name'];
		const parsed = parseModel(copy);
		if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
		const id = await insertDraft(trx, input.practiceId, parsed.value, base.id);
		return { ok: true, id };
	});
}

/**
 * Replaces a draft's content after validating it whole. The draft keeps its id and version (the
 * content's `id` and `version` are set from the row). Refused, with nothing written, when the
 * version is published, is not the practice's, or the content is invalid.
 */
export async function updateDraft(
	db: Db,
	practiceId: string,
	modelId: string,
	content: unknown
): Promise<ModelWriteResult<{ model: MaturityModel }>> {
	return inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('maturity_models')
			.select(['model_key', 'version', 'status'])
			.where('id', '=', modelId)
			.where('owner_practice_id', '=', practiceId)
			.executeTakeFirst();
		if (!row) return { ok: false, reason: 'not-found' };
		if (row.status !== 'draft') return { ok: false, reason: 'published' };
		const parsed = parseModel(content);
		if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
		const model = { ...parsed.value, id: row.model_key, version: row.version };
		const result = await trx
			.updateTable('maturity_models')
			.set({ content: JSON.stringify(model), name: model.name.en })
			.where('id', '=', modelId)
			.where('status', '=', 'draft')
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) !== 1) return { ok: false, reason: 'published' };
		forgetStoredModel(modelId);
		return { ok: true, model };
	});
}

/** The most a changelog may hold, in characters. */
export const MAX_CHANGELOG = 5000;

/**
 * Publishes a draft with its changelog (required, at most MAX_CHANGELOG characters): from then on
 * it never changes, and rounds may be started on it. Its questions are listed in `model_questions`
 * for the comparison of rounds. A version already published is refused.
 */
export async function publishModel(
	db: Db,
	modelId: string,
	changelog: string
): Promise<ModelWriteResult<{ publishedAt: string }>> {
	const text = changelog.trim();
	if (text === '' || text.length > MAX_CHANGELOG)
		return { ok: false, reason: 'changelog-required' };
	return inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('maturity_models')
			.select(['status', 'content', 'owner_practice_id'])
			.where('id', '=', modelId)
			.executeTakeFirst();
		if (!row || row.owner_practice_id === null) return { ok: false, reason: 'not-found' };
		if (row.status !== 'draft') return { ok: false, reason: 'published' };
		const parsed = parseModel(JSON.parse(row.content));
		if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
		const publishedAt = new Date().toISOString();
		const result = await trx
			.updateTable('maturity_models')
			.set({ status: 'published', changelog: text, published_at: publishedAt })
			.where('id', '=', modelId)
			.where('status', '=', 'draft')
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) !== 1) return { ok: false, reason: 'published' };
		await trx.deleteFrom('model_questions').where('model_id', '=', modelId).execute();
		await trx
			.insertInto('model_questions')
			.values(
				parsed.value.areas.flatMap((area) =>
					area.questions.map((q) => ({ model_id: modelId, question_id: q.id, area_id: area.id }))
				)
			)
			.execute();
		forgetStoredModel(modelId);
		return { ok: true, publishedAt };
	});
}

/**
 * A model file (already read and JSON-parsed) as a new draft of the practice's lineage: validated
 * whole, its `id` replaced by the lineage's key, its `version` kept and checked like a fork's.
 * Nothing is stored when anything is wrong.
 */
export async function importModel(
	db: Db,
	practiceId: string,
	data: unknown
): Promise<ModelWriteResult<{ id: string }>> {
	const parsed = parseModel(data);
	if (!parsed.ok) return { ok: false, reason: 'invalid', errors: parsed.errors };
	return inTransaction(db, async (trx) => {
		const key = await practiceLineageKey(trx, practiceId);
		const checked = await checkNewVersion(trx, key, parsed.value.version);
		if (!checked.ok) return checked;
		const model = { ...parsed.value, id: key, version: checked.version };
		const id = await insertDraft(trx, practiceId, model, null);
		return { ok: true, id };
	});
}

/** Deletes a draft of the practice; a published version is refused (rounds may pin it). */
export async function deleteDraft(db: Db, practiceId: string, modelId: string): Promise<boolean> {
	const result = await db
		.deleteFrom('maturity_models')
		.where('id', '=', modelId)
		.where('owner_practice_id', '=', practiceId)
		.where('status', '=', 'draft')
		.executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}

/**
 * The versions an organisation may start a round on: the instance's published models, and the
 * published versions of its practice when it is a practice's client. Never a draft. The default
 * model first, then instance, then the practice's, newest first.
 */
export async function listUsableModels(db: Db, organisationId: string): Promise<ModelVersion[]> {
	const practice = await db
		.selectFrom('practice_clients')
		.select('practice_id')
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	const rows = await db
		.selectFrom('maturity_models')
		.select([...columns, 'is_default'])
		.where('status', '=', 'published')
		.where((eb) =>
			practice
				? eb.or([
						eb('owner_practice_id', 'is', null),
						eb('owner_practice_id', '=', practice.practice_id)
					])
				: eb('owner_practice_id', 'is', null)
		)
		.execute();
	const isDefault = new Set(rows.filter((r) => r.is_default === 1).map((r) => r.id));
	return rows
		.map(toVersion)
		.sort(
			(a, b) =>
				Number(isDefault.has(b.id)) - Number(isDefault.has(a.id)) || byLineageAndVersion(a, b)
		);
}
