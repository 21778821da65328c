/**
 * A round end to end against the built server: an owner sets it up, respondents answer through a
 * link without an account and a member with theirs, and the results pages show exactly what the
 * domain functions compute from the same answers. Also the autosave endpoint's contract: every
 * request states the whole new value, so repeats and retries leave the same state.
 *
 * The database is read (never written) with better-sqlite3 to learn ids and to check what is stored.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
import { personalResults } from '../../src/lib/domain/results';
import { resultsView, type ResultsView } from '../../src/lib/domain/results-view';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import {
	addDepartment,
	answerAll,
	createLink,
	createOrg,
	createRound,
	fromLocation,
	inviteAndAccept,
	join,
	save,
	saveOk,
	setStatus,
	signUp,
	submit,
	unique
} from '../support/flow';
import { testDb } from '../support/flow';
import { teamResults } from '../support/statistics-oracle';
import { Client } from '../support/http';

const baseURL = inject('baseURL');
const db = testDb();
afterAll(() => db.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function responseId(resumeToken: string): string {
	const row = db
		.prepare('select id from responses where resume_token_hash = ?')
		.get(sha256(resumeToken)) as { id: string } | undefined;
	expect(row).toBeDefined();
	return row!.id;
}

interface AnswerRow {
	question_id: string;
	level: number | null;
	note: string | null;
}

const answerRows = (responseId: string, questionId: string) =>
	db
		.prepare(
			'select question_id, level, note from answers where response_id = ? and question_id = ?'
		)
		.all(responseId, questionId) as AnswerRow[];

function modelOfRound(roundId: string): MaturityModel {
	const row = db
		.prepare(
			'select m.content from maturity_models m join rounds a on a.model_id = m.id where a.id = ?'
		)
		.get(roundId) as { content: string };
	const parsed = parseModel(JSON.parse(row.content));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	return parsed.value;
}

// ---- reading pages ----------------------------------------------------------------------------

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const plainText = (html: string) =>
	html
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

/** The cells after the area's name in the results table: stage, score, confidence, target, agreement. */
function areaRow(html: string, name: string): string[] {
	// Svelte may add a scoping class to the cell, so match the attributes loosely.
	const cell = new RegExp(
		`<th[^>]*scope="row"[^>]*>${escapeText(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</th>`
	);
	const start = html.search(cell);
	expect(start, `a results row for ${name}`).toBeGreaterThan(-1);
	const row = html.slice(start, html.indexOf('</tr>', start));
	return row
		.split('<td')
		.slice(1)
		.map((cell) => plainText(cell.slice(cell.indexOf('>') + 1)));
}

function expectResultsPage(html: string, view: ResultsView, team: boolean): void {
	const o = view.overall;
	expect(o.score).not.toBeNull();
	expect(html).toContain(
		`Score ${o.score} of 100 (mean stage ${o.mean}), confidence ${o.confidence}%.`
	);
	if (o.target !== null) expect(html).toContain(`Target ${o.target}, gap ${o.gap} stages.`);
	for (const area of view.areas) {
		const cells = areaRow(html, area.name);
		expect(cells).toHaveLength(team ? 5 : 4);
		const [stage, score, confidence, target, agreement] = cells;
		expect(stage, area.name).toBe(
			area.stage === null ? '–' : `${area.stage} ${view.stages[area.stage - 1]!.name}`
		);
		expect(score, area.name).toBe(area.score === null ? '–' : String(area.score));
		expect(confidence!.startsWith(`${area.confidence}%`), `${area.name}: ${confidence}`).toBe(true);
		expect(target, area.name).toBe(
			area.target === null ? '–' : `${area.target}${area.gap === null ? '' : ` (gap ${area.gap})`}`
		);
		if (team) expect(agreement).toBe(area.agreement === null ? '–' : `${area.agreement}%`);
	}
}

