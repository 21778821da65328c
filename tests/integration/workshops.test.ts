/**
 * Live workshops in the database (src/lib/server/db/workshops.ts) on a real SQLite file: a full
 * run through votes, reveal, re-vote, record, skip, back and end; a participant rejoining with their
 * token keeps their vote; refused commands and votes (after the reveal, replayed, stale, another
 * round's workshop) change nothing; changes are announced after they commit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workshopRecordOf, type WorkshopCommand } from '../../src/lib/domain/workshop';
import { openSqliteDatabase, type OpenedSqlite } from '../../src/lib/server/db/connection';
import { addGroup } from '../../src/lib/server/db/groups';
import { ensureDefaultModel } from '../../src/lib/server/db/models';
import { createOrganisation } from '../../src/lib/server/db/organisations';
import { createRound } from '../../src/lib/server/db/rounds';
import { createUser } from '../../src/lib/server/db/users';
import {
	JOIN_CODE_ALPHABET,
	applyAndAnnounce,
	applyWorkshopCommand,
	castVote,
	castVoteAndAnnounce,
	countWorkshop,
	createWorkshop,
	findWorkshopByCode,
	joinWorkshop,
	loadVotes,
	loadWorkshop,
	rejoinWorkshop,
	type Workshop
} from '../../src/lib/server/db/workshops';
import { MemoryPubSub } from '../../src/lib/server/pubsub-memory';
import { workshopTopic, type WorkshopEvent } from '../../src/lib/server/pubsub';
import type { MaturityModel } from '../../src/lib/domain/model';

const dir = mkdtempSync(join(tmpdir(), 'cx-workshops-'));
let opened: OpenedSqlite;
let model: MaturityModel;
let orgId: string;
let userId: string;
let roundId: string;
let otherRoundId: string;
let departmentId: string;
let roleLevelId: string;

beforeAll(async () => {
	opened = await openSqliteDatabase(join(dir, 'workshops.sqlite'));
	const stored = await ensureDefaultModel(opened.db);
	model = stored.model;
	const user = await createUser(opened.db, {
		email: 'facilitator@example.com',
		displayName: 'Fay',
		passwordHash: 'x'
	});
	userId = user!.id;
	orgId = (await createOrganisation(opened.db, { name: 'Org', ownerId: userId })).id;
	const round = (name: string) =>
		createRound(opened.db, {
			organisationId: orgId,
			modelId: stored.id,
			name,
			anonymityThreshold: 3,
			createdBy: userId
		});
	roundId = (await round('Q1')).id;
	otherRoundId = (await round('Q2')).id;
	departmentId = (await addGroup(opened.db, 'departments', orgId, 'Service'))!.id;
	roleLevelId = (
		opened.sqlite
			.prepare('select id from role_levels where organisation_id = ? limit 1')
			.get(orgId) as {
			id: string;
		}
	).id;
});

afterAll(async () => {
	await opened?.close();
	rmSync(dir, { recursive: true, force: true });
});

const areaIds = () => model.areas.slice(0, 1).map((a) => a.id);
const questionIds = () => model.areas[0]!.questions.map((q) => q.id);

async function newWorkshop(options: { requireGroup?: boolean } = {}): Promise<Workshop> {
	const created = await createWorkshop(opened.db, {
		organisationId: orgId,
		roundId,
		createdBy: userId,
		areas: areaIds(),
		pace: 'question',
		...options
	});
	if (!created.ok) throw new Error(created.reason);
	return created.value;
}

/** `cmd` to a workshop (of the test's round unless `inRound`) by the owner: the result as it comes. */
const apply = (workshopId: string, cmd: WorkshopCommand, inRound = roundId) =>
	applyWorkshopCommand(opened.db, { roundId: inRound, workshopId, command: cmd, actorId: userId });

async function command(workshop: Workshop, cmd: WorkshopCommand) {
	const result = await apply(workshop.id, cmd);
	if (!result.ok) throw new Error(`${cmd.type}: ${result.reason}`);
	return result.value.workshop;
}

