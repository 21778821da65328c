/**
 * The whole journey in real Chromium: a new user signs up, creates an organisation, a department
 * and a round, answers every question at a phone-sized viewport (reloading midway), submits and
 * sees results with the chart; a second person answers through the department link without an
 * account, by keyboard alone.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, PHONE, seriousViolations } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;
const shots = 'artifacts/screens';

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

/** Answers every question of the current step with the given level and picks a target. */
async function answerStep(page: Page, level: (questionIndex: number) => string) {
	const questions = page.locator('fieldset.question');
	const count = await questions.count();
	for (let i = 0; i < count; i++) {
		await questions
			.nth(i)
			.locator(`input[type="radio"][value="${level(i)}"]`)
			.check();
	}
	await page.locator('fieldset.target input[value="3"]').check();
	await expect.poll(() => page.locator('.save-status').getAttribute('data-state')).toBe('saved');
}

describe('the assessment journey', () => {
	let joinUrl = '';

	it('a new user signs up, sets up a round, answers on a phone, reloads midway, submits and sees results', async () => {
		const context = await browser.newContext(PHONE);
		const page = await context.newPage();
		const email = `lead-${Date.now()}@example.com`;

		await page.goto(`${baseURL}/signup`, { waitUntil: 'networkidle' });
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Your name').fill('Ana Lead');
		await page.getByLabel('Password', { exact: false }).first().fill('correct horse battery');
		await page.getByRole('button', { name: /create account|sign up/i }).click();
		await page.waitForURL(/\/orgs$/);
		await expectNoSeriousViolations(page);

		await page.getByLabel('Organisation name').fill('Acme Retail');
		await page.getByRole('button', { name: 'Create', exact: true }).click();
		await page.waitForURL(/\/o\/[a-z0-9]+$/);
		const orgUrl = page.url();

		await page.goto(`${orgUrl}/structure`, { waitUntil: 'networkidle' });
		await page.locator('#add-departments').fill('Customer support');
		await page
			.locator('form.add', { has: page.locator('#add-departments') })
			.getByRole('button')
			.click();
		await expect.poll(() => page.locator('.groups li').count()).toBeGreaterThanOrEqual(5);

		await page.goto(orgUrl, { waitUntil: 'networkidle' });
		await page.getByLabel('Name').fill('Leadership Q1');
		await page.getByLabel('Anonymity threshold').fill('3');
		await page.getByRole('button', { name: 'Create round' }).click();
		await page.waitForURL(/\/rounds\/[a-z0-9]+$/);
		await page.getByRole('button', { name: 'Open the round' }).click();
		await expect.poll(() => page.locator('[data-status]').textContent()).toBe('Open');

		await page.getByLabel('Department').selectOption({ label: 'Customer support' });
		await page.getByRole('button', { name: 'Create link' }).click();
		await expect.poll(() => page.locator('.copy-field input').count()).toBe(1);
		joinUrl = await page.locator('.copy-field input').inputValue();
		expect(joinUrl).toMatch(/\/join\/[a-z0-9]+$/);
		await page.screenshot({ path: `${shots}/round-phone.png`, fullPage: true });
		await expectNoSeriousViolations(page);

		await page.getByRole('button', { name: 'Answer this round' }).click();
		await page.waitForURL(/\/answer\/[a-z0-9]+$/);
		await page.getByRole('link', { name: 'Start', exact: true }).click();
		await page.waitForURL(/\/step\/1$/);
		await expectNoSeriousViolations(page);

		const steps = Number((await page.locator('.step-of').textContent())?.match(/of (\d+)/)?.[1]);
		expect(steps).toBe(9);
		for (let step = 1; step <= steps; step++) {
			await answerStep(page, (i) => String(((step + i) % 4) + 1));
			if (step === 1) await page.screenshot({ path: `${shots}/step-phone.png`, fullPage: false });
			if (step === 4) {
				// Reload midway: everything answered so far is still checked.
				await page.reload();
				const checked = await page.locator('fieldset.question input[type="radio"]:checked').count();
				expect(checked).toBe(await page.locator('fieldset.question').count());
				expect(await page.locator('fieldset.target input[value="3"]').isChecked()).toBe(true);
			}
			await page.getByRole('button', { name: step < steps ? /Next/ : /Review/ }).click();
			await page.waitForURL(step < steps ? new RegExp(`/step/${step + 1}$`) : /\/review$/);
		}
		expect(await page.locator('.lead').textContent()).toContain('Every question is answered.');
		await page.getByRole('button', { name: 'Submit answers' }).click();
		await page.waitForURL(/\/results$/);
		// Both charts (radar and bars) drawn by chart.js.
		await expect
			.poll(() => page.locator('.chart[data-ready="true"]').count(), { timeout: 10_000 })
			.toBe(2);
		// One row per area; an area with a practice two or more stages below it has a note row under it.
		expect(await page.locator('table tbody tr:not(.low-practices)').count()).toBe(9);
		expect(await page.locator('table tbody tr.low-practices').count()).toBe(
			await page.locator('table tbody tr.has-note').count()
		);
		expect(await page.locator('#roadmap-title').textContent()).toBe('Roadmap');
		// No element reaches past the right edge of the phone (charts and tables included).
		const widest = await page.evaluate(() => {
			let found = { right: 0, what: '' };
			for (const e of document.querySelectorAll('main *')) {
				const right = e.getBoundingClientRect().right;
				if (right > found.right) found = { right, what: `${e.tagName}.${e.className}` };
			}
			return found;
		});
		expect(widest.right, widest.what).toBeLessThanOrEqual(390);
		await page.screenshot({ path: `${shots}/results-phone.png` });
		await page
			.locator('section[aria-labelledby="chart-title"]')
			.screenshot({ path: `${shots}/results-chart-phone.png` });
		await page
			.locator('section[aria-labelledby="areas-title"]')
			.screenshot({ path: `${shots}/results-table-phone.png` });
		await expectNoSeriousViolations(page);
		await context.close();
	});

	it('a second person answers through the department link without an account, by keyboard alone', async () => {
		expect(joinUrl).not.toBe('');
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(joinUrl, { waitUntil: 'networkidle' });
		expect(await page.locator('body').textContent()).toContain('Customer support');
		await expectNoSeriousViolations(page);
		await page.getByRole('button', { name: 'Start' }).focus();
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/step\/1$/);

		let step = 1;
		for (;;) {
			const questions = await page.locator('fieldset.question').count();
			// Tab to the first radio of each question group; arrow keys move within a group and check.
			await page
				.locator('fieldset.question')
				.first()
				.locator('input[type="radio"]')
				.first()
				.focus();
			for (let q = 0; q < questions; q++) {
				await page.keyboard.press('ArrowDown'); // checks level 2
				if (q < questions - 1) {
					// Tab leaves the radio group, passes the note disclosure, and enters the next group.
					for (let k = 0; k < 6; k++) {
						await page.keyboard.press('Tab');
						const inNext = await page.evaluate(
							(n) =>
								document.activeElement instanceof HTMLInputElement &&
								document.activeElement.type === 'radio' &&
								document.activeElement.closest('fieldset.question') ===
									document.querySelectorAll('fieldset.question')[n],
							q + 1
						);
						if (inNext) break;
					}
				}
			}
			const checked = await page.locator('fieldset.question input[type="radio"]:checked').count();
			expect(checked).toBe(questions);
			await expect
				.poll(() => page.locator('.save-status').getAttribute('data-state'))
				.toBe('saved');
			const next = page.getByRole('button', { name: /Next|Review/ });
			const label = await next.textContent();
			await next.focus();
			await page.keyboard.press('Enter');
			if (label?.includes('Review')) break;
			step += 1;
			await page.waitForURL(new RegExp(`/step/${step}$`));
		}
		await page.waitForURL(/\/review$/);
		await page.getByRole('button', { name: 'Submit answers' }).focus();
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/results$/);
		expect(await page.locator('h1').textContent()).toBe('Your results');
		// Both charts (radar and bars) drawn by chart.js.
		await expect
			.poll(() => page.locator('.chart[data-ready="true"]').count(), { timeout: 10_000 })
			.toBe(2);
		await page.screenshot({ path: `${shots}/results-desktop.png`, fullPage: false });
		await context.close();
	});
});
