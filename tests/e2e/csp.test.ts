/**
 * The Content-Security-Policy in real Chromium: every main page loads, hydrates, autosaves and
 * draws its charts with no `securitypolicyviolation` event and no CSP message on the console, signed
 * out and signed in. A control shows that the policy is enforced and that violations are seen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import { launchBrowser } from '../support/browser';
import {
	addDepartment,
	answerAll,
	createLink,
	createOrg,
	createRound,
	join,
	setStatus,
	signUp,
	submit,
	testDb
} from '../support/flow';
import type { Client } from '../support/http';

const baseURL = inject('baseURL');
let browser: Browser;

interface Seen {
	violations: string[];
	console: string[];
}

/** A context that records CSP violations (from inside each page) and console errors. */
async function watchedContext(client?: Client): Promise<{ context: BrowserContext; seen: Seen }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	await context.addInitScript(() => {
		const w = window as unknown as { __violations: string[] };
		w.__violations = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
		);
	});
	if (client)
		await context.addCookies(
			[...client.cookies].map(([name, value]) => ({ name, value, url: baseURL }))
		);
	const seen: Seen = { violations: [], console: [] };
	context.on('console', (message) => {
		const text = message.text();
		if (
			message.type() === 'error' ||
			/Content[- ]Security[- ]Policy|Refused to|Permissions-Policy/i.test(text)
		)
			seen.console.push(`${message.type()}: ${text}`);
	});
	context.on('weberror', (error) => seen.console.push(`pageerror: ${error.error().message}`));
	return { context, seen };
}

async function violationsIn(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

/** Opens a page, lets it hydrate, and collects what it reported. */
async function visit(page: Page, seen: Seen, path: string): Promise<void> {
	const res = await page.goto(`${baseURL}${path}`, { waitUntil: 'networkidle' });
	expect(res?.status(), path).toBe(200);
	expect(res?.headers()['content-security-policy'], path).toContain("script-src 'self' 'nonce-");
	// Hydrated: SvelteKit's client started (the start-up script ran under the policy).
	await expect
		.poll(() => page.evaluate(() => document.body.dataset.sveltekitPreloadData))
		.toBe('hover');
	await expect
		.poll(() => page.evaluate(() => !!document.querySelector('#svelte-announcer')), {
			timeout: 10_000
		})
		.toBe(true);
	seen.violations.push(...(await violationsIn(page)).map((v) => `${path}: ${v}`));
}

async function expectChartsDrawn(page: Page, path: string, count: number) {
	await expect
		.poll(() => page.locator('.chart[data-ready="true"]').count(), { timeout: 10_000 })
		.toBe(count);
	const sizes = await page
		.locator('.chart canvas')
		.evaluateAll((canvases) =>
			canvases.map((c) => (c as HTMLCanvasElement).width * (c as HTMLCanvasElement).height)
		);
	expect(sizes.length, path).toBe(count);
	for (const size of sizes) expect(size, path).toBeGreaterThan(0);
}

interface Fixture {
	owner: Client;
	orgId: string;
	roundId: string;
	linkToken: string;
	submittedToken: string;
	areaId: string;
}
let fixture: Fixture;

function inputFor(roundId: string, seed: number): ResponseInput {
	const { content } = testDb()
		.prepare(
			'select m.content from maturity_models m join rounds a on a.model_id = m.id where a.id = ?'
		)
		.get(roundId) as { content: string };
	const model = JSON.parse(content) as {
		areas: Array<{ id: string; questions: Array<{ id: string }> }>;
	};
	const input: ResponseInput = { answers: {}, targets: {} };
	model.areas.forEach((area, a) => {
		input.targets[area.id] = 4;
		area.questions.forEach((q, i) => {
			input.answers[q.id] = (((a + i + seed) % 4) + 1) as 1 | 2 | 3 | 4;
		});
	});
	return input;
}

beforeAll(async () => {
	browser = await launchBrowser();
	// A round with three submitted responses (its threshold), so the team results show charts.
	const owner = await signUp('csp');
	const orgId = await createOrg(owner);
	const departmentId = await addDepartment(owner, orgId, 'Support');
	const roundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, roundId, 'open');
	const linkToken = await createLink(owner, orgId, roundId, departmentId);
	let submittedToken = '';
	for (let seed = 0; seed < 3; seed++) {
		const person = await join(linkToken);
		await answerAll(person.token, inputFor(roundId, seed));
		await submit(person.client, person.token);
		submittedToken = person.token;
	}
	const areaId = Object.keys(inputFor(roundId, 0).targets)[0]!;
	fixture = { owner, orgId, roundId, linkToken, submittedToken, areaId };
});
afterAll(async () => {
	await browser?.close();
});

