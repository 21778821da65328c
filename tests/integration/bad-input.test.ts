/**
 * Bad input to the autosave endpoint, the no-JS answer form and the set-up forms: each gets a 4xx
 * with a message a person can act on, and the stored data stays exactly as it was. Names and notes
 * with HTML in them are stored as typed and shown as text.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { fromLocation, PASSWORD, unique } from '../support/flow';
import { testDb } from '../support/flow';
import { Client } from '../support/http';

const baseURL = inject('baseURL');
const db = testDb();
afterAll(() => db.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function signUp(label = 'user') {
	const client = new Client(baseURL);
	const email = `${unique(label)}@example.com`;
	const res = await client.post('/signup', { email, displayName: label, password: PASSWORD });
	expect(res.status).toBe(303);
	const { id } = db.prepare('select id from users where email = ?').get(email) as { id: string };
	return { client, userId: id };
}

interface Setup {
	orgName?: string;
	roundName?: string;
	departmentName?: string;
	open?: boolean;
}

/** An owner, an organisation with a department, a round (open unless told) and a link to it. */
async function roundWithLink(setup: Setup = {}) {
	const { client: owner } = await signUp('owner');
	const orgId = fromLocation(
		await owner.post('/orgs?/create', { name: setup.orgName ?? unique('Org') }),
		/^\/o\/([a-z0-9]+)$/
	);
	const departmentName = setup.departmentName ?? unique('Dept');
	const added = await owner.post(`/o/${orgId}/structure?/add`, {
		kind: 'departments',
		name: departmentName
	});
	expect(added.status).toBe(200);
	const { id: departmentId } = db
		.prepare('select id from departments where organisation_id = ? and name = ?')
		.get(orgId, departmentName) as { id: string };
	const roundId = fromLocation(
		await owner.post(`/o/${orgId}?/createRound`, {
			name: setup.roundName ?? unique('Round'),
			threshold: '3'
		}),
		new RegExp(`^/o/${orgId}/rounds/([a-z0-9]+)$`)
	);
	const round = `/o/${orgId}/rounds/${roundId}`;
	if (setup.open !== false)
		expect((await owner.post(`${round}?/setStatus`, { status: 'open' })).status).toBe(200);
	expect((await owner.post(`${round}?/createLink`, { departmentId })).status).toBe(200);
	const { token: linkToken } = db
		.prepare('select token from response_links where round_id = ?')
		.get(roundId) as { token: string };
	const model = JSON.parse(
		(
			db
				.prepare(
					'select m.content from maturity_models m join rounds a on a.model_id = m.id where a.id = ?'
				)
				.get(roundId) as { content: string }
		).content
	) as { areas: Array<{ id: string; questions: Array<{ id: string }> }> };
	const area = model.areas[0]!;
	return {
		owner,
		orgId,
		roundId,
		round,
		departmentId,
		linkToken,
		areaId: area.id,
		questionId: area.questions[0]!.id,
		otherQuestionId: area.questions[1]!.id
	};
}

async function join(linkToken: string) {
	const client = new Client(baseURL);
	const token = fromLocation(
		await client.post(`/join/${linkToken}`),
		/^\/answer\/([a-z0-9]+)\/step\/1$/
	);
	const { id } = db
		.prepare('select id from responses where resume_token_hash = ?')
		.get(sha256(token)) as { id: string };
	return { client, token, responseId: id };
}

const save = (token: string, body: unknown, raw = false) =>
	fetch(`${baseURL}/answer/${token}/save`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: raw ? (body as string) : JSON.stringify(body)
	});

async function saveOk(token: string, body: unknown) {
	const res = await save(token, body);
	expect(res.status, await res.clone().text()).toBe(200);
}

/** What is stored for one response, its updated_at included: a refused save may not even touch it. */
const stored = (responseId: string) => ({
	response: db.prepare('select * from responses where id = ?').get(responseId),
	answers: db
		.prepare('select * from answers where response_id = ? order by question_id')
		.all(responseId),
	targets: db
		.prepare('select * from targets where response_id = ? order by area_id')
		.all(responseId)
});

