/**
 * How answers are written: the no-JS step form saves a whole step in one transaction or nothing at
 * all (the stored sums staying equal to a recomputation), and the autosave endpoint answers each
 * known case with its own status, an unexpected failure with 500, never with 404.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDefaultModelFile } from '../../src/lib/server/db/models';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { loadRoundSums } from '../../src/lib/server/db/round-sums';
import {
	answerAll,
	createLink,
	createRound,
	join,
	openRoundWithLink,
	responseIdOf,
	save,
	saveOk,
	setStatus,
	submit,
	testDb
} from '../support/flow';
import { writableTestDb } from '../support/flow';
import type { Client } from '../support/http';
import { expectStoredSumsEqualRecomputed, roundWithModel, sortedSums } from '../support/round-sums';
import { decodeNodes, fetchPageData } from '../support/page-data';

const baseURL = inject('baseURL');
const model = loadDefaultModelFile();
const area = model.areas[0]!;
const [first, second, third] = area.questions;
const last = area.questions.at(-1)!;
const invalid = (field: string) => `The value of "${field}" is not valid.`;

let owner: Client;
let orgId: string;
let roundId: string;
let linkToken: string;
let opened: OpenedDatabase;

beforeAll(async () => {
	expect(area.questions.length).toBeGreaterThanOrEqual(3);
	({ owner, orgId, roundId, linkToken } = await openRoundWithLink('writes-owner'));
	// Two other submitted responses, so the round's sums hold more than the one that changes.
	for (const level of [1, 3] as const) {
		const other = await join(linkToken);
		await answerAll(other.token, {
			answers: Object.fromEntries(area.questions.map((q) => [q.id, level])),
			targets: { [area.id]: 4 }
		});
		await submit(other.client, other.token);
	}
	opened = await openDatabase(inject('databasePath'));
}, 120_000);

afterAll(async () => {
	await opened?.close();
});

/** Every row stored for one response, its updated_at included. */
const stored = (responseId: string) => ({
	response: testDb().prepare('select * from responses where id = ?').get(responseId),
	answers: testDb()
		.prepare('select * from answers where response_id = ? order by question_id')
		.all(responseId),
	targets: testDb()
		.prepare('select * from targets where response_id = ? order by area_id')
		.all(responseId)
});

/** A submitted respondent: every question of the first area at 2 (the first with a note), target 3. */
async function submittedRespondent() {
	const person = await join(linkToken);
	await answerAll(person.token, {
		answers: Object.fromEntries(area.questions.map((q) => [q.id, 2])),
		targets: { [area.id]: 3 }
	});
	await saveOk(person.token, { kind: 'note', questionId: first!.id, note: 'first note' });
	await submit(person.client, person.token);
	return { ...person, responseId: responseIdOf(person.token) };
}

const step1 = (token: string) => `/answer/${token}/step/1`;

