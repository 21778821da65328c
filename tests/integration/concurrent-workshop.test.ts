/**
 * Commands to one live workshop at once (issue 15): two facilitators, each clicking twice, on two
 * app instances behind one database. Every change to a workshop locks its row first, so the
 * commands run one after the other and none fails with a 500: a command whose effect already
 * holds (start, reveal, pause, resume, end sent twice) succeeds and changes nothing; a second
 * "next" for the same step is stale and refused with a 409 whose message the control page shows.
 * A room that joins and votes at once, and votes racing a reveal, are queued the same way.
 *
 * On PostgreSQL (`npm run test:integration:pg`) the second instance is another server process on
 * another port, on the same database (tests/support/second-instance.ts). On SQLite both
 * "instances" are the one test server, and the requests still run in parallel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	areaIdsOf,
	createOrg,
	createRound,
	createWorkshop,
	inviteAndAccept,
	joinCodeOf,
	roundModel,
	setStatus,
	signUp,
	testDb
} from '../support/flow';
import { Client, type ActionResult } from '../support/http';
import { expectSharedDatabase, startSecondInstance } from '../support/second-instance';
import type { RunningServer } from '../support/spawn-server';

let second: RunningServer | undefined;
let instances: [string, string];
/** The owner and a facilitator, each on both instances (one session, two addresses). */
let facilitators: Client[];
let control: string;
let workshopId: string;
let questionIds: string[];

/** The same person (cookies) on another instance. */
function on(base: string, client: Client): Client {
	const moved = new Client(base);
	for (const [name, value] of client.cookies) moved.cookies.set(name, value);
	return moved;
}

const row = () =>
	testDb()
		.prepare('select status, position, vote_round, version from workshops where id = ?')
		.get(workshopId) as { status: string; position: number; vote_round: number; version: number };

/** `fields` posted as the control page's command form (as use:enhance does) by every facilitator. */
const everyone = (fields: Record<string, string>): Promise<ActionResult[]> =>
	Promise.all(facilitators.map((f) => f.action(`${control}?/command`, fields)));

/** No answer was a server error; each is a success or a refusal (4xx). */
function expectNoServerError(results: ReadonlyArray<{ status: number }>) {
	for (const r of results) expect(r.status).toBeLessThan(500);
}

beforeAll(async () => {
	({ instances, second } = await startSecondInstance());
	const owner = await signUp('workshop-race-owner');
	const orgId = await createOrg(owner);
	const facilitator = await inviteAndAccept(owner, orgId, 'facilitator');
	const roundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, roundId, 'open');
	const [areaId] = await areaIdsOf(owner, orgId, roundId);
	workshopId = await createWorkshop(owner, orgId, roundId);
	control = `/o/${orgId}/rounds/${roundId}/workshops/${workshopId}`;
	facilitators = [owner, facilitator].flatMap((f) => instances.map((base) => on(base, f)));
	questionIds = roundModel(roundId)
		.model.areas.find((a) => a.id === areaId)!
		.questions.map((q) => q.id);
}, 120_000);

afterAll(async () => {
	await second?.stop();
});

