/**
 * A partner on a phone (390 px): signs up, creates a practice, creates a client organisation from
 * the practice's Clients page, and opens the practice overview, which lists the client, fits the
 * screen and passes axe.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, PHONE, seriousViolations } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('a partner starts a practice on a phone', () => {
	it('creates a practice and a client, and reads the overview at 390 px', async () => {
		const page = await browser.newPage(PHONE);
		const id = randomUUID().slice(0, 8);
		await page.goto(`${baseURL}/signup`, { waitUntil: 'networkidle' });
		await page.getByLabel('Email address').fill(`partner-${id}@example.com`);
		await page.getByLabel('Your name').fill('Elena Partner');
		await page.getByLabel('Password', { exact: false }).first().fill('correct horse battery');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL(/\/orgs$/);

		await page.getByLabel('Practice name').fill(`Balkan Advisory ${id}`);
		await page.getByRole('button', { name: 'Create practice' }).click();
		await page.waitForURL(/\/p\/[a-z0-9]+$/);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
			`Balkan Advisory ${id}`
		);

		await page
			.getByRole('navigation', { name: 'Practice' })
			.getByRole('link', { name: 'Clients' })
			.click();
		await page.waitForURL(/\/clients$/);
		await page.getByLabel('Organisation name').fill(`Danube Bank ${id}`);
		await page.getByLabel('Sector').selectOption('banking');
		await page.getByLabel('Size').selectOption('large');
		await page.getByRole('button', { name: 'Create client', exact: true }).click();
		await page.waitForURL(/\/o\/[a-z0-9]+$/);
		expect(await page.locator('main').textContent()).toContain('Partner, acting as Owner');

		await page.getByRole('link', { name: `Balkan Advisory ${id}` }).click();
		await page.waitForURL(/\/p\/[a-z0-9]+$/);
		const client = page.getByRole('listitem').filter({ hasText: `Danube Bank ${id}` });
		await expect.poll(() => client.count()).toBe(1);
		expect(await client.textContent()).toContain('Banking');
		expect(await client.textContent()).toContain('No round yet');
		// Nothing wider than the phone's screen.
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
		).toBe(true);
		expect(await seriousViolations(page)).toEqual([]);
		if (process.env.PRACTICE_SCREENSHOT)
			await page.screenshot({ path: process.env.PRACTICE_SCREENSHOT, fullPage: true });
		await page.close();
	});
});
