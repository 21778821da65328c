/**
 * A consultant of a practice forks the model in the browser, changes a statement in English and in
 * Bulgarian, and publishes version 1.1 with a changelog; on a phone, by the pages' own forms. The
 * practice is made directly in the database (its own pages come from other work).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, PHONE, seriousViolations } from '../support/browser';
import { PASSWORD } from '../support/flow';
import { Client } from '../support/http';

const baseURL = inject('baseURL');
let browser: Browser;
let writer: Database.Database;

beforeAll(async () => {
	browser = await launchBrowser();
	writer = new Database(inject('databasePath'));
	writer.pragma('busy_timeout = 5000');
	mkdirSync('artifacts/screens', { recursive: true });
});
afterAll(async () => {
	await browser?.close();
	writer?.close();
});

describe('a custom model', () => {
	it('a consultant forks the model, changes a statement in two languages and publishes 1.1', async () => {
		const client = new Client(baseURL);
		const email = `consultant-${randomUUID().slice(0, 8)}@example.com`;
		const signUp = await client.post('/signup', {
			email,
			displayName: 'Consultant',
			password: PASSWORD
		});
		expect(signUp.status).toBe(303);
		const user = writer.prepare('select id from users where email = ?').get(email) as {
			id: string;
		};
		const practiceId = randomUUID().replace(/-/g, '').slice(0, 20);
		const name = `Balkan CX ${randomUUID().slice(0, 6)}`;
		writer.prepare('insert into practices (id, name) values (?, ?)').run(practiceId, name);
		writer
			.prepare(
				"insert into practice_members (practice_id, user_id, role) values (?, ?, 'consultant')"
			)
			.run(practiceId, user.id);

		const context = await browser.newContext(PHONE);
		await context.addCookies(
			[...client.cookies].map(([cookieName, value]) => ({ name: cookieName, value, url: baseURL }))
		);
		const page = await context.newPage();
		await page.goto(`${baseURL}/p/${practiceId}/models`, { waitUntil: 'networkidle' });
		await page.getByLabel('Name of your model').fill(`${name} model`);
		await page.getByLabel('Version', { exact: true }).fill('1.1');
		await page.getByRole('button', { name: 'Create the draft' }).click();
		await page.waitForURL(/\/models\/[a-z0-9-]+@1\.1\.0$/);
		const versionUrl = page.url();
		const modelId = decodeURIComponent(versionUrl.split('/').at(-1)!);

		// The first area, its first question, statement 2: in English, then in Bulgarian.
		await page.locator('section[aria-labelledby="areas-title"] li a').first().click();
		await page.waitForURL(/\/areas\/[a-z-]+\?lang=en$/);
		const question = page.locator('section[aria-labelledby="questions-title"] details').first();
		await question.locator('summary').click();
		await question.getByLabel('Statement 2').fill('We changed statement two.');
		await question.getByRole('button', { name: 'Save' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved.');
		expect(await seriousViolations(page)).toEqual([]);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - window.innerWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.screenshot({ path: 'artifacts/screens/model-editor-phone.png', fullPage: false });

		await page.getByRole('link', { name: 'Български' }).click();
		await page.waitForURL(/\?lang=bg$/);
		const bgQuestion = page.locator('section[aria-labelledby="questions-title"] details').first();
		await bgQuestion.locator('summary').click();
		await bgQuestion.getByLabel('Statement 2').fill('Променихме второто твърдение.');
		await bgQuestion.getByRole('button', { name: 'Save' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Saved.');

		await page.goto(versionUrl, { waitUntil: 'networkidle' });
		await page
			.getByLabel('Changelog')
			.fill('Statement 2 of the first question says what we see in the field.');
		await page.getByRole('button', { name: 'Publish this version' }).click();
		await expect
			.poll(() => page.getByRole('status').first().textContent())
			.toBe('Published. This version will not change again.');
		await page.screenshot({ path: 'artifacts/screens/model-published-phone.png', fullPage: false });

		const row = writer
			.prepare('select status, version, changelog, content from maturity_models where id = ?')
			.get(modelId) as { status: string; version: string; changelog: string; content: string };
		expect(row).toMatchObject({ status: 'published', version: '1.1.0' });
		expect(row.changelog).toContain('Statement 2');
		const content = JSON.parse(row.content) as {
			areas: Array<{ questions: Array<{ levels: Array<Record<string, string>> }> }>;
		};
		expect(content.areas[0]!.questions[0]!.levels[1]).toMatchObject({
			en: 'We changed statement two.',
			bg: 'Променихме второто твърдение.'
		});
		await context.close();
	}, 240_000);
});