async function joinAs(code: string, name: string) {
	const joined = await joinWorkshop(opened.db, { code, name });
	if (!joined.ok) throw new Error(joined.reason);
	return joined.value;
}

/** Every row of the workshop's tables, to compare before and after a refusal. */
const snapshot = (workshopId: string) =>
	['workshops', 'workshop_participants', 'workshop_votes', 'workshop_records'].map((table) =>
		opened.sqlite
			.prepare(
				`select * from ${table} where ${table === 'workshops' ? 'id' : 'workshop_id'} = ? order by 1, 2, 3`
			)
			.all(workshopId)
	);

describe('creating and joining', () => {
	it('creates a workshop in the lobby with a six-character code from the unambiguous alphabet', async () => {
		const workshop = await newWorkshop();
		expect(workshop.joinCode).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
		expect(workshop.state).toMatchObject({ status: 'lobby', position: 0, voteRound: 1 });
		expect(await findWorkshopByCode(opened.db, workshop.joinCode.toLowerCase())).toEqual({
			workshopId: workshop.id,
			roundId
		});
		expect(await findWorkshopByCode(opened.db, 'O0I1L!')).toBeUndefined();
	});

	it('refuses unknown areas, another organisation and unknown rounds', async () => {
		const base = { createdBy: userId, pace: 'question' as const, areas: areaIds() };
		expect(
			await createWorkshop(opened.db, { ...base, organisationId: orgId, roundId, areas: ['nope'] })
		).toEqual({ ok: false, reason: 'unknown-area' });
		expect(await createWorkshop(opened.db, { ...base, organisationId: 'other', roundId })).toEqual({
			ok: false,
			reason: 'not-found'
		});
		expect(
			await createWorkshop(opened.db, { ...base, organisationId: orgId, roundId: 'nope' })
		).toEqual({ ok: false, reason: 'not-found' });
	});

	it('requires a department and role level of the organisation when asked to', async () => {
		const workshop = await newWorkshop({ requireGroup: true });
		const code = workshop.joinCode;
		expect(await joinWorkshop(opened.db, { code })).toEqual({
			ok: false,
			reason: 'group-required'
		});
		expect(await joinWorkshop(opened.db, { code, departmentId: 'nope', roleLevelId })).toEqual({
			ok: false,
			reason: 'unknown-group'
		});
		expect(
			await joinWorkshop(opened.db, { code, name: 'x'.repeat(500), departmentId, roleLevelId })
		).toEqual({ ok: false, reason: 'name-too-long' });
		expect(await joinWorkshop(opened.db, { code: 'ZZZZZZ' })).toEqual({
			ok: false,
			reason: 'not-found'
		});
		expect(snapshot(workshop.id)[1]).toEqual([]);
		const joined = await joinWorkshop(opened.db, { code, departmentId, roleLevelId });
		expect(joined.ok).toBe(true);
		const row = opened.sqlite
			.prepare('select token_hash, department_id from workshop_participants where workshop_id = ?')
			.get(workshop.id) as { token_hash: string; department_id: string };
		expect(row.department_id).toBe(departmentId);
		if (joined.ok) expect(row.token_hash).not.toContain(joined.value.token);
	});
});

