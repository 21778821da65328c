/**
 * The round dashboard over HTTP on a real SQLite file: departments with response rates and hidden
 * small groups, filters in the address (including another organisation's ids), the stored sums
 * staying equal to sums recomputed from every answer while submitted answers change, and the
 * anonymised exports (who may download them, no personal data, hidden groups stay hidden).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDefaultModelFile } from '../../src/lib/server/db/models';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { loadRoundSums, rebuildRoundSums } from '../../src/lib/server/db/round-sums';
import type { StageId } from '../../src/lib/domain/model';
import {
	addDepartment,
	answerAll,
	createOrg,
	createRound,
	inviteAndAccept,
	join,
	linkTokens,
	saveOk,
	signUp,
	submit,
	testDb,
	unique
} from '../support/flow';
import type { Client } from '../support/http';
import { expectStoredSumsEqualRecomputed, roundWithModel, sortedSums } from '../support/round-sums';

const model = loadDefaultModelFile();
const questions = model.areas.flatMap((a) => a.questions.map((q) => q.id));
const answersAt = (level: StageId, skip = 0) => ({
	answers: Object.fromEntries(questions.slice(skip).map((q) => [q, level])) as Record<
		string,
		StageId
	>,
	targets: { [model.areas[0]!.id]: 4 as StageId }
});

let owner: Client;
let orgId: string;
let roundId: string;
let departments: Record<'large' | 'middle' | 'small', string>;
const names = { large: 'Grande Vânzări', middle: 'Средний отдел', small: 'Tiny <b>team</b>' };
const tokens: string[] = [];
let opened: OpenedDatabase;
let large: string;

async function linkFor(departmentId: string, invited = '') {
	const page = `/o/${orgId}/rounds/${roundId}`;
	const before = linkTokens(await (await owner.get(page)).text());
	const res = await owner.post(`${page}?/createLink`, { departmentId, roleLevelId: '', invited });
	expect(res.status).toBe(200);
	return [...linkTokens(await (await owner.get(page)).text())].find((t) => !before.has(t))!;
}

async function respond(link: string, level: StageId, skip = 0) {
	const { client, token } = await join(link);
	await answerAll(token, answersAt(level, skip));
	await submit(client, token);
	tokens.push(token);
}

beforeAll(async () => {
	owner = await signUp('dashboard-owner');
	orgId = await createOrg(owner);
	departments = {
		large: await addDepartment(owner, orgId, names.large),
		middle: await addDepartment(owner, orgId, names.middle),
		small: await addDepartment(owner, orgId, names.small)
	};
	roundId = await createRound(owner, orgId, 3);
	await owner.post(`/o/${orgId}/rounds/${roundId}?/setStatus`, { status: 'open' });
	large = await linkFor(departments.large, '10');
	const middle = await linkFor(departments.middle);
	const small = await linkFor(departments.small);
	for (const level of [2, 3, 3, 4] as const) await respond(large, level);
	for (const level of [1, 2, 2] as const) await respond(middle, level, 5);
	await respond(small, 1);
	opened = await openDatabase(inject('databasePath'));
}, 120_000);

afterAll(async () => {
	await opened?.close();
});

const results = (query = '') => owner.get(`/o/${orgId}/rounds/${roundId}/results${query}`);
/** The text of the heatmap row of a department (HTML-escaped name). */
const rowOf = (html: string, name: string) => {
	const escaped = name.replace(/</g, '&lt;');
	const start = html.indexOf(`<th scope="row">${escaped}</th>`);
	expect(start, name).toBeGreaterThan(-1);
	return html.slice(start, html.indexOf('</tr>', start));
};

