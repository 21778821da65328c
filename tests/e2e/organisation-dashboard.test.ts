/**
 * The demo organisation (`npm run db:demo`'s data, seeded into the test server's database) in real
 * Chromium: the departments heatmap with a small department hidden, the role-level lens, a filter
 * applied and opened again from its address in a fresh browser, and the scores CSV downloaded and
 * parsed.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemo, type DemoSummary } from '../../scripts/demo';
import { openDatabase } from '../../src/lib/server/db/connection';
import { loadShippedModel } from '../../src/lib/server/db/models';
import { launchBrowser, PHONE, seriousViolations } from '../support/browser';
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

const baseURL = inject('baseURL');
const shots = 'artifacts/screens';
let browser: Browser;
let demo: DemoSummary;

beforeAll(async () => {
	const opened = await openDatabase(inject('databasePath'));
	try {
		demo = await seedDemo(opened);
	} finally {
		await opened.close();
	}
	browser = await launchBrowser();
	mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
	await browser?.close();
});

async function signIn(page: Page) {
	await page.goto(`${baseURL}/signin`, { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(demo.email);
	await page.getByLabel('Password').fill(demo.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL(/\/orgs$/);
}

describe('comparing across the demo organisation', () => {
	const latest = () => demo.rounds[demo.rounds.length - 1]!;
	const resultsUrl = () => `${baseURL}/o/${demo.organisationId}/rounds/${latest().id}/results`;

	it('shows departments × areas with the small departments hidden, and the role-level gaps', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await signIn(page);
		await page.goto(resultsUrl(), { waitUntil: 'networkidle' });

		const heatmap = page.getByRole('table', {
			name: 'Score per department and area, coloured by stage'
		});
		await expect.poll(() => heatmap.isVisible()).toBe(true);
		const customerService = heatmap.getByRole('row', { name: /Customer Service/ });
		expect(await customerService.locator('td.cell').count()).toBe(9);
		expect(demo.smallDepartments.length).toBeGreaterThan(0);
		for (const name of demo.smallDepartments) {
			const row = heatmap.getByRole('row', { name: new RegExp(name) });
			await expect.poll(() => row.textContent()).toMatch(/Fewer than 5 responses/);
			expect(await row.locator('td.cell').count()).toBe(0);
		}
		const gaps = page.getByRole('list', { name: 'Largest perception gaps' });
		await expect
			.poll(() => gaps.textContent())
			.toMatch(/Executive respondents rate .+ higher than/);
		await page.screenshot({ path: `${shots}/dashboard-demo.png`, fullPage: false });
		expect((await seriousViolations(page)).map((v) => v.id)).toEqual([]);
		await context.close();
	});

	it('marks on a phone the cells whose department has a practice two or more stages below the area', async () => {
		// The demo's departments stay near their areas' stages, so an organisation of its own:
		// Claims (3) answers complaint handling 1 and the rest 4, Sales (3) all 4; Audit (1) and
		// Print (2), hidden at threshold 3, answer as Claims does (docs/scoring.md rule 24c).
		const model = loadShippedModel('1.1.0');
		const owner = await signUp('heatmap-owner');
		const orgId = await createOrg(owner);
		const roundId = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, roundId, 'open');
		const low = answersAt(model, 4, { 'voc-complaints': 1 });
		for (const [name, count, answers] of [
			['Claims', 3, low],
			['Sales', 3, answersAt(model, 4)],
			['Audit', 1, low],
			['Print', 2, low]
		] as const) {
			const departmentId = await addDepartment(owner, orgId, name);
			await submitSame(
				owner,
				await createLink(owner, orgId, roundId, departmentId),
				count,
				answers
			);
		}

		const context = await browser.newContext(PHONE);
		await context.addCookies(
			[...owner.cookies].map(([name, value]) => ({ name, value, url: owner.baseURL }))
		);
		const page = await context.newPage();
		await page.goto(`${baseURL}/o/${orgId}/rounds/${roundId}/results`, {
			waitUntil: 'networkidle'
		});
		const heatmap = page.getByRole('table', {
			name: 'Score per department and area, coloured by stage'
		});
		await expect.poll(() => heatmap.isVisible()).toBe(true);
		const marks = heatmap.locator('td.cell .low-mark');
		await expect.poll(() => marks.count()).toBe(1);
		const claims = heatmap.getByRole('row', { name: /Claims/ });
		expect(await claims.locator('.low-mark').count()).toBe(1);
		await expect
			.poll(() => claims.textContent())
			.toContain(
				'Includes a practice two or more stages below the area: "How are complaints handled?" (stage 1).'
			);
		for (const name of ['Sales', 'Audit', 'Print'])
			expect(await heatmap.getByRole('row', { name }).locator('.low-mark').count()).toBe(0);
		// Seen, not only coloured: the mark is on screen once the table is scrolled to it.
		await marks.first().scrollIntoViewIfNeeded();
		expect(await marks.first().isVisible()).toBe(true);
		expect(await marks.first().textContent()).toBe('▼');
		await expect.poll(() => page.getByText(/^A score marked ▼/).isVisible()).toBe(true);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			PHONE.viewport!.width + 1
		);
		expect((await seriousViolations(page)).map((v) => v.id)).toEqual([]);
		await page.screenshot({ path: `${shots}/heatmap-low-practice-phone.png`, fullPage: false });
		await context.close();
	});

	it('applies a department and role level filter that another browser opens from the address', async () => {
		const context = await browser.newContext(PHONE);
		const page = await context.newPage();
		await signIn(page);
		await page.goto(resultsUrl(), { waitUntil: 'networkidle' });
		await page.locator('#filter-department').selectOption({ label: 'Customer Service' });
		await page.locator('#filter-role').selectOption({ label: 'Frontline' });
		await page.getByRole('button', { name: 'Apply filter' }).click();
		await page.waitForURL(/department=.+&role=.+/);
		const status = page.getByText(/Showing \d+ responses that match the filter/);
		await expect.poll(() => status.isVisible()).toBe(true);
		const shown = Number((await status.textContent())?.match(/Showing (\d+)/)?.[1]);
		expect(shown).toBeGreaterThanOrEqual(5);
		const shared = page.url();
		await page.screenshot({ path: `${shots}/dashboard-filtered-phone.png`, fullPage: false });

		// A colleague opens the shared address in their own browser.
		const other = await browser.newContext({ viewport: { width: 1024, height: 800 } });
		const second = await other.newPage();
		await signIn(second);
		await second.goto(shared, { waitUntil: 'networkidle' });
		expect(await second.locator('#filter-department').inputValue()).toBe(
			new URL(shared).searchParams.get('department')
		);
		await expect
			.poll(() => second.getByText(`Showing ${shown} responses that match the filter`).isVisible())
			.toBe(true);

		// A filter on a small department shows nothing of it.
		await second.locator('#filter-department').selectOption({ label: demo.smallDepartments[0]! });
		await second.locator('#filter-role').selectOption({ label: 'All role levels' });
		await second.getByRole('button', { name: 'Apply filter' }).click();
		await second.waitForURL(/department=/);
		await expect
			.poll(() =>
				second
					.getByRole('status')
					.filter({ hasText: /hidden/ })
					.first()
					.isVisible()
			)
			.toBe(true);
		expect(await second.getByRole('heading', { name: 'Overall stage' }).count()).toBe(0);
		await other.close();
		await context.close();
	});

	it('downloads the scores CSV, which opens cleanly and keeps small groups hidden', async () => {
		const context = await browser.newContext({ acceptDownloads: true });
		const page = await context.newPage();
		await signIn(page);
		await page.goto(resultsUrl(), { waitUntil: 'networkidle' });
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Scores per area and group (CSV)' }).click()
		]);
		const bytes = readFileSync((await download.path())!);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
		const rows = lines.map((line) => line.split(','));
		expect(rows[0]!.slice(0, 3)).toEqual(['Group type', 'Group', 'Responses']);
		const whole = rows.filter((r) => r[0] === 'Whole round');
		expect(whole.length).toBe(9);
		expect(Number(whole[0]![2])).toBe(latest().responses);
		for (const name of demo.smallDepartments) {
			const line = lines.find((l) => l.startsWith(`Department,${name},`))!;
			expect(line).toMatch(/fewer than 5 responses/);
			expect(line).not.toMatch(/\d+\.\d/);
		}
		expect(bytes.toString('utf8')).not.toMatch(/@example\.com/);
		await context.close();
	});

	it('an owner reviews the responses on a phone, excludes one by keyboard and includes it again', async () => {
		const context = await browser.newContext(PHONE);
		const page = await context.newPage();
		await signIn(page);
		await page.goto(`${baseURL}/o/${demo.organisationId}/rounds/${latest().id}`, {
			waitUntil: 'networkidle'
		});
		await page.getByRole('link', { name: /Review the responses/ }).click();
		await page.waitForURL(/\/responses$/);
		const table = page.getByRole('table', { name: 'Responses to this round, oldest first' });
		await expect.poll(() => table.isVisible()).toBe(true);
		const firstRow = table.locator('tbody tr').first();
		await expect.poll(() => firstRow.textContent()).toMatch(/Counted/);
		const exclude = firstRow.getByRole('button', { name: /^Exclude the response/ });
		await exclude.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/excluded/);
		await expect.poll(() => firstRow.textContent()).toMatch(/Excluded/);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			PHONE.viewport!.width + 1
		);
		expect((await seriousViolations(page)).map((v) => v.id)).toEqual([]);
		await firstRow.getByRole('button', { name: /^Include again the response/ }).click();
		await expect.poll(() => firstRow.textContent()).toMatch(/Counted/);
		await page.screenshot({ path: `${shots}/responses-review.png` });
		await context.close();
	});
});
