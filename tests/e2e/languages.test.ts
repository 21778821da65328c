/**
 * Five languages in real Chromium (issue 11): a respondent whose browser speaks English answers in
 * Ukrainian on a phone, through a link that carries Ukrainian; the owner switches the app to
 * Romanian with the header switcher and downloads the round's PDF in Romanian.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { submitResponses } from '../support/flow';
import { launchBrowser, PHONE, seriousViolations } from '../support/browser';
import { pdfBytesText } from '../support/pdf';

const baseURL = inject('baseURL');
const messages = (locale: string) =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
const uk = messages('uk');
const ro = messages('ro');
/** A message that must exist (a test would otherwise look for "undefined"). */
const msg = (catalogue: Record<string, string>, key: string) => {
	const found = catalogue[key];
	if (typeof found !== 'string') throw new Error(`no message ${key}`);
	return found;
};
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

const langOf = (page: Page) => page.evaluate(() => document.documentElement.lang);

/** No element of the page's content reaches past the right edge of a 390 px phone. */
async function widest(page: Page) {
	return page.evaluate(() => {
		let found = { right: 0, what: '' };
		for (const e of document.querySelectorAll('main *')) {
			const right = e.getBoundingClientRect().right;
			if (right > found.right) found = { right, what: `${e.tagName}.${e.className}` };
		}
		return found;
	});
}

describe('the app in five languages', () => {
	it('a respondent answers in Ukrainian through a Ukrainian link; the owner downloads the Romanian PDF', async () => {
		const owner = await browser.newContext({ locale: 'en-US' });
		const page = await owner.newPage();
		await page.goto(`${baseURL}/signup`, { waitUntil: 'networkidle' });
		await page.getByLabel('Email').fill(`lingua-${Date.now()}@example.com`);
		await page.getByLabel('Your name').fill('Ioana Lead');
		await page.getByLabel('Password', { exact: false }).first().fill('correct horse battery');
		await page.getByRole('button', { name: /create account|sign up/i }).click();
		await page.waitForURL(/\/orgs$/);
		expect(await langOf(page)).toBe('en');
		await page.getByLabel('Organisation name').fill('Київстар Сервіс');
		await page.getByRole('button', { name: 'Create', exact: true }).click();
		await page.waitForURL(/\/o\/[a-z0-9]+$/);
		await page.getByLabel('Name').fill('Q1 2027');
		await page.getByLabel('Anonymity threshold').fill('3');
		await page.getByRole('button', { name: 'Create round' }).click();
		await page.waitForURL(/\/rounds\/[a-z0-9]+$/);
		const roundUrl = page.url();
		await page.getByRole('button', { name: 'Open the round' }).click();
		await expect.poll(() => page.locator('[data-status]').textContent()).toBe('Open');
		await page.getByLabel('Questionnaire language').selectOption({ label: 'Українська' });
		await page.getByRole('button', { name: 'Create link' }).click();
		await expect.poll(() => page.locator('.copy-field input').count()).toBe(1);
		const joinUrl = await page.locator('.copy-field input').inputValue();
		expect(await page.locator('.link-title').textContent()).toContain('Українська');

		// The respondent: an English phone browser, a Ukrainian link.
		const phone = await browser.newContext({ ...PHONE, locale: 'en-US' });
		const respondent = await phone.newPage();
		await respondent.goto(joinUrl, { waitUntil: 'networkidle' });
		expect(await langOf(respondent)).toBe('uk');
		await respondent.getByRole('button', { name: msg(uk, 'join_start') }).click();
		await respondent.waitForURL(/\/step\/1$/);
		for (let step = 1; ; step++) {
			expect(await langOf(respondent)).toBe('uk');
			const questions = respondent.locator('fieldset.question');
			const count = await questions.count();
			for (let i = 0; i < count; i++)
				await questions
					.nth(i)
					.locator(`input[type="radio"][value="${((step + i) % 4) + 1}"]`)
					.check();
			await expect
				.poll(() => respondent.locator('.save-status').getAttribute('data-state'))
				.toBe('saved');
			// The app's own words are Ukrainian (the model's texts are translated with the model).
			const chrome = await respondent.locator('.save-status, .nav-buttons').allTextContents();
			expect(chrome.join(' ')).not.toMatch(/\b(Next|Back|Review|Question|Saved|Saving)\b/);
			const { right, what } = await widest(respondent);
			expect(right, what).toBeLessThanOrEqual(390);
			if (step === 1) {
				expect(await seriousViolations(respondent)).toEqual([]);
				await respondent.screenshot({ path: 'artifacts/screens/step-uk-phone.png' });
			}
			const review = respondent.getByRole('button', { name: new RegExp(msg(uk, 'step_review')) });
			if (await review.count()) {
				await review.click();
				break;
			}
			await respondent.getByRole('button', { name: new RegExp(msg(uk, 'step_next')) }).click();
			await respondent.waitForURL(new RegExp(`/step/${step + 1}$`));
		}
		await respondent.waitForURL(/\/review$/);
		await respondent.getByRole('button', { name: msg(uk, 'review_submit') }).click();
		await respondent.waitForURL(/\/results$/);
		expect(await langOf(respondent)).toBe('uk');
		await phone.close();

		// Two more respondents, so the round reaches its threshold of 3.
		const token = /\/join\/([a-z0-9]+)$/.exec(joinUrl)![1]!;
		await submitResponses(token, 2);

		// The owner switches the app to Romanian and downloads the round's PDF in it.
		await page.goto(`${roundUrl}/results`, { waitUntil: 'networkidle' });
		await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Română' });
		await page.getByRole('button', { name: 'Change', exact: true }).click();
		await page.waitForURL(/\/results$/);
		expect(await langOf(page)).toBe('ro');
		expect(await page.locator('h1, h2').first().textContent()).not.toBe('');
		expect(await page.getByLabel(msg(ro, 'report_language_label')).inputValue()).toBe('ro');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: msg(ro, 'report_download') }).click()
		]);
		const text = await pdfBytesText(readFileSync((await download.path())!));
		expect(text).toContain(msg(ro, 'pdf_summary_title'));
		expect(text).toContain(msg(ro, 'pdf_roadmap_title'));
		expect(text).not.toContain('Executive summary');
		await owner.close();
	}, 120_000);
});
