/**
 * The live workshop over HTTP against the built server: a facilitator creates a workshop, three
 * participants join by code and follow the room over server-sent events while they vote; the
 * streams carry counts until the reveal and the distribution after it; a re-vote, a record with a
 * reason, a reconnect that lands where the room is with the vote kept. Hostile input gets 4xx and
 * changes nothing; a participant's cookie opens no other workshop; members who do not manage
 * rounds and other organisations get 403/404.
 */
import { describe, expect, it } from 'vitest';
import type { ControlView, RoomView } from '../../src/lib/domain/workshop-view';
import {
	areaIdsOf,
	createOrg,
	createRound,
	createWorkshop,
	inviteAndAccept,
	joinCodeOf,
	setStatus,
	signUp,
	testDb
} from '../support/flow';
import { Client } from '../support/http';
import { EventStream } from '../support/sse';
import { inject } from 'vitest';

const baseURL = inject('baseURL');

/**
 * Every row of a workshop's tables, to compare before and after a refusal. A participant's
 * `last_seen_at` is left out: a refused vote without JavaScript answers with the participant's
 * page, whose load marks them as seen, which is not a change to the workshop.
 */
const snapshot = (workshopId: string) =>
	['workshops', 'workshop_participants', 'workshop_votes', 'workshop_records'].map((table) =>
		(
			testDb()
				.prepare(
					`select * from ${table} where ${table === 'workshops' ? 'id' : 'workshop_id'} = ? order by 1, 2, 3`
				)
				.all(workshopId) as Record<string, unknown>[]
		).map(({ last_seen_at: _seen, ...row }) => row)
	);

const participantIds = (workshopId: string) =>
	(
		testDb()
			.prepare('select id from workshop_participants where workshop_id = ?')
			.all(workshopId) as { id: string }[]
	).map((r) => r.id);

/** A new account (`label`) that owns a new organisation with a round (threshold 3) in it. */
async function newRound(label = 'facilitator') {
	const owner = await signUp(label);
	const orgId = await createOrg(owner);
	const roundId = await createRound(owner, orgId, 3);
	return { owner, orgId, roundId };
}

/** A facilitator with a new round and a workshop on it, not started: its control page and code. */
async function newWorkshop() {
	const { owner, orgId, roundId } = await newRound();
	const workshopId = await createWorkshop(owner, orgId, roundId);
	const control = `/o/${orgId}/rounds/${roundId}/workshops/${workshopId}`;
	return { owner, orgId, roundId, workshopId, control, code: joinCodeOf(workshopId) };
}

async function joinAs(code: string, name: string): Promise<Client> {
	const client = new Client(baseURL);
	const res = await client.post('/workshop?/join', { code, name });
	expect(res.status).toBe(303);
	expect(res.headers.get('location')).toMatch(/^\/workshop\/[a-z0-9]+$/);
	return client;
}

/**
 * The facilitator starts the workshop (a success) and `person`'s room stream, opened then, shows
 * the first question: the stream, still open, and the question's id.
 */
async function startWatchedBy(
	owner: Client,
	control: string,
	workshopId: string,
	person: Client
): Promise<{ room: EventStream<RoomView>; questionId: string }> {
	expect(await owner.action(`${control}?/command`, { type: 'start' })).toMatchObject({
		type: 'success'
	});
	const room = await EventStream.open<RoomView>(`/workshop/${workshopId}/events`, person);
	const questionId = (await room.next((v) => v.status === 'open')).questions[0]!.id;
	return { room, questionId };
}

