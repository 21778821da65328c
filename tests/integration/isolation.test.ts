/**
 * Who can reach what: organisations are sealed from each other (404, so ids reveal nothing), roles
 * limit what a member may change (403), and the secret links (invites, respondent links, resume
 * tokens) open only what they were made for. Every refused request is checked against the stored
 * data: nothing may change.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { fromLocation, linkTokens, ownerIdOf, signUp, testDb, unique } from '../support/flow';
import { Client } from '../support/http';

const baseURL = inject('baseURL');
const db = testDb();
afterAll(() => db.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** An organisation with a department, an open round and a respondent link for it. */
async function organisation() {
	const owner = await signUp('owner');
	const orgName = unique('Org');
	const orgId = fromLocation(
		await owner.post('/orgs?/create', { name: orgName }),
		/^\/o\/([a-z0-9]+)$/
	);
	const departmentName = unique('Ops');
	expect(
		(await owner.post(`/o/${orgId}/structure?/add`, { kind: 'departments', name: departmentName }))
			.status
	).toBe(200);
	const { id: departmentId } = db
		.prepare('select id from departments where organisation_id = ? and name = ?')
		.get(orgId, departmentName) as { id: string };
	const roundId = fromLocation(
		await owner.post(`/o/${orgId}?/createRound`, { name: unique('Round'), threshold: '3' }),
		new RegExp(`^/o/${orgId}/rounds/([a-z0-9]+)$`)
	);
	const page = `/o/${orgId}/rounds/${roundId}`;
	expect((await owner.post(`${page}?/setStatus`, { status: 'open' })).status).toBe(200);
	expect((await owner.post(`${page}?/createLink`, { departmentId })).status).toBe(200);
	const [linkToken] = [...linkTokens(await (await owner.get(page)).text())];
	expect(linkToken).toBeDefined();
	const questionId = (
		JSON.parse(
			(
				db
					.prepare(
						'select m.content from maturity_models m join rounds a on a.model_id = m.id where a.id = ?'
					)
					.get(roundId) as { content: string }
			).content
		) as { areas: Array<{ questions: Array<{ id: string }> }> }
	).areas[0]!.questions[0]!.id;
	return { owner, orgId, orgName, departmentId, roundId, linkToken: linkToken!, questionId };
}

async function invite(owner: Client, orgId: string, role: string): Promise<string> {
	const res = await owner.post(`/o/${orgId}/members?/invite`, { role });
	expect(res.status).toBe(200);
	const token = /\/invite\/([a-z0-9]{16,64})/.exec(await res.text())?.[1];
	expect(token).toBeDefined();
	return token!;
}

async function member(owner: Client, orgId: string, role: string): Promise<Client> {
	const token = await invite(owner, orgId, role);
	const person = await signUp(role);
	fromLocation(await person.post(`/invite/${token}`), new RegExp(`^/o/(${orgId})$`));
	return person;
}

async function join(linkToken: string) {
	const client = new Client(baseURL);
	const token = fromLocation(
		await client.post(`/join/${linkToken}`),
		/^\/answer\/([a-z0-9]+)\/step\/1$/
	);
	return { client, token };
}

const save = (token: string, body: unknown) =>
	fetch(`${baseURL}/answer/${token}/save`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});

/** Everything stored about an organisation, to compare before and after refused requests. */
function snapshot(orgId: string) {
	const all = (sql: string) => db.prepare(sql).all(orgId);
	const inRound = 'join rounds a on a.id = x.round_id where a.organisation_id = ?';
	const inResponse =
		'join responses r on r.id = x.response_id join rounds a on a.id = r.round_id where a.organisation_id = ?';
	return {
		organisation: all('select * from organisations where id = ?'),
		memberships: all('select * from memberships where organisation_id = ? order by user_id'),
		invites: all('select * from member_invites where organisation_id = ? order by token_hash'),
		departments: all('select * from departments where organisation_id = ? order by id'),
		roleLevels: all('select * from role_levels where organisation_id = ? order by id'),
		rounds: all('select * from rounds where organisation_id = ? order by id'),
		links: all(`select x.* from response_links x ${inRound} order by x.token`),
		responses: all(`select x.* from responses x ${inRound} order by x.id`),
		answers: all(`select x.* from answers x ${inResponse} order by x.response_id, x.question_id`),
		targets: all(`select x.* from targets x ${inResponse} order by x.response_id, x.area_id`)
	};
}