/** The values of the radio buttons named `name` that the page renders checked. */
function checkedValues(html: string, name: string): string[] {
	const inputs = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`, 'g')) ?? [];
	expect(inputs.length, `radio buttons named ${name}`).toBeGreaterThan(0);
	return inputs
		.filter((input) => /\schecked(?=[\s=/>])/.test(input))
		.map((input) => /value="([^"]*)"/.exec(input)?.[1] ?? '');
}

// ---- answers ----------------------------------------------------------------------------------

/** Varied, repeatable answers: every level, "don't know" now and then, a target per area. */
function answersFor(model: MaturityModel, seed: number): ResponseInput {
	const answers: ResponseInput['answers'] = {};
	const targets: ResponseInput['targets'] = {};
	model.areas.forEach((area, ai) => {
		area.questions.forEach((question, qi) => {
			const v = (ai * 7 + qi * 3 + seed * 5) % 9;
			answers[question.id] = v === 0 ? null : ((((v - 1) % 4) + 1) as StageId);
		});
		targets[area.id] = ((((ai + 1) * seed) % 4) + 1) as StageId;
	});
	return { answers, targets };
}

async function openRoundWithLink() {
	const owner = await signUp('owner');
	const orgId = await createOrg(owner);
	const departmentId = await addDepartment(owner, orgId, unique('Sales'));
	const roundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, roundId, 'open');
	const linkToken = await createLink(owner, orgId, roundId, departmentId);
	return { owner, orgId, departmentId, roundId, linkToken, model: modelOfRound(roundId) };
}

describe('a round from set-up to results', () => {
	it('scores three anonymous respondents and a member exactly as the domain functions do', async () => {
		const owner = await signUp('owner');
		const orgId = await createOrg(owner, unique('Acme'));
		const departmentName = unique('Support');
		const departmentId = await addDepartment(owner, orgId, departmentName);

		const roundId = await createRound(owner, orgId, 3);
		const stored = db
			.prepare('select status, anonymity_threshold from rounds where id = ?')
			.get(roundId) as { status: string; anonymity_threshold: number };
		expect(stored).toEqual({ status: 'draft', anonymity_threshold: 3 });

		await setStatus(owner, orgId, roundId, 'open');
		expect(
			(db.prepare('select status from rounds where id = ?').get(roundId) as { status: string })
				.status
		).toBe('open');
		const linkToken = await createLink(owner, orgId, roundId, departmentId);
		const model = modelOfRound(roundId);

		// The join page says where the link leads, without an account.
		const joinPage = await new Client(baseURL).get(`/join/${linkToken}`);
		expect(joinPage.status).toBe(200);
		expect(await joinPage.text()).toContain(departmentName);

		const inputs: ResponseInput[] = [];
		const respondents: Array<{ client: Client; token: string; input: ResponseInput }> = [];
		for (let seed = 1; seed <= 3; seed++) {
			const respondent = await join(linkToken);
			expect(respondent.client.cookie('cx_session')).toBeUndefined();
			const input = answersFor(model, seed);
			await answerAll(respondent.token, input);
			// Not submitted yet: the personal results wait for the review.
			const early = await respondent.client.get(`/answer/${respondent.token}/results`);
			expect(early.status).toBe(303);
			expect(early.headers.get('location')).toBe(`/answer/${respondent.token}/review`);
			await submit(respondent.client, respondent.token);
			inputs.push(input);
			respondents.push({ ...respondent, input });

			const id = responseId(respondent.token);
			const row = db
				.prepare('select status, user_id, department_id from responses where id = ?')
				.get(id);
			expect(row).toEqual({ status: 'submitted', user_id: null, department_id: departmentId });
		}

		const member = await inviteAndAccept(owner, orgId, 'member');
		const start = await member.post(`/o/${orgId}/rounds/${roundId}?/answer`);
		const memberToken = fromLocation(start, /^\/answer\/([a-z0-9]+)$/);
		const memberInput = answersFor(model, 4);
		await answerAll(memberToken, memberInput);
		await submit(member, memberToken);
		inputs.push(memberInput);
		const memberRow = db
			.prepare('select user_id is not null as has_user, status from responses where id = ?')
			.get(responseId(memberToken));
		expect(memberRow).toEqual({ has_user: 1, status: 'submitted' });

		// Everything stored is exactly what was sent.
		for (const { token, input } of respondents) {
			const rows = db
				.prepare('select question_id, level from answers where response_id = ?')
				.all(responseId(token)) as Array<{ question_id: string; level: number | null }>;
			expect(Object.fromEntries(rows.map((r) => [r.question_id, r.level]))).toEqual(input.answers);
		}

		const team = resultsView(model, teamResults(model, inputs), 'en');
		const res = await owner.get(`/o/${orgId}/rounds/${roundId}/results`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Combined results of 4 submitted responses.');
		expectResultsPage(html, team, true);

		// A member sees the same team results.
		expectResultsPage(
			await (await member.get(`/o/${orgId}/rounds/${roundId}/results`)).text(),
			team,
			true
		);

		for (const { client, token, input } of respondents) {
			const own = await client.get(`/answer/${token}/results`);
			expect(own.status).toBe(200);
			expectResultsPage(
				await own.text(),
				resultsView(model, personalResults(model, input), 'en'),
				false
			);
		}
		const memberOwn = await member.get(`/answer/${memberToken}/results`);
		expectResultsPage(
			await memberOwn.text(),
			resultsView(model, personalResults(model, memberInput), 'en'),
			false
		);
	});

	it('shows no team numbers until the threshold is met', async () => {
		const { owner, orgId, roundId, linkToken, model } = await openRoundWithLink();
		for (let seed = 1; seed <= 2; seed++) {
			const { client, token } = await join(linkToken);
			await answerAll(token, answersFor(model, seed));
			await submit(client, token);
		}
		const html = await (await owner.get(`/o/${orgId}/rounds/${roundId}/results`)).text();
		expect(html).toContain('Results appear when at least 3 people have submitted; 2 have so far.');
		expect(html).not.toMatch(/Score \d+ of 100/);
	});

	it('saves answers from the form that works without JavaScript and moves to the next step', async () => {
		const { linkToken, model } = await openRoundWithLink();
		const { client, token } = await join(linkToken);
		const [first, second] = model.areas[0]!.questions;
		const res = await client.post(`/answer/${token}/step/1`, {
			[`q:${first!.id}`]: '3',
			[`note:${first!.id}`]: 'Seen in the Q3 survey',
			[`q:${second!.id}`]: 'dk',
			target: '4',
			go: 'next'
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/answer/${token}/step/2`);
		const id = responseId(token);
		expect(answerRows(id, first!.id)).toEqual([
			{ question_id: first!.id, level: 3, note: 'Seen in the Q3 survey' }
		]);
		expect(answerRows(id, second!.id)).toEqual([
			{ question_id: second!.id, level: null, note: null }
		]);
		expect(
			db
				.prepare('select stage from targets where response_id = ? and area_id = ?')
				.get(id, model.areas[0]!.id)
		).toEqual({ stage: 4 });
	});
});

