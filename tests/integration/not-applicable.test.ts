/**
 * Model 1.1.0 in the running app: new rounds pin it, its answering rule is on the questionnaire,
 * and "not applicable" is offered, stored and summed only where a question offers it, through the
 * step form and the autosave endpoint alike. Bad input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { loadShippedModel } from '../../src/lib/server/db/models';
import {
	join,
	openRoundWithLink,
	responseIdOf,
	save,
	saveOk,
	submit,
	testDb
} from '../support/flow';
import { expectStoredSumsEqualRecomputed } from '../support/round-sums';

const model = loadShippedModel('1.1.0');
const area = model.areas[0]!;
const offering = area.questions.find((q) => q.notApplicable)!;
const plain = area.questions.find((q) => !q.notApplicable)!;

let roundId: string;
let linkToken: string;
let opened: OpenedDatabase;

beforeAll(async () => {
	expect(offering).toBeDefined();
	({ roundId, linkToken } = await openRoundWithLink('na-owner'));
	opened = await openDatabase(inject('databasePath'));
}, 60_000);

afterAll(async () => {
	await opened?.close();
});

const answersOf = (token: string) => {
	const id = responseIdOf(token);
	return testDb()
		.prepare(
			'select question_id, level, not_applicable from answers where response_id = ? order by question_id'
		)
		.all(id) as Array<{ question_id: string; level: number | null; not_applicable: number }>;
};

describe('model 1.1.0 in the app', () => {
	it('is the model a new round pins', () => {
		const row = testDb().prepare('select model_id from rounds where id = ?').get(roundId) as {
			model_id: string;
		};
		expect(row.model_id).toBe('cx-maturity@1.1.0');
	});

	it('states the answering rule in full on the first page and briefly on the first step only, and offers "not applicable" only where the question does', async () => {
		const person = await join(linkToken);
		const first = await (await person.client.get(`/answer/${person.token}`)).text();
		expect(first).toContain('How to answer');
		expect(first).toContain('Choose the statement that best describes');
		const step = await (await person.client.get(`/answer/${person.token}/step/1`)).text();
		expect(step).toContain(model.answeringRuleShort!.en);
		// Said once: the later steps do not carry the rule again.
		const second = await (await person.client.get(`/answer/${person.token}/step/2`)).text();
		expect(second).toContain('name="q:');
		expect(second).not.toContain(model.answeringRuleShort!.en);
		expect(second).not.toContain('How to answer');
		expect(step).toContain(`name="q:${offering.id}" value="na"`);
		expect(step).not.toContain(`name="q:${plain.id}" value="na"`);
		expect(step.match(/value="na"/g)).toHaveLength(
			area.questions.filter((q) => q.notApplicable).length
		);
		// The step carries its texts in the reader's language only, not the whole model.
		const data = await (
			await person.client.get(`/answer/${person.token}/step/1/__data.json`)
		).text();
		expect(data).not.toContain('recommendations');
		expect(data).not.toMatch(/"(bg|ru|ro|uk)":/);
	});
});

describe('"not applicable" answers', () => {
	it('are saved by the step form where offered, and refused elsewhere with nothing changed', async () => {
		const person = await join(linkToken);
		const bad = await person.client.post(`/answer/${person.token}/step/1`, {
			[`q:${offering.id}`]: 'na',
			[`q:${plain.id}`]: 'na',
			go: 'next'
		});
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain(`The value of "${plain.id}" is not valid.`);
		expect(answersOf(person.token)).toEqual([]);

		const good = await person.client.post(`/answer/${person.token}/step/1`, {
			[`q:${offering.id}`]: 'na',
			[`q:${plain.id}`]: '3',
			go: 'next'
		});
		expect(good.status).toBe(303);
		expect(answersOf(person.token)).toEqual(
			[
				{ question_id: offering.id, level: null, not_applicable: 1 },
				{ question_id: plain.id, level: 3, not_applicable: 0 }
			].sort((a, b) => a.question_id.localeCompare(b.question_id))
		);
	});

	it('are saved by autosave where offered (400 elsewhere), replace a level and are replaced by one', async () => {
		const person = await join(linkToken);
		const refused = await save(person.token, {
			kind: 'answer',
			questionId: plain.id,
			level: 'not-applicable'
		});
		expect(refused.status).toBe(400);
		expect((await refused.json()).message).toBe(
			`"${plain.id}" does not offer "not applicable"; choose a statement or "don't know".`
		);
		expect(answersOf(person.token)).toEqual([]);

		await saveOk(person.token, { kind: 'answer', questionId: offering.id, level: 2 });
		await saveOk(person.token, {
			kind: 'answer',
			questionId: offering.id,
			level: 'not-applicable'
		});
		expect(answersOf(person.token)).toEqual([
			{ question_id: offering.id, level: null, not_applicable: 1 }
		]);
		await saveOk(person.token, { kind: 'answer', questionId: offering.id, level: 4 });
		expect(answersOf(person.token)).toEqual([
			{ question_id: offering.id, level: 4, not_applicable: 0 }
		]);
	});

	it('count in the round sums apart from levels and "don\'t know", equal to a recomputation', async () => {
		for (const answer of ['not-applicable', 'not-applicable', null, 3] as const) {
			const person = await join(linkToken);
			await saveOk(person.token, { kind: 'answer', questionId: offering.id, level: answer });
			await saveOk(person.token, { kind: 'answer', questionId: plain.id, level: 2 });
			await submit(person.client, person.token);
		}
		const counts = testDb()
			.prepare(
				'select sum(level_3) as l3, sum(dont_know) as dk, sum(not_applicable) as na from round_question_counts where round_id = ? and question_id = ?'
			)
			.get(roundId, offering.id);
		expect(counts).toEqual({ l3: 1, dk: 1, na: 2 });
		const area0 = testDb()
			.prepare(
				'select sum(not_applicable) as na from round_area_sums where round_id = ? and area_id = ?'
			)
			.get(roundId, area.id);
		expect(area0).toEqual({ na: 2 });
		await expectStoredSumsEqualRecomputed(opened.db, roundId);
	});
});
