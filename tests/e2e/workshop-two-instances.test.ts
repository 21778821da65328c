/**
 * The live workshop on PostgreSQL with two instances of the built app on two ports, one fresh
 * database behind them (issue 15): the facilitator signs up and runs the workshop on instance A,
 * two participants join and vote on instance B. A's control view follows B's joins and votes live
 * (each instance's events reach the other only through PostgreSQL LISTEN/NOTIFY: no instance polls),
 * the revealed distribution and the agreed level reach B's phones, and the database holds the votes
 * and the record. Needs PostgreSQL (TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres); without it the file says so and is skipped.
 */
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE } from '../support/browser';
import { createOrg, createRound, signUp } from '../support/flow';
import {
	adminUrlOrDefault,
	createTestDatabase,
	reachable,
	type TestDatabase
} from '../support/postgres';
import { startServer, type RunningServer } from '../support/spawn-server';
import { choice, opener, signedInContext } from '../support/workshop-pages';

const admin = adminUrlOrDefault();
const available = await reachable(admin);
if (!available)
	console.log(
		`PostgreSQL is not reachable at ${admin.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}: the e2e journey on two instances did not run.`
	);

describe.skipIf(!available)('a live workshop on PostgreSQL across two instances', () => {
	let database: TestDatabase;
	let a: RunningServer;
	let b: RunningServer;
	let browser: Browser;
	const contexts: BrowserContext[] = [];

	beforeAll(async () => {
		database = await createTestDatabase(admin, 'cx_e2e');
		const start = () =>
			startServer({
				databasePath: '',
				env: { DATABASE_URL: database.url, AUTH_ATTEMPTS_PER_ADDRESS: '100000' }
			});
		// The instances one after the other (the first migrates the empty database), the browser
		// meanwhile.
		[browser] = await Promise.all([
			launchBrowser(),
			(async () => {
				a = await start();
				b = await start();
			})()
		]);
	}, 90_000);

	afterAll(async () => {
		for (const context of contexts) await context.close();
		await browser?.close();
		await Promise.all([a?.stop(), b?.stop()]);
		await database?.drop();
	});

	it('the facilitator on one instance sees the participants on the other join, vote and agree', async () => {
		// Two processes on one database.
		expect(a.baseURL).not.toBe(b.baseURL);
		for (const server of [a, b]) {
			const health = (await (await fetch(`${server.baseURL}/healthz`)).json()) as {
				database: { engine: string };
			};
			expect(health.database.engine).toBe('postgres');
		}
		const errors: string[] = [];
		const watch = (page: Page, who: string) =>
			page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
		const openA = opener(a.baseURL);
		const openB = opener(b.baseURL);

		// Instance A: the facilitator signs up, sets up a round and starts a workshop. Meanwhile two
		// participants open the join page of instance B on their phones.
		const owner = await signUp('facilitator', a.baseURL);
		const orgId = await createOrg(owner);
		const roundId = await createRound(owner, orgId, 3);
		const facilitatorContext = await signedInContext(browser, owner);
		contexts.push(facilitatorContext);
		const facilitator = await facilitatorContext.newPage();
		watch(facilitator, 'facilitator');
		const names = ['Ana', 'Bo'];
		const [code, people] = await Promise.all([
			(async () => {
				await openA(facilitator, `/o/${orgId}/rounds/${roundId}/workshops`);
				await facilitator.getByLabel(/Show distributions of fewer voters/).check();
				await facilitator.getByRole('button', { name: 'Start the workshop' }).click();
				await facilitator.waitForURL(/\/workshops\/[a-z0-9]+$/);
				await expect.poll(() => facilitator.locator('#svelte-announcer').count()).toBe(1);
				return (await facilitator.getByLabel('Join code').textContent())!.trim();
			})(),
			Promise.all(
				names.map(async (name) => {
					const context = await browser.newContext(PHONE);
					contexts.push(context);
					const page = await context.newPage();
					watch(page, name);
					await openB(page, '/workshop');
					return page;
				})
			)
		]);
		expect(code).toMatch(/^[A-Z2-9]{6}$/);
		const workshopId = new URL(facilitator.url()).pathname.split('/').at(-1)!;

		// Instance B: both type the code and join at once.
		await Promise.all(
			people.map(async (page, i) => {
				await page.getByLabel('Join code').fill(code.toLowerCase());
				await page.getByRole('button', { name: 'Continue' }).click();
				await page.waitForURL(/\/workshop\?code=/);
				await page.getByLabel('Your name').fill(names[i]!);
				await page.getByRole('button', { name: 'Join the workshop' }).click();
				await page.waitForURL(new RegExp(`/workshop/${workshopId}$`));
				await expect
					.poll(() => page.getByRole('heading', { name: 'Waiting for the start' }).count())
					.toBe(1);
			})
		);
		const [ana, bo] = people as [Page, Page];
		// A's control view learnt of both joins from B.
		await expect.poll(() => facilitator.getByText('Joined: 2').count()).toBe(1);
		await facilitator.getByText('Who joined').click();
		await expect
			.poll(() => facilitator.locator('.names li').allTextContents())
			.toEqual(['Ana', 'Bo']);

		// Started on A: the first question reaches B's phones.
		await facilitator.getByRole('button', { name: 'Start', exact: true }).click();
		for (const page of people) await expect.poll(() => choice(page, '1').count()).toBe(1);
		const question = (await ana.locator('h1').first().textContent())!.trim();
		expect(question).not.toBe('');
		await expect
			.poll(() => facilitator.locator('.question h3').first().textContent())
			.toBe(question);

		// Votes on B: A counts each one as it arrives.
		await choice(ana, '2').click();
		await expect.poll(() => facilitator.locator('.voted').textContent()).toMatch(/1 of 2 voted/);
		await choice(bo, '4').click();
		await expect.poll(() => facilitator.locator('.voted').textContent()).toMatch(/2 of 2 voted/);

		// Revealed on A: the same distribution on A and on both phones on B.
		await facilitator.getByRole('button', { name: 'Reveal the answers' }).click();
		const counts = (page: Page) => page.locator('.distribution table td').allTextContents();
		for (const page of [facilitator, ana, bo]) {
			await expect.poll(() => page.locator('.chart[data-ready="true"]').count()).toBe(1);
			await expect.poll(() => counts(page)).toEqual(['0', '1', '0', '1', '0']);
			expect(await page.locator('.summary').first().textContent()).toMatch(
				/Votes: 2 · the room splits between levels 2 and 4/
			);
		}
		expect(await ana.locator('form.choices').count()).toBe(0);

		// The agreed level, recorded on A, shows on B.
		const reason = 'Complaints are logged in one place but nobody reads them monthly';
		await facilitator.getByLabel('Level 3', { exact: true }).check();
		await facilitator.getByLabel('Rationale').fill(reason);
		await facilitator.getByRole('button', { name: 'Record', exact: true }).click();
		await expect
			.poll(() => facilitator.locator('.question .record').textContent())
			.toMatch(/Agreed: level 3/);
		for (const page of people) {
			await expect.poll(() => page.locator('.record').textContent()).toMatch(/Agreed: level 3/);
			expect(await page.getByText(reason).count()).toBe(1);
		}

		// The one database holds both votes, cast on B, and the record, made on A.
		const client = new pg.Client({ connectionString: database.url });
		await client.connect();
		try {
			const votes = await client.query<{ name: string; level: number }>(
				`select p.name, v.level from workshop_votes v
				 join workshop_participants p on p.id = v.participant_id
				 where v.workshop_id = $1 order by p.name`,
				[workshopId]
			);
			expect(votes.rows).toEqual([
				{ name: 'Ana', level: 2 },
				{ name: 'Bo', level: 4 }
			]);
			const records = await client.query<{ outcome: string; level: number; reason: string }>(
				'select outcome, level, reason from workshop_records where workshop_id = $1',
				[workshopId]
			);
			expect(records.rows).toEqual([{ outcome: 'agreed', level: 3, reason }]);
		} finally {
			await client.end();
		}

		// Ended on A: both phones on B say so.
		await facilitator.getByRole('button', { name: 'End the workshop' }).click();
		for (const page of people)
			await expect
				.poll(() => page.getByRole('heading', { name: 'The workshop has ended' }).count())
				.toBe(1);
		expect(errors).toEqual([]);
	}, 120_000);
});