describe('departments on the dashboard (threshold 3: departments of 4, 3 and 1)', () => {
	it('shows the large department with its response rate; the small one and the next smallest are hidden', async () => {
		const html = await (await results()).text();
		const largeRow = rowOf(html, names.large);
		expect(largeRow).toContain('40%'); // 4 of the 10 people the link went to
		expect(largeRow.match(/class="cell[ "]/g)).toHaveLength(model.areas.length);
		for (const name of [names.small, names.middle]) {
			const row = rowOf(html, name);
			expect(row).toMatch(/Fewer than 3 responses|cannot be worked out/);
			expect(row).not.toMatch(/class="cell[ "]/);
		}
		// The HTML in a department's name is shown as text, never as markup.
		expect(html).not.toContain('<b>team</b>');
		// A hidden group's count is not sent to the browser either.
		expect(html).not.toMatch(/"count":1[,}]/);
	});

	it('keeps a filter in the address; a hidden department shows nothing; foreign ids are dropped', async () => {
		const filtered = await (await results(`?department=${departments.large}`)).text();
		expect(filtered).toContain('Showing 4 responses that match the filter');
		expect(filtered).toContain('Overall stage');

		const hidden = await (await results(`?department=${departments.small}`)).text();
		expect(hidden).not.toContain('Overall stage');
		expect(hidden).toMatch(/Fewer than 3 responses: hidden to protect anonymity/);

		const stranger = await signUp('dashboard-stranger');
		const otherOrg = await createOrg(stranger);
		const foreign = await addDepartment(stranger, otherOrg, unique('Foreign'));
		const dropped = await (await results(`?department=${foreign}&role=%3Cscript%3E`)).text();
		expect(dropped).toContain('is not part of this organisation');
		expect(dropped).toContain('Overall stage'); // the whole round, as without a filter
		expect((await stranger.get(`/o/${orgId}/rounds/${roundId}/results`)).status).toBe(404);
	});
});

describe('evidence notes', () => {
	it('are shown for a group of at least twice the threshold, never for a smaller one', async () => {
		const note = 'We read complaints only once a month – Жалбите се четат веднъж месечно';
		await saveOk(tokens[0]!, { kind: 'note', questionId: questions[3], note });
		const whole = await (await results()).text(); // 8 responses ≥ 2 × 3
		expect(whole).toContain('Жалбите се четат веднъж месечно');
		const large = await (await results(`?department=${departments.large}`)).text(); // 4 < 6
		expect(large).toContain('Notes are shown only for groups of at least 6 responses');
		expect(large).not.toContain('Жалбите');
	});
});

describe('the stored sums', () => {
	const expectStoredEqualsRecomputed = () => expectStoredSumsEqualRecomputed(opened.db, roundId);

	it('equal the sums recomputed from every answer, and stay equal while submitted answers change', async () => {
		await expectStoredEqualsRecomputed();
		const [first, second] = tokens;
		await saveOk(first!, { kind: 'answer', questionId: questions[0], level: 1 });
		await saveOk(first!, { kind: 'answer', questionId: questions[1], level: null });
		await saveOk(second!, { kind: 'clear', questionId: questions[2] });
		await saveOk(second!, { kind: 'target', areaId: model.areas[1]!.id, stage: 2 });
		await saveOk(second!, { kind: 'target', areaId: model.areas[0]!.id, stage: null });
		await expectStoredEqualsRecomputed();
		// A draft contributes nothing until it is submitted.
		const { client, token } = await join(large);
		await answerAll(token, answersAt(4));
		const before = await loadRoundSums(opened.db, roundWithModel(roundId));
		expect(before.cells.reduce((n, c) => n + c.responses, 0)).toBe(8);
		await submit(client, token);
		await submit(client, token); // submitting twice counts once
		const after = await loadRoundSums(opened.db, roundWithModel(roundId));
		expect(after.cells.reduce((n, c) => n + c.responses, 0)).toBe(9);
		await expectStoredEqualsRecomputed();
	});

	it('are rebuilt from every answer to what was kept response by response', async () => {
		const round = roundWithModel(roundId);
		const kept = await loadRoundSums(opened.db, round);
		// Sums lost (a repair's starting point): the rebuild brings them back whole.
		await opened.db.deleteFrom('round_area_sums').where('round_id', '=', roundId).execute();
		await opened.db
			.updateTable('round_question_counts')
			.set({ level_1: 0 })
			.where('round_id', '=', roundId)
			.execute();
		await rebuildRoundSums(opened.db, round);
		expect(sortedSums(await loadRoundSums(opened.db, round))).toEqual(sortedSums(kept));
		await expectStoredEqualsRecomputed();
	});
});

