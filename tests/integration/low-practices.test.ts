/**
 * An area names a practice two or more stages below it (docs/scoring.md rule 24c) in the running
 * app: respondents who answer every question 4 and complaint handling (`voc-complaints`) 1 put
 * customer feedback at stage 3 (mean 3.4, half up) with complaint handling at stage 1. The personal
 * and team results pages, both PDFs, the API and scores.csv name it on the area; a selection whose
 * figures are withheld (a department under the threshold, a round under it) carries nothing of it,
 * in the page or in its `__data.json`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedModel } from '../../src/lib/server/db/models';
import {
	addDepartment,
	answersAt,
	createLink,
	createOrg,
	createRound,
	setStatus,
	signUp,
	submitSame
} from '../support/flow';
import type { Client } from '../support/http';
import { pdfText } from '../support/pdf';
import { dataNodes, fetchPageData } from '../support/page-data';

const model = loadShippedModel('1.1.0');
const QUESTION = 'How are complaints handled?';
const LINE = `Includes a practice two or more stages below the area: "${QUESTION}" (stage 1).`;
const complaints = model.areas.flatMap((a) => a.questions).find((q) => q.id === 'voc-complaints')!;

/** Every question answered 4, complaint handling 1. */
const answers = answersAt(model, 4, { [complaints.id]: 1 });

/** Submits `count` responses through a new link (of a department, when given); the last one. */
async function respond(owner: Client, orgId: string, roundId: string, count: number, dep = '') {
	return submitSame(owner, await createLink(owner, orgId, roundId, dep), count, answers);
}

/** The visible texts of the page's low-practice lines, entities decoded. */
const lines = (html: string) =>
	[...html.matchAll(/<p class="small low-practice[^"]*">([\s\S]*?)<\/p>/g)].map((m) =>
		m[1]!
			.replace(/<span class="visually-hidden[^"]*">[\s\S]*?<\/span>/g, '')
			.replace(/<!---->/g, '')
			.replace(/&quot;|&#34;/g, '"')
			.replace(/&#39;/g, "'")
			.replace(/&amp;/g, '&')
			.trim()
	);

const flat = (text: string) => text.replace(/\s+/g, ' ');

let owner: Client;
let orgId = '';
let roundId = '';
let smallRoundId = '';
let departments: { many: string; few: string };
let respondent: { client: Client; token: string };

beforeAll(async () => {
	owner = await signUp('low-owner');
	orgId = await createOrg(owner);
	departments = {
		many: await addDepartment(owner, orgId, 'Service'),
		few: await addDepartment(owner, orgId, 'Legal')
	};
	// Four responses, threshold 3: the round is shown; Legal (one) is under the threshold and
	// Service (three) is hidden with it, so that Legal cannot be worked out by subtraction.
	roundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, roundId, 'open');
	respondent = await respond(owner, orgId, roundId, 3, departments.many);
	await respond(owner, orgId, roundId, 1, departments.few);
	// Two responses, threshold 3: no team results.
	smallRoundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, smallRoundId, 'open');
	await respond(owner, orgId, smallRoundId, 2);
}, 240_000);

