/**
 * A practice's own model versions in the database functions (lib/server/db/practice-models.ts), on
 * a real SQLite file: forking, the version rules, editing a draft, publishing, a published version
 * refusing every write, importing a malformed model (each error named, nothing stored), and which
 * versions an organisation may start a round on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyModelEdit } from '../../src/lib/domain/model-lineage';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { ensureDefaultModel, getModel } from '../../src/lib/server/db/models';
import {
	deleteDraft,
	forkModel,
	getPracticeModel,
	importModel,
	listPracticeModels,
	listUsableModels,
	publishModel,
	updateDraft
} from '../../src/lib/server/db/practice-models';
import type { Db } from '../../src/lib/server/db/connection';

let dir: string;
let opened: OpenedDatabase;
let db: Db;
const PRACTICE = 'practiceaaaaaaaaaaaa';
const OTHER = 'practicebbbbbbbbbbbb';

async function modelRows() {
	return db
		.selectFrom('maturity_models')
		.select(['id', 'content', 'status'])
		.orderBy('id')
		.execute();
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'cx-practice-models-'));
	opened = await openDatabase(join(dir, 'test.sqlite'));
	db = opened.db;
	await ensureDefaultModel(db);
	await db
		.insertInto('practices')
		.values([
			{ id: PRACTICE, name: 'Balkan CX Partners' },
			{ id: OTHER, name: 'Balkan CX Partners' }
		])
		.execute();
	await db
		.insertInto('organisations')
		.values([
			{ id: 'clientorgaaaaaaaaaaa', name: 'Client' },
			{ id: 'otherorgaaaaaaaaaaaa', name: 'Not a client' }
		])
		.execute();
	await db
		.insertInto('practice_clients')
		.values({ practice_id: PRACTICE, organisation_id: 'clientorgaaaaaaaaaaa' })
		.execute();
});

afterAll(async () => {
	await opened.db.destroy();
	rmSync(dir, { recursive: true, force: true });
});

describe("a practice's model versions", () => {
	let draftId = '';

	it('forks the instance model into a draft of its lineage, version checked', async () => {
		expect(
			await forkModel(db, {
				practiceId: PRACTICE,
				baseModelId: 'cx-maturity@1.1.0',
				version: '1.1.x',
				name: 'Ours'
			})
		).toEqual({ ok: false, reason: 'version-format' });
		const forked = await forkModel(db, {
			practiceId: PRACTICE,
			baseModelId: 'cx-maturity@1.1.0',
			version: '1.1',
			name: 'Balkan model'
		});
		expect(forked).toEqual({ ok: true, id: 'balkan-cx-partners-cx@1.1.0' });
		draftId = forked.ok ? forked.id : '';
		const draft = await getPracticeModel(db, PRACTICE, draftId);
		expect(draft).toMatchObject({
			status: 'draft',
			basedOnId: 'cx-maturity@1.1.0',
			practiceId: PRACTICE
		});
		expect(draft!.model.name).toEqual({
			en: 'Balkan model',
			bg: 'Balkan model',
			ru: 'Balkan model',
			ro: 'Balkan model',
			uk: 'Balkan model'
		});
		expect(draft!.model.changelog).toBeUndefined();
		// A version not above the lineage's latest is refused.
		expect(
			await forkModel(db, {
				practiceId: PRACTICE,
				baseModelId: 'cx-maturity@1.0.0',
				version: '1.0.9'
			})
		).toEqual({ ok: false, reason: 'version-not-higher', latest: '1.1.0' });
		// A draft cannot be forked, nor another practice's version.
		expect(
			await forkModel(db, { practiceId: PRACTICE, baseModelId: draftId, version: '2.0' })
		).toEqual({ ok: false, reason: 'not-found' });
		expect(
			await forkModel(db, { practiceId: OTHER, baseModelId: draftId, version: '2.0' })
		).toEqual({ ok: false, reason: 'not-found' });
	});

	it("gives another practice of the same name a key of its own, and hides each one's versions from the other", async () => {
		const other = await forkModel(db, {
			practiceId: OTHER,
			baseModelId: 'cx-maturity@1.1.0',
			version: '1.1.0'
		});
		expect(other.ok && other.id).toBe(`balkan-cx-partners-cx-${OTHER.slice(0, 8)}@1.1.0`);
		expect(await getPracticeModel(db, OTHER, draftId)).toBeUndefined();
		expect((await listPracticeModels(db, OTHER)).map((v) => v.id)).not.toContain(draftId);
		expect(await updateDraft(db, OTHER, draftId, {})).toEqual({ ok: false, reason: 'not-found' });
	});

	it('edits a statement of the draft in two languages; an invalid edit stores nothing', async () => {
		const draft = (await getPracticeModel(db, PRACTICE, draftId))!;
		const q = draft.model.areas[0]!.questions[0]!;
		const edit = (locale: 'en' | 'bg', text: string) => ({
			kind: 'question' as const,
			areaId: draft.model.areas[0]!.id,
			questionId: q.id,
			locale,
			text: q.text[locale]!,
			hint: q.hint?.[locale] ?? '',
			levels: [q.levels[0]![locale]!, text, q.levels[2]![locale]!, q.levels[3]![locale]!] as [
				string,
				string,
				string,
				string
			]
		});
		const en = await updateDraft(
			db,
			PRACTICE,
			draftId,
			applyModelEdit(draft.model, edit('en', 'Edited in English'))
		);
		expect(en.ok).toBe(true);
		const afterEn = (await getPracticeModel(db, PRACTICE, draftId))!;
		const bg = await updateDraft(
			db,
			PRACTICE,
			draftId,
			applyModelEdit(afterEn.model, edit('bg', 'Редактирано на български'))
		);
		expect(bg.ok).toBe(true);
		// Read through the app's own reader too: a draft is never served from a stale cache.
		const stored = (await getModel(db, draftId))!;
		expect(stored.model.areas[0]!.questions[0]!.levels[1]).toMatchObject({
			en: 'Edited in English',
			bg: 'Редактирано на български'
		});
		const before = await modelRows();
		const invalid = await updateDraft(
			db,
			PRACTICE,
			draftId,
			applyModelEdit(afterEn.model, edit('en', ''))
		);
		expect(invalid).toEqual({
			ok: false,
			reason: 'invalid',
			errors: ['areas[0].questions[0].levels[1].en: must not be empty']
		});
		expect(await modelRows()).toEqual(before);
	});

	it('publishes with a changelog, and then refuses every write', async () => {
		expect(await publishModel(db, draftId, '   ')).toEqual({
			ok: false,
			reason: 'changelog-required'
		});
		const published = await publishModel(
			db,
			draftId,
			'Statement 2 of the first question reworded.'
		);
		expect(published.ok).toBe(true);
		const version = (await getPracticeModel(db, PRACTICE, draftId))!;
		expect(version).toMatchObject({
			status: 'published',
			changelog: 'Statement 2 of the first question reworded.'
		});
		const questions = await db
			.selectFrom('model_questions')
			.select('question_id')
			.where('model_id', '=', draftId)
			.execute();
		expect(questions).toHaveLength(version.model.areas.flatMap((a) => a.questions).length);

		const before = await modelRows();
		expect(await updateDraft(db, PRACTICE, draftId, version.model)).toEqual({
			ok: false,
			reason: 'published'
		});
		expect(await publishModel(db, draftId, 'again')).toEqual({ ok: false, reason: 'published' });
		expect(await deleteDraft(db, PRACTICE, draftId)).toBe(false);
		expect(await modelRows()).toEqual(before);
		// The instance's models cannot be changed through these functions at all.
		expect(await updateDraft(db, PRACTICE, 'cx-maturity@1.1.0', version.model)).toEqual({
			ok: false,
			reason: 'not-found'
		});
		expect(await publishModel(db, 'cx-maturity@1.1.0', 'x')).toEqual({
			ok: false,
			reason: 'not-found'
		});
	});

	it('starts the next draft from its published version', async () => {
		expect(
			await forkModel(db, { practiceId: PRACTICE, baseModelId: draftId, version: '1.1.0' })
		).toEqual({ ok: false, reason: 'version-not-higher', latest: '1.1.0' });
		const next = await forkModel(db, {
			practiceId: PRACTICE,
			baseModelId: draftId,
			version: '1.2'
		});
		expect(next).toEqual({ ok: true, id: 'balkan-cx-partners-cx@1.2.0' });
		const draft = (await getPracticeModel(db, PRACTICE, 'balkan-cx-partners-cx@1.2.0'))!;
		// Keeps the name of the version it came from when none is given.
		expect(draft.model.name.en).toBe('Balkan model');
		expect(draft.basedOnId).toBe(draftId);
	});

	it('offers an organisation only published versions: the instance, plus its practice when a client', async () => {
		const client = (await listUsableModels(db, 'clientorgaaaaaaaaaaa')).map((v) => v.id);
		expect(client[0]).toBe('cx-maturity@1.1.0');
		expect(client).toEqual(
			expect.arrayContaining(['cx-maturity@1.0.0', 'balkan-cx-partners-cx@1.1.0'])
		);
		expect(client).not.toContain('balkan-cx-partners-cx@1.2.0');
		expect(client.some((id) => id.includes(OTHER.slice(0, 8)))).toBe(false);
		const other = (await listUsableModels(db, 'otherorgaaaaaaaaaaaa')).map((v) => v.id);
		expect(other.sort()).toEqual(['cx-maturity@1.0.0', 'cx-maturity@1.1.0']);
	});
});

describe('importing a model', () => {
	it.each([
		['not an object', 'hello', ['(root): Invalid input: expected object, received string']],
		[
			'a missing Bulgarian statement text and a bad weight',
			'statements',
			[
				'areas[2].questions[0].levels[3].bg: Invalid input: expected string, received number',
				'areas[1].weight: must be greater than 0'
			]
		],
		[
			'three statements',
			'three',
			['areas[0].questions[1].levels: must have exactly 4 items, one per stage']
		],
		['an unknown KPI', 'kpi', ['areas[0].scorecard.kpi: unknown KPI "nope"']]
	])('refuses %s, naming each field, and stores nothing', async (_name, kind, expected) => {
		const base = (await getModel(db, 'cx-maturity@1.1.0'))!.model;
		const data: unknown =
			kind === 'hello'
				? 'hello'
				: (() => {
						const m = structuredClone(base) as unknown as {
							areas: Array<{
								weight: number;
								scorecard: { kpi: string };
								questions: Array<{ levels: unknown[] }>;
							}>;
						};
						if (kind === 'statements') {
							(m.areas[2]!.questions[0]!.levels[3] as Record<string, unknown>).bg = 7;
							m.areas[1]!.weight = 0;
						}
						if (kind === 'three') m.areas[0]!.questions[1]!.levels.pop();
						if (kind === 'kpi') m.areas[0]!.scorecard.kpi = 'nope';
						return { ...m, version: '5.0.0' };
					})();
		const before = await modelRows();
		const result = await importModel(db, PRACTICE, data);
		expect(result.ok).toBe(false);
		if (!result.ok && result.reason === 'invalid')
			expect(result.errors.sort()).toEqual([...expected].sort());
		else expect.unreachable(JSON.stringify(result));
		expect(await modelRows()).toEqual(before);
	});

	it('stores a valid file as a draft of the lineage, under its key, version checked', async () => {
		const base = (await getModel(db, 'cx-maturity@1.0.0'))!.model;
		expect(await importModel(db, PRACTICE, base)).toEqual({
			ok: false,
			reason: 'version-not-higher',
			latest: '1.2.0'
		});
		const imported = await importModel(db, PRACTICE, { ...base, version: '3.0.0' });
		expect(imported).toEqual({ ok: true, id: 'balkan-cx-partners-cx@3.0.0' });
		expect((await getPracticeModel(db, PRACTICE, 'balkan-cx-partners-cx@3.0.0'))?.status).toBe(
			'draft'
		);
	});
});
