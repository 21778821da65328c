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

describe('account forms in Chromium', () => {
	it('a failed sign-in shows the problem and moves focus to it', async () => {
		const page = await browser.newPage(PHONE);
		await page.goto(`${baseURL}/signin`, { waitUntil: 'networkidle' });
		await page.getByLabel('Email address').fill('nobody@example.com');
		await page.getByLabel('Password').fill('not the right password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect
			.poll(() => page.locator('[role="alert"]').textContent())
			.toContain('Email or password is not right.');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
		expect(await seriousViolations(page)).toEqual([]);
		await page.close();
	});

	it('an invalid sign-up links the summary to the field and focuses the field', async () => {
		const page = await browser.newPage(PHONE);
		await page.goto(`${baseURL}/signup`, { waitUntil: 'networkidle' });
		await page.getByLabel('Email address').fill('not-an-email');
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('email');
		expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('[role="alert"] a[href="#email"]').count()).toBe(1);
		await page.close();
	});
});