/** A respondent with one answer (with a note) and one target already saved. */
async function respondent(setup?: Setup) {
	const round = await roundWithLink(setup);
	const person = await join(round.linkToken);
	await saveOk(person.token, { kind: 'answer', questionId: round.questionId, level: 2, note: 'n' });
	await saveOk(person.token, { kind: 'target', areaId: round.areaId, stage: 3 });
	return { ...round, ...person };
}

const invalid = (field: string) => `The value of "${field}" is not valid.`;

describe('the autosave endpoint refuses bad input and stores nothing', () => {
	it.each<[string, (q: string, a: string) => unknown, number, (q: string) => string]>([
		['level 0', (q) => ({ kind: 'answer', questionId: q, level: 0 }), 400, () => invalid('level')],
		['level 5', (q) => ({ kind: 'answer', questionId: q, level: 5 }), 400, () => invalid('level')],
		[
			'level "2" (a string)',
			(q) => ({ kind: 'answer', questionId: q, level: '2' }),
			400,
			() => invalid('level')
		],
		[
			'level 2.5',
			(q) => ({ kind: 'answer', questionId: q, level: 2.5 }),
			400,
			() => invalid('level')
		],
		['a missing level', (q) => ({ kind: 'answer', questionId: q }), 400, () => invalid('level')],
		[
			'an unknown question id',
			() => ({ kind: 'answer', questionId: 'no-such-question', level: 2 }),
			400,
			() => `"no-such-question" is not a question of this round's model.`
		],
		[
			'an unknown question id to clear',
			() => ({ kind: 'clear', questionId: 'no-such-question' }),
			400,
			() => `"no-such-question" is not a question of this round's model.`
		],
		[
			'an unknown area id',
			(_, a) => ({ kind: 'target', areaId: `${a}-nope`, stage: 2 }),
			400,
			() => `is not an area of this round's model.`
		],
		[
			'target stage 0',
			(_, a) => ({ kind: 'target', areaId: a, stage: 0 }),
			400,
			() => invalid('stage')
		],
		[
			'a question id that is a number',
			() => ({ kind: 'answer', questionId: 42, level: 2 }),
			400,
			() => invalid('questionId')
		],
		['a missing kind', (q) => ({ questionId: q, level: 2 }), 400, () => 'is not valid.'],
		['an unknown kind', (q) => ({ kind: 'delete', questionId: q }), 400, () => 'is not valid.'],
		['a JSON array', () => [], 400, () => 'is not valid.'],
		['JSON null', () => null, 400, () => 'is not valid.'],
		[
			'a note of 2,001 characters',
			(q) => ({ kind: 'answer', questionId: q, level: 3, note: 'x'.repeat(2001) }),
			400,
			() => invalid('note')
		],
		[
			'a note-only save of 2,001 characters',
			(q) => ({ kind: 'note', questionId: q, note: 'x'.repeat(2001) }),
			400,
			() => invalid('note')
		],
		[
			'a body over 16 kB',
			(q) => ({ kind: 'answer', questionId: q, level: 3, pad: 'x'.repeat(17 * 1024) }),
			413,
			() => 'The request is too large.'
		]
	])('%s', async (_, body, status, message) => {
		const r = await respondent();
		const before = stored(r.responseId);
		const res = await save(r.token, body(r.questionId, r.areaId));
		expect(res.status).toBe(status);
		const json = (await res.json()) as { ok: boolean; message: string };
		expect(json.ok).toBe(false);
		expect(json.message).toContain(message(r.questionId));
		expect(stored(r.responseId)).toEqual(before);
	});

	it('refuses a body that is not JSON', async () => {
		const r = await respondent();
		const before = stored(r.responseId);
		for (const raw of ['{"kind":"answer",', 'level=3', '']) {
			const res = await save(r.token, raw, true);
			expect(res.status, raw).toBe(400);
			expect(await res.json()).toEqual({ ok: false, message: 'The request is not valid JSON.' });
		}
		expect(stored(r.responseId)).toEqual(before);
	});

	it('refuses a body over 16 kB sent without a length, counting bytes, not characters', async () => {
		const r = await respondent();
		const before = stored(r.responseId);
		// A valid save padded with an unknown field: 9,000 characters but 18,000 bytes of UTF-8.
		const text = JSON.stringify({
			kind: 'answer',
			questionId: r.questionId,
			level: 4,
			pad: 'ü'.repeat(9000)
		});
		expect(text.length).toBeLessThan(16 * 1024);
		expect(new TextEncoder().encode(text).byteLength).toBeGreaterThan(16 * 1024);
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode(text));
				controller.close();
			}
		});
		const res = await fetch(`${baseURL}/answer/${r.token}/save`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body,
			duplex: 'half'
		} as RequestInit);
		expect(res.status).toBe(413);
		expect(stored(r.responseId)).toEqual(before);
	});

	it('accepts a note of exactly 2,000 characters', async () => {
		const r = await respondent();
		await saveOk(r.token, { kind: 'note', questionId: r.questionId, note: 'é'.repeat(2000) });
		expect(
			db
				.prepare('select length(note) as n from answers where response_id = ? and question_id = ?')
				.get(r.responseId, r.questionId)
		).toEqual({ n: 2000 });
	});

	it('refuses saves and submits with 409 once the round is closed', async () => {
		const r = await respondent();
		expect((await r.owner.post(`${r.round}?/setStatus`, { status: 'closed' })).status).toBe(200);
		const before = stored(r.responseId);
		for (const body of [
			{ kind: 'answer', questionId: r.questionId, level: 4 },
			{ kind: 'answer', questionId: r.otherQuestionId, level: 1 },
			{ kind: 'note', questionId: r.questionId, note: 'late' },
			{ kind: 'clear', questionId: r.questionId },
			{ kind: 'target', areaId: r.areaId, stage: 1 }
		]) {
			const res = await save(r.token, body);
			expect(res.status, body.kind).toBe(409);
			expect(await res.json()).toEqual({
				ok: false,
				message: 'This round is closed: answers can no longer change.'
			});
		}
		const submit = await r.client.post(`/answer/${r.token}/review`);
		expect(submit.status).toBe(409);
		expect(await submit.text()).toContain('This round is closed: answers can no longer change.');
		// The no-JS form moves on but changes nothing.
		const form = await r.client.post(`/answer/${r.token}/step/1`, {
			[`q:${r.questionId}`]: '4',
			go: 'next'
		});
		expect(form.status).toBe(303);
		expect(stored(r.responseId)).toEqual(before);
		// Nor can a member start answering it.
		expect(await r.owner.action(`${r.round}?/answer`)).toMatchObject({
			type: 'failure',
			status: 409
		});
	});

	it('starts nothing from a link to a round that is not open yet', async () => {
		const r = await roundWithLink({ open: false });
		const client = new Client(baseURL);
		const res = await client.post(`/join/${r.linkToken}`);
		expect(res.status).toBe(409);
		expect(await res.text()).toContain('This round is not open for answers.');
		expect(
			db.prepare('select count(*) as n from responses where round_id = ?').get(r.roundId)
		).toEqual({ n: 0 });
	});
});