describe('exports', () => {
	const path = (file: string) => `/o/${orgId}/rounds/${roundId}/export/${file}`;

	it('responses as CSV: UTF-8 with BOM, no personal data, hidden departments left blank', async () => {
		const res = await owner.get(path('responses.csv'));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"/);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = new TextDecoder().decode(bytes);
		expect(csv).toContain(names.large); // Romanian letters intact
		expect(csv).not.toContain(names.middle);
		expect(csv).not.toContain('Tiny');
		const ids = testDb()
			.prepare('select id, resume_token_hash, link_token from responses where round_id = ?')
			.all(roundId) as Array<Record<string, string | null>>;
		for (const row of ids)
			for (const value of Object.values(row)) if (value) expect(csv).not.toContain(value);
		expect(csv).not.toMatch(/@example\.com/);
		const lines = csv.slice(1).trim().split('\r\n');
		expect(lines).toHaveLength(1 + 9);
	});

	it('responses as JSON and scores as CSV keep the same groups hidden', async () => {
		const json = (await (await owner.get(path('responses.json'))).json()) as {
			responses: Array<{ department: string | null; answers: Record<string, number | null> }>;
		};
		expect(new Set(json.responses.map((r) => r.department))).toEqual(new Set([names.large, null]));
		const scores = await (await owner.get(path('scores.csv'))).text();
		const small = scores
			.split('\r\n')
			.filter((l) => l.includes('Tiny') || l.includes(names.middle));
		expect(small).toHaveLength(2);
		for (const line of small)
			expect(line).toMatch(/,"fewer than 3 responses, or hidden to protect a smaller group",+$/);
	});

	it('only owners and facilitators may export; outsiders get 404; unknown files 404', async () => {
		const member = await inviteAndAccept(owner, orgId, 'member');
		expect((await member.get(path('scores.csv'))).status).toBe(403);
		const outsider = await signUp('export-outsider');
		expect((await outsider.get(path('scores.csv'))).status).toBe(404);
		expect((await owner.get(path('passwords.csv'))).status).toBe(404);
		const facilitator = await inviteAndAccept(owner, orgId, 'facilitator');
		expect((await facilitator.get(path('responses.json'))).status).toBe(200);
	});

	it('a round under its threshold exports nothing', async () => {
		const empty = await createRound(owner, orgId, 3);
		const res = await owner.get(`/o/${orgId}/rounds/${empty}/export/responses.csv`);
		expect(res.status).toBe(409);
	});
});

describe('response links with an invited count', () => {
	it.each(['abc', '0', '-4', '100001', '<script>', '1.5'])(
		'refuses %j and creates no link',
		async (invited) => {
			const page = `/o/${orgId}/rounds/${roundId}`;
			const before = linkTokens(await (await owner.get(page)).text()).size;
			const res = await owner.action(`${page}?/createLink`, {
				departmentId: departments.large,
				roleLevelId: '',
				invited
			});
			expect(res.type).toBe('failure');
			expect(JSON.stringify(res.data)).toContain('whole number from 1 to 100,000');
			expect(linkTokens(await (await owner.get(page)).text()).size).toBe(before);
		}
	);

	it('changes the number later; the response rate follows; bad values change nothing', async () => {
		const page = `/o/${orgId}/rounds/${roundId}`;
		const ok = await owner.action(`${page}?/setInvited`, { token: large, invited: '20' });
		expect(ok.type).toBe('success');
		// 5 responses from the large department by now (one more was submitted above).
		expect(rowOf(await (await results()).text(), names.large)).toContain('25%');
		const bad = await owner.action(`${page}?/setInvited`, { token: large, invited: '2e3' });
		expect(bad.type).toBe('failure');
		const unknown = await owner.action(`${page}?/setInvited`, {
			token: 'a'.repeat(32),
			invited: '5'
		});
		expect(unknown).toMatchObject({ type: 'failure', status: 404 });
		const row = testDb()
			.prepare('select invited from response_links where token = ?')
			.get(large) as { invited: number };
		expect(row.invited).toBe(20);
	});
});
