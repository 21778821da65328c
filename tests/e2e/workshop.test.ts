/**
 * A live workshop in real Chromium with four browser contexts at once: the presenter screen at
 * 1280 px, the facilitator's control view, and two participants on phones (390 px). They join by
 * code, vote, the facilitator reveals, re-opens the vote, records the agreed level with a reason; a
 * participant's page is closed mid-question and opened again, landing where the room is with the
 * vote kept and the facilitator's timer still counting down; the facilitator sees who joined; the
 * workshop ends on every screen, the live streams stay closed, and its record shows on the results
 * page and in the PDF. Screens go to artifacts/screens.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, PHONE, seriousViolations } from '../support/browser';
import {
	createLink,
	createOrg,
	createRound,
	setStatus,
	signUp,
	submitResponses
} from '../support/flow';
import type { Client } from '../support/http';
import { pdfText } from '../support/pdf';
import { choice, opener, signedInContext as signedInContextOf } from '../support/workshop-pages';

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

const open = opener(baseURL);
const signedInContext = (client: Client) => signedInContextOf(browser, client);

describe('a live workshop in four browsers', () => {
	it('joins by code, votes, reveals, re-votes, records, survives a reconnect and ends', async () => {
		const owner = await signUp('facilitator');
		const orgId = await createOrg(owner);
		const roundId = await createRound(owner, orgId, 3);
		// Three people answered on their own before the workshop, so the round has a report.
		await setStatus(owner, orgId, roundId, 'open');
		await submitResponses(await createLink(owner, orgId, roundId), 3);
		const errors: string[] = [];

		// The facilitator starts a workshop for a small leadership group (fewer than 3 voters).
		const facilitatorContext = await signedInContext(owner);
		const facilitator = await facilitatorContext.newPage();
		facilitator.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
		await open(facilitator, `/o/${orgId}/rounds/${roundId}`);
		await facilitator.getByRole('link', { name: 'Open the workshops' }).click();
		await facilitator.waitForURL(/\/workshops$/);
		await facilitator.getByLabel(/Show distributions of fewer voters/).check();
		await facilitator.screenshot({ path: `${shots}/workshop-new.png`, fullPage: true });
		await facilitator.getByRole('button', { name: 'Start the workshop' }).click();
		await facilitator.waitForURL(/\/workshops\/[a-z0-9]+$/);
		const control = new URL(facilitator.url()).pathname;
		const workshopId = control.split('/').at(-1)!;
		await expect.poll(() => facilitator.locator('#svelte-announcer').count()).toBe(1);

		// The presenter screen shows the code, the QR code and the address.
		const presenterContext = await signedInContext(owner);
		const presenter = await presenterContext.newPage();
		presenter.on('pageerror', (e) => errors.push(`presenter: ${e.message}`));
		await open(presenter, `${control}/present`);
		const code = (await presenter.locator('.big-code').textContent())!.trim();
		expect(code).toMatch(/^[A-Z2-9]{6}$/);
		expect(await presenter.locator('.qr svg').count()).toBe(1);
		await expect.poll(() => presenter.getByText('Small-group mode').count()).toBe(1);

		// Two participants join on their phones: one types the code, one comes from the QR link.
		const phones: BrowserContext[] = [];
		const people: Page[] = [];
		for (const [i, name] of ['Ana', ''].entries()) {
			const context = await browser.newContext(PHONE);
			const page = await context.newPage();
			page.on('pageerror', (e) => errors.push(`participant ${i}: ${e.message}`));
			if (i === 0) {
				await open(page, '/workshop');
				await page.getByLabel('Join code').fill(code.toLowerCase());
				await page.getByRole('button', { name: 'Continue' }).click();
			} else {
				await open(page, `/workshop?code=${code}`);
			}
			await page.waitForURL(/\/workshop\?code=/);
			if (name) await page.getByLabel('Your name').fill(name);
			if (i === 0) await page.screenshot({ path: `${shots}/workshop-join-390.png` });
			await page.getByRole('button', { name: 'Join the workshop' }).click();
			await page.waitForURL(new RegExp(`/workshop/${workshopId}$`));
			await expect.poll(() => page.locator('#svelte-announcer').count()).toBe(1);
			await expect
				.poll(() => page.getByRole('heading', { name: 'Waiting for the start' }).count())
				.toBe(1);
			phones.push(context);
			people.push(page);
		}
		const [ana, bo] = people as [Page, Page];
		await expect.poll(() => presenter.locator('.joined').textContent()).toBe('Joined: 2');
		await presenter.screenshot({ path: `${shots}/workshop-presenter-lobby-1280.png` });
		// The facilitator sees who joined by name; the presenter, only how many.
		await facilitator.getByText('Who joined').click();
		await expect.poll(() => facilitator.locator('.names li').allTextContents()).toEqual(['Ana']);
		expect(await presenter.getByText('Ana', { exact: true }).count()).toBe(0);
		expect((await seriousViolations(presenter)).map((v) => v.id)).toEqual([]);

		// Start: every screen shows the first question.
		await facilitator.getByRole('button', { name: 'Start', exact: true }).click();
		for (const page of people) await expect.poll(() => choice(page, '1').count()).toBe(1);
		const question = (await ana.locator('h1').first().textContent())!.trim();
		await expect.poll(() => presenter.locator('h1').first().textContent()).toBe(question);
		// Focus moved to the question's heading on the step change.
		await expect.poll(() => ana.evaluate(() => document.activeElement?.tagName)).toBe('H1');

		// Votes: own vote highlighted; the presenter shows only how many voted.
		await choice(ana, '2').click();
		await expect.poll(() => choice(ana, '2').getAttribute('aria-pressed')).toBe('true');
		await choice(bo, '4').click();
		await expect.poll(() => choice(bo, '4').getAttribute('aria-pressed')).toBe('true');
		await expect.poll(() => presenter.locator('.voted').textContent()).toBe('2 of 2 voted');
		await expect.poll(() => facilitator.locator('.voted').textContent()).toMatch(/2 of 2 voted/);
		expect(await presenter.locator('canvas').count()).toBe(0);
		await ana.screenshot({ path: `${shots}/workshop-vote-390.png`, fullPage: true });
		await presenter.screenshot({ path: `${shots}/workshop-presenter-open-1280.png` });
		expect((await seriousViolations(ana)).map((v) => v.id)).toEqual([]);

		// Reveal: the distribution reaches every screen, drawn as a chart with a table beside it.
		await facilitator.getByRole('button', { name: 'Reveal the answers' }).click();
		for (const page of [ana, bo, presenter])
			await expect.poll(() => page.locator('.chart[data-ready="true"]').count()).toBe(1);
		await expect
			.poll(() => presenter.locator('.summary').first().textContent())
			.toMatch(/Votes: 2 · the room splits between levels 2 and 4/);
		expect(await ana.locator('form.choices').count()).toBe(0);
		await presenter.screenshot({ path: `${shots}/workshop-presenter-revealed-1280.png` });
		await ana.screenshot({ path: `${shots}/workshop-revealed-390.png`, fullPage: true });
		await facilitator.screenshot({
			path: `${shots}/workshop-control-revealed-1280.png`,
			fullPage: true
		});
		expect((await seriousViolations(facilitator)).map((v) => v.id)).toEqual([]);

		// Re-open the vote: both vote again; the second distribution sits beside the first.
		await facilitator.getByRole('button', { name: 'Re-open the vote' }).click();
		for (const page of people) await expect.poll(() => choice(page, '3').count()).toBe(1);
		expect(await choice(ana, '2').getAttribute('aria-pressed')).toBe('false');
		await choice(ana, '3').click();
		await choice(bo, '3').click();
		await expect.poll(() => presenter.locator('.voted').textContent()).toBe('2 of 2 voted');
		await facilitator.getByRole('button', { name: 'Reveal the answers' }).click();
		await expect.poll(() => presenter.locator('.chart[data-ready="true"]').count()).toBe(2);
		await expect.poll(() => presenter.getByText('Second vote').count()).toBeGreaterThan(0);

		// Record the agreed level with a reason.
		const reason = 'Complaints are logged in one place but nobody reads them monthly';
		await facilitator.getByLabel('Level 3', { exact: true }).check();
		await facilitator.getByLabel('Rationale').fill(reason);
		await facilitator.getByRole('button', { name: 'Record', exact: true }).click();
		await expect
			.poll(() => presenter.locator('.record-level').textContent())
			.toBe('Agreed: level 3');
		await expect.poll(() => presenter.locator('.reason').textContent()).toBe(reason);
		await expect.poll(() => ana.getByText(reason).count()).toBe(1);
		await presenter.screenshot({ path: `${shots}/workshop-presenter-recorded-1280.png` });

		// Next question; Ana votes, closes her page mid-question and opens it again.
		await facilitator.getByRole('button', { name: 'Next' }).click();
		await expect.poll(() => presenter.locator('.voted').textContent()).toBe('0 of 2 voted');
		await expect.poll(() => choice(ana, '4').count()).toBe(1);
		// A timer of one minute from the control view: every screen counts down to the same end.
		await facilitator.getByLabel('Minutes').fill('1');
		await facilitator.getByRole('button', { name: 'Start the timer' }).click();
		for (const page of [presenter, ana, facilitator])
			await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/^(1:00|0:5\d)$/);
		await choice(ana, '4').click();
		await expect.poll(() => presenter.locator('.voted').textContent()).toBe('1 of 2 voted');
		await ana.close();
		const back = await phones[0]!.newPage();
		back.on('pageerror', (e) => errors.push(`participant 0 again: ${e.message}`));
		await open(back, `/workshop/${workshopId}`);
		await expect.poll(() => choice(back, '4').getAttribute('aria-pressed')).toBe('true');
		expect(await back.getByText('Step 2 of').count()).toBe(1);
		await expect.poll(() => back.getByRole('timer').textContent()).toMatch(/^0:[0-5]\d$/);
		// Still live after the reconnect.
		await choice(bo, '1').click();
		await expect.poll(() => presenter.locator('.voted').textContent()).toBe('2 of 2 voted');
		await facilitator.getByRole('button', { name: 'Reveal the answers' }).click();
		await expect.poll(() => back.locator('.chart[data-ready="true"]').count()).toBe(1);

		// End: every screen says so, and none opens its live stream again afterwards.
		await facilitator.getByRole('button', { name: 'End the workshop' }).click();
		for (const page of [back, bo, presenter])
			await expect
				.poll(() => page.getByRole('heading', { name: 'The workshop has ended' }).count())
				.toBe(1);
		let reconnects = 0;
		for (const page of [back, bo, presenter, facilitator])
			page.on('request', (request) => {
				if (request.url().includes('/events')) reconnects++;
			});
		// Longer than the 2 s an EventSource waits before reconnecting to a closed stream.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect(reconnects).toBe(0);
		await bo.screenshot({ path: `${shots}/workshop-ended-390.png` });

		// The record is the round's consensus now: on the results page and in the PDF.
		await open(facilitator, `/o/${orgId}/rounds/${roundId}/results`);
		const record = facilitator.getByRole('region', { name: 'Workshop record' });
		await expect.poll(() => record.getByText(reason).count()).toBe(1);
		await record.scrollIntoViewIfNeeded();
		await facilitator.screenshot({ path: `${shots}/workshop-record-1280.png`, fullPage: true });
		const pdf = (
			await pdfText(await owner.get(`/o/${orgId}/rounds/${roundId}/report.pdf`))
		).replace(/\s+/g, ' ');
		expect(pdf).toContain('Workshop record');
		expect(pdf).toContain(reason);

		expect(errors).toEqual([]);
		for (const context of [facilitatorContext, presenterContext, ...phones]) await context.close();
	}, 180_000);
});
