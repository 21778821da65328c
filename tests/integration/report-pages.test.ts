/**
 * The PDF's pages, as the built app serves them: one respondent's report, a small team round (nine
 * responses over three departments) and the demo organisation's two rounds (hundreds of responses
 * over twelve departments; the latest with a workshop record), in English and the longer languages.
 * No page but the cover, the contents and the last may be near-empty (under 15 % of the fullest
 * page's text: a heading or a last recommendation alone on a page), and no line may end cut with
 * "…" or cut a number ("33 of 1…"). The PDFs are kept in artifacts/pdf/ to look at.
 *
 * Also the results page's "Where the team disagrees": a bar per question whose visible counts are
 * the counts a screen reader hears ("Level 1: 3"), and nothing of it for a group under the threshold.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemo, type DemoSummary } from '../../scripts/demo';
import { HORIZONS, type StageId } from '../../src/lib/domain/model';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { insertSubmittedResponses } from '../../src/lib/server/db/bulk';
import { getModel } from '../../src/lib/server/db/models';
import { m } from '../../src/lib/paraglide/messages';
import {
	addDepartment,
	answerAll,
	createLink,
	createOrg,
	createRound,
	join,
	setStatus,
	signUp,
	submit,
	testDb
} from '../support/flow';
import { Client } from '../support/http';
import { pdfPages } from '../support/pdf';

const baseURL = inject('baseURL');
const ARTIFACTS = joinPath(process.cwd(), 'artifacts', 'pdf');

let opened: OpenedDatabase;
let demo: DemoSummary;
let demoOwner: Client;
let owner: Client;
let orgId = '';
let smallRoundId = '';
let flatRoundId = '';
let respondent: { client: Client; token: string };

/** A page holding less than this share of the fullest page's text is near-empty. */
const NEAR_EMPTY = 0.15;

type Locale = 'en' | 'bg' | 'ru' | 'ro' | 'uk';

/** The report's headings: each must stay with what follows it, never end a page. */
const headings = (locale: Locale) => {
	const o = { locale };
	return new Set<string>([
		m.pdf_chart_title({}, o),
		m.pdf_quick_wins({}, o),
		m.pdf_groups_departments({}, o),
		m.pdf_groups_roles({}, o),
		m.workshop_record_areas_title({}, o),
		m.workshop_record_agreed_title({}, o),
		m.workshop_record_disagreed_title({}, o),
		m.workshop_record_changed_title({}, o),
		m.workshop_record_skipped_title({}, o),
		m.pdf_stage_means({}, o),
		m.pdf_spread_title({}, o),
		m.pdf_disputed_title({}, o),
		m.pdf_area_recs({}, o),
		...HORIZONS.map((days) => m.pdf_horizon({ days }, o)),
		m.pdf_method_stages_list({}, o)
	]);
};

/**
 * Why the pages fail: near-empty pages (but the cover, the contents and the last), a heading as the
 * last line of a page, and cut lines. A page's text ends with the running header and footer.
 */
function pageProblems(pages: readonly string[], locale: Locale): string[] {
	const titles = headings(locale);
	const lengths = pages.map((p) => p.replace(/\s+/g, '').length);
	const full = Math.max(...lengths);
	const problems: string[] = [];
	lengths.forEach((length, i) => {
		if (i < 2 || i === pages.length - 1) return;
		if (length < NEAR_EMPTY * full)
			problems.push(`page ${i + 1} of ${pages.length} is near-empty (${length} of ${full})`);
	});
	pages.forEach((text, i) => {
		const lines = text.split('\n').filter((line) => line.trim() !== '');
		const last = lines[lines.length - 3]?.trim() ?? '';
		if (i > 0 && titles.has(last)) problems.push(`page ${i + 1} ends with the heading "${last}"`);
		for (const line of lines)
			if (/…\s*$/.test(line) || /\d\s*…/.test(line))
				problems.push(`page ${i + 1}: a line is cut: "${line.trim()}"`);
	});
	return problems;
}

async function pdf(res: Response, name: string): Promise<string[]> {
	expect(res.status, await res.clone().text()).toBe(200);
	expect(res.headers.get('content-type')).toBe('application/pdf');
	const bytes = new Uint8Array(await res.arrayBuffer());
	mkdirSync(ARTIFACTS, { recursive: true });
	writeFileSync(joinPath(ARTIFACTS, `pages-${name}.pdf`), bytes);
	return pdfPages(bytes);
}

