/**
 * The round's workshop record against the built app on a real SQLite file (docs/scoring.md rules
 * 46-48): a workshop run to its end through the storage functions shows on the results page, on the
 * organisation page, in the exports (CSV and JSON) and in the PDF; a round without a record shows
 * none; a running workshop and one that only skipped do not count; another organisation's member
 * gets 404; nothing names or numbers a participant.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StageId } from '../../src/lib/domain/model';
import type { WorkshopCommand } from '../../src/lib/domain/workshop';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { getModel } from '../../src/lib/server/db/models';
import {
	applyWorkshopCommand,
	castVote,
	createWorkshop,
	joinWorkshop
} from '../../src/lib/server/db/workshops';
import {
	createLink,
	createOrg,
	createRound,
	inviteAndAccept,
	ownerIdOf,
	setStatus,
	signUp,
	submitResponses,
	testDb
} from '../support/flow';
import type { Client } from '../support/http';
import { pdfText } from '../support/pdf';

let opened: OpenedDatabase;
let owner: Client;
let viewer: Client;
let outsider: Client;
let orgId = '';
let roundId = '';
let bareRoundId = '';
/** A round run only as a workshop: no individual response at all (rule 49). */
let workshopOnlyRoundId = '';
let model: NonNullable<Awaited<ReturnType<typeof getModel>>>['model'];
let ownerId = '';
const NAMES = ['Zelda Quartermaine', 'Yusuf Blackwood', 'Xenia Thornbury', 'Wilhelmina Oakes'];
const participantIds: string[] = [];
const REASON_AGREED = 'Complaints are logged in one place but nobody reads them monthly';
const REASON_NONE = 'Finance and service describe the same decisions differently';
const REASON_CHANGED = 'After the discussion the room saw the survey is the only research';
const REASON_LATER = 'A running workshop must not count';
let questions: Array<{ id: string; areaId: string }> = [];

async function command(workshopId: string, round: string, c: WorkshopCommand) {
	const result = await applyWorkshopCommand(opened.db, {
		roundId: round,
		workshopId,
		command: c,
		actorId: ownerId
	});
	if (!result.ok) throw new Error(`${c.type}: ${result.reason}`);
	return result.value.workshop.state;
}

/** Four participants join, each question of the first area gets a plan; the workshop ends. */
async function runWorkshop(round: string) {
	const created = await createWorkshop(opened.db, {
		organisationId: orgId,
		roundId: round,
		createdBy: ownerId,
		areas: [questions[0]!.areaId],
		pace: 'question'
	});
	if (!created.ok) throw new Error(created.reason);
	const workshop = created.value;
	const tokens: string[] = [];
	for (const name of NAMES) {
		const joined = await joinWorkshop(opened.db, { code: workshop.joinCode, name });
		if (!joined.ok) throw new Error(joined.reason);
		tokens.push(joined.value.token);
		participantIds.push(joined.value.participant.id);
	}
	const vote = async (questionId: string, levels: Array<StageId | null>) => {
		for (const [i, level] of levels.entries()) {
			const cast = await castVote(opened.db, {
				workshopId: workshop.id,
				token: tokens[i]!,
				questionId,
				level
			});
			if (!cast.ok) throw new Error(cast.reason);
		}
	};
	const ofArea = questions.filter((q) => q.areaId === questions[0]!.areaId);
	await command(workshop.id, round, { type: 'start' });
	for (const [position, q] of ofArea.entries()) {
		const last = position === ofArea.length - 1;
		if (position === 0) {
			await vote(q.id, [2, 2, 3, null]);
			await command(workshop.id, round, { type: 'reveal', position });
			await command(workshop.id, round, {
				type: 'record',
				position,
				questionId: q.id,
				outcome: 'agreed',
				level: 2,
				reason: REASON_AGREED
			});
		} else if (position === 1) {
			await vote(q.id, [3, 3, 3, 2]);
			await command(workshop.id, round, { type: 'reveal', position });
			await command(workshop.id, round, { type: 'reopen', position });
			await vote(q.id, [2, 2, 2, 3]);
			await command(workshop.id, round, { type: 'reveal', position });
			await command(workshop.id, round, {
				type: 'record',
				position,
				questionId: q.id,
				outcome: 'agreed',
				level: 2,
				reason: REASON_CHANGED
			});
		} else if (position === 2) {
			// Two voters, below the round's threshold of 3: "too few votes" outside the room.
			await vote(q.id, [1, 4]);
			await command(workshop.id, round, { type: 'reveal', position });
			await command(workshop.id, round, {
				type: 'record',
				position,
				questionId: q.id,
				outcome: 'no-agreement',
				reason: REASON_NONE
			});
		} else {
			await command(workshop.id, round, { type: 'skip', position });
			continue;
		}
		if (!last) await command(workshop.id, round, { type: 'next', position });
	}
	await command(workshop.id, round, { type: 'end' });
	return workshop.id;
}