describe('a full run', () => {
	it('votes, reveals, re-votes, records, skips, goes back and ends', async () => {
		const [q1, q2, q3] = questionIds();
		let workshop = await newWorkshop();
		const ann = await joinAs(workshop.joinCode, 'Ann');
		const bob = await joinAs(workshop.joinCode, 'Bob');
		const cy = await joinAs(workshop.joinCode, '');
		const vote = (who: { token: string }, questionId: string, level: number | null) =>
			castVote(opened.db, { workshopId: workshop.id, token: who.token, questionId, level });

		expect(await vote(ann, q1!, 2)).toEqual({ ok: false, reason: 'not-started' });
		workshop = await command(workshop, { type: 'start' });
		expect((await vote(ann, q1!, 1)).ok).toBe(true);
		expect((await vote(ann, q1!, 2)).ok).toBe(true); // replaces the first
		expect((await vote(bob, q1!, 2)).ok).toBe(true);
		expect((await vote(cy, q1!, null)).ok).toBe(true);
		expect(await vote(cy, q2!, 3)).toEqual({ ok: false, reason: 'stale-position' });
		expect(
			await countWorkshop(opened.db, (await loadWorkshop(opened.db, roundId, workshop.id))!)
		).toEqual({
			participants: 3,
			voted: { [q1!]: 3 }
		});

		workshop = await command(workshop, { type: 'reveal', position: 0 });
		workshop = await command(workshop, { type: 'reopen', position: 0 });
		expect(workshop.state).toMatchObject({ status: 'open', voteRound: 2 });
		for (const who of [ann, bob, cy]) expect((await vote(who, q1!, 3)).ok).toBe(true);
		workshop = await command(workshop, { type: 'reveal', position: 0 });
		workshop = await command(workshop, {
			type: 'record',
			position: 0,
			questionId: q1!,
			outcome: 'agreed',
			level: 3,
			reason: 'Complaints are logged in one place but nobody reads them monthly'
		});
		workshop = await command(workshop, { type: 'next', position: 0 });
		workshop = await command(workshop, { type: 'skip', position: 1 });
		expect(workshop.state).toMatchObject({ position: 2, status: 'open' });
		workshop = await command(workshop, { type: 'back', position: 2 });
		workshop = await command(workshop, { type: 'back', position: 1 });
		expect(workshop.state).toMatchObject({ position: 0, status: 'recorded', voteRound: 2 });
		workshop = await command(workshop, {
			type: 'record',
			position: 0,
			questionId: q1!,
			outcome: 'agreed',
			level: 3,
			reason: 'Logged in one place; nobody reads them monthly'
		});
		workshop = await command(workshop, { type: 'next', position: 0 });
		workshop = await command(workshop, { type: 'next', position: 1 });
		expect(workshop.state).toMatchObject({ position: 2, status: 'open', voteRound: 1 });
		expect((await vote(bob, q3!, 4)).ok).toBe(true);
		workshop = await command(workshop, { type: 'pause', position: 2 });
		expect(await vote(ann, q3!, 4)).toEqual({ ok: false, reason: 'paused' });
		workshop = await command(workshop, { type: 'resume', position: 2 });
		workshop = await command(workshop, { type: 'end' });
		expect(workshop.state.status).toBe('ended');

		// The database holds what the commands said: reload and compare.
		const reloaded = (await loadWorkshop(opened.db, roundId, workshop.id))!;
		expect(reloaded.state).toEqual(workshop.state);
		expect(reloaded.version).toBe(workshop.version);
		expect(
			opened.sqlite
				.prepare(
					'select question_id, outcome, level, reason, vote_round from workshop_records where workshop_id = ? order by at, question_id'
				)
				.all(workshop.id)
		).toEqual(
			expect.arrayContaining([
				{
					question_id: q1,
					outcome: 'agreed',
					level: 3,
					reason: 'Logged in one place; nobody reads them monthly',
					vote_round: 2
				},
				{ question_id: q2, outcome: 'skipped', level: null, reason: null, vote_round: 1 }
			])
		);
		const votes = await loadVotes(opened.db, workshop.id);
		expect(votes.filter((v) => v.questionId === q1 && v.voteRound === 1)).toHaveLength(3);
		expect(votes.filter((v) => v.questionId === q1 && v.voteRound === 2)).toHaveLength(3);
		const record = workshopRecordOf(reloaded.state, votes);
		expect(record[0]).toMatchObject({
			outcome: 'agreed',
			first: { shown: true, counts: [0, 2, 0, 0], dontKnow: 1 },
			final: { shown: true, counts: [0, 0, 3, 0] },
			changedMind: true
		});
		// Ended: the code is free again and nothing is accepted.
		expect(await findWorkshopByCode(opened.db, workshop.joinCode)).toBeUndefined();
		expect(await vote(ann, q3!, 1)).toEqual({ ok: false, reason: 'ended' });
	});
});

