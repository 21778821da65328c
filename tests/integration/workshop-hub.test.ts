/**
 * The live hub (src/lib/server/workshop-live.ts) on a real SQLite file: one subscription per
 * workshop shared by its streams, the current view first, a burst of votes coalesced into a few
 * reads, an event no newer than what was sent skipped, and the subscription gone with the last
 * stream. Also the event-stream response: headers, the first message, the heartbeat and closing,
 * and, once the workshop has ended, the final view and the end of every stream (a new one too).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlView, RoomView } from '../../src/lib/domain/workshop-view';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { ensureDefaultModel } from '../../src/lib/server/db/models';
import { createOrganisation } from '../../src/lib/server/db/organisations';
import { createRound } from '../../src/lib/server/db/rounds';
import { createUser } from '../../src/lib/server/db/users';
import {
	applyAndAnnounce,
	castVoteAndAnnounce,
	createWorkshop,
	joinWorkshop,
	type Workshop
} from '../../src/lib/server/db/workshops';
import { workshopTopic } from '../../src/lib/server/pubsub';
import { MemoryPubSub } from '../../src/lib/server/pubsub-memory';
import {
	eventStream,
	LiveWorkshops,
	readSnapshot,
	type LiveStream
} from '../../src/lib/server/workshop-live';

const dir = mkdtempSync(join(tmpdir(), 'cx-workshop-hub-'));
let opened: OpenedDatabase;
let orgId: string;
let roundId: string;
let userId: string;
let areaId: string;

beforeAll(async () => {
	opened = await openDatabase(join(dir, 'hub.sqlite'));
	const stored = await ensureDefaultModel(opened.db);
	areaId = stored.model.areas[0]!.id;
	userId = (await createUser(opened.db, {
		email: 'f@example.com',
		displayName: 'Fay',
		passwordHash: 'x'
	}))!.id;
	orgId = (await createOrganisation(opened.db, { name: 'Org', ownerId: userId })).id;
	roundId = (
		await createRound(opened.db, {
			organisationId: orgId,
			modelId: stored.id,
			name: 'Q1',
			anonymityThreshold: 3,
			createdBy: userId
		})
	).id;
});

afterAll(async () => {
	await opened?.close();
	rmSync(dir, { recursive: true, force: true });
});

async function newWorkshop(): Promise<Workshop> {
	const created = await createWorkshop(opened.db, {
		organisationId: orgId,
		roundId,
		createdBy: userId,
		areas: [areaId],
		pace: 'question'
	});
	if (!created.ok) throw new Error(created.reason);
	return created.value;
}

/** A stream that collects what it is sent and lets a test wait for a view. */
function collector(kind: 'room' | 'control', locale: 'en' | 'ro' = 'en') {
	const views: Array<RoomView | ControlView> = [];
	let wake: (() => void) | undefined;
	const stream: LiveStream = {
		kind,
		locale,
		send: (view) => {
			views.push(view);
			wake?.();
		}
	};
	async function until(predicate: (view: RoomView) => boolean): Promise<RoomView> {
		for (let waited = 0; waited < 200; waited++) {
			const found = views.find(predicate);
			if (found) return found;
			await new Promise<void>((resolve) => {
				wake = resolve;
				setTimeout(resolve, 50);
			});
		}
		throw new Error(`no matching view; last ${JSON.stringify(views.at(-1))}`);
	}
	return { stream, views, until };
}