describe('the step form saves a whole step or nothing', () => {
	it.each<[string, Record<string, string>, (q: string) => string]>([
		['an invalid level of a later question', { [`q:${'LAST'}`]: '7' }, (q) => invalid(q)],
		['"don\'t know" as the target', { target: 'dk' }, () => invalid('target')],
		[
			'a note of 2,001 characters on a later question',
			{ [`note:${'LAST'}`]: 'x'.repeat(2001) },
			() => 'A note can have at most 2000 characters.'
		]
	])('a valid first question and %s change nothing', async (_, bad, message) => {
		const person = await submittedRespondent();
		const before = stored(person.responseId);
		const sumsBefore = sortedSums(await loadRoundSums(opened.db, roundWithModel(roundId)));
		const fields: Record<string, string> = {
			[`q:${first!.id}`]: '4',
			[`note:${first!.id}`]: 'changed note',
			[`q:${second!.id}`]: 'dk',
			[`q:${last.id}`]: '1',
			target: '4',
			go: 'next'
		};
		for (const [key, value] of Object.entries(bad)) fields[key.replace('LAST', last.id)] = value;
		const res = await person.client.post(step1(person.token), fields);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(message(last.id));
		expect(stored(person.responseId)).toEqual(before);
		expect(sortedSums(await loadRoundSums(opened.db, roundWithModel(roundId)))).toEqual(sumsBefore);
		await expectStoredSumsEqualRecomputed(opened.db, roundId);
	});

	it('refuses a field sent twice (a hand-made post) and changes nothing', async () => {
		const person = await submittedRespondent();
		const before = stored(person.responseId);
		const body = new URLSearchParams([
			[`q:${first!.id}`, '4'],
			[`q:${second!.id}`, '1'],
			[`q:${second!.id}`, '3'],
			['go', 'next']
		]).toString();
		const res = await person.client.postRaw(
			step1(person.token),
			body,
			'application/x-www-form-urlencoded'
		);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(
			'This form sent a field more than once. Reload the page and try again.'
		);
		expect(stored(person.responseId)).toEqual(before);
	});

	it('saves every answer, note, target and clear of a valid step together, sums kept right', async () => {
		const person = await submittedRespondent();
		const before = stored(person.responseId);
		const sumsBefore = sortedSums(await loadRoundSums(opened.db, roundWithModel(roundId)));
		const res = await person.client.post(step1(person.token), {
			[`q:${first!.id}`]: '4',
			[`note:${first!.id}`]: '  changed note  ',
			[`q:${second!.id}`]: 'dk',
			[`note:${second!.id}`]: 'why not',
			[`q:${third!.id}`]: '',
			clear: third!.id,
			target: '4',
			go: 'next'
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/answer/${person.token}/step/2`);
		const after = stored(person.responseId) as {
			response: { updated_at: string };
			answers: Array<{ question_id: string; level: number | null; note: string | null }>;
			targets: Array<{ area_id: string; stage: number }>;
		};
		const answers = Object.fromEntries(
			after.answers.map((a) => [a.question_id, { level: a.level, note: a.note }])
		);
		expect(answers[first!.id]).toEqual({ level: 4, note: 'changed note' });
		expect(answers[second!.id]).toEqual({ level: null, note: 'why not' });
		expect(answers[third!.id]).toBeUndefined();
		for (const q of area.questions.slice(3))
			expect(answers[q.id]).toEqual({ level: 2, note: null });
		expect(after.targets).toEqual([{ response_id: person.responseId, area_id: area.id, stage: 4 }]);
		expect(after.response.updated_at).not.toBe(
			(before.response as { updated_at: string }).updated_at
		);
		expect(sortedSums(await loadRoundSums(opened.db, roundWithModel(roundId)))).not.toEqual(
			sumsBefore
		);
		await expectStoredSumsEqualRecomputed(opened.db, roundId);
	});

	it('writes nothing for a step with nothing to save, and moves back and to the review', async () => {
		const person = await submittedRespondent();
		const before = stored(person.responseId);
		const back = await person.client.post(step1(person.token), { go: 'prev' });
		expect(back.status).toBe(303);
		expect(back.headers.get('location')).toBe(`/answer/${person.token}`);
		const review = await person.client.post(step1(person.token), { go: 'review' });
		expect(review.headers.get('location')).toBe(`/answer/${person.token}/review`);
		expect(stored(person.responseId)).toEqual(before);
	});
});

/** What the layout (node 1) and the page (node 2) of an answer page returned, from its __data.json. */
async function answerPageData(client: Client, path: string) {
	const { status, body } = await fetchPageData(client, path);
	expect(status).toBe(200);
	const nodes = decodeNodes(body!);
	return { layout: nodes[1]!, page: nodes[2]! };
}

describe('an answer page shows what is saved', () => {
	it('every kind of answer, the notes of its step and the targets, read in one query, as stored', async () => {
		const person = await join(linkToken);
		const na = area.questions.find((q) => q.notApplicable)!;
		const levelled = area.questions.find((q) => q !== na && q !== second)!;
		await saveOk(person.token, { kind: 'answer', questionId: levelled.id, level: 3 });
		await saveOk(person.token, { kind: 'note', questionId: levelled.id, note: 'ünïcode "quoted"' });
		await saveOk(person.token, { kind: 'answer', questionId: second!.id, level: null });
		await saveOk(person.token, { kind: 'answer', questionId: na.id, level: 'not-applicable' });
		await saveOk(person.token, { kind: 'target', areaId: area.id, stage: 4 });
		// A note on another step: on the layout's answers, not among this step's notes.
		const elsewhere = model.areas[1]!.questions[0]!;
		await saveOk(person.token, { kind: 'answer', questionId: elsewhere.id, level: 1 });
		await saveOk(person.token, { kind: 'note', questionId: elsewhere.id, note: 'step two' });

		const { layout, page } = await answerPageData(person.client, step1(person.token));
		expect(layout.answers).toEqual({
			[levelled.id]: 3,
			[second!.id]: null,
			[na.id]: 'not-applicable',
			[elsewhere.id]: 1
		});
		expect(layout.targets).toEqual({ [area.id]: 4 });
		expect(page.notes).toEqual({ [levelled.id]: 'ünïcode "quoted"' });
		expect((page.area as { id: string }).id).toBe(area.id);
		const two = await answerPageData(person.client, `/answer/${person.token}/step/2`);
		expect(two.page.notes).toEqual({ [elsewhere.id]: 'step two' });

		// A respondent with nothing saved yet: empty, not missing.
		const fresh = await join(linkToken);
		const empty = await answerPageData(fresh.client, step1(fresh.token));
		expect(empty.layout.answers).toEqual({});
		expect(empty.layout.targets).toEqual({});
		expect(empty.page.notes).toEqual({});
	});
});

describe('the autosave endpoint answers each case with its own status', () => {
	it('200 saved, 400 bad bodies and ids of another model, 404 unknown token, 409 a note without answer, 413', async () => {
		const person = await join(linkToken);
		const { token } = person;
		const post = (body: string, to = token) =>
			fetch(`${baseURL}/answer/${to}/save`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body
			});
		const cases: Array<[string, Response, number, string | undefined]> = [
			[
				'a note before any answer',
				await save(token, { kind: 'note', questionId: first!.id, note: 'n' }),
				409,
				'Choose an answer before adding a note.'
			],
			[
				'an answer',
				await save(token, { kind: 'answer', questionId: first!.id, level: 3 }),
				200,
				undefined
			],
			['not JSON', await post('{'), 400, 'The request is not valid JSON.'],
			[
				'level 5',
				await save(token, { kind: 'answer', questionId: first!.id, level: 5 }),
				400,
				'The value of "level" is not valid.'
			],
			[
				// A question of the small test model, not of the round's model.
				'a question id of another model',
				await save(token, { kind: 'answer', questionId: 'a1', level: 2 }),
				400,
				'"a1" is not a question of this round\'s model.'
			],
			[
				'an area id of another model',
				await save(token, { kind: 'target', areaId: 'alpha', stage: 2 }),
				400,
				'"alpha" is not an area of this round\'s model.'
			],
			['a body of 17 kB', await post(' '.repeat(17 * 1024)), 413, 'The request is too large.'],
			[
				'an unknown token',
				await save(randomUUID().replaceAll('-', ''), {
					kind: 'answer',
					questionId: first!.id,
					level: 2
				}),
				404,
				undefined
			]
		];
		for (const [label, res, status, message] of cases) {
			expect(res.status, label).toBe(status);
			if (message) expect(await res.json(), label).toEqual({ ok: false, message });
		}
	});

	it('409 once the round is closed', async () => {
		const closedRound = await createRound(owner, orgId);
		await setStatus(owner, orgId, closedRound, 'open');
		const person = await join(await createLink(owner, orgId, closedRound));
		await setStatus(owner, orgId, closedRound, 'closed');
		const res = await save(person.token, { kind: 'answer', questionId: first!.id, level: 4 });
		expect(res.status).toBe(409);
		expect(await res.json()).toEqual({
			ok: false,
			message: 'This round is closed: answers can no longer change.'
		});
	});

	it('answers an unexpected failure with 500, not 404 (a round whose stored model is corrupt)', async () => {
		// A round of its own, so no other test sees the corrupt model.
		const roundOfItsOwn = await createRound(owner, orgId);
		await setStatus(owner, orgId, roundOfItsOwn, 'open');
		const person = await join(await createLink(owner, orgId, roundOfItsOwn));
		const brokenId = `broken@${randomUUID()}`;
		const writable = writableTestDb();
		const { model_id: modelId } = writable
			.prepare('select model_id from rounds where id = ?')
			.get(roundOfItsOwn) as { model_id: string };
		try {
			writable
				.prepare(
					"insert into maturity_models (id, model_key, version, name, content) values (?, 'broken', ?, 'Broken', '{}')"
				)
				.run(brokenId, brokenId);
			writable.prepare('update rounds set model_id = ? where id = ?').run(brokenId, roundOfItsOwn);
			const res = await save(person.token, { kind: 'answer', questionId: first!.id, level: 2 });
			expect(res.status).toBe(500);
			expect(
				testDb()
					.prepare('select count(*) as n from answers where response_id = ?')
					.get(responseIdOf(person.token))
			).toEqual({ n: 0 });
		} finally {
			writable.prepare('update rounds set model_id = ? where id = ?').run(modelId, roundOfItsOwn);
			writable.prepare('delete from maturity_models where id = ?').run(brokenId);
			writable.close();
		}
		// With its model back, the same save goes through.
		await saveOk(person.token, { kind: 'answer', questionId: first!.id, level: 2 });
	});
});