beforeAll(async () => {
	opened = await openDatabase(inject('databasePath'));
	owner = await signUp('owner');
	orgId = await createOrg(owner);
	ownerId = ownerIdOf(orgId);
	// Created first, so the organisation page's latest round is still the one with responses.
	workshopOnlyRoundId = await createRound(owner, orgId, 3);
	bareRoundId = await createRound(owner, orgId, 3);
	roundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, roundId, 'open');
	await submitResponses(await createLink(owner, orgId, roundId), 3);
	viewer = await inviteAndAccept(owner, orgId, 'viewer');
	outsider = await signUp('outsider');
	await createOrg(outsider);

	const modelId = (
		testDb().prepare('select model_id from rounds where id = ?').get(roundId) as {
			model_id: string;
		}
	).model_id;
	const stored = await getModel(opened.db, modelId);
	model = stored!.model;
	questions = stored!.model.areas.flatMap((a) =>
		a.questions.map((q) => ({ id: q.id, areaId: a.id }))
	);

	await runWorkshop(roundId);
	await runWorkshop(workshopOnlyRoundId);
	// A later workshop still running, with a record: not a result yet.
	const running = await createWorkshop(opened.db, {
		organisationId: orgId,
		roundId,
		createdBy: ownerId,
		areas: [questions[0]!.areaId],
		pace: 'question'
	});
	if (!running.ok) throw new Error(running.reason);
	await command(running.value.id, roundId, { type: 'start' });
	await command(running.value.id, roundId, { type: 'reveal', position: 0 });
	await command(running.value.id, roundId, {
		type: 'record',
		position: 0,
		questionId: questions[0]!.id,
		outcome: 'agreed',
		level: 4,
		reason: REASON_LATER
	});
	// A later workshop that ended having only skipped: it recorded nothing, so it does not count.
	const skipped = await createWorkshop(opened.db, {
		organisationId: orgId,
		roundId,
		createdBy: ownerId,
		areas: [questions[0]!.areaId],
		pace: 'area'
	});
	if (!skipped.ok) throw new Error(skipped.reason);
	await command(skipped.value.id, roundId, { type: 'start' });
	await command(skipped.value.id, roundId, { type: 'skip', position: 0 });
	await command(skipped.value.id, roundId, { type: 'end' });
}, 120_000);

afterAll(async () => {
	await opened?.close();
});

const base = () => `/o/${orgId}/rounds/${roundId}`;

/** Every output must be free of the participants' names and ids. */
function expectNoParticipant(text: string) {
	for (const name of NAMES) expect(text).not.toContain(name);
	for (const id of participantIds) expect(text).not.toContain(id);
}