describe('the live hub', () => {
	it('shares one subscription per workshop, coalesces a burst and unsubscribes with the last stream', async () => {
		const bus = new MemoryPubSub();
		let reads = 0;
		const live = new LiveWorkshops({
			bus,
			read: (db, round, id) => {
				reads++;
				return readSnapshot(db, round, id);
			}
		});
		const workshop = await newWorkshop();
		const topic = workshopTopic(workshop.id);
		const people = [];
		for (let i = 0; i < 200; i++) {
			const joined = await joinWorkshop(opened.db, { code: workshop.joinCode });
			if (!joined.ok) throw new Error(joined.reason);
			people.push(joined.value.token);
		}

		const a = collector('room');
		const b = collector('room', 'ro');
		const c = collector('control');
		const leaveA = live.join(opened.db, workshop, a.stream);
		const leaveB = live.join(opened.db, workshop, b.stream);
		const leaveC = live.join(opened.db, workshop, c.stream);
		expect(bus.subscriberCount(topic)).toBe(1);
		expect(live.streamCount(workshop.id)).toBe(3);
		// The current view first, to each stream, in its kind and language.
		expect(await a.until((v) => v.participants === 200)).toMatchObject({ status: 'lobby' });
		await b.until((v) => v.participants === 200);
		expect(await c.until((v) => v.participants === 200)).toHaveProperty('joinCode');

		const started = await applyAndAnnounce(opened.db, bus, {
			roundId,
			workshopId: workshop.id,
			command: { type: 'start' },
			actorId: userId
		});
		if (!started.ok) throw new Error(started.reason);
		const open = await a.until((v) => v.status === 'open');
		const questionId = open.questions[0]!.id;
		expect((await b.until((v) => v.status === 'open')).questions[0]!.id).toBe(questionId);

		// 200 votes in a burst: every stream ends on 200 voted, after far fewer reads than votes.
		const readsBefore = reads;
		const sentBefore = a.views.length;
		await Promise.all(
			people.map((token, i) =>
				castVoteAndAnnounce(opened.db, bus, {
					workshopId: workshop.id,
					token,
					questionId,
					level: (i % 4) + 1
				})
			)
		);
		for (const s of [a, b, c]) await s.until((v) => v.questions[0]?.voted === 200);
		const burstReads = reads - readsBefore;
		expect(burstReads).toBeGreaterThan(0);
		expect(burstReads).toBeLessThan(50);
		expect(a.views.length - sentBefore).toBeLessThanOrEqual(burstReads);
		// Versions only grow on every stream.
		for (const s of [a, b, c])
			for (let i = 1; i < s.views.length; i++)
				expect(s.views[i]!.version).toBeGreaterThan(s.views[i - 1]!.version);

		// An event no newer than what was sent costs no read.
		const last = a.views.at(-1)!.version;
		const readsNow = reads;
		bus.publish(topic, { workshopId: workshop.id, version: last });
		bus.publish(topic, { workshopId: workshop.id, version: 1 });
		expect(reads).toBe(readsNow);

		// A stream joining later gets the current view at once.
		const d = collector('room');
		const leaveD = live.join(opened.db, workshop, d.stream);
		expect(await d.until((v) => v.questions[0]?.voted === 200)).toBeTruthy();

		for (const leave of [leaveA, leaveB, leaveC]) leave();
		expect(bus.subscriberCount(topic)).toBe(1);
		leaveD();
		leaveD();
		expect(bus.subscriberCount(topic)).toBe(0);
		expect(live.hubCount).toBe(0);
	});

	it('answers an event stream with the current view first and closes when the client goes', async () => {
		const bus = new MemoryPubSub();
		const live = new LiveWorkshops({ bus });
		const workshop = await newWorkshop();
		const abort = new AbortController();
		const response = eventStream(
			abort.signal,
			(write) =>
				live.join(opened.db, workshop, {
					kind: 'room',
					locale: 'en',
					send: (_, frame) => write(frame)
				}),
			20
		);
		expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
		expect(response.headers.get('cache-control')).toContain('no-cache');
		const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
		let text = '';
		while (!text.includes('data:') || !text.includes(': heartbeat')) {
			const { value, done } = await reader.read();
			if (done) break;
			text += value;
		}
		// The server's clock first (for the screens' timers), then the current view.
		const [clock, first] = text.split('\n\n').filter((block) => block.includes('data:'));
		const now = Number(/^data: (\d+)$/m.exec(clock!)![1]);
		expect(clock).toMatch(/^retry: 2000\nevent: clock\n/);
		expect(Math.abs(now - Date.now())).toBeLessThan(5000);
		expect(JSON.parse(first!.slice(first!.indexOf('data:') + 5))).toMatchObject({
			workshopId: workshop.id,
			status: 'lobby'
		});
		expect(bus.subscriberCount(workshopTopic(workshop.id))).toBe(1);
		abort.abort();
		expect((await reader.read()).done).toBe(true);
		expect(bus.subscriberCount(workshopTopic(workshop.id))).toBe(0);
		expect(live.hubCount).toBe(0);
	});

	it('sends the final view of an ended workshop and closes every stream, a new one too', async () => {
		const bus = new MemoryPubSub();
		const live = new LiveWorkshops({ bus });
		const workshop = await newWorkshop();
		const open = (kind: 'room' | 'presenter' | 'control') => {
			const abort = new AbortController();
			const response = eventStream(abort.signal, (write, close) =>
				live.join(opened.db, workshop, {
					kind,
					locale: 'en',
					send: (_, frame) => write(frame),
					end: close
				})
			);
			return { abort, reader: response.body!.pipeThrough(new TextDecoderStream()).getReader() };
		};
		/** Everything the stream sends until the server closes it. */
		const readToEnd = async (reader: ReadableStreamDefaultReader<string>) => {
			let text = '';
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return text;
				text += value;
			}
		};
		const views = (text: string) =>
			text
				.split('\n\n')
				.filter((block) => block.startsWith('data:'))
				.map((block) => JSON.parse(block.slice(5)) as RoomView);

		const streams = (['room', 'presenter', 'control'] as const).map(open);
		const texts = streams.map((s) => readToEnd(s.reader));
		const ended = await applyAndAnnounce(opened.db, bus, {
			roundId,
			workshopId: workshop.id,
			command: { type: 'end' },
			actorId: userId
		});
		if (!ended.ok) throw new Error(ended.reason);
		for (const text of await Promise.all(texts)) expect(views(text).at(-1)?.status).toBe('ended');
		expect(live.hubCount).toBe(0);
		expect(bus.subscriberCount(workshopTopic(workshop.id))).toBe(0);

		// A stream opened after the end: the final view, then closed.
		const late = open('room');
		expect(views(await readToEnd(late.reader)).map((v) => v.status)).toEqual(['ended']);
		expect(live.hubCount).toBe(0);
		expect(bus.subscriberCount(workshopTopic(workshop.id))).toBe(0);
	});
});