describe('robustness', () => {
	it('a participant rejoining with their token keeps their vote and sees where the room is', async () => {
		let workshop = await newWorkshop();
		const [q1] = questionIds();
		const ann = await joinAs(workshop.joinCode, 'Ann');
		workshop = await command(workshop, { type: 'start' });
		await castVote(opened.db, {
			workshopId: workshop.id,
			token: ann.token,
			questionId: q1!,
			level: 4
		});
		const back = await rejoinWorkshop(opened.db, { workshopId: workshop.id, token: ann.token });
		expect(back.ok).toBe(true);
		if (back.ok) {
			expect(back.value.participant.id).toBe(ann.participant.id);
			expect(back.value.myVotes).toEqual({ [q1!]: 4 });
			expect(back.value.workshop.state).toMatchObject({ status: 'open', position: 0 });
		}
		expect(await rejoinWorkshop(opened.db, { workshopId: workshop.id, token: 'wrong' })).toEqual({
			ok: false,
			reason: 'not-found'
		});
	});

	it('votes after the reveal are refused and nothing changes', async () => {
		let workshop = await newWorkshop();
		const [q1] = questionIds();
		const ann = await joinAs(workshop.joinCode, 'Ann');
		workshop = await command(workshop, { type: 'start' });
		await castVote(opened.db, {
			workshopId: workshop.id,
			token: ann.token,
			questionId: q1!,
			level: 1
		});
		workshop = await command(workshop, { type: 'reveal', position: 0 });
		const before = snapshot(workshop.id);
		expect(
			await castVote(opened.db, {
				workshopId: workshop.id,
				token: ann.token,
				questionId: q1!,
				level: 4
			})
		).toEqual({ ok: false, reason: 'already-revealed' });
		expect(
			await castVote(opened.db, {
				workshopId: workshop.id,
				token: ann.token,
				questionId: q1!,
				level: 7
			})
		).toEqual({ ok: false, reason: 'already-revealed' });
		expect(snapshot(workshop.id)).toEqual(before);
	});

	it('replayed, stale and invalid commands change nothing', async () => {
		let workshop = await newWorkshop();
		const [q1] = questionIds();
		workshop = await command(workshop, { type: 'start' });
		workshop = await command(workshop, { type: 'reveal', position: 0 });
		const before = snapshot(workshop.id);
		// A command whose effect already holds (a second reveal, a second start) is done: it succeeds
		// with nothing changed and the version it found.
		for (const cmd of [{ type: 'reveal', position: 0 }, { type: 'start' }] as WorkshopCommand[])
			expect(await apply(workshop.id, cmd), cmd.type).toEqual({
				ok: true,
				value: { workshop, changed: [], alreadyApplied: true }
			});
		const refused: [WorkshopCommand, string][] = [
			[{ type: 'next', position: 0 }, 'not-recorded'],
			[{ type: 'skip', position: 3 }, 'stale-position'],
			[
				{ type: 'record', position: 0, questionId: q1!, outcome: 'agreed', level: 9, reason: 'r' },
				'level-out-of-range'
			],
			[
				{ type: 'record', position: 0, questionId: q1!, outcome: 'no-agreement', reason: '  ' },
				'reason-required'
			],
			[{ type: 'reopen', position: 1 }, 'stale-position']
		];
		for (const [cmd, reason] of refused)
			expect(await apply(workshop.id, cmd), cmd.type).toEqual({ ok: false, reason });
		expect(snapshot(workshop.id)).toEqual(before);
	});

	it("another round's workshop ids are refused", async () => {
		const workshop = await newWorkshop();
		const before = snapshot(workshop.id);
		expect(await loadWorkshop(opened.db, otherRoundId, workshop.id)).toBeUndefined();
		expect(await apply(workshop.id, { type: 'start' }, otherRoundId)).toEqual({
			ok: false,
			reason: 'not-found'
		});
		expect(snapshot(workshop.id)).toEqual(before);
	});

	it('a participant token works only in its own workshop', async () => {
		const one = await newWorkshop();
		let two = await newWorkshop();
		const ann = await joinAs(one.joinCode, 'Ann');
		two = await command(two, { type: 'start' });
		expect(
			await castVote(opened.db, {
				workshopId: two.id,
				token: ann.token,
				questionId: questionIds()[0]!,
				level: 2
			})
		).toEqual({ ok: false, reason: 'not-found' });
	});

	it('deleting the round removes its workshops and everything in them', async () => {
		const round = await createRound(opened.db, {
			organisationId: orgId,
			modelId: (await ensureDefaultModel(opened.db)).id,
			name: 'Gone',
			anonymityThreshold: 3,
			createdBy: userId
		});
		const created = await createWorkshop(opened.db, {
			organisationId: orgId,
			roundId: round.id,
			createdBy: userId,
			areas: areaIds(),
			pace: 'area'
		});
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const ann = await joinAs(created.value.joinCode, 'Ann');
		await apply(created.value.id, { type: 'start' }, round.id);
		expect(
			(
				await castVote(opened.db, {
					workshopId: created.value.id,
					token: ann.token,
					questionId: questionIds()[1]!,
					level: 2
				})
			).ok
		).toBe(true);
		opened.sqlite.prepare('delete from rounds where id = ?').run(round.id);
		expect(snapshot(created.value.id).flat()).toEqual([]);
	});
});

