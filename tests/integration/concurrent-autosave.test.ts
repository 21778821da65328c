/**
 * Autosaves at once through two app instances on one database (issue 15): 50 parallel saves to one
 * submitted response (each to its own question or target), and 50 parallel saves to 50 submitted
 * responses. Every save is answered 200, every value sent is stored, and the round's stored sums
 * equal a recomputation from every answer (a save to a submitted response takes its sums out and
 * puts them back; two at once must not take out the same earlier state twice).
 *
 * On PostgreSQL (`npm run test:integration:pg`) the second instance is another server process on
 * another port, on the same database. SQLite is the single-instance engine: there both "instances"
 * are the one test server, and the saves still run in parallel.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MaturityModel } from '../../src/lib/domain/model';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import {
	join,
	openRoundWithLink,
	responseIdOf,
	roundModel,
	saveOk,
	submit,
	testDb
} from '../support/flow';
import { expectStoredSumsEqualRecomputed } from '../support/round-sums';
import { expectSharedDatabase, startSecondInstance } from '../support/second-instance';
import type { RunningServer } from '../support/spawn-server';

const engine = inject('engine');

let second: RunningServer | undefined;
let instances: [string, string];
let opened: OpenedDatabase;
let roundId: string;
let linkToken: string;
let model: MaturityModel;

beforeAll(async () => {
	({ instances, second } = await startSecondInstance());
	({ roundId, linkToken } = await openRoundWithLink('concurrency-owner'));
	({ model } = roundModel(roundId));
	opened = await openDatabase(inject('databasePath'));
}, 120_000);

afterAll(async () => {
	await second?.stop();
	await opened?.close();
});

/** A save through instance `i % 2`. */
const saveAt = (i: number, token: string, body: unknown) =>
	fetch(`${instances[i % 2]}/answer/${token}/save`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});

/** A respondent who joined through the link, answered the first question with `level` and submitted. */
async function submitted(level: number) {
	const { client, token } = await join(linkToken);
	await saveOk(token, { kind: 'answer', questionId: model.areas[0]!.questions[0]!.id, level });
	await submit(client, token);
	return { token, responseId: responseIdOf(token) };
}

describe('parallel autosaves through two instances', { timeout: 180_000 }, () => {
	it('the instances share one database', async () => {
		await expectSharedDatabase(instances);
	});

	it('50 saves to one response at once: every one stored, the sums equal a recomputation', async () => {
		const { token, responseId } = await submitted(1);
		// 50 saves, each to its own answer or target (the model has at least 41 questions, 9 areas).
		const targetSaves = model.areas.map((area, i) => ({
			kind: 'target',
			areaId: area.id,
			stage: (i % 4) + 1
		}));
		const answerSaves = model.areas
			.flatMap((area) =>
				area.questions.map((q, i) => ({ questionId: q.id, level: ((i + 1) % 4) + 1 }))
			)
			.slice(0, 50 - targetSaves.length)
			.map((s) => ({ kind: 'answer', ...s }));
		const saves = [...answerSaves, ...targetSaves];
		expect(saves).toHaveLength(50);
		const results = await Promise.all(saves.map((body, i) => saveAt(i, token, body)));
		expect(results.map((r) => r.status)).toEqual(saves.map(() => 200));

		const answers = testDb()
			.prepare('select question_id, level from answers where response_id = ?')
			.all(responseId) as Array<{ question_id: string; level: number }>;
		const targets = testDb()
			.prepare('select area_id, stage from targets where response_id = ?')
			.all(responseId) as Array<{ area_id: string; stage: number }>;
		expect(Object.fromEntries(answers.map((a) => [a.question_id, a.level]))).toEqual(
			Object.fromEntries(answerSaves.map((s) => [s.questionId, s.level]))
		);
		expect(Object.fromEntries(targets.map((t) => [t.area_id, t.stage]))).toEqual(
			Object.fromEntries(targetSaves.map((s) => [s.areaId, s.stage]))
		);
		await expectStoredSumsEqualRecomputed(opened.db, roundId);
	});

	it('100 saves to 50 responses at once (two each, through both instances): every one stored, the sums equal a recomputation', async () => {
		const respondents: Array<{ token: string; responseId: string }> = [];
		for (let i = 0; i < 50; i += 10)
			respondents.push(
				...(await Promise.all(Array.from({ length: 10 }, (_, j) => submitted(((i + j) % 4) + 1))))
			);
		const [first, second] = model.areas[0]!.questions;
		// Each response changes its first answer and gains a second one, through either instance.
		const results = await Promise.all(
			respondents.flatMap((r, i) => [
				saveAt(i, r.token, { kind: 'answer', questionId: first!.id, level: 4 - (i % 4) }),
				saveAt(i + 1, r.token, { kind: 'answer', questionId: second!.id, level: (i % 4) + 1 })
			])
		);
		expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
		respondents.forEach((r, i) => {
			const stored = testDb()
				.prepare(
					'select question_id, level from answers where response_id = ? order by question_id'
				)
				.all(r.responseId) as Array<{ question_id: string; level: number }>;
			expect(Object.fromEntries(stored.map((a) => [a.question_id, a.level]))).toEqual({
				[first!.id]: 4 - (i % 4),
				[second!.id]: (i % 4) + 1
			});
		});
		const { n } = testDb()
			.prepare("select count(*) as n from responses where round_id = ? and status = 'submitted'")
			.get(roundId) as { n: number };
		expect(n).toBe(51);
		await expectStoredSumsEqualRecomputed(opened.db, roundId);
	});

	it.skipIf(engine !== 'postgres')(
		'an instance exits on SIGTERM: its pool and LISTEN connection are closed',
		async () => {
			const child = second!.child;
			const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
			const started = Date.now();
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
			expect(Date.now() - started).toBeLessThan(10_000);
		}
	);
});
