/**
 * How answers are written: the no-JS step form saves a whole step in one transaction or nothing at
 * all (the stored sums staying equal to a recomputation).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDefaultModelFile } from '../../src/lib/server/db/models';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { loadRoundCube } from '../../src/lib/server/db/round-sums';
import {
	answerAll,
	createLink,
	createOrg,
	createRound,
	join,
	saveOk,
	setStatus,
	signUp,
	submit,
	testDb
} from '../support/flow';
import type { Client } from '../support/http';
import { expectStoredSumsEqualRecomputed, roundWithModel, sortedCube } from '../support/round-sums';

const model = loadDefaultModelFile();
const area = model.areas[0]!;
const [first, second, third] = area.questions;
const last = area.questions.at(-1)!;
const invalid = (field: string) => `The value of "${field}" is not valid.`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let owner: Client;
let orgId: string;
let roundId: string;
let linkToken: string;
let opened: OpenedDatabase;

beforeAll(async () => {
	expect(area.questions.length).toBeGreaterThanOrEqual(3);
	owner = await signUp('writes-owner');
	orgId = await createOrg(owner);
	roundId = await createRound(owner, orgId);
	await setStatus(owner, orgId, roundId, 'open');
	linkToken = await createLink(owner, orgId, roundId);
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

const responseIdOf = (token: string) =>
	(
		testDb().prepare('select id from responses where resume_token_hash = ?').get(sha256(token)) as {
			id: string;
		}
	).id;

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
		const sumsBefore = sortedCube(await loadRoundCube(opened.db, roundWithModel(roundId)));
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
		expect(sortedCube(await loadRoundCube(opened.db, roundWithModel(roundId)))).toEqual(sumsBefore);
		await expectStoredSumsEqualRecomputed(opened.db, roundId);
	});

	it('saves every answer, note, target and clear of a valid step together, sums kept right', async () => {
		const person = await submittedRespondent();
		const before = stored(person.responseId);
		const sumsBefore = sortedCube(await loadRoundCube(opened.db, roundWithModel(roundId)));
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
		expect(sortedCube(await loadRoundCube(opened.db, roundWithModel(roundId)))).not.toEqual(
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
