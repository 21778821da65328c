/**
 * Comparing two rounds against the built server: respondents answer two rounds with known levels,
 * and the compare page shows the change per area and per department, hides a department that is
 * too small in one of the rounds, lists what was tracked on the earlier round's roadmap, and says
 * so, without numbers, when an id in the address is not one of the organisation's rounds. A round
 * on model 1.0.0 and one on 1.1.0 are compared on their one shared question, and the page says so.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { storedModelId } from '../../src/lib/server/db/models';
import {
	addDepartment,
	answerAll,
	createLink,
	createOrg,
	createRound,
	join,
	ownerIdOf,
	setStatus,
	signUp,
	submit,
	testDb,
	unique
} from '../support/flow';
import type { Client } from '../support/http';
import { pageOwnData } from '../support/page-data';

const plainText = (html: string) =>
	html
		.replace(/<[^>]*>/g, ' ')
		.replace(/&#39;|&apos;|&#x27;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();

function modelOfRound(roundId: string): MaturityModel {
	const row = testDb()
		.prepare(
			'select m.content from maturity_models m join rounds a on a.model_id = m.id where a.id = ?'
		)
		.get(roundId) as { content: string };
	const parsed = parseModel(JSON.parse(row.content));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	return parsed.value;
}

const roundName = (roundId: string) =>
	(testDb().prepare('select name from rounds where id = ?').get(roundId) as { name: string }).name;

/** `count` respondents through a new link of the department, every question at `level`. */
async function respond(
	owner: Client,
	orgId: string,
	roundId: string,
	departmentId: string,
	count: number,
	level: StageId
) {
	const model = modelOfRound(roundId);
	const answers = Object.fromEntries(
		model.areas.flatMap((a) => a.questions.map((q) => [q.id, level] as const))
	);
	const link = await createLink(owner, orgId, roundId, departmentId);
	await Promise.all(
		Array.from({ length: count }, async () => {
			const { client, token } = await join(link);
			await answerAll(token, { answers, targets: {} });
			await submit(client, token);
		})
	);
}

/** The plain text of the table row whose header cell is `name`. */
function rowText(html: string, name: string): string {
	const rows = html.split('<tr').map((r) => r.slice(0, r.indexOf('</tr>')));
	const escaped = name
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const header = new RegExp(`<th[^>]*scope="row"[^>]*>\\s*${escaped}\\s*</th>`);
	const row = rows.find((r) => header.test(r));
	expect(row, `a row for ${name}`).toBeDefined();
	return plainText(`<tr${row!}`);
}