async function signInDemo(): Promise<Client> {
	const client = new Client(baseURL);
	const res = await client.post('/signin', { email: demo.email, password: demo.password });
	expect(res.status).toBe(303);
	return client;
}

beforeAll(async () => {
	opened = await openDatabase(inject('databasePath'));
	demo = await seedDemo(opened);
	demoOwner = await signInDemo();

	// A small team round: nine responses over three departments, loaded as they would be stored.
	owner = await signUp('owner');
	orgId = await createOrg(owner);
	const departments = [
		await addDepartment(owner, orgId, 'Sales'),
		await addDepartment(owner, orgId, 'Customer service'),
		await addDepartment(owner, orgId, 'Billing and payments')
	];
	smallRoundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, smallRoundId, 'open');
	const modelId = (
		testDb().prepare('select model_id from rounds where id = ?').get(smallRoundId) as {
			model_id: string;
		}
	).model_id;
	const model = (await getModel(opened.db, modelId))!.model;
	await insertSubmittedResponses(
		opened,
		{ id: smallRoundId, modelId },
		Array.from({ length: 9 }, (_, r) => ({
			departmentId: departments[r % 3]!,
			roleLevelId: null,
			answers: Object.fromEntries(
				model.areas.flatMap((area, a) =>
					area.questions.map((q, i) => [
						q.id,
						(r + i) % 7 === 0 ? null : (((((a + i) * 3 + r * (i + 1)) % 4) + 1) as StageId)
					])
				)
			),
			targets: Object.fromEntries(model.areas.map((area) => [area.id, 3 as StageId])),
			submittedAt: new Date().toISOString()
		})),
		{ rebuildSums: true }
	);

	// The same nine answers in a round of an organisation without departments or role levels.
	flatRoundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, flatRoundId, 'open');
	await insertSubmittedResponses(
		opened,
		{ id: flatRoundId, modelId },
		Array.from({ length: 9 }, (_, r) => ({
			departmentId: null,
			roleLevelId: null,
			answers: Object.fromEntries(
				model.areas.flatMap((area, a) =>
					area.questions.map((q, i) => [
						q.id,
						(r + i) % 5 === 0 ? null : (((((a + i) * 3 + r * (i + 2)) % 4) + 1) as StageId)
					])
				)
			),
			targets: Object.fromEntries(model.areas.map((area) => [area.id, 3 as StageId])),
			submittedAt: new Date().toISOString()
		})),
		{ rebuildSums: true }
	);

	// One respondent answers the small round through the app and reads their own report.
	respondent = await join(await createLink(owner, orgId, smallRoundId, departments[0]!));
	await answerAll(respondent.token, {
		answers: Object.fromEntries(
			model.areas.flatMap((area, a) =>
				area.questions.map((q, i) => [q.id, (((a + i) % 4) + 1) as StageId])
			)
		),
		targets: Object.fromEntries(model.areas.map((area) => [area.id, 4 as StageId]))
	});
	await submit(respondent.client, respondent.token);
}, 180_000);

afterAll(async () => {
	await opened?.close();
});