describe('a practice two or more stages below its area', () => {
	it('is named on the area of the personal results page and in its data', async () => {
		const { client, token } = respondent;
		const page = await (await client.get(`/answer/${token}/results`)).text();
		expect(lines(page)).toEqual([LINE]);
		const data = await (await client.get(`/answer/${token}/results/__data.json`)).text();
		expect(data).toContain('lowPractices');
		expect(data).toContain('voc-complaints');
	});

	it('is named in the personal PDF', async () => {
		const { client, token } = respondent;
		expect(flat(await pdfText(await client.get(`/answer/${token}/report.pdf`)))).toContain(LINE);
	});

	it('is named on the team results page, in its data and in the team PDF', async () => {
		const base = `/o/${orgId}/rounds/${roundId}`;
		const page = await (await owner.get(`${base}/results`)).text();
		// Once, under customer feedback: no other area has a question two stages below it.
		expect(lines(page)).toEqual([LINE]);
		const data = await (await owner.get(`${base}/results/__data.json`)).text();
		expect(data).toContain('lowPractices');
		expect(flat(await pdfText(await owner.get(`${base}/report.pdf`)))).toContain(LINE);
	});

	it('is in the API’s results and in scores.csv for the shown round only', async () => {
		const res = await owner.post(`/o/${orgId}/api?/create`, { name: 'low practices' });
		expect(res.status).toBe(200);
		const token = /cxm_[a-z2-7]{52}/.exec(await res.text())![0];
		const get = async (path: string) =>
			(await (
				await fetch(new URL(`/api/v1/organisations/${orgId}${path}`, owner.baseURL), {
					headers: { authorization: `Bearer ${token}` }
				})
			).json()) as {
				areas: Array<{ id: string; lowPractices: unknown[] }>;
				groups: { departments: unknown[] };
			};
		const body = await get(`/rounds/${roundId}/results`);
		const byArea = Object.fromEntries(body.areas.map((a) => [a.id, a.lowPractices]));
		expect(byArea['voice-of-customer']).toEqual([
			{ questionId: 'voc-complaints', question: QUESTION, stage: 1 }
		]);
		expect(body.areas.filter((a) => a.lowPractices.length > 0)).toHaveLength(1);
		// Both departments are hidden: no group, so nothing per group either.
		expect(body.groups.departments).toEqual([]);
		const small = await get(`/rounds/${smallRoundId}/results`);
		expect(small.areas).toEqual([]);
		expect(JSON.stringify(small)).not.toContain('lowPractices');

		const csv = await (await owner.get(`/o/${orgId}/rounds/${roundId}/export/scores.csv`)).text();
		const rows = csv.split('\r\n');
		expect(rows[0]).toContain('Practices two or more stages below (question id: stage)');
		const feedback = rows.filter((r) => r.includes(',voice-of-customer,'));
		expect(feedback).toHaveLength(2); // the whole round and the role level "without"
		for (const row of feedback) expect(row.endsWith(',voc-complaints: 1')).toBe(true);
		expect(rows.filter((r) => r.includes('voc-complaints'))).toHaveLength(2);
	});

	it('is not carried where the figures are withheld: a hidden department, a round under its threshold', async () => {
		for (const departmentId of [departments.few, departments.many]) {
			const base = `/o/${orgId}/rounds/${roundId}/results`;
			const page = await (await owner.get(`${base}?department=${departmentId}`)).text();
			expect(lines(page)).toEqual([]);
			expect(page).not.toContain('two or more stages below the area');
			const data = await (await owner.get(`${base}/__data.json?department=${departmentId}`)).text();
			expect(data).not.toContain('lowPractices');
		}
		const small = `/o/${orgId}/rounds/${smallRoundId}`;
		const page = await (await owner.get(`${small}/results`)).text();
		expect(lines(page)).toEqual([]);
		expect(page).not.toContain('two or more stages below the area');
		const data = await (await owner.get(`${small}/results/__data.json`)).text();
		expect(data).not.toContain('lowPractices');
		expect(data).not.toContain(QUESTION);
	});
});

/** The page's data (`__data.json`), decoded: one object per layout and page node. */
async function pageData(client: Client, path: string): Promise<Array<Record<string, unknown>>> {
	const { status, body } = await fetchPageData(client, path);
	expect(status).toBe(200);
	return dataNodes(body!);
}

interface HeatmapRow {
	key: string;
	name: string;
	visible: boolean;
	cells: Array<{ areaId: string; lowPractices: unknown[] }>;
}

