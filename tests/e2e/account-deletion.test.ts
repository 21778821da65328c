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

describe('deleting one’s account in Chromium', () => {
	it('a wrong password moves focus to the field; the right one deletes the account and says so', async () => {
		const context = await browser.newContext(PHONE);
		const page = await context.newPage();
		const email = `leaving-${Date.now()}@example.com`;
		await page.goto(`${baseURL}/signup`, { waitUntil: 'networkidle' });
		await page.getByLabel('Email address').fill(email);
		await page.getByLabel('Your name').fill('Leaving Person');
		await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL(/\/orgs$/);

		await page.goto(`${baseURL}/account`, { waitUntil: 'networkidle' });
		const section = page.getByRole('region', { name: 'Delete your account' });
		await expect.poll(() => section.textContent()).toContain('cannot be undone');
		expect(await seriousViolations(page)).toEqual([]);

		await section.getByLabel('Your password, to confirm').fill('not my password');
		await section.getByRole('button', { name: 'Delete my account' }).click();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('deletePassword');
		expect(await page.locator('#deletePassword').getAttribute('aria-invalid')).toBe('true');
		expect(await seriousViolations(page)).toEqual([]);

		await section.getByLabel('Also delete the answers I submitted').check();
		await section.getByLabel('Your password, to confirm').fill('correct horse battery');
		await section.getByRole('button', { name: 'Delete my account' }).click();
		await page.waitForURL(/\/\?account=deleted$/);
		expect(await page.getByRole('status').first().textContent()).toContain(
			'Your account has been deleted.'
		);
		await page.goto(`${baseURL}/account`, { waitUntil: 'networkidle' });
		expect(new URL(page.url()).pathname).toBe('/signin');
		await context.close();
	});
});