describe('a live workshop over HTTP', () => {
	it('runs from joining to the record, live on every stream, counts only until the reveal', async () => {
		const { owner, workshopId, control, code } = await newWorkshop();

		// The control view and the presenter screen answer; the code form knows the code.
		expect((await owner.get(control)).status).toBe(200);
		const presenter = await (await owner.get(`${control}/present`)).text();
		expect(presenter).toContain(code);
		expect(presenter).toMatch(/<svg[^>]*viewBox/);
		const codePage = await (
			await new Client(baseURL).get(`/workshop?code=${code.toLowerCase()}`)
		).text();
		expect(codePage).toContain('action="?/join"');

		// Three participants join by code; the cookie is httpOnly, lax and scoped to the workshop.
		const first = new Client(baseURL);
		const joined = await first.post('/workshop?/join', { code, name: 'Ana' });
		expect(joined.status).toBe(303);
		const setCookie = joined.headers.getSetCookie().join('\n');
		expect(setCookie).toMatch(new RegExp(`cx_workshop=[a-z0-9]+;.*Path=/workshop/${workshopId}`));
		expect(setCookie).toMatch(/HttpOnly/);
		expect(setCookie).toMatch(/SameSite=Lax/);
		const people = [first, await joinAs(code, 'Bo'), await joinAs(code, '')];

		// Event streams: the participants' room views and the facilitator's control view.
		const streams = await Promise.all(
			people.map((p) => EventStream.open<RoomView>(`/workshop/${workshopId}/events`, p))
		);
		const facilitator = await EventStream.open<ControlView>(`${control}/events`, owner);
		for (const s of [...streams, facilitator]) {
			expect(s.status).toBe(200);
			expect(s.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
			expect(s.response.headers.get('cache-control')).toMatch(/no-cache/);
		}
		for (const s of streams)
			expect(await s.next((v) => v.participants === 3)).toMatchObject({
				status: 'lobby',
				questions: []
			});
		expect(await facilitator.next((v) => v.participants === 3)).toMatchObject({
			joinCode: code,
			possible: { start: true, reveal: false }
		});

		const command = (fields: Record<string, string>) => owner.action(`${control}?/command`, fields);
		expect(await command({ type: 'start' })).toMatchObject({ type: 'success' });
		const opened = await streams[0]!.next((v) => v.status === 'open');
		const questionId = opened.questions[0]!.id;
		expect(opened.questions[0]!.statements).toHaveLength(4);

		const vote = (client: Client, level: string, question = questionId) =>
			client.action(`/workshop/${workshopId}?/vote`, { questionId: question, level });
		expect(await vote(people[0]!, '2')).toMatchObject({ type: 'success' });
		expect(await vote(people[1]!, '3')).toMatchObject({ type: 'success' });
		expect(await vote(people[2]!, 'dk')).toMatchObject({ type: 'success' });
		// A vote can change until the reveal.
		expect(await vote(people[0]!, '1')).toMatchObject({ type: 'success' });

		const ids = participantIds(workshopId);
		expect(ids).toHaveLength(3);
		for (const s of streams) {
			const counted = await s.next((v) => v.questions[0]?.voted === 3);
			expect(counted.questions[0]!.distribution).toBeNull();
		}
		await facilitator.next((v) => v.questions[0]?.voted === 3);

		// Reveal: every stream receives the distribution, counts only.
		expect(await command({ type: 'reveal', position: '0' })).toMatchObject({ type: 'success' });
		for (const s of streams) {
			const shown = await s.next((v) => v.status === 'revealed');
			expect(shown.questions[0]!.distribution).toEqual({
				shown: true,
				voters: 3,
				counts: [1, 0, 1, 0],
				dontKnow: 1,
				belowThreshold: false,
				split: { low: 1, high: 3 }
			});
		}

		// A vote after the reveal is refused in words and changes nothing.
		const before = snapshot(workshopId);
		const late = await people[1]!.post(`/workshop/${workshopId}?/vote`, { questionId, level: '4' });
		expect(late.status).toBe(409);
		expect(await late.text()).toContain('already shown');
		expect(snapshot(workshopId)).toEqual(before);

		// Re-vote: round 2, the first round's distribution stays beside it.
		expect(await command({ type: 'reopen', position: '0' })).toMatchObject({ type: 'success' });
		const again = await streams[1]!.next((v) => v.voteRound === 2 && v.status === 'open');
		expect(again.questions[0]).toMatchObject({ voted: 0, distribution: null });
		expect(again.questions[0]!.firstDistribution).toMatchObject({ counts: [1, 0, 1, 0] });
		for (const p of people) expect(await vote(p, '3')).toMatchObject({ type: 'success' });
		await facilitator.next((v) => v.voteRound === 2 && v.questions[0]?.voted === 3);
		expect(await command({ type: 'reveal', position: '0' })).toMatchObject({ type: 'success' });
		for (const s of streams) {
			const shown = await s.next((v) => v.voteRound === 2 && v.status === 'revealed');
			expect(shown.questions[0]!.distribution).toMatchObject({ counts: [0, 0, 3, 0], split: null });
		}

		// Record with a reason.
		const reason = 'Complaints are logged in one place but nobody reads them monthly';
		expect(
			await command({ type: 'record', position: '0', questionId, choice: '3', reason })
		).toMatchObject({ type: 'success' });
		for (const s of streams) {
			const recorded = await s.next((v) => v.status === 'recorded');
			expect(recorded.questions[0]!.record).toEqual({ outcome: 'agreed', level: 3, reason });
		}

		// Next question; a participant votes, drops the connection and comes back.
		expect(await command({ type: 'next', position: '0' })).toMatchObject({ type: 'success' });
		const secondOpen = await streams[0]!.next((v) => v.status === 'open' && v.position === 1);
		const second = secondOpen.questions[0]!.id;
		expect(await vote(people[0]!, '4', second)).toMatchObject({ type: 'success' });
		await streams[0]!.next((v) => v.position === 1 && v.questions[0]?.voted === 1);
		streams[0]!.close();
		const back = await EventStream.open<RoomView>(`/workshop/${workshopId}/events`, people[0]!);
		expect(await back.next()).toMatchObject({
			status: 'open',
			position: 1,
			questions: [{ id: second, voted: 1 }]
		});
		const page = await (await people[0]!.get(`/workshop/${workshopId}`)).text();
		expect(page).toMatch(/value="4"[^>]*aria-pressed="true"|aria-pressed="true"[^>]*value="4"/);
		streams[0] = back;

		// Nothing that went over any stream names a participant, but the control view's list of
		// who joined, which stands apart from every vote.
		for (const s of [...streams, facilitator]) {
			const text = JSON.stringify(s.received.map((v) => ({ ...v, joined: undefined })));
			for (const id of ids) expect(text).not.toContain(id);
			expect(text).not.toMatch(/Ana|participantId/);
		}
		expect(facilitator.received.at(-1)).toMatchObject({ joined: { names: ['Ana', 'Bo'] } });

		// End: every screen hears it, then the server closes every stream; the code no longer joins.
		const presenting = await EventStream.open<ControlView>(
			`${control}/events?screen=presenter`,
			owner
		);
		await presenting.next();
		expect(await command({ type: 'end' })).toMatchObject({ type: 'success' });
		for (const s of [...streams, facilitator, presenting]) {
			expect(await s.next((v) => v.status === 'ended')).toBeTruthy();
			await s.closedByServer();
		}
		// A screen opened after the end gets the final view and is closed too.
		for (const [path, client] of [
			[`/workshop/${workshopId}/events`, people[1]!],
			[`${control}/events`, owner],
			[`${control}/events?screen=presenter`, owner]
		] as const) {
			const late = await EventStream.open<RoomView>(path, client);
			expect(await late.next()).toMatchObject({ status: 'ended' });
			await late.closedByServer();
			expect(late.received).toHaveLength(1);
		}
		const endedJoin = await new Client(baseURL).post('/workshop?/join', { code });
		expect(endedJoin.status).toBe(404);
	});

	it('refuses hostile input with 4xx and changes nothing', async () => {
		const { owner, workshopId, control, code } = await newWorkshop();
		const person = await joinAs(code, 'Cy');
		const { room, questionId } = await startWatchedBy(owner, control, workshopId, person);
		room.close();
		const before = snapshot(workshopId);
		const unchanged = () => expect(snapshot(workshopId)).toEqual(before);

		const cases: Array<[string, () => Promise<Response>, number]> = [
			[
				'an unknown code',
				() => new Client(baseURL).post('/workshop?/join', { code: 'ZZZZZZ' }),
				404
			],
			['a malformed code', () => new Client(baseURL).post('/workshop?/join', { code: '<b>' }), 404],
			[
				'a name too long',
				() => new Client(baseURL).post('/workshop?/join', { code, name: 'x'.repeat(121) }),
				400
			],
			[
				'a department of another organisation',
				() =>
					new Client(baseURL).post('/workshop?/join', { code, departmentId: 'aaaaaaaaaaaaaaaa' }),
				400
			],
			[
				'a vote for another question',
				() => person.post(`/workshop/${workshopId}?/vote`, { questionId: 'nope', level: '2' }),
				400
			],
			[
				'a vote out of range',
				() => person.post(`/workshop/${workshopId}?/vote`, { questionId, level: '5' }),
				400
			],
			[
				'a vote sent twice in one form',
				() =>
					person.postRaw(
						`/workshop/${workshopId}?/vote`,
						`questionId=${questionId}&level=2&level=3`,
						'application/x-www-form-urlencoded'
					),
				400
			],
			[
				'a command for a stale position',
				() => owner.post(`${control}?/command`, { type: 'reveal', position: '3' }),
				409
			],
			// A replayed start asks for what already holds: done (200), and nothing changes either.
			['a replayed start', () => owner.post(`${control}?/command`, { type: 'start' }), 200],
			[
				'an unknown command',
				() => owner.post(`${control}?/command`, { type: 'explode', position: '0' }),
				400
			],
			[
				'a record before the reveal',
				() =>
					owner.post(`${control}?/command`, {
						type: 'record',
						position: '0',
						questionId,
						choice: '2',
						reason: 'x'
					}),
				409
			]
		];
		for (const [what, send, status] of cases) {
			const res = await send();
			expect(res.status, what).toBe(status);
			unchanged();
		}

		// A vote without the cookie: 404, and without JavaScript the page sends them to the code form.
		const stranger = new Client(baseURL);
		expect(
			await stranger.action(`/workshop/${workshopId}?/vote`, { questionId, level: '2' })
		).toMatchObject({ type: 'failure', status: 404 });
		const plain = await stranger.post(`/workshop/${workshopId}?/vote`, { questionId, level: '2' });
		expect(plain.status).toBe(303);
		expect(plain.headers.get('location')).toBe('/workshop');
		unchanged();

		// After the reveal: a record without a reason, with a level out of range, too long.
		expect(
			await owner.action(`${control}?/command`, { type: 'reveal', position: '0' })
		).toMatchObject({ type: 'success' });
		const revealed = snapshot(workshopId);
		for (const [what, fields, status] of [
			['no reason', { choice: '2', reason: '   ' }, 400],
			['level 5', { choice: '5', reason: 'why' }, 400],
			['no choice', { reason: 'why' }, 400],
			['a reason too long', { choice: '2', reason: 'x'.repeat(1001) }, 400],
			['another question', { choice: '2', reason: 'why', questionIdOverride: 'nope' }, 400]
		] as const) {
			const { questionIdOverride, ...rest } = fields as Record<string, string>;
			const res = await owner.post(`${control}?/command`, {
				type: 'record',
				position: '0',
				questionId: questionIdOverride ?? questionId,
				...rest
			});
			expect(res.status, what).toBe(status);
			expect(snapshot(workshopId)).toEqual(revealed);
		}
		// A replayed reveal asks for what already holds: done, and nothing changes.
		expect(
			(await owner.post(`${control}?/command`, { type: 'reveal', position: '0' })).status
		).toBe(200);
		expect(snapshot(workshopId)).toEqual(revealed);
	});

	it('shows a name with HTML as text', async () => {
		const { workshopId, code } = await newWorkshop();
		const person = await joinAs(code, '<img src=x onerror=alert(1)>');
		const page = await (await person.get(`/workshop/${workshopId}`)).text();
		expect(page).not.toContain('<img src=x');
	});

	it('keeps a participant to their own workshop, and members who do not manage rounds out', async () => {
		const { owner, orgId, roundId, workshopId: one, control, code } = await newWorkshop();
		const two = await createWorkshop(owner, orgId, roundId);
		const person = await joinAs(code, 'Di');

		// The cookie of workshop one, sent to workshop two (as if copied), opens nothing there.
		const elsewhere = await EventStream.open(`/workshop/${two}/events`, person);
		expect(elsewhere.status).toBe(404);
		const redirected = await person.get(`/workshop/${two}`);
		expect(redirected.status).toBe(303);
		expect(redirected.headers.get('location')).toBe('/workshop');
		const noCookie = await EventStream.open(`/workshop/${one}/events`, new Client(baseURL));
		expect(noCookie.status).toBe(404);

		for (const role of ['member', 'viewer']) {
			const someone = await inviteAndAccept(owner, orgId, role);
			for (const path of [control, `${control}/present`, `/o/${orgId}/rounds/${roundId}/workshops`])
				expect((await someone.get(path)).status, `${role} ${path}`).toBe(403);
			const stream = await EventStream.open(`${control}/events`, someone);
			expect(stream.status, `${role} events`).toBe(403);
			const before = snapshot(one);
			expect((await someone.post(`${control}?/command`, { type: 'start' })).status).toBe(403);
			expect(snapshot(one)).toEqual(before);
		}

		// Another organisation's owner: 404, under their own organisation's ids too.
		const { owner: stranger, orgId: theirOrg, roundId: theirRound } = await newRound('stranger');
		expect((await stranger.get(control)).status).toBe(404);
		expect((await EventStream.open(`${control}/events`, stranger)).status).toBe(404);
		const crossed = `/o/${theirOrg}/rounds/${theirRound}/workshops/${one}`;
		expect((await stranger.get(crossed)).status).toBe(404);
		expect((await EventStream.open(`${crossed}/events`, stranger)).status).toBe(404);
		const before = snapshot(one);
		expect((await stranger.post(`${crossed}?/command`, { type: 'start' })).status).toBe(404);
		expect(snapshot(one)).toEqual(before);
	});

	it('refuses a workshop on a closed round in words', async () => {
		const { owner, orgId, roundId } = await newRound();
		const [first] = await areaIdsOf(owner, orgId, roundId);
		await setStatus(owner, orgId, roundId, 'open');
		await setStatus(owner, orgId, roundId, 'closed');
		const res = await owner.post(`/o/${orgId}/rounds/${roundId}/workshops?/create`, {
			[`area:${first}`]: 'on',
			pace: 'question'
		});
		expect(res.status).toBe(409);
		expect(await res.text()).toContain('closed');
	});

	it('refuses to require a department and role level from an organisation that has none', async () => {
		const { owner, orgId, roundId } = await newRound();
		const [first] = await areaIdsOf(owner, orgId, roundId);
		const count = () =>
			(
				testDb().prepare('select count(*) as n from workshops where round_id = ?').get(roundId) as {
					n: number;
				}
			).n;
		const res = await owner.post(`/o/${orgId}/rounds/${roundId}/workshops?/create`, {
			[`area:${first}`]: 'on',
			pace: 'question',
			requireGroup: 'on'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('nobody could join');
		expect(count()).toBe(0);
		// Without the requirement the same workshop starts.
		await createWorkshop(owner, orgId, roundId);
		expect(count()).toBe(1);
	});

	it('shares the timer from the server and names who joined on the control view only', async () => {
		const { owner, workshopId, control, code } = await newWorkshop();
		const names = ['Ana Marin', 'Bo Tan', '<img src=x onerror=alert(1)>'];
		const people = [];
		for (const name of names) people.push(await joinAs(code, name));
		people.push(await joinAs(code, ''));

		// Names: on the control view (stream and page, escaped), never on the presenter or a phone.
		const facilitator = await EventStream.open<ControlView>(`${control}/events`, owner);
		const presenter = await EventStream.open<ControlView>(
			`${control}/events?screen=presenter`,
			owner
		);
		const room = await EventStream.open<RoomView>(`/workshop/${workshopId}/events`, people[0]!);
		expect((await facilitator.next((v) => v.participants === 4)).joined).toEqual({
			names: [...names].sort((a, b) => a.localeCompare(b, 'en')),
			unnamed: 1
		});
		const presented = await presenter.next((v) => v.participants === 4);
		expect(presented.joinCode).toBe(code);
		expect(presented).not.toHaveProperty('joined');
		await room.next((v) => v.participants === 4);
		const html = await (await owner.get(control)).text();
		expect(html).toContain('Ana Marin');
		expect(html).not.toContain('<img src=x');
		expect(html).toContain('&lt;img src=x');
		const presenterHtml = await (await owner.get(`${control}/present`)).text();
		for (const text of [
			presenterHtml,
			JSON.stringify(presenter.received),
			JSON.stringify(room.received)
		])
			for (const name of ['Ana Marin', 'Bo Tan', 'onerror']) expect(text).not.toContain(name);

		// The timer: started from the control view, its deadline in the database and in every view.
		const command = (fields: Record<string, string>) => owner.post(`${control}?/command`, fields);
		const act = (fields: Record<string, string>) => owner.action(`${control}?/command`, fields);
		expect(await act({ type: 'start' })).toMatchObject({ type: 'success' });
		const before = Date.now();
		expect(await act({ type: 'timer', position: '0', minutes: '1,5' })).toMatchObject({
			type: 'success'
		});
		const timed = await facilitator.next((v) => v.timer !== null);
		expect(timed.timer!.seconds).toBe(90);
		const endsAt = Date.parse(timed.timer!.endsAt);
		expect(endsAt).toBeGreaterThanOrEqual(before + 90_000 - 1000);
		expect(endsAt).toBeLessThanOrEqual(Date.now() + 90_000 + 1000);
		expect((await room.next((v) => v.timer !== null)).timer).toEqual(timed.timer);
		expect((await presenter.next((v) => v.timer !== null)).timer).toEqual(timed.timer);
		expect(
			testDb()
				.prepare('select timer_seconds, timer_ends_at from workshops where id = ?')
				.get(workshopId)
		).toEqual({ timer_seconds: 90, timer_ends_at: timed.timer!.endsAt });
		// A reload shows the same deadline, counting down on the participant's and presenter's screens.
		const phone = await (await people[1]!.get(`/workshop/${workshopId}`)).text();
		expect(phone).toContain('role="timer"');
		expect(phone).toContain(timed.timer!.endsAt);
		// Each stream opens with the server's clock, which the screens count down by.
		expect(room.events[0]?.block).toMatch(/event: clock\ndata: \d{13}$/);

		// Bad lengths are refused in words and change nothing.
		const unchanged = snapshot(workshopId);
		for (const minutes of ['0.2', '31', 'abc', '', '-1']) {
			const res = await command({ type: 'timer', position: '0', minutes });
			expect(res.status, minutes).toBe(400);
			expect(await res.text()).toContain('15 seconds to 30 minutes');
			expect(snapshot(workshopId)).toEqual(unchanged);
		}
		expect((await command({ type: 'timer', position: '3', minutes: '1' })).status).toBe(409);
		expect(snapshot(workshopId)).toEqual(unchanged);

		// Stopped: gone from every view; a second stop asks for what already holds: done, no change.
		expect(await act({ type: 'timer', position: '0', stop: '1' })).toMatchObject({
			type: 'success'
		});
		expect((await room.next((v) => v.timer === null)).timer).toBeNull();
		const stopped = snapshot(workshopId);
		expect((await command({ type: 'timer', position: '0', stop: '1' })).status).toBe(200);
		expect(snapshot(workshopId)).toEqual(stopped);
		for (const s of [facilitator, presenter, room]) s.close();
	});

	it('takes joins and votes that arrive at once, every one (on PostgreSQL too)', async () => {
		const { owner, workshopId, control, code } = await newWorkshop();
		const version = () =>
			(
				testDb().prepare('select version from workshops where id = ?').get(workshopId) as {
					version: number;
				}
			).version;
		const created = version();

		// Twelve join at once: each is answered with their room and counted once.
		const people = await Promise.all(
			Array.from({ length: 12 }, (_, i) => joinAs(code, `Person ${i + 1}`))
		);
		expect(participantIds(workshopId)).toHaveLength(12);
		const { room, questionId } = await startWatchedBy(owner, control, workshopId, people[0]!);

		// And vote at once: every vote is accepted and stored, the room counts all twelve.
		const levels = people.map((_, i) => String((i % 4) + 1));
		const results = await Promise.all(
			people.map((p, i) =>
				p.action(`/workshop/${workshopId}?/vote`, { questionId, level: levels[i]! })
			)
		);
		expect(results.map((r) => r.type)).toEqual(people.map(() => 'success'));
		const stored = testDb()
			.prepare('select level from workshop_votes where workshop_id = ? order by level')
			.all(workshopId) as { level: number }[];
		expect(stored.map((r) => String(r.level))).toEqual([...levels].sort());
		expect((await room.next((v) => v.questions[0]?.voted === 12)).participants).toBe(12);
		// Each join, the start and each vote moved the version on by one.
		expect(version()).toBe(created + 12 + 1 + 12);
		room.close();
	});
});