describe('the Content-Security-Policy in Chromium', () => {
	it('is enforced: an injected inline script is refused and reported', async () => {
		const { context, seen } = await watchedContext();
		const page = await context.newPage();
		await page.goto(`${baseURL}/`, { waitUntil: 'networkidle' });
		await page
			.evaluate(() => {
				const script = document.createElement('script');
				script.textContent = 'window.__injected = true';
				document.head.append(script);
			})
			.catch(() => undefined);
		await expect.poll(async () => (await violationsIn(page)).length).toBeGreaterThan(0);
		expect(
			await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)
		).toBeUndefined();
		expect((await violationsIn(page)).join('\n')).toMatch(/script-src/);
		expect(seen.console.join('\n')).toMatch(/Content Security Policy/);
		await context.close();
	});

	it('signed out: home, the model, an area, sign-up, sign-in, a link, a step with autosave, results', async () => {
		const { context, seen } = await watchedContext();
		const page = await context.newPage();
		for (const path of ['/', '/model', `/model/${fixture.areaId}`, '/signup', '/signin'])
			await visit(page, seen, path);

		// A client-side navigation (SvelteKit's router fetches __data.json under connect-src).
		await page.goto(`${baseURL}/`, { waitUntil: 'networkidle' });
		await page.getByRole('link', { name: 'The model' }).first().click();
		await page.waitForURL(/\/model$/);
		await expect.poll(() => page.locator('h1').count()).toBeGreaterThan(0);

		// A respondent starts through the link and answers: every change autosaves.
		await visit(page, seen, `/join/${fixture.linkToken}`);
		await page.getByRole('button', { name: 'Start' }).click();
		await page.waitForURL(/\/step\/1$/);
		const stepPath = new URL(page.url()).pathname;
		await visit(page, seen, stepPath);
		await page.locator('fieldset.question').first().locator('input[type="radio"]').nth(2).check();
		await page.locator('fieldset.target input[value="3"]').check();
		await expect.poll(() => page.locator('.save-status').getAttribute('data-state')).toBe('saved');
		seen.violations.push(...(await violationsIn(page)));

		// A respondent's own results, with the radar and the bars drawn by chart.js.
		const results = `/answer/${fixture.submittedToken}/results`;
		await visit(page, seen, results);
		await expectChartsDrawn(page, results, 2);
		seen.violations.push(...(await violationsIn(page)));

		expect(seen.violations).toEqual([]);
		expect(seen.console).toEqual([]);
		await context.close();
	});

	it('signed in: organisations, an organisation, its settings, a round, its results with charts, the roadmap', async () => {
		const { context, seen } = await watchedContext(fixture.owner);
		const page = await context.newPage();
		const org = `/o/${fixture.orgId}`;
		const round = `${org}/rounds/${fixture.roundId}`;
		for (const path of [
			'/orgs',
			org,
			`${org}/structure`,
			`${org}/members`,
			`${org}/settings`,
			`${org}/compare`,
			round,
			`${round}/roadmap`,
			'/account'
		])
			await visit(page, seen, path);

		await visit(page, seen, `${round}/results`);
		await expectChartsDrawn(page, `${round}/results`, 2);
		seen.violations.push(...(await violationsIn(page)));

		// A form sent with use:enhance (fetch + JSON) under form-action and connect-src.
		await visit(page, seen, `${org}/structure`);
		await page.locator('#add-departments').fill('Field service');
		await page
			.locator('form.add', { has: page.locator('#add-departments') })
			.getByRole('button')
			.click();
		await expect
			.poll(() => page.locator('.groups li', { hasText: 'Field service' }).count())
			.toBe(1);
		seen.violations.push(...(await violationsIn(page)));

		expect(seen.violations).toEqual([]);
		expect(seen.console).toEqual([]);
		await context.close();
	});
});