describe('autosave', () => {
	it('stores the same save twice as one row in the same state', async () => {
		const { linkToken, model } = await openRoundWithLink();
		const { token } = await join(linkToken);
		const id = responseId(token);
		const questionId = model.areas[1]!.questions[0]!.id;
		const body = { kind: 'answer', questionId, level: 2, note: 'Evidence A' };
		await saveOk(token, body);
		const once = answerRows(id, questionId);
		await saveOk(token, body);
		expect(answerRows(id, questionId)).toEqual(once);
		expect(once).toEqual([{ question_id: questionId, level: 2, note: 'Evidence A' }]);
		const targetBody = { kind: 'target', areaId: model.areas[1]!.id, stage: 3 };
		await saveOk(token, targetBody);
		await saveOk(token, targetBody);
		expect(db.prepare('select area_id, stage from targets where response_id = ?').all(id)).toEqual([
			{ area_id: model.areas[1]!.id, stage: 3 }
		]);
	});

	it('keeps the last value when a save is retried after a different one', async () => {
		const { linkToken, model } = await openRoundWithLink();
		const { token } = await join(linkToken);
		const id = responseId(token);
		const questionId = model.areas[0]!.questions[0]!.id;
		await saveOk(token, { kind: 'answer', questionId, level: 2 });
		await saveOk(token, { kind: 'answer', questionId, level: 4 });
		await saveOk(token, { kind: 'answer', questionId, level: 4 });
		expect(answerRows(id, questionId)).toEqual([{ question_id: questionId, level: 4, note: null }]);
		await saveOk(token, { kind: 'answer', questionId, level: 1 });
		expect(answerRows(id, questionId).map((r) => r.level)).toEqual([1]);
	});

	it("stores level null as don't know, and shows it checked after a reload", async () => {
		const { linkToken, model } = await openRoundWithLink();
		const { client, token } = await join(linkToken);
		const id = responseId(token);
		const [a, b] = model.areas[2]!.questions;
		await saveOk(token, { kind: 'answer', questionId: a!.id, level: null });
		await saveOk(token, { kind: 'answer', questionId: b!.id, level: 3 });
		await saveOk(token, { kind: 'target', areaId: model.areas[2]!.id, stage: 4 });
		expect(answerRows(id, a!.id)).toEqual([{ question_id: a!.id, level: null, note: null }]);

		const page = await client.get(`/answer/${token}/step/3`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(checkedValues(html, `q:${a!.id}`)).toEqual(['dk']);
		expect(checkedValues(html, `q:${b!.id}`)).toEqual(['3']);
		expect(checkedValues(html, 'target')).toEqual(['4']);
		// An unanswered question has nothing checked.
		const c = model.areas[2]!.questions[2];
		if (c) expect(checkedValues(html, `q:${c.id}`)).toEqual([]);
	});

	it('clears an answer, and clearing twice is harmless', async () => {
		const { linkToken, model } = await openRoundWithLink();
		const respondent = await join(linkToken);
		const id = responseId(respondent.token);
		const questionId = model.areas[0]!.questions[1]!.id;
		await saveOk(respondent.token, { kind: 'answer', questionId, level: 3, note: 'gone soon' });
		await saveOk(respondent.token, { kind: 'clear', questionId });
		expect(answerRows(id, questionId)).toEqual([]);
		await saveOk(respondent.token, { kind: 'clear', questionId });
		expect(answerRows(id, questionId)).toEqual([]);
		const html = await (await respondent.client.get(`/answer/${respondent.token}/step/1`)).text();
		expect(checkedValues(html, `q:${questionId}`)).toEqual([]);
	});

	it('saves a note with its answer, and a later answer without a note keeps it', async () => {
		const { linkToken, model } = await openRoundWithLink();
		const { client, token } = await join(linkToken);
		const id = responseId(token);
		const questionId = model.areas[0]!.questions[0]!.id;
		await saveOk(token, { kind: 'answer', questionId, level: 2, note: '  NPS report, May  ' });
		expect(answerRows(id, questionId)).toEqual([
			{ question_id: questionId, level: 2, note: 'NPS report, May' }
		]);
		await saveOk(token, { kind: 'answer', questionId, level: 3 });
		expect(answerRows(id, questionId)[0]).toMatchObject({ level: 3, note: 'NPS report, May' });
		await saveOk(token, { kind: 'note', questionId, note: 'Board minutes' });
		expect(answerRows(id, questionId)[0]).toMatchObject({ level: 3, note: 'Board minutes' });
		const html = await (await client.get(`/answer/${token}/step/1`)).text();
		expect(html).toContain('Board minutes</textarea>');
		await saveOk(token, { kind: 'note', questionId, note: '' });
		expect(answerRows(id, questionId)[0]).toMatchObject({ level: 3, note: null });
	});

	it('refuses a note for a question without an answer with 409, storing nothing', async () => {
		const { linkToken, model } = await openRoundWithLink();
		const { token } = await join(linkToken);
		const id = responseId(token);
		const questionId = model.areas[3]!.questions[0]!.id;
		const res = await save(token, { kind: 'note', questionId, note: 'Orphan note' });
		expect(res.status).toBe(409);
		expect(await res.json()).toEqual({
			ok: false,
			message: 'Choose an answer before adding a note.'
		});
		expect(db.prepare('select count(*) as n from answers where response_id = ?').get(id)).toEqual({
			n: 0
		});
	});

	it('removes a target saved as null', async () => {
		const { linkToken, model } = await openRoundWithLink();
		const { token } = await join(linkToken);
		const id = responseId(token);
		const areaId = model.areas[0]!.id;
		await saveOk(token, { kind: 'target', areaId, stage: 2 });
		await saveOk(token, { kind: 'target', areaId, stage: null });
		expect(db.prepare('select * from targets where response_id = ?').all(id)).toEqual([]);
	});
});