describe('between organisations', () => {
	it("gives a member of B 404 for A's pages and actions, and changes nothing", async () => {
		const a = await organisation();
		const b = await organisation();
		const before = snapshot(a.orgId);
		const outsider = b.owner;
		const round = `/o/${a.orgId}/rounds/${a.roundId}`;

		for (const path of [
			`/o/${a.orgId}`,
			round,
			`${round}/results`,
			`/o/${a.orgId}/members`,
			`/o/${a.orgId}/structure`
		]) {
			const res = await outsider.get(path);
			expect(res.status, path).toBe(404);
			expect(await res.text(), path).not.toContain(a.orgName);
		}
		for (const [path, fields] of [
			[`/o/${a.orgId}?/createRound`, { name: 'Hijack', threshold: '3' }],
			[`${round}?/createLink`, { departmentId: '' }],
			[`${round}?/setStatus`, { status: 'closed' }],
			[`${round}?/settings`, { name: 'Hijack', threshold: '3' }],
			[`${round}?/revokeLink`, { token: a.linkToken }],
			[`${round}?/answer`, {}],
			[`/o/${a.orgId}/structure?/add`, { kind: 'departments', name: 'Hijack' }],
			[`/o/${a.orgId}/members?/invite`, { role: 'owner' }]
		] as const) {
			expect((await outsider.post(path, fields)).status, path).toBe(404);
		}
		expect(snapshot(a.orgId)).toEqual(before);
	});

	it("does not open A's round through B's organisation, nor link it to A's department", async () => {
		const a = await organisation();
		const b = await organisation();
		const before = snapshot(a.orgId);
		const beforeB = snapshot(b.orgId);
		const crossed = `/o/${b.orgId}/rounds/${a.roundId}`;
		expect((await b.owner.get(crossed)).status).toBe(404);
		expect((await b.owner.get(`${crossed}/results`)).status).toBe(404);
		expect((await b.owner.post(`${crossed}?/setStatus`, { status: 'closed' })).status).toBe(404);
		// The action refuses the round (400 as use:enhance sees it); the page around it is a 404.
		expect(await b.owner.action(`${crossed}?/createLink`, {})).toMatchObject({
			type: 'failure',
			status: 400
		});
		expect((await b.owner.post(`${crossed}?/createLink`, {})).status).toBe(404);
		// B's own round with A's department: refused, nothing created.
		const ownRound = `/o/${b.orgId}/rounds/${b.roundId}`;
		const res = await b.owner.post(`${ownRound}?/createLink`, { departmentId: a.departmentId });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Choose a department and role level of this organisation.');
		expect(snapshot(a.orgId)).toEqual(before);
		expect(snapshot(b.orgId)).toEqual(beforeB);
	});

	it('sends a visitor who is not signed in to sign in, for pages and actions', async () => {
		const a = await organisation();
		const before = snapshot(a.orgId);
		const anonymous = new Client(baseURL);
		const res = await anonymous.get(`/o/${a.orgId}`);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(`/o/${a.orgId}`)}`);
		const action = await anonymous.post(`/o/${a.orgId}?/createRound`, {
			name: 'x',
			threshold: '3'
		});
		expect(action.status).toBe(303);
		expect(action.headers.get('location')).toMatch(/^\/signin\?next=/);
		expect(snapshot(a.orgId)).toEqual(before);
	});
});

describe('roles inside an organisation', () => {
	it('lets a viewer read rounds and results but refuses every change with 403', async () => {
		const a = await organisation();
		const viewer = await member(a.owner, a.orgId, 'viewer');
		const round = `/o/${a.orgId}/rounds/${a.roundId}`;
		for (const path of [`/o/${a.orgId}`, round, `${round}/results`, `/o/${a.orgId}/members`]) {
			expect((await viewer.get(path)).status, path).toBe(200);
		}
		const roundPage = await (await viewer.get(round)).text();
		expect(linkTokens(roundPage).size).toBe(0); // links are for those who manage rounds
		expect(roundPage).not.toContain('?/answer');

		const before = snapshot(a.orgId);
		for (const [path, fields] of [
			[`/o/${a.orgId}?/createRound`, { name: 'Viewer round', threshold: '3' }],
			[`${round}?/setStatus`, { status: 'closed' }],
			[`${round}?/createLink`, { departmentId: a.departmentId }],
			[`${round}?/revokeLink`, { token: a.linkToken }],
			[`${round}?/settings`, { name: 'Renamed', threshold: '9' }],
			[`${round}?/answer`, {}],
			[`/o/${a.orgId}/structure?/add`, { kind: 'departments', name: 'Viewer dept' }],
			[`/o/${a.orgId}/members?/invite`, { role: 'owner' }]
		] as const) {
			const res = await viewer.post(path, fields);
			expect(res.status, path).toBe(403);
			expect(await res.text(), path).toContain(
				'Your role in this organisation does not allow this.'
			);
		}
		expect((await viewer.get(`/o/${a.orgId}/structure`)).status).toBe(403);
		expect(snapshot(a.orgId)).toEqual(before);
	});

	it('does not let a member manage members', async () => {
		const a = await organisation();
		const person = await member(a.owner, a.orgId, 'member');
		const ownerId = ownerIdOf(a.orgId);
		const before = snapshot(a.orgId);
		for (const [action, fields] of [
			['invite', { role: 'member' }],
			['setRole', { userId: ownerId, role: 'viewer' }],
			['remove', { userId: ownerId }]
		] as const) {
			const res = await person.post(`/o/${a.orgId}/members?/${action}`, fields);
			expect(res.status, action).toBe(403);
		}
		// The members page itself is readable, without the owner's controls.
		const page = await person.get(`/o/${a.orgId}/members`);
		expect(page.status).toBe(200);
		expect(await page.text()).not.toContain('?/invite');
		expect(snapshot(a.orgId)).toEqual(before);
	});
});

describe('secret links', () => {
	it('uses an invite link once', async () => {
		const a = await organisation();
		const token = await invite(a.owner, a.orgId, 'member');
		const first = await signUp('first');
		expect((await first.post(`/invite/${token}`)).status).toBe(303);
		const before = snapshot(a.orgId);

		const second = await signUp('second');
		const res = await second.post(`/invite/${token}`);
		expect(res.status).toBe(410);
		expect(await res.text()).toContain(
			'This invite link has been used or has expired. Ask for a new one.'
		);
		expect((await second.get(`/o/${a.orgId}`)).status).toBe(404);
		const page = await second.get(`/invite/${token}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('This invite link has been used or has expired.');
		expect(snapshot(a.orgId)).toEqual(before);
		expect(
			db
				.prepare('select used_by is not null as used from member_invites where token_hash = ?')
				.get(sha256(token))
		).toEqual({ used: 1 });
	});

	it('answers 404 for an invite token that was never made', async () => {
		const person = await signUp('guess');
		const forged = 'a'.repeat(32);
		expect((await person.get(`/invite/${forged}`)).status).toBe(404);
		expect((await person.post(`/invite/${forged}`)).status).toBe(404);
		expect(await person.action(`/invite/${forged}`)).toMatchObject({
			type: 'failure',
			status: 410
		});
		expect(
			db
				.prepare('select count(*) as n from member_invites where token_hash = ?')
				.get(sha256(forged))
		).toEqual({ n: 0 });
	});

	it('closes a revoked respondent link, while started responses go on', async () => {
		const a = await organisation();
		const started = await join(a.linkToken);
		const round = `/o/${a.orgId}/rounds/${a.roundId}`;
		const revoked = await a.owner.post(`${round}?/revokeLink`, { token: a.linkToken });
		expect(revoked.status).toBe(200);
		expect(linkTokens(await (await a.owner.get(round)).text()).has(a.linkToken)).toBe(false);
		const before = snapshot(a.orgId);

		const visitor = new Client(baseURL);
		expect((await visitor.get(`/join/${a.linkToken}`)).status).toBe(404);
		expect((await visitor.post(`/join/${a.linkToken}`)).status).toBe(404);
		expect(snapshot(a.orgId)).toEqual(before);

		// Someone who started before the link was revoked can still save.
		expect(
			(await save(started.token, { kind: 'answer', questionId: a.questionId, level: 2 })).status
		).toBe(200);
	});

	it('answers 404 for a forged resume token, on every answer route', async () => {
		const a = await organisation();
		await join(a.linkToken);
		const before = snapshot(a.orgId);
		const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
		const forged = Array.from(
			crypto.getRandomValues(new Uint8Array(32)),
			(b) => alphabet[b % 32]
		).join('');
		const client = new Client(baseURL);
		for (const path of ['', '/step/1', '/review', '/results'])
			expect((await client.get(`/answer/${forged}${path}`)).status, path).toBe(404);
		const res = await save(forged, { kind: 'answer', questionId: a.questionId, level: 3 });
		expect(res.status).toBe(404);
		expect((await client.post(`/answer/${forged}/review`)).status).toBe(404);
		expect(
			(await client.post(`/answer/${forged}/step/1`, { [`q:${a.questionId}`]: '3' })).status
		).toBe(404);
		expect(snapshot(a.orgId)).toEqual(before);
	});

	it('lets a resume token write only its own response', async () => {
		const a = await organisation();
		const first = await join(a.linkToken);
		const second = await join(a.linkToken);
		const id = (token: string) =>
			(
				db.prepare('select id from responses where resume_token_hash = ?').get(sha256(token)) as {
					id: string;
				}
			).id;
		const firstId = id(first.token);
		const secondId = id(second.token);
		expect(firstId).not.toBe(secondId);
		const answersOf = (responseId: string) =>
			db
				.prepare('select question_id, level, note from answers where response_id = ?')
				.all(responseId);

		expect(
			(await save(second.token, { kind: 'answer', questionId: a.questionId, level: 1 })).status
		).toBe(200);
		const secondBefore = answersOf(secondId);

		// A body naming the other response is read as a save to one's own.
		const res = await save(first.token, {
			kind: 'answer',
			questionId: a.questionId,
			level: 4,
			responseId: secondId
		});
		expect(res.status).toBe(200);
		expect(answersOf(firstId)).toEqual([{ question_id: a.questionId, level: 4, note: null }]);
		expect(answersOf(secondId)).toEqual(secondBefore);

		// A response id is not a resume token.
		expect(
			(await save(secondId, { kind: 'answer', questionId: a.questionId, level: 4 })).status
		).toBe(404);
		expect((await first.client.post(`/answer/${secondId}/review`)).status).toBe(404);
		expect(answersOf(secondId)).toEqual(secondBefore);
		expect(db.prepare('select status from responses where id = ?').get(secondId)).toEqual({
			status: 'draft'
		});
	});
});