describe('comparing two rounds', () => {
	let owner: Client;
	let orgId: string;
	let first: string;
	let second: string;
	let model: MaturityModel;
	let sales: string;
	let support: string;

	beforeAll(async () => {
		owner = await signUp('owner');
		orgId = await createOrg(owner);
		sales = unique('Sales');
		support = unique('Support');
		const salesId = await addDepartment(owner, orgId, sales);
		const supportId = await addDepartment(owner, orgId, support);

		// Round 1: five in Sales, everything at level 2.
		first = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, first, 'open');
		await respond(owner, orgId, first, salesId, 5, 2);
		await setStatus(owner, orgId, first, 'closed');

		// Round 2: five in Sales and three in Support, everything at level 3.
		second = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, second, 'open');
		await respond(owner, orgId, second, salesId, 5, 3);
		await respond(owner, orgId, second, supportId, 3, 3);
		model = modelOfRound(second);
	}, 120_000);

	it('shows the change per area and per department, and hides a department new in one round', async () => {
		const res = await owner.get(`/o/${orgId}/compare?from=${first}&to=${second}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		const text = plainText(html);
		expect(text).toContain('Change per area');

		// Every area and the whole round: mean 2.0 before, 3.0 after, up one stage.
		for (const name of ['Overall', ...model.areas.map((a) => a.name.en)]) {
			const row = rowText(html, name);
			expect(row, name).toContain('mean 2.0, stage 2');
			expect(row, name).toContain('mean 3.0, stage 3');
			expect(row, name).toContain('▲ +1.0');
			expect(row, name).toContain('up 1.0 stages');
		}

		// Sales answered both rounds: +1 in every area. Support only the second: hidden.
		const salesRow = rowText(html, sales);
		expect(salesRow.match(/up 1\.0 stages/g)).toHaveLength(model.areas.length);
		const supportRow = rowText(html, support);
		expect(supportRow).toContain('Hidden in one of the rounds to protect anonymity');
		expect(supportRow).not.toMatch(/\d\.\d/);

		expect(text).toContain(`Roadmap items of ${roundName(first)}`);
		// One version: nothing about versions, every area compared.
		expect(text).not.toContain('used model');
		expect(text).not.toContain('not compared');
	});

	it('picks the newest round and the one before it when the address names none', async () => {
		const html = await (await owner.get(`/o/${orgId}/compare`)).text();
		expect(html).toMatch(new RegExp(`<option value="${first}"[^>]*selected`));
		expect(html).toMatch(new RegExp(`<option value="${second}"[^>]*selected`));
		expect(rowText(html, 'Overall')).toContain('up 1.0 stages');

		// The results page's link names only the later round.
		const only = await (await owner.get(`/o/${orgId}/compare?to=${second}`)).text();
		expect(rowText(only, 'Overall')).toContain('up 1.0 stages');
	});

	it('is linked from the rounds list', async () => {
		const html = await (await owner.get(`/o/${orgId}`)).text();
		expect(html).toContain(`href="/o/${orgId}/compare"`);
	});

	it("lists the earlier round's tracked roadmap items, done first", async () => {
		const firstModel = modelOfRound(first);
		const [done, planned] = firstModel.areas[0]!.recommendations;
		const ownerId = ownerIdOf(orgId);
		for (const [recommendation, status] of [
			[planned!, 'planned'],
			[done!, 'done']
		] as const) {
			const res = await owner.post(`/o/${orgId}/rounds/${first}/roadmap?/track`, {
				recommendationId: recommendation.id,
				ownerId,
				dueQuarter: '2031-Q2',
				status
			});
			expect(res.status).toBe(200);
		}
		const text = plainText(await (await owner.get(`/o/${orgId}/compare?to=${second}`)).text());
		const doneAt = text.indexOf('Done in between (1)');
		const plannedAt = text.indexOf('Planned (1)');
		expect(doneAt).toBeGreaterThan(-1);
		expect(plannedAt).toBeGreaterThan(doneAt);
		const doneRow = text.slice(doneAt, plannedAt);
		expect(doneRow).toContain(done!.title.en);
		expect(doneRow).toContain('owner');
		expect(doneRow).toContain('2031-Q2');
		expect(text.slice(plannedAt)).toContain(planned!.title.en);
	});

	it("says so, without numbers, for another organisation's round or an unknown id", async () => {
		const stranger = await signUp('stranger');
		const otherOrg = await createOrg(stranger);
		const foreign = await createRound(stranger, otherOrg, 3);

		for (const query of [
			`from=${foreign}&to=${second}`,
			`from=${first}&to=${foreign}`,
			`from=nosuchround00000000&to=${second}`,
			`from=${first}&to=not-an-id`
		]) {
			const res = await owner.get(`/o/${orgId}/compare?${query}`);
			expect(res.status, query).toBe(200);
			const text = plainText(await res.text());
			expect(text, query).toMatch(
				/The (earlier|later) round in the address is not one of this organisation's rounds/
			);
			expect(text, query).not.toContain('Change per area');
			expect(text, query).not.toMatch(/mean \d\.\d|up \d\.\d stages/);
			expect(text, query).not.toContain(roundName(foreign));
		}

		const same = plainText(
			await (await owner.get(`/o/${orgId}/compare?from=${second}&to=${second}`)).text()
		);
		expect(same).toContain('Choose two different rounds.');
		expect(same).not.toContain('Change per area');

		// A round without enough responses: said so, and no numbers for either round.
		const third = await createRound(owner, orgId, 3);
		const early = plainText(
			await (await owner.get(`/o/${orgId}/compare?from=${second}&to=${third}`)).text()
		);
		expect(early).toContain(
			`${roundName(third)} has fewer than 3 submitted responses, so it cannot be compared yet`
		);
		expect(early).not.toContain('Change per area');
		expect(early).not.toContain('Change per department');
		expect(early).not.toMatch(/mean \d\.\d|up \d\.\d stages/);
	});

	it('is not found for someone outside the organisation', async () => {
		const outsider = await signUp('outsider');
		const res = await outsider.get(`/o/${orgId}/compare?from=${first}&to=${second}`);
		expect(res.status).toBe(404);
		const html = await res.text();
		expect(html).not.toContain(roundName(first));
		expect(html).not.toContain('up 1.0 stages');
	});
});

/** A shipped model file, validated. */
function modelFile(path: string): MaturityModel {
	const parsed = parseModel(JSON.parse(readFileSync(path, 'utf8')));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	return parsed.value;
}

/**
 * Stores `model` the way `ensureDefaultModel` stores the shipped one (the model and which area each
 * question is in), without making it the default; a version already stored stays as it is.
 */
async function storeModel(opened: OpenedDatabase, model: MaturityModel): Promise<string> {
	const id = storedModelId(model);
	await opened.db.transaction().execute(async (trx) => {
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
	});
	return id;
}

/** What the page's load returned, from its __data.json. */
const loadData = pageOwnData;

describe('comparing rounds of two model versions', () => {
	const v100 = modelFile('db/models/cx-maturity.json');
	const v110 = modelFile('db/models/cx-maturity-1.1.0.json');
	let opened: OpenedDatabase;
	let owner: Client;
	let orgId: string;
	let sales: string;
	let earlier: string;
	let later: string;

	/** A new round pinned to `modelId`, set before anyone answers it. */
	async function roundOn(modelId: string): Promise<string> {
		const roundId = await createRound(owner, orgId, 3);
		await opened.db
			.updateTable('rounds')
			.set({ model_id: modelId })
			.where('id', '=', roundId)
			.execute();
		await setStatus(owner, orgId, roundId, 'open');
		return roundId;
	}

	beforeAll(async () => {
		opened = await openDatabase(inject('databasePath'));
		const [id100, id110] = [await storeModel(opened, v100), await storeModel(opened, v110)];
		expect([id100, id110]).toEqual(['cx-maturity@1.0.0', 'cx-maturity@1.1.0']);
		owner = await signUp('versions-owner');
		orgId = await createOrg(owner);
		sales = unique('Sales');
		const salesId = await addDepartment(owner, orgId, sales);

		// 1.0.0: five in Sales, every question at 2. 1.1.0: five in Sales, every question at 3.
		earlier = await roundOn(id100);
		await respond(owner, orgId, earlier, salesId, 5, 2);
		await setStatus(owner, orgId, earlier, 'closed');
		later = await roundOn(id110);
		await respond(owner, orgId, later, salesId, 5, 3);
	}, 120_000);

	afterAll(async () => {
		await opened?.close();
	});

	it("compares only me-attribution's area, says so, and gives no overall figure", async () => {
		const path = `/o/${orgId}/compare?from=${earlier}&to=${later}`;
		const note =
			`${roundName(earlier)} used model 1.0.0 and ${roundName(later)} model 1.1.0. ` +
			'They share 1 of 48 questions; areas are compared on the shared questions only.';

		// The load: the note, one area compared, no overall.
		const data = await loadData(owner, path);
		expect(data.notes).toEqual([note]);
		expect(data.messages).toEqual([]);
		const comparison = data.comparison as {
			versions: unknown;
			overall: { compared: boolean; change: unknown };
			areaChanges: Array<{ areaId: string; compared: boolean; change: unknown }>;
			comparedAreas: Array<{ id: string }>;
			departments: Array<{ visible: boolean; cells: Array<{ areaId: string }> }>;
		};
		expect(comparison.versions).toEqual({ before: '1.0.0', after: '1.1.0', shared: 1, total: 48 });
		expect(comparison.overall).toMatchObject({ compared: false, change: null });
		expect(comparison.areaChanges.filter((a) => a.compared).map((a) => a.areaId)).toEqual([
			'measurement'
		]);
		expect(comparison.areaChanges.filter((a) => !a.compared && a.change !== null)).toEqual([]);
		expect(comparison.comparedAreas.map((a) => a.id)).toEqual(['measurement']);
		expect(comparison.departments.map((d) => [d.visible, d.cells.map((c) => c.areaId)])).toEqual([
			[true, ['measurement']]
		]);

		// The page: me-attribution went from 2 to 3; the other areas and the overall say why not.
		const html = await (await owner.get(path)).text();
		const text = plainText(html);
		expect(text).toContain(note);
		const measurement = v110.areas.find((a) => a.id === 'measurement')!.name.en;
		const row = rowText(html, measurement);
		expect(row).toContain('mean 2.0, stage 2');
		expect(row).toContain('mean 3.0, stage 3');
		expect(row).toContain('up 1.0 stages');
		for (const area of v110.areas.filter((a) => a.id !== 'measurement')) {
			const other = rowText(html, area.name.en);
			expect(other, area.id).toContain('not compared (no shared questions)');
			expect(other, area.id).not.toMatch(/\d\.\d/);
		}
		const overall = rowText(html, 'Overall');
		expect(overall).toContain('not compared (different model versions)');
		expect(overall).not.toMatch(/\d\.\d/);
		// Sales answered both rounds: one cell, the shared question's area, up one stage.
		expect(rowText(html, sales).match(/up 1\.0 stages/g)).toHaveLength(1);
		expect(text).toContain(`Roadmap items of ${roundName(earlier)}`);
	});
});
