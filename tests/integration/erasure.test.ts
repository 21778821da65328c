/**
 * Erasure by owners against the built server: deleting a round or the whole organisation, after
 * typing its name, removes every row that belonged to it from every table of the SQLite file (the
 * foreign keys cascade); other roles get 403 and other organisations 404 with nothing changed; a
 * wrong name changes nothing and says so.
 *
 * The database is read (never written) to find ids and to count what is left.
 */
import { describe, expect, it } from 'vitest';
import { parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import {
	addDepartment,
	answerAll,
	appTables,
	createLink,
	createOrg,
	createRound,
	inviteAndAccept,
	join,
	ownerIdOf,
	setStatus,
	signUp,
	submit,
	testDb,
	unique
} from '../support/flow';
import type { Client } from '../support/http';

const db = { prepare: (sql: string) => testDb().prepare(sql) };

function modelOfRound(roundId: string): MaturityModel {
	const row = db
		.prepare(
			'select m.content from maturity_models m join rounds a on a.model_id = m.id where a.id = ?'
		)
		.get(roundId) as { content: string };
	const parsed = parseModel(JSON.parse(row.content));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	return parsed.value;
}

function answersFor(model: MaturityModel, seed: number): ResponseInput {
	const answers: ResponseInput['answers'] = {};
	const targets: ResponseInput['targets'] = {};
	model.areas.forEach((area, ai) => {
		area.questions.forEach((question, qi) => {
			answers[question.id] = (((ai + qi + seed) % 4) + 1) as StageId;
		});
		targets[area.id] = 4;
	});
	return { answers, targets };
}

const tables = appTables;

/** Every row of every table that mentions one of these ids, per table (tables with none left out). */
function rowsMentioning(ids: readonly string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const table of tables()) {
		const rows = db.prepare(`select * from "${table}"`).all() as Array<Record<string, unknown>>;
		const n = rows.filter((row) =>
			Object.values(row).some((v) => typeof v === 'string' && ids.includes(v))
		).length;
		if (n > 0) out[table] = n;
	}
	return out;
}

/**
 * Every stored row of an organisation, per table: to check that a refused request changed nothing
 * (other test files write to the same database meanwhile, so the whole file cannot be compared).
 */
function snapshot(orgId: string): Record<string, unknown[]> {
	const ids = organisationIds(orgId);
	const out: Record<string, unknown[]> = {};
	for (const table of tables())
		out[table] = (db.prepare(`select * from "${table}"`).all() as Array<Record<string, unknown>>)
			.filter((row) => Object.values(row).some((v) => typeof v === 'string' && ids.includes(v)))
			.map((row) => JSON.stringify(row))
			.sort();
	return out;
}

const idsOf = (sql: string, ...args: string[]) =>
	(db.prepare(sql).all(...args) as Array<{ id: string }>).map((r) => r.id);

/**
 * An organisation with a department, two rounds with submitted responses, links, a tracked item and
 * an area rated.
 */
async function organisation() {
	const owner = await signUp('owner');
	const orgName = unique('Org');
	const orgId = await createOrg(owner, orgName);
	const departmentId = await addDepartment(owner, orgId, unique('Ops'));
	const rounds: string[] = [];
	for (let r = 0; r < 2; r++) {
		const roundId = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, roundId, 'open');
		const link = await createLink(owner, orgId, roundId, departmentId);
		const model = modelOfRound(roundId);
		for (let i = 0; i < 3; i++) {
			const { client, token } = await join(link);
			await answerAll(token, answersFor(model, i + r));
			await submit(client, token);
		}
		const ownerId = ownerIdOf(orgId);
		expect(
			(
				await owner.post(`/o/${orgId}/rounds/${roundId}/roadmap?/track`, {
					recommendationId: model.areas[0]!.recommendations[0]!.id,
					ownerId,
					dueQuarter: '',
					status: 'planned'
				})
			).status
		).toBe(200);
		// The first area rated high, the others not rated: one row of importance.
		expect(
			(
				await owner.post(`/o/${orgId}/rounds/${roundId}?/importance`, {
					[`area:${model.areas[0]!.id}`]: 'high'
				})
			).status
		).toBe(200);
		rounds.push(roundId);
	}
	const roundName = (
		db.prepare('select name from rounds where id = ?').get(rounds[0]!) as { name: string }
	).name;
	return { owner, orgId, orgName, departmentId, rounds, roundName };
}