describe('the PDF has no near-empty page and no cut line', () => {
	it.each(['en', 'ru', 'ro'] as const)('for one respondent (%s)', async (locale) => {
		respondent.client.cookies.set('PARAGLIDE_LOCALE', locale);
		const pages = await pdf(
			await respondent.client.get(`/answer/${respondent.token}/report.pdf`),
			`respondent-${locale}`
		);
		expect(pages.length).toBeGreaterThan(10);
		expect(pageProblems(pages, locale)).toEqual([]);
	});

	it.each(['en', 'ru'] as const)(
		'for a team round of nine over three departments (%s)',
		async (locale) => {
			const pages = await pdf(
				await owner.get(`/o/${orgId}/rounds/${smallRoundId}/report.pdf?language=${locale}`),
				`team-${locale}`
			);
			// The comparison across departments is there.
			expect(pages.join(' ').replace(/\s+/g, ' ')).toContain('Customer service');
			expect(pageProblems(pages, locale)).toEqual([]);
		}
	);

	it.each(['en', 'uk'] as const)(
		'for a team round with no departments or role levels: no comparison section, no near-empty page (%s)',
		async (locale) => {
			const pages = await pdf(
				await owner.get(`/o/${orgId}/rounds/${flatRoundId}/report.pdf?language=${locale}`),
				`team-flat-${locale}`
			);
			const text = pages.join(' ').replace(/\s+/g, ' ');
			// One "No department" row is the round's own result again: nothing to compare.
			expect(text).not.toContain(m.pdf_groups_title({}, { locale }));
			expect(pageProblems(pages, locale)).toEqual([]);
			// Every page but the cover holds more than a few lines besides its header and footer.
			pages.slice(1).forEach((page, i) => {
				const lines = page.split('\n').filter((line) => line.trim() !== '');
				expect(lines.length, `page ${i + 2}: ${lines.join(' | ')}`).toBeGreaterThanOrEqual(10);
			});
		}
	);

	it.each(['en', 'bg', 'ru', 'ro', 'uk'] as const)(
		"for the demo's rounds, the latest with its workshop record (%s)",
		async (locale) => {
			for (const [i, round] of demo.rounds.entries()) {
				const pages = await pdf(
					await demoOwner.get(
						`/o/${demo.organisationId}/rounds/${round.id}/report.pdf?language=${locale}`
					),
					`demo-${i + 1}-${locale}`
				);
				// The latest round's report has its workshop record; the baseline's has none.
				const record = m.workshop_record_title({}, { locale });
				expect(pages.some((page) => page.includes(record))).toBe(
					round.id === demo.workshop.roundId
				);
				expect(pageProblems(pages, locale), `${round.name}`).toEqual([]);
			}
		},
		60_000
	);
});

describe('where the team disagrees, on the results page', () => {
	const section = (html: string) => {
		const start = html.indexOf('aria-labelledby="disputed-title"');
		expect(start).toBeGreaterThan(-1);
		return html.slice(start, html.indexOf('</section>', start));
	};

	it('shows each disputed question as a bar whose counts a screen reader hears as a list', async () => {
		const latest = demo.rounds[demo.rounds.length - 1]!;
		const html = await (
			await demoOwner.get(`/o/${demo.organisationId}/rounds/${latest.id}/results`)
		).text();
		const questions = section(html).split('<div class="distribution').slice(1);
		expect(questions.length).toBeGreaterThan(0);
		for (const question of questions) {
			const bar = /<div class="bar[^"]*" aria-hidden="true">([\s\S]*?)<\/div>/.exec(question)?.[1];
			expect(bar).toBeDefined();
			const shown = [...bar!.matchAll(/<span class="count[^"]*">(\d+)<\/span>/g)].map((x) =>
				Number(x[1])
			);
			const heard = [...question.matchAll(/<li[^>]*>Level (\d): (\d+)<\/li>/g)].map((x) => [
				Number(x[1]),
				Number(x[2])
			]);
			expect(heard.map(([level]) => level)).toEqual([1, 2, 3, 4]);
			const dontKnow = Number(/<li[^>]*>Don't know: (\d+)<\/li>/.exec(question)?.[1] ?? 0);
			// The bar shows the non-zero counts, in level order, then "don't know".
			expect(shown).toEqual([
				...heard.map(([, count]) => count!).filter((count) => count > 0),
				...(dontKnow > 0 ? [dontKnow] : [])
			]);
			expect(question).not.toMatch(/\d+ ×/);
		}
		expect(section(html)).not.toMatch(/\d+ ×/);
	});

	it('shows no counts for a department under the threshold', async () => {
		const latest = demo.rounds[demo.rounds.length - 1]!;
		const small = demo.smallDepartments[0]!;
		const id = (
			testDb()
				.prepare('select id from departments where organisation_id = ? and name = ?')
				.get(demo.organisationId, small) as { id: string }
		).id;
		const html = await (
			await demoOwner.get(`/o/${demo.organisationId}/rounds/${latest.id}/results?department=${id}`)
		).text();
		expect(html).not.toContain('aria-labelledby="disputed-title"');
		expect(html).not.toMatch(/<li[^>]*>Level \d: \d+<\/li>/);
	});
});
