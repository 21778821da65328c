/**
 * A newcomer's first minutes in real Chromium on a phone (issue 14): from the home page, "Start an
 * assessment" to sign-up, then the first-run guide, step by step, to an open round with a
 * respondent link copied to share and their own first answer, after which the guide is gone; and
 * "Try the demo" opening the demo organisation read-only, without an account.
 */
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemo } from '../../scripts/demo';
import { openDatabase } from '../../src/lib/server/db/connection';
import { launchBrowser, PHONE, seriousViolations } from '../support/browser';

const baseURL = inject('baseURL');
const shots = 'artifacts/screens';
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
	mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
	await browser?.close();
});

async function expectNoSeriousViolations(page: Page) {
	const violations = await seriousViolations(page);
	expect(
		violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 2))}`)
	).toEqual([]);
}

const guide = (page: Page) => page.getByRole('region', { name: 'Run your first assessment' });
const progress = (page: Page) => guide(page).locator('.progress-text').textContent();

describe('a newcomer', () => {
	it('goes from the home page to an open round with a link to share and a first answer, on a phone', async () => {
		const context = await browser.newContext(PHONE);
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
		const page = await context.newPage();
		const started = Date.now();

		await page.goto(baseURL, { waitUntil: 'networkidle' });
		await page.screenshot({ path: `${shots}/home-phone.png`, fullPage: false });
		await expectNoSeriousViolations(page);
		// By keyboard: the first call to action is a few tabs from the top.
		let focused = '';
		for (let i = 0; i < 12 && focused !== 'Start an assessment'; i += 1) {
			await page.keyboard.press('Tab');
			focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		}
		expect(focused).toBe('Start an assessment');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/signup$/);

		await page.getByLabel('Email').fill(`newcomer-${Date.now()}@example.com`);
		await page.getByLabel('Your name').fill('Nora Newcomer');
		await page.getByLabel('Password', { exact: false }).first().fill('correct horse battery');
		await page.getByRole('button', { name: /create account/i }).click();
		await page.waitForURL(/\/orgs$/);
		await expect.poll(() => progress(page)).toContain('0 of 4 steps done');
		await page.screenshot({ path: `${shots}/guide-phone.png`, fullPage: true });
		await expectNoSeriousViolations(page);

		// 1: name the organisation.
		await guide(page).getByRole('link', { name: 'Name your organisation' }).click();
		await page.getByLabel('Organisation name').fill('Acme Retail');
		await page.getByRole('button', { name: 'Create', exact: true }).click();
		await page.waitForURL(/\/o\/[a-z0-9]+$/);
		await expect.poll(() => progress(page)).toContain('1 of 4 steps done');

		// 2: a round on the default model.
		await guide(page).getByRole('link', { name: 'Start a round on the default model' }).click();
		await page.getByLabel('Name').fill('Leadership Q1');
		await page.getByRole('button', { name: 'Create round' }).click();
		await page.waitForURL(/\/rounds\/[a-z0-9]+$/);
		await expect.poll(() => progress(page)).toContain('2 of 4 steps done');

		// 3: open it, create a link and copy it.
		await guide(page)
			.getByRole('link', { name: 'Open it and copy the respondent link to share' })
			.click();
		await page.getByRole('button', { name: 'Open the round' }).click();
		await expect.poll(() => page.locator('[data-status]').textContent()).toBe('Open');
		await page.getByRole('button', { name: 'Create link' }).click();
		const link = page.locator('.copy-field input').first();
		await expect.poll(() => link.count()).toBe(1);
		const joinUrl = await link.inputValue();
		expect(joinUrl).toMatch(/\/join\/[a-z0-9]+$/);
		await page.locator('.copy-field').getByRole('button', { name: 'Copy' }).click();
		await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(joinUrl);
		await expect.poll(() => progress(page)).toContain('3 of 4 steps done');
		await page.screenshot({ path: `${shots}/guide-round-phone.png`, fullPage: false });

		// 4: their own first answer, started from the guide.
		await guide(page).getByRole('button', { name: 'Give your own first answer' }).click();
		await page.waitForURL(/\/answer\/[a-z0-9]+$/);
		await page.getByRole('link', { name: 'Start', exact: true }).click();
		await page.waitForURL(/\/step\/1$/);
		await page.locator('fieldset.question').first().locator('input[type="radio"]').first().check();
		await expect.poll(() => page.locator('.save-status').getAttribute('data-state')).toBe('saved');
		const seconds = (Date.now() - started) / 1000;
		console.log(`newcomer: home page to a shared link and a first answer in ${seconds} s`);

		// Done: the guide is gone, and "Start an assessment" leads to their organisations.
		await page.goto(`${baseURL}/orgs`, { waitUntil: 'networkidle' });
		expect(await guide(page).count()).toBe(0);
		await page.goto(baseURL, { waitUntil: 'networkidle' });
		expect(await page.getByRole('link', { name: 'Start an assessment' }).getAttribute('href')).toBe(
			'/orgs'
		);

		// The link works for a respondent without an account.
		const respondent = await browser.newContext(PHONE);
		const other = await respondent.newPage();
		const res = await other.goto(joinUrl, { waitUntil: 'networkidle' });
		expect(res?.status()).toBe(200);
		await respondent.close();
		await context.close();
	});

	it('shows the home page on a desktop', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(baseURL, { waitUntil: 'networkidle' });
		await page.screenshot({ path: `${shots}/home-desktop.png`, fullPage: false });
		await expectNoSeriousViolations(page);
		await context.close();
	});
});

describe('"Try the demo"', () => {
	beforeAll(async () => {
		// Another test file may have loaded it already; otherwise load it as `npm run db:demo` does.
		const check = new Database(inject('databasePath'), { readonly: true, fileMustExist: true });
		const loaded = check.prepare('select id from organisations where public_demo = 1').get();
		check.close();
		if (loaded) return;
		const opened = await openDatabase(inject('databasePath'));
		try {
			await seedDemo(opened);
		} finally {
			await opened.close();
		}
	}, 120_000);

	it('opens the demo read-only for a visitor without an account, and leads to sign-up', async () => {
		const context = await browser.newContext(PHONE);
		const page = await context.newPage();
		await page.goto(baseURL, { waitUntil: 'networkidle' });
		await page.getByRole('link', { name: 'Try the demo' }).click();
		await page.waitForURL(/\/o\/[a-z0-9]+\/rounds\/[a-z0-9]+\/results$/);
		const banner = page.getByRole('region', { name: 'Demo', exact: true });
		await expect.poll(() => banner.textContent()).toContain('You are looking at the demo');
		await expect
			.poll(() =>
				page
					.getByRole('table', { name: 'Score per department and area, coloured by stage' })
					.isVisible()
			)
			.toBe(true);
		await page.screenshot({ path: `${shots}/demo-phone.png`, fullPage: false });
		await expectNoSeriousViolations(page);
		await banner.getByRole('link', { name: 'Start your own assessment' }).click();
		await page.waitForURL(/\/signup$/);
		await context.close();
	});
});