describe('the department heatmap', () => {
	let heatmapRoundId = '';
	const names = { low: 'Claims', high: 'Sales', small: 'Audit', smaller: 'Print' };
	const ids: Record<keyof typeof names, string> = { low: '', high: '', small: '', smaller: '' };
	const allFour = answersAt(model, 4);

	beforeAll(async () => {
		for (const key of Object.keys(names) as Array<keyof typeof names>)
			ids[key] = await addDepartment(owner, orgId, names[key]);
		// Threshold 3: Claims (3, complaints at 1) and Sales (3, all 4) are shown; Audit (1) and
		// Print (2) are hidden, together 3, and answered complaints at 1 too.
		heatmapRoundId = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, heatmapRoundId, 'open');
		await respond(owner, orgId, heatmapRoundId, 3, ids.low);
		const link = await createLink(owner, orgId, heatmapRoundId, ids.high);
		await submitSame(owner, link, 3, allFour);
		await respond(owner, orgId, heatmapRoundId, 1, ids.small);
		await respond(owner, orgId, heatmapRoundId, 2, ids.smaller);
	}, 240_000);

	const rowHtml = (html: string, name: string) => {
		const start = html.indexOf(`<th scope="row">${name}</th>`);
		expect(start, name).toBeGreaterThan(-1);
		return html.slice(start, html.indexOf('</tr>', start));
	};

	it('marks a shown department’s area and names the practice; a hidden one carries nothing', async () => {
		const base = `/o/${orgId}/rounds/${heatmapRoundId}/results`;
		const nodes = await pageData(owner, base);
		const page = nodes.find((n) => n.view) as { view: { departments: HeatmapRow[] } };
		const rows = new Map(page.view.departments.map((r) => [r.name, r]));
		const low = rows.get(names.low)!;
		expect(low.visible).toBe(true);
		expect(low.cells.find((c) => c.areaId === 'voice-of-customer')!.lowPractices).toEqual([
			{ id: 'voc-complaints', question: QUESTION, stage: 1 }
		]);
		expect(low.cells.filter((c) => c.lowPractices.length > 0)).toHaveLength(1);
		const high = rows.get(names.high)!;
		expect(high.visible).toBe(true);
		expect(high.cells.every((c) => c.lowPractices.length === 0)).toBe(true);
		for (const name of [names.small, names.smaller]) {
			const hidden = rows.get(name)!;
			expect(hidden).toMatchObject({ visible: false, cells: [], count: null });
			expect(JSON.stringify(hidden)).not.toMatch(/lowPractices|voc-complaints|stage/);
		}

		const html = await (await owner.get(base)).text();
		const lowRow = rowHtml(html, names.low);
		expect(lowRow.match(/class="low-mark[ "]/g)).toHaveLength(1);
		expect(flat(lowRow.replace(/&quot;|&#34;/g, '"'))).toContain(LINE);
		expect(rowHtml(html, names.high)).not.toContain('low-mark');
		for (const name of [names.small, names.smaller]) {
			const hiddenRow = rowHtml(html, name);
			expect(hiddenRow).not.toContain('low-mark');
			expect(hiddenRow).not.toContain('two or more stages below');
		}
		expect(html).toContain('A score marked ▼');
	});

	it('has no heatmap mark or legend when every department is hidden; the role-level lens marks', async () => {
		// The first round: both departments hidden, the one role level ("no role level", all four
		// responses) shown with customer feedback at stage 3 and complaint handling at stage 1.
		const html = await (await owner.get(`/o/${orgId}/rounds/${roundId}/results`)).text();
		const heatmap = html.slice(html.indexOf('class="heatmap'), html.indexOf('id="lens-title"'));
		expect(heatmap.length).toBeGreaterThan(0);
		expect(heatmap).not.toContain('low-mark');
		expect(heatmap).not.toContain('A score marked ▼');
		const lens = html.slice(html.indexOf('id="lens-title"'));
		expect(lens.match(/class="low-mark[ "]/g)).toHaveLength(1);
		expect(lens).toContain('A stage marked ▼');
	});
});