describe('the results page', () => {
	it('shows the record: consensus, rationales, votes, the changed mind', async () => {
		const res = await owner.get(`${base()}/results`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Workshop record');
		expect(html).toContain('Consensus stage');
		expect(html).toContain(REASON_AGREED);
		expect(html).toContain(REASON_CHANGED);
		expect(html).toContain(REASON_NONE);
		expect(html).toContain('No agreement');
		expect(html).toContain('The room changed its mind');
		expect(html).toContain('too few votes');
		// The first question's first vote, as a screen reader reads it.
		expect(html).toContain('4 votes: level 1 0, level 2 2, level 3 1, level 4 0');
		expect(html).not.toContain(REASON_LATER);
		expect(html).toContain(`${base()}/export/workshop.csv`);
		expectNoParticipant(html);
	});

	it('carries only counts in its data, for a viewer too (no export links)', async () => {
		const res = await viewer.get(`${base()}/results/__data.json`);
		expect(res.status).toBe(200);
		const data = await res.text();
		expect(data).toContain(REASON_AGREED);
		expectNoParticipant(data);
		const html = await (await viewer.get(`${base()}/results`)).text();
		expect(html).toContain('Workshop record');
		expect(html).not.toContain('/export/workshop.csv');
	});

	it('shows no record for a round without one', async () => {
		const html = await (await owner.get(`/o/${orgId}/rounds/${bareRoundId}/results`)).text();
		expect(html).not.toContain('Workshop record');
	});

	it('is not found for another organisation', async () => {
		expect((await outsider.get(`${base()}/results`)).status).toBe(404);
	});
});

describe('the organisation page', () => {
	it("shows the latest round's consensus per area beside the individual stage, linked", async () => {
		const html = await (await owner.get(`/o/${orgId}`)).text();
		expect(html).toContain('Workshop consensus');
		expect(html).toContain(`${base()}/results#workshop-record`);
		expectNoParticipant(html);
	});
});

describe('the exports', () => {
	it('give one CSV row per question with counts, "too few votes" and the rationales', async () => {
		const res = await owner.get(`${base()}/export/workshop.csv`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const csv = await res.text();
		const lines = csv
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		const ofArea = questions.filter((q) => q.areaId === questions[0]!.areaId);
		expect(lines).toHaveLength(1 + ofArea.length);
		expect(lines[0]).toMatch(/^Area id,Area,Question id,Question,Outcome,Agreed level,Rationale,/);
		expect(lines[1]).toContain(`,Agreed,2,${REASON_AGREED},4,0,2,1,0,1,not re-opened,`);
		expect(lines[2]).toContain(`,Agreed,2,${REASON_CHANGED},4,0,1,3,0,0,4,0,3,1,0,0,yes`);
		expect(lines[3]).toContain(`,No agreement,,${REASON_NONE},too few votes,`);
		expect(lines[4]).toContain(',Skipped,,,');
		expectNoParticipant(csv);
	});

	it('give the same as JSON', async () => {
		const res = await owner.get(`${base()}/export/workshop.json`);
		expect(res.status).toBe(200);
		const json = (await res.json()) as {
			questions: Array<{ outcome: string; reason: string | null; first: unknown }>;
		};
		expect(json.questions.map((q) => q.outcome).slice(0, 4)).toEqual([
			'agreed',
			'agreed',
			'no-agreement',
			'skipped'
		]);
		expect(json.questions[0]!.first).toEqual({ voters: 4, levels: [0, 2, 1, 0], dontKnow: 1 });
		expect(json.questions[2]!.first).toBe('too-few');
		expectNoParticipant(JSON.stringify(json));
	});

	it('answer 404 for a round without a record, 403 for a viewer, 404 for an outsider', async () => {
		expect((await owner.get(`/o/${orgId}/rounds/${bareRoundId}/export/workshop.csv`)).status).toBe(
			404
		);
		expect((await viewer.get(`${base()}/export/workshop.csv`)).status).toBe(403);
		expect((await outsider.get(`${base()}/export/workshop.json`)).status).toBe(404);
	});
});

describe('the PDF', () => {
	it('has the workshop record section with what was agreed, not agreed and changed', async () => {
		const text = (await pdfText(await owner.get(`${base()}/report.pdf`))).replace(/\s+/g, ' ');
		expect(text).toContain('Workshop record');
		expect(text).toContain('What the room agreed');
		expect(text).toContain('Where the room did not agree');
		expect(text).toContain("What changed the room's mind");
		expect(text).toContain('Skipped questions');
		expect(text).toContain(REASON_AGREED);
		expect(text).toContain(REASON_NONE);
		expect(text).not.toContain(REASON_LATER);
		expectNoParticipant(text);
	});

	it('has the section in Romanian too', async () => {
		const text = await pdfText(await owner.get(`${base()}/report.pdf?language=ro`));
		expect(text).toContain('Procesul-verbal al workshopului');
	});
});

describe('a round run only as a workshop (rule 49)', () => {
	const only = () => `/o/${orgId}/rounds/${workshopOnlyRoundId}`;
	const firstArea = () => model.areas.find((a) => a.id === questions[0]!.areaId)!;
	// The room agreed level 2 twice in the first area: consensus stage 2 there.
	const stageTwo = () => model.stages[1]!.name.en;

	it('gets the PDF roadmap from the consensus, with the record and no individual figure', async () => {
		const res = await owner.get(`${only()}/report.pdf`);
		const text = (await pdfText(res)).replace(/\s+/g, ' ');
		expect(text).toContain('Workshop consensus');
		expect(text).toContain("The workshop's agreed answers");
		expect(text).toContain('Individual answers were too few to show');
		expect(text).toContain(firstArea().name.en);
		expect(text).toContain(`Stage 2 ${stageTwo()}`);
		expect(text).toContain('Roadmap');
		expect(text).toContain('Workshop record');
		expect(text).toContain(REASON_AGREED);
		expect(text).toContain(REASON_NONE);
		// No count of individual responses, no team statistics, no comparison of groups.
		expect(text).not.toMatch(/Respondents \d/);
		expect(text).not.toMatch(/Departments \d/);
		expect(text).not.toContain("A team's area mean");
		expectNoParticipant(text);
		// In another language too.
		expect(await pdfText(await owner.get(`${only()}/report.pdf?language=ro`))).toContain(
			'Procesul-verbal al workshopului'
		);
	});

	it('shows the consensus as the results, and its data carries no individual answer', async () => {
		const html = await (await owner.get(`${only()}/results`)).text();
		expect(html).toContain('These results are the answers the room agreed in the workshop');
		expect(html).toContain(stageTwo());
		expect(html).toContain(`${only()}/report.pdf`);
		expect(html).toContain(`${only()}/roadmap`);
		expect(html).toContain(`${only()}/export/workshop.csv`);
		expectNoParticipant(html);
		for (const who of [owner, viewer]) {
			const res = await who.get(`${only()}/results/__data.json`);
			expect(res.status).toBe(200);
			const data = await res.text();
			expect(data).toContain(REASON_AGREED);
			expect(data).toContain('consensus');
			expectNoParticipant(data);
		}
		const roadmap = await (await owner.get(`${only()}/roadmap`)).text();
		expect(roadmap).toContain('this roadmap follows the answers the room agreed');
	});

	it('gives the consensus through the read API as the pages do: no respondents, no groups', async () => {
		const made = await owner.post(`/o/${orgId}/api?/create`, { name: 'workshop-only' });
		const token = /cxm_[a-z2-7]{52}/.exec(await made.text())![0];
		const api = async (path: string) => {
			const res = await fetch(`${inject('baseURL')}/api/v1/organisations/${orgId}${path}`, {
				headers: { authorization: `Bearer ${token}` }
			});
			expect(res.status, path).toBe(200);
			return (await res.json()) as Record<string, unknown>;
		};
		const results = (await api(`/rounds/${workshopOnlyRoundId}/results`)) as {
			status: string;
			respondents: number | null;
			areas: Array<{ id: string; stage: number | null; score: number | null; respondents: null }>;
			groups: { departments: unknown[]; roleLevels: unknown[] };
		};
		expect(results.status).toBe('workshop_consensus');
		expect(results.respondents).toBeNull();
		expect(results.groups).toEqual({ departments: [], roleLevels: [] });
		// The same area figure as the scores export and the results page: stage 2, 33 of 100.
		expect(results.areas.find((a) => a.id === firstArea().id)).toMatchObject({
			stage: 2,
			score: 33,
			respondents: null
		});
		const roadmap = (await api(`/rounds/${workshopOnlyRoundId}/roadmap`)) as {
			status: string;
			items: Array<{ area: string }>;
		};
		expect(roadmap.status).toBe('workshop_consensus');
		expect(roadmap.items.length).toBeGreaterThan(0);
		expectNoParticipant(JSON.stringify([results, roadmap]));
	});

	it('exports the consensus as its scores; the responses stay unexported', async () => {
		const res = await owner.get(`${only()}/export/scores.csv`);
		expect(res.status).toBe(200);
		const rows = (await res.text())
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(rows).toHaveLength(1 + model.areas.length);
		expect(rows[1]).toMatch(/^Workshop consensus,Workshop consensus,,/);
		expect(rows.find((r) => r.includes(`,${firstArea().id},`))).toMatch(/,33\.3,2,,/);
		expect((await owner.get(`${only()}/export/responses.csv`)).status).toBe(409);
		const json = (await (await owner.get(`${only()}/export/workshop.json`)).json()) as {
			consensus: Array<{ areaId: string; stage: number | null; mean: number | null }>;
		};
		expect(json.consensus).toEqual([
			expect.objectContaining({ areaId: firstArea().id, stage: 2, mean: 2 })
		]);
	});
});