/** The ids of a round's own rows (itself, its responses, its links). */
function roundIds(roundId: string): string[] {
	return [
		roundId,
		...idsOf('select id from responses where round_id = ?', roundId),
		...idsOf('select token as id from response_links where round_id = ?', roundId)
	];
}

/** The ids of everything in an organisation. */
function organisationIds(orgId: string): string[] {
	const rounds = idsOf('select id from rounds where organisation_id = ?', orgId);
	return [
		orgId,
		...idsOf('select id from departments where organisation_id = ?', orgId),
		...idsOf('select id from role_levels where organisation_id = ?', orgId),
		...idsOf('select token_hash as id from member_invites where organisation_id = ?', orgId),
		...idsOf('select id from audit_events where organisation_id = ?', orgId),
		...rounds.flatMap(roundIds)
	];
}

const plainText = (html: string) =>
	html
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

describe('deleting a round', { timeout: 90_000 }, () => {
	it('states what goes, and deletes the round with every row that belonged to it', async () => {
		const { owner, orgId, rounds, roundName } = await organisation();
		const [roundId, otherRound] = rounds as [string, string];
		const page = `/o/${orgId}/rounds/${roundId}/delete`;

		// Linked from the organisation's list of rounds, for owners.
		expect(await (await owner.get(`/o/${orgId}`)).text()).toContain(`href="${page}"`);
		const text = plainText(await (await owner.get(page)).text());
		// Every question of the round's model answered by each of the three respondents.
		const answers = 3 * modelOfRound(roundId).areas.flatMap((a) => a.questions).length;
		expect(text).toContain(
			`Responses: 3 (3 submitted), with their ${answers} answers and 27 12-month targets`
		);
		expect(text).toContain('Respondent links: 1.');
		expect(text).toContain('Tracked roadmap items: 1 ');
		expect(text).toContain('Importance ratings of the areas: 1');
		expect(text).toMatch(/Stored sums per department and role level: [1-9]\d* rows/);
		expect(text).toContain(`To confirm, type the round's name: ${roundName}`);

		const ids = roundIds(roundId);
		const before = rowsMentioning(ids);
		expect(before).toMatchObject({
			rounds: 1,
			responses: 3,
			answers,
			targets: 27,
			response_links: 1,
			roadmap_items: 1,
			round_area_importance: 1
		});
		expect(before.round_group_sums).toBeGreaterThan(0);
		expect(before.round_area_sums).toBeGreaterThan(0);
		expect(before.round_question_counts).toBeGreaterThan(0);
		const otherBefore = rowsMentioning(roundIds(otherRound));

		const res = await owner.post(`${page}?/delete`, { confirm: ` ${roundName} ` });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/o/${orgId}?deleted=round`);
		// Only the audit log still names the round: its creation, opening, rating and deletion.
		expect(rowsMentioning(ids)).toEqual({ audit_events: 4 });
		// The other round is untouched; the deletion is in the audit log.
		expect(rowsMentioning(roundIds(otherRound))).toEqual(otherBefore);
		const event = db
			.prepare("select * from audit_events where organisation_id = ? and action = 'round.delete'")
			.get(orgId) as { subject_label: string; before_json: string; after_json: string };
		expect(event.subject_label).toBe(roundName);
		expect(JSON.parse(event.before_json)).toMatchObject({ name: roundName, responses: 3 });

		const after = await (await owner.get(`/o/${orgId}?deleted=round`)).text();
		expect(after).toContain('The round was deleted');
		expect(after).not.toContain(roundName);
		expect((await owner.get(`/o/${orgId}/rounds/${roundId}`)).status).toBe(404);
		expect((await owner.get(page)).status).toBe(404);
	});

	it('refuses a wrong name, other roles and other organisations, and changes nothing', async () => {
		const a = await organisation();
		const b = await organisation();
		const [roundId] = a.rounds as [string];
		const page = `/o/${a.orgId}/rounds/${roundId}/delete`;
		const before = snapshot(a.orgId);
		expect(before.answers!.length).toBeGreaterThan(0);

		for (const confirm of ['', a.roundName.toUpperCase(), `${a.roundName}x`, a.orgName]) {
			const res = await a.owner.post(`${page}?/delete`, { confirm });
			expect(res.status, confirm).toBe(400);
			expect(await res.text()).toContain(
				"The name you typed is not the round's name, so nothing was deleted."
			);
		}
		expect(await a.owner.action(`${page}?/delete`, {})).toMatchObject({
			type: 'failure',
			status: 400
		});
		expect(snapshot(a.orgId)).toEqual(before);

		for (const role of ['facilitator', 'member', 'viewer']) {
			const person: Client = await inviteAndAccept(a.owner, a.orgId, role);
			const snap = snapshot(a.orgId);
			expect((await person.get(page)).status, role).toBe(403);
			expect((await person.post(`${page}?/delete`, { confirm: a.roundName })).status, role).toBe(
				403
			);
			expect(await (await person.get(`/o/${a.orgId}`)).text()).not.toContain(`href="${page}"`);
			expect(snapshot(a.orgId)).toEqual(snap);
		}

		const fresh = snapshot(a.orgId);
		const freshB = snapshot(b.orgId);
		// B's owner: A's round through A's organisation, and through B's own.
		expect((await b.owner.get(page)).status).toBe(404);
		expect((await b.owner.post(`${page}?/delete`, { confirm: a.roundName })).status).toBe(404);
		const crossed = `/o/${b.orgId}/rounds/${roundId}/delete`;
		expect((await b.owner.get(crossed)).status).toBe(404);
		expect((await b.owner.post(`${crossed}?/delete`, { confirm: a.roundName })).status).toBe(404);
		expect(snapshot(a.orgId)).toEqual(fresh);
		expect(snapshot(b.orgId)).toEqual(freshB);
	});
});

describe('deleting an organisation', { timeout: 90_000 }, () => {
	it('states what goes, deletes everything in it and keeps the accounts', async () => {
		const { owner, orgId, orgName } = await organisation();
		const member = await inviteAndAccept(owner, orgId, 'member');
		const settings = await (await owner.get(`/o/${orgId}/settings`)).text();
		expect(settings).toContain('Danger zone');
		expect(settings).toContain(`href="/o/${orgId}/delete"`);
		const page = `/o/${orgId}/delete`;
		const text = plainText(await (await owner.get(page)).text());
		expect(text).toContain('Rounds: 2; responses: 6,');
		expect(text).toContain("Members' access: 2; invite links: 1.");
		expect(text).toContain('Departments: 1; role levels: 4');
		expect(text).toMatch(/Audit log: [1-9]\d* recorded changes/);

		const ids = organisationIds(orgId);
		const users = db.prepare('select count(*) as n from users').get() as { n: number };
		const wrong = await owner.post(`${page}?/delete`, { confirm: 'not the name' });
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain(
			"The name you typed is not the organisation's name, so nothing was deleted."
		);

		const res = await owner.post(`${page}?/delete`, { confirm: orgName });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/orgs?deleted=organisation');
		expect(rowsMentioning(ids)).toEqual({});
		expect(db.prepare('select count(*) as n from users').get()).toEqual(users);

		const orgs = await (await owner.get('/orgs?deleted=organisation')).text();
		expect(orgs).toContain('The organisation was deleted');
		expect(orgs).not.toContain(orgName);
		expect((await owner.get(`/o/${orgId}`)).status).toBe(404);
		expect((await member.get(`/o/${orgId}`)).status).toBe(404);
	});

	it('refuses other roles, other organisations and a wrong name, and changes nothing', async () => {
		const a = await organisation();
		const b = await organisation();
		const page = `/o/${a.orgId}/delete`;
		const facilitator = await inviteAndAccept(a.owner, a.orgId, 'facilitator');
		const before = snapshot(a.orgId);
		const beforeB = snapshot(b.orgId);
		expect((await facilitator.get(page)).status).toBe(403);
		expect((await facilitator.post(`${page}?/delete`, { confirm: a.orgName })).status).toBe(403);
		expect((await facilitator.get(`/o/${a.orgId}/settings`)).status).toBe(403);
		expect((await b.owner.get(page)).status).toBe(404);
		expect((await b.owner.post(`${page}?/delete`, { confirm: a.orgName })).status).toBe(404);
		expect((await a.owner.post(`${page}?/delete`, { confirm: b.orgName })).status).toBe(400);
		expect(snapshot(a.orgId)).toEqual(before);
		expect(snapshot(b.orgId)).toEqual(beforeB);
	});
});
