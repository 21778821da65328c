/**
 * A consultant of a practice forks the model in the browser, changes a statement in English and in
 * Bulgarian, and publishes version 1.1 with a changelog; on a phone, by the pages' own forms. Then,
 * continuing, they start a round on 1.1 for a client, write a cover note, the respondents answer
 * through the round's link, and they download the co-branded PDF with the benchmark (the five other
 * clients it needs answer rounds on 1.1 too, over HTTP as respondents do). The practice is made
 * directly in the database (its own pages come from other work).
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, PHONE, seriousViolations } from '../support/browser';
import {
	createLink,
	fromLocation,
	PASSWORD,
	setStatus,
	submitResponses,
	unique
} from '../support/flow';
import { Client } from '../support/http';
import { pdfBytesText } from '../support/pdf';

const baseURL = inject('baseURL');
let browser: Browser;
let writer: Database.Database;
/** What the first test made, for the second to continue with. */
let made:
	| { client: Client; practiceId: string; practiceName: string; modelId: string; label: string }
	| undefined;
const CHANGED_EN = 'We changed statement two.';

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
		await question.getByLabel('Statement 2').fill(CHANGED_EN);
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
			en: CHANGED_EN,
			bg: 'Променихме второто твърдение.'
		});
		await context.close();
		made = { client, practiceId, practiceName: name, modelId, label: `${name} model 1.1.0` };
	}, 240_000);

	it('continuing, they start a round on 1.1 for a client and download the co-branded PDF with the benchmark', async () => {
		expect(made, 'the first test published 1.1').toBeDefined();
		const { client, practiceId, practiceName, modelId, label } = made!;
		const newClient = (name: string) =>
			client
				.post(`/p/${practiceId}/clients?/create`, { name, sector: 'banking', sizeBand: 'medium' })
				.then((res) => fromLocation(res, /^\/o\/([a-z0-9]+)$/));

		// Five other clients of the practice answered rounds on 1.1: the benchmark's minimum.
		for (let i = 0; i < 5; i++) {
			const orgId = await newClient(unique(`Peer bank ${i}`));
			const roundId = fromLocation(
				await client.post(`/o/${orgId}?/createRound`, {
					name: 'Baseline',
					threshold: '3',
					modelId
				}),
				new RegExp(`^/o/${orgId}/rounds/([a-z0-9]+)$`)
			);
			await setStatus(client, orgId, roundId, 'open');
			await submitResponses(await createLink(client, orgId, roundId), 3);
		}

		// The client this is for; the consultant starts its round in the browser, on 1.1.
		const clientName = unique('Danube Bank');
		const orgId = await newClient(clientName);
		const context = await browser.newContext(PHONE);
		await context.addCookies(
			[...client.cookies].map(([cookieName, value]) => ({ name: cookieName, value, url: baseURL }))
		);
		const page = await context.newPage();
		await page.goto(`${baseURL}/o/${orgId}`, { waitUntil: 'networkidle' });
		await page.getByLabel('Name', { exact: true }).fill('Baseline on 1.1');
		await page.getByLabel('Anonymity threshold').fill('3');
		await page.getByLabel('Model version').selectOption({ label });
		await page.getByRole('button', { name: 'Create round' }).click();
		await page.waitForURL(new RegExp(`/o/${orgId}/rounds/[a-z0-9]+$`));
		const roundId = page.url().split('/').at(-1)!;
		expect(
			writer.prepare('select model_id as modelId from rounds where id = ?').get(roundId)
		).toEqual({ modelId });

		// Their cover note, then the round opens and three respondents answer through its link.
		await page
			.getByLabel('Note printed on the report')
			.fill('Prepared after our kick-off workshop.');
		await page.getByRole('button', { name: 'Save the note' }).click();
		await expect.poll(() => page.getByText('Cover note saved.').count()).toBeGreaterThan(0);
		await setStatus(client, orgId, roundId, 'open');
		await submitResponses(await createLink(client, orgId, roundId), 3);

		// The results show the benchmark; the PDF is downloaded from the page's own button.
		await page.goto(`${baseURL}/o/${orgId}/rounds/${roundId}/results`, {
			waitUntil: 'networkidle'
		});
		const benchmark = page.locator('section[aria-labelledby="benchmark-title"]');
		await expect
			.poll(() => benchmark.textContent())
			.toContain(`Among 5 organisations of the clients of ${practiceName}`);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Download the PDF roadmap' }).first().click()
		]);
		const dir = mkdtempSync(joinPath(tmpdir(), 'cx-custom-model-pdf-'));
		try {
			const file = joinPath(dir, 'report.pdf');
			await download.saveAs(file);
			const bytes = readFileSync(file);
			const text = (await pdfBytesText(bytes)).replace(/\s+/g, ' ');
			expect(text).toContain(`Prepared by ${practiceName} for ${clientName}`);
			expect(text).toContain('Prepared after our kick-off workshop.');
			expect(text).toContain(`${practiceName} model, version 1.1.0`);
			expect(text).toContain('Benchmark');
			expect(text).toContain(`Among 5 organisations of the clients of ${practiceName}`);
			// No peer is named.
			expect(text).not.toContain('Peer bank');

			// The cover, as an image, for a person to look at.
			execFileSync('pdftoppm', [
				'-png',
				'-r',
				'60',
				'-f',
				'1',
				'-l',
				'1',
				file,
				joinPath(dir, 'cover')
			]);
			const png = joinPath(dir, 'cover-01.png');
			expect(statSync(png).size).toBeGreaterThan(10_000);
			mkdirSync('artifacts/screens', { recursive: true });
			execFileSync('cp', [png, 'artifacts/screens/co-branded-pdf-cover.png']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		await context.close();
	}, 300_000);
});