describe('commands to one workshop at once, through two instances', { timeout: 120_000 }, () => {
	it('the instances share one database', async () => {
		await expectSharedDatabase(instances);
	});

	it('start four times at once: every one succeeds, the workshop starts once', async () => {
		const before = row();
		const results = await everyone({ type: 'start' });
		expect(results.map((r) => r.type)).toEqual(['success', 'success', 'success', 'success']);
		expect(row()).toEqual({
			status: 'open',
			position: 0,
			vote_round: 1,
			version: before.version + 1
		});
	});

	it('a room of 20 joins and votes at once: every join and vote is kept', async () => {
		const code = joinCodeOf(workshopId);
		const people = Array.from({ length: 20 }, (_, i) => new Client(instances[i % 2]!));
		const joined = await Promise.all(
			people.map((p, i) => p.post('/workshop?/join', { code, name: `P${i}` }))
		);
		expect(joined.map((r) => r.status)).toEqual(people.map(() => 303));
		const votes = await Promise.all(
			people.map((p, i) =>
				on(instances[(i + 1) % 2]!, p).action(`/workshop/${workshopId}?/vote`, {
					questionId: questionIds[0]!,
					level: String((i % 4) + 1)
				})
			)
		);
		expect(votes.map((r) => r.type)).toEqual(people.map(() => 'success'));
		const counted = testDb()
			.prepare('select count(*) as n from workshop_votes where workshop_id = ? and question_id = ?')
			.get(workshopId, questionIds[0]) as { n: number };
		expect(counted.n).toBe(20);
		// The version moved once per join and once per vote.
		expect(row().version).toBe(2 + 20 + 20);
	});

	it('reveal four times at once, with votes racing it: every reveal succeeds, no vote is lost', async () => {
		const before = row();
		const voters = Array.from({ length: 6 }, (_, i) => new Client(instances[i % 2]!));
		const code = joinCodeOf(workshopId);
		for (const v of voters)
			expect((await v.post('/workshop?/join', { code, name: '' })).status).toBe(303);
		const [reveals, votes] = await Promise.all([
			everyone({ type: 'reveal', position: '0' }),
			Promise.all(
				voters.map((v) =>
					v.action(`/workshop/${workshopId}?/vote`, { questionId: questionIds[0]!, level: '2' })
				)
			)
		]);
		expect(reveals.map((r) => r.type)).toEqual(['success', 'success', 'success', 'success']);
		expectNoServerError(votes);
		// A vote either came before the reveal and is kept, or after it and was refused as such.
		for (const v of votes)
			if (v.type !== 'success') expect(v).toMatchObject({ type: 'failure', status: 409 });
		const accepted = votes.filter((v) => v.type === 'success').length;
		const counted = testDb()
			.prepare('select count(*) as n from workshop_votes where workshop_id = ? and question_id = ?')
			.get(workshopId, questionIds[0]) as { n: number };
		expect(counted.n).toBe(20 + accepted);
		// Six joins, the accepted votes, and one reveal.
		expect(row()).toEqual({
			status: 'revealed',
			position: 0,
			vote_round: 1,
			version: before.version + voters.length + accepted + 1
		});
	});

	it('two records of the question at once: both succeed, one of them is kept', async () => {
		const [owner, , facilitator] = facilitators;
		const record = (f: Client, choice: string) =>
			f.action(`${control}?/command`, {
				type: 'record',
				position: '0',
				questionId: questionIds[0]!,
				choice,
				reason: `Agreed on ${choice}`
			});
		const results = await Promise.all([record(owner!, '2'), record(facilitator!, '3')]);
		expect(results.map((r) => r.type)).toEqual(['success', 'success']);
		const kept = testDb()
			.prepare('select level, reason from workshop_records where workshop_id = ?')
			.all(workshopId);
		expect([
			[{ level: 2, reason: 'Agreed on 2' }],
			[{ level: 3, reason: 'Agreed on 3' }]
		]).toContainEqual(kept);
		expect(row()).toMatchObject({ status: 'recorded', position: 0 });
	});

	it('next twice at once from one step: one moves on, the other is stale (409, shown on the page)', async () => {
		const results = await everyone({ type: 'next', position: '0' });
		expectNoServerError(results);
		expect(results.filter((r) => r.type === 'success')).toHaveLength(1);
		for (const r of results.filter((r) => r.type !== 'success')) {
			expect(r).toMatchObject({ type: 'failure', status: 409 });
			expect(r.data).toContain('stale-position');
		}
		expect(row()).toMatchObject({ status: 'open', position: 1, vote_round: 1 });
		// Without JavaScript the control page answers the stale click with the message.
		const page = await facilitators[3]!.post(`${control}?/command`, {
			type: 'next',
			position: '0'
		});
		expect(page.status).toBe(409);
		expect(await page.text()).toContain('the workshop has moved on, so nothing was changed');
		expect(row()).toMatchObject({ position: 1 });
	});

	it('pause, resume and end, each four times at once: every one succeeds, each applies once', async () => {
		for (const [fields, status] of [
			[{ type: 'pause', position: '1' }, 'paused'],
			[{ type: 'resume', position: '1' }, 'open'],
			[{ type: 'end' }, 'ended']
		] as const) {
			const before = row();
			const results = await everyone(fields);
			expect(
				results.map((r) => r.type),
				fields.type
			).toEqual(['success', 'success', 'success', 'success']);
			expect(row(), fields.type).toMatchObject({ status, version: before.version + 1 });
		}
	});
});