describe('the no-JS answer form refuses bad input', () => {
	it.each<[string, { level?: string; target?: string; note?: string }, (q: string) => string]>([
		['level 7', { level: '7' }, (q: string) => invalid(q)],
		['level 2.5', { level: '2.5' }, (q: string) => invalid(q)],
		['target 9', { target: '9' }, () => invalid('target')],
		[
			'a note of 2,001 characters',
			{ note: 'x'.repeat(2001) },
			() => 'A note can have at most 2000 characters.'
		]
	])('%s', async (_, fields, message) => {
		const r = await respondent();
		const before = stored(r.responseId);
		const form: Record<string, string> = { go: 'next' };
		if (fields.level) form[`q:${r.questionId}`] = fields.level;
		if (fields.target) form.target = fields.target;
		if (fields.note) {
			form[`q:${r.questionId}`] = '3';
			form[`note:${r.questionId}`] = fields.note;
		}
		const res = await r.client.post(`/answer/${r.token}/step/1`, form);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(message(r.questionId));
		expect(stored(r.responseId)).toEqual(before);
	});
});

describe('set-up forms refuse bad input', () => {
	it('refuses an organisation name of 10 kB and creates nothing', async () => {
		const { client, userId } = await signUp('long');
		const name = 'x'.repeat(10 * 1024);
		const res = await client.post('/orgs?/create', { name });
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Use at most 120 characters.');
		expect(html).not.toContain(name);
		expect(
			db.prepare('select count(*) as n from memberships where user_id = ?').get(userId)
		).toEqual({ n: 0 });
		expect(
			db.prepare('select count(*) as n from organisations where length(name) > 120').get()
		).toEqual({ n: 0 });
		const blank = await client.post('/orgs?/create', { name: '   ' });
		expect(blank.status).toBe(400);
		expect(await blank.text()).toContain('Enter a name.');
	});

	it.each([
		['2', "The threshold can't be below 3"],
		['abc', 'Enter a whole number.'],
		['3.5', 'Enter a whole number.'],
		['51', 'Use at most 50.']
	])('refuses a round threshold of %s with 400', async (threshold, message) => {
		const r = await roundWithLink();
		const count = () =>
			db.prepare('select count(*) as n from rounds where organisation_id = ?').get(r.orgId);
		const before = count();
		const res = await r.owner.post(`/o/${r.orgId}?/createRound`, { name: 'Bad', threshold });
		expect(res.status).toBe(400);
		expect((await res.text()).replace(/&#39;|&apos;/g, "'")).toContain(message);
		expect(count()).toEqual(before);

		const settingsBefore = db.prepare('select * from rounds where id = ?').get(r.roundId);
		const settings = await r.owner.action(`${r.round}?/settings`, { name: 'Bad', threshold });
		expect(settings).toMatchObject({ type: 'failure', status: 400 });
		expect(db.prepare('select * from rounds where id = ?').get(r.roundId)).toEqual(settingsBefore);
	});
});

describe('HTML in names and notes', () => {
	const rawScript = /<script>alert/;
	const escapedScript = /&lt;script(>|&gt;)alert\(("|&quot;)/;

	it('stores organisation, round and department names as typed and shows them as text', async () => {
		const tag = randomUUID().slice(0, 6);
		const orgName = `<script>alert("org-${tag}")</script><b>Org</b>`;
		const roundName = `<script>alert("round-${tag}")</script>`;
		const departmentName = `<script>alert("dept-${tag}")</script><img src=x onerror=alert(1)>`;
		const r = await roundWithLink({ orgName, roundName, departmentName });

		expect(db.prepare('select name from organisations where id = ?').get(r.orgId)).toEqual({
			name: orgName
		});
		expect(db.prepare('select name from rounds where id = ?').get(r.roundId)).toEqual({
			name: roundName
		});
		expect(db.prepare('select name from departments where id = ?').get(r.departmentId)).toEqual({
			name: departmentName
		});

		const person = await join(r.linkToken);
		const pages: Array<[Client, string, string[]]> = [
			[r.owner, '/orgs', [`org-${tag}`]],
			[r.owner, `/o/${r.orgId}`, [`org-${tag}`, `round-${tag}`]],
			[r.owner, r.round, [`org-${tag}`, `round-${tag}`, `dept-${tag}`]],
			[r.owner, `${r.round}/results`, [`round-${tag}`]],
			[r.owner, `/o/${r.orgId}/structure`, [`dept-${tag}`]],
			[person.client, `/join/${r.linkToken}`, [`org-${tag}`, `round-${tag}`, `dept-${tag}`]],
			[person.client, `/answer/${person.token}/step/1`, [`round-${tag}`]]
		];
		for (const [client, path, names] of pages) {
			const res = await client.get(path);
			expect(res.status, path).toBe(200);
			const html = await res.text();
			expect(html, path).not.toMatch(rawScript);
			expect(html, path).not.toContain('<b>Org</b>');
			expect(html, path).not.toContain('<img src=x');
			for (const name of names)
				expect(html, `${path}: ${name}`).toMatch(
					new RegExp(`&lt;script(>|&gt;)alert\\(("|&quot;)${name}("|&quot;)\\)`)
				);
			expect(html, path).toMatch(escapedScript);
		}
	});

	it('stores an evidence note with HTML as typed and shows it as text on the step page', async () => {
		const r = await respondent();
		const note = '<script>alert("note")</script><img src=x onerror=alert(1)> & more';
		await saveOk(r.token, { kind: 'answer', questionId: r.questionId, level: 3, note });
		expect(
			db
				.prepare('select note from answers where response_id = ? and question_id = ?')
				.get(r.responseId, r.questionId)
		).toEqual({ note });
		const html = await (await r.client.get(`/answer/${r.token}/step/1`)).text();
		expect(html).not.toMatch(rawScript);
		expect(html).not.toContain('<img src=x');
		expect(html).toMatch(
			/&lt;script(>|&gt;)alert\(("|&quot;)note("|&quot;)\)&lt;\/script(>|&gt;)&lt;img src=x onerror=alert\(1\)(>|&gt;) &amp; more<\/textarea>/
		);
	});
});

describe('form actions refuse bodies that are not form data with 415', () => {
	const MESSAGE =
		'This form must be sent as form data (application/x-www-form-urlencoded or multipart/form-data). Reload the page and send it again.';

	/** Every action of every +page.server.ts, read from the source: `/orgs?/create`, `/signin`. */
	function actionsInSource(): string[] {
		const found: string[] = [];
		const walk = (dir: string) => {
			for (const entry of readdirSync(dir, { withFileTypes: true })) {
				const path = joinPath(dir, entry.name);
				if (entry.isDirectory()) walk(path);
				else if (entry.name === '+page.server.ts') {
					const source = readFileSync(path, 'utf8');
					const at = source.indexOf('export const actions');
					if (at < 0) continue;
					const route = dir.replace(/^src\/routes/, '') || '/';
					for (const [, name] of source.slice(at).matchAll(/^\t([A-Za-z]+)(?::|\s*\()/gm))
						found.push(name === 'default' ? route : `${route}?/${name}`);
				}
			}
		};
		walk('src/routes');
		return found.sort();
	}

	/** Everything a refused action could have changed, for one organisation, round and respondent. */
	function stateOf(r: Awaited<ReturnType<typeof respondent>>, ownerId: string, email: string) {
		const all = (query: string, ...params: unknown[]) => db.prepare(query).all(...params);
		return {
			organisation: all('select * from organisations where id = ?', r.orgId),
			memberships: all(
				'select * from memberships where organisation_id = ? order by user_id',
				r.orgId
			),
			invites: all(
				'select * from member_invites where organisation_id = ? order by token_hash',
				r.orgId
			),
			departments: all('select * from departments where organisation_id = ? order by id', r.orgId),
			roleLevels: all('select * from role_levels where organisation_id = ? order by id', r.orgId),
			rounds: all('select * from rounds where organisation_id = ? order by id', r.orgId),
			links: all('select * from response_links where round_id = ? order by token', r.roundId),
			workshops: all('select * from workshops where round_id = ? order by id', r.roundId),
			responses: all('select * from responses where round_id = ? order by id', r.roundId),
			roadmap: all(
				'select * from roadmap_items where round_id = ? order by recommendation_id',
				r.roundId
			),
			respondent: stored(r.responseId),
			owner: all('select * from users where id = ?', ownerId),
			ownerOrgs: all(
				'select * from memberships where user_id = ? order by organisation_id',
				ownerId
			),
			sessions: all('select id from sessions where user_id = ? order by id', ownerId),
			signedUp: all('select * from users where email = ?', email)
		};
	}

	it('answers 415 to every action, signed out and signed in, and changes nothing', async () => {
		const r = await respondent();
		const { id: ownerId } = db
			.prepare('select user_id as id from memberships where organisation_id = ?')
			.get(r.orgId) as { id: string };
		const invited = await r.owner.post(`/o/${r.orgId}/members?/invite`, { role: 'member' });
		const inviteToken = /\/invite\/([a-z0-9]{16,64})/.exec(await invited.text())?.[1];
		expect(inviteToken).toBeDefined();
		const round = `/o/${r.orgId}/rounds/${r.roundId}`;
		const created = await r.owner.post(`${round}/workshops?/create`, {
			[`area:${r.areaId}`]: 'on',
			pace: 'question'
		});
		const workshopId = /\/workshops\/([a-z0-9]+)$/.exec(created.headers.get('location') ?? '')?.[1];
		expect(workshopId).toBeDefined();
		const email = `${unique('new')}@example.com`;
		const fields = {
			email,
			displayName: 'New',
			password: PASSWORD,
			name: 'Changed',
			status: 'closed'
		};

		// Route ids as the source names them, with this test's ids filled in.
		const concrete = (action: string) =>
			action
				.replace('[orgId=id]', r.orgId)
				.replace('[roundId=id]', r.roundId)
				.replace('/answer/[token=id]', `/answer/${r.token}`)
				.replace('/join/[token=id]', `/join/${r.linkToken}`)
				.replace('/invite/[token=id]', `/invite/${inviteToken}`)
				.replace('/practice-invite/[token=id]', `/practice-invite/${'a'.repeat(32)}`)
				.replace('[practiceId=id]', 'a'.repeat(24))
				.replace('[modelId=modelref]', 'cx-maturity@1.1.0')
				.replace('[areaId=slug]', 'strategy-vision')
				.replace('[step=int]', '1')
				.replace('[workshopId=id]', workshopId!);
		const actions = actionsInSource();
		// The list is read from the code, so a new action is covered without editing this test.
		expect(actions).toContain('/signin');
		expect(actions).toContain('/orgs?/create');
		expect(actions).toContain('/o/[orgId=id]/rounds/[roundId=id]?/setStatus');
		expect(actions.length).toBeGreaterThanOrEqual(25);
		expect(actions.map(concrete).every((path) => !path.includes('['))).toBe(true);
		expect(concrete('/o/[orgId=id]/rounds/[roundId=id]?/setStatus')).toBe(`${round}?/setStatus`);

		const before = stateOf(r, ownerId, email);
		const signedOut = new Client(baseURL);
		const bodies: Array<[string | null, string]> = [
			['text/plain', new URLSearchParams(fields).toString()],
			['text/plain;charset=UTF-8', 'email=a@example.com&password=x'],
			['application/json', JSON.stringify(fields)],
			[null, new URLSearchParams(fields).toString()]
		];
		for (const [who, client] of [
			['signed out', signedOut],
			['signed in', r.owner]
		] as const) {
			for (const action of actions) {
				const path = concrete(action);
				for (const [type, body] of bodies) {
					const label = `${who} ${path} ${type}`;
					const page = await client.postRaw(path, body, type);
					expect(page.status, label).toBe(415);
					expect(page.headers.get('content-type'), label).toMatch(/^text\/html/);
					expect(await page.text(), label).toContain(MESSAGE);

					const enhanced = await client.postRaw(path, body, type, {
						accept: 'application/json',
						'x-sveltekit-action': 'true'
					});
					expect(enhanced.status, label).toBe(415);
					expect(await enhanced.json(), label).toEqual({
						type: 'error',
						error: { message: MESSAGE }
					});
				}
			}
		}
		expect(stateOf(r, ownerId, email)).toEqual(before);

		// The same actions still take form data: the refusal is about the content type only.
		const fine = await r.owner.post(`${round}?/setStatus`, { status: 'closed' });
		expect(fine.status).toBe(200);
		expect(db.prepare('select status from rounds where id = ?').get(r.roundId)).toEqual({
			status: 'closed'
		});
	});

	it('leaves endpoints to choose their own content types', async () => {
		const r = await respondent();
		// The autosave endpoint takes JSON and answers its own 400 to anything else.
		const ok = await save(r.token, { kind: 'answer', questionId: r.questionId, level: 4 });
		expect(ok.status).toBe(200);
		const plain = await fetch(`${baseURL}/answer/${r.token}/save`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain', origin: baseURL },
			body: 'level=3'
		});
		expect(plain.status).toBe(400);
		// Sign-out is an endpoint too: a post without a body signs out, as before.
		const res = await r.owner.postRaw('/signout', '', null);
		expect(res.status).toBe(303);
	});

	it('answers a form post over the body size limit (4 MB, scripts/serve.js) with 413, not 500', async () => {
		const client = new Client(baseURL);
		const email = `${unique('big')}@example.com`;
		const big = new URLSearchParams({ email, password: 'x'.repeat(5 * 1024 * 1024) }).toString();
		const sized = await client.postRaw('/signin', big, 'application/x-www-form-urlencoded');
		expect(sized.status).toBe(413);
		// Without a length, the limit applies while the body is read.
		const streamed = await fetch(`${baseURL}/signup`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: baseURL,
				accept: 'text/html'
			},
			body: new ReadableStream<Uint8Array>({
				start(controller) {
					controller.enqueue(new TextEncoder().encode(big));
					controller.close();
				}
			}),
			duplex: 'half'
		} as RequestInit);
		expect(streamed.status).toBe(413);
		expect(db.prepare('select count(*) as n from users where email = ?').get(email)).toEqual({
			n: 0
		});
	});
});