describe('announcing changes', () => {
	it('publishes the new version after the commit, and nothing for a refusal or a command already applied', async () => {
		const bus = new MemoryPubSub();
		const workshop = await newWorkshop();
		const seen: { event: WorkshopEvent; stored: number }[] = [];
		bus.subscribe(workshopTopic(workshop.id), (event) => {
			// A subscriber re-reads the database: the change is already there.
			const row = opened.sqlite
				.prepare('select version from workshops where id = ?')
				.get(event.workshopId) as { version: number };
			seen.push({ event, stored: row.version });
		});
		const input = { roundId, workshopId: workshop.id, actorId: userId };
		expect(
			(await applyAndAnnounce(opened.db, bus, { ...input, command: { type: 'start' } })).ok
		).toBe(true);
		expect(
			(await applyAndAnnounce(opened.db, bus, { ...input, command: { type: 'start' } })).ok
		).toBe(true);
		expect(
			(await applyAndAnnounce(opened.db, bus, { ...input, command: { type: 'next', position: 5 } }))
				.ok
		).toBe(false);
		const ann = await joinAs(workshop.joinCode, 'Ann');
		const voted = await castVoteAndAnnounce(opened.db, bus, {
			workshopId: workshop.id,
			token: ann.token,
			questionId: questionIds()[0]!,
			level: 2
		});
		expect(voted.ok).toBe(true);
		expect(
			(
				await castVoteAndAnnounce(opened.db, bus, {
					workshopId: workshop.id,
					token: ann.token,
					questionId: 'nope',
					level: 2
				})
			).ok
		).toBe(false);
		// Joining (not announced by joinWorkshop itself) moved the version to 3.
		expect(seen).toEqual([
			{ event: { workshopId: workshop.id, version: 2 }, stored: 2 },
			{ event: { workshopId: workshop.id, version: 4 }, stored: 4 }
		]);
	});

	it("refuses to announce from inside a caller's transaction", async () => {
		const bus = new MemoryPubSub();
		const workshop = await newWorkshop();
		await expect(
			opened.db.transaction().execute((trx) =>
				applyAndAnnounce(trx, bus, {
					roundId,
					workshopId: workshop.id,
					command: { type: 'start' },
					actorId: userId
				})
			)
		).rejects.toThrow(/own commit/);
	});
});
