/**
 * The read API on a server of its own, with `npm run db:demo`'s data and a small rate limit
 * (API_RATE_LIMIT_PER_MINUTE=3 per API_RATE_LIMIT_WINDOW_SECONDS=4): the limit answers 429 with
 * Retry-After and the window resets, counted in the database; the public demo's visitors cannot
 * make tokens; the demo's owner can, and the API gives the demo's tracked roadmap with owners'
 * names and leaves its small departments out.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoSummary } from '../../scripts/demo';
import { openDatabase } from '../../src/lib/server/db/connection';
import { Client } from '../support/http';
import { startServer, type RunningServer } from '../support/spawn-server';

const LIMIT = 3;
const WINDOW = 4;
const TOKEN = /cxm_[a-z2-7]{52}/;

let dir: string;
let server: RunningServer;
let demo: DemoSummary;
let owner: Client;
let token: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function api(path: string, bearer = token) {
	return fetch(new URL(`/api/v1${path}`, server.baseURL), {
		headers: { authorization: `Bearer ${bearer}` }
	});
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'cx-api-'));
	const databasePath = join(dir, 'api.sqlite');
	const opened = await openDatabase(databasePath);
	try {
		demo = await seedDemo(opened);
	} finally {
		await opened.close();
	}
	server = await startServer({
		databasePath,
		env: {
			AUTH_ATTEMPTS_PER_ADDRESS: '100000',
			API_RATE_LIMIT_PER_MINUTE: String(LIMIT),
			API_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW)
		}
	});
	owner = new Client(server.baseURL);
	const signIn = await owner.post('/signin', { email: demo.email, password: demo.password });
	expect(signIn.status).toBe(303);
	const res = await owner.post(`/o/${demo.organisationId}/api?/create`, { name: 'Demo BI' });
	expect(res.status).toBe(200);
	token = TOKEN.exec(await res.text())![0];
}, 120_000);

afterAll(async () => {
	await server?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the public demo', () => {
	it('a visitor, signed in or not, cannot open the token page or make a token', async () => {
		const visitor = new Client(server.baseURL);
		const signedIn = new Client(server.baseURL);
		expect(
			(
				await signedIn.post('/signup', {
					email: `visitor-${Date.now()}@example.com`,
					displayName: 'Visitor',
					password: 'correct horse battery'
				})
			).status
		).toBe(303);
		for (const client of [visitor, signedIn]) {
			expect((await client.get(`/o/${demo.organisationId}/api`)).status).toBe(403);
			const res = await client.post(`/o/${demo.organisationId}/api?/create`, { name: 'x' });
			expect(res.status).toBe(403);
			expect(await res.text()).not.toMatch(TOKEN);
		}
	});

	it("gives the latest round's results without small departments, and its tracked roadmap", async () => {
		const latest = demo.rounds[demo.rounds.length - 1]!;
		const results = (await (
			await api(`/organisations/${demo.organisationId}/rounds/${latest.id}/results`)
		).json()) as { status: string; groups: { departments: Array<{ name: string }> } };
		expect(results.status).toBe('available');
		const names = results.groups.departments.map((d) => d.name);
		expect(names.length).toBeGreaterThan(0);
		for (const small of demo.smallDepartments) expect(names).not.toContain(small);

		const baseline = demo.rounds[0]!;
		const roadmap = (await (
			await api(`/organisations/${demo.organisationId}/rounds/${baseline.id}/roadmap?lang=ro`)
		).json()) as { items: Array<{ owner: string | null; status: string }> };
		const owned = roadmap.items.filter((i) => i.owner !== null);
		const tracked = demo.trackedItems.filter((i) => i.roundId === baseline.id);
		expect(tracked.length).toBeGreaterThan(0);
		expect(owned.length).toBe(tracked.length);
		const people = new Set(demo.users.map((u) => u.displayName));
		for (const item of owned) expect(people.has(item.owner!)).toBe(true);
	});
});

describe('the rate limit', () => {
	it(`answers 429 with Retry-After after ${LIMIT} requests, and the window resets`, async () => {
		// Start at the beginning of a window, so the requests below fall in one.
		const into = Date.now() % (WINDOW * 1000);
		await sleep(WINDOW * 1000 - into + 50);
		const statuses: number[] = [];
		let refused: Response | undefined;
		let beforeRefused = '';
		for (let i = 0; i <= LIMIT; i++) {
			if (i === LIMIT) beforeRefused = new Date().toISOString();
			const res = await api(`/organisations/${demo.organisationId}`);
			statuses.push(res.status);
			if (res.status === 429) refused = res;
		}
		expect(statuses).toEqual([200, 200, 200, 429]);
		expect(refused!.headers.get('ratelimit-remaining')).toBe('0');
		const retryAfter = Number(refused!.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(WINDOW);
		expect(((await refused!.json()) as { error: { code: string } }).error.code).toBe(
			'rate_limited'
		);

		// The counter is a row in the database, not the process's memory.
		const db = new Database(join(dir, 'api.sqlite'), { readonly: true });
		try {
			const row = db.prepare('select requests, last_used_at from api_token_usage').get() as {
				requests: number;
				last_used_at: string;
			};
			expect(row.requests).toBe(LIMIT + 1);
			// The refused request was a use of the token too: its "last used" moved with it.
			expect(row.last_used_at >= beforeRefused).toBe(true);
		} finally {
			db.close();
		}

		await sleep(retryAfter * 1000 + 50);
		const again = await api(`/organisations/${demo.organisationId}`);
		expect(again.status).toBe(200);
		expect(again.headers.get('ratelimit-remaining')).toBe(String(LIMIT - 1));
	});

	it('another token has its own budget; a missing token is 401, not counted', async () => {
		const res = await owner.post(`/o/${demo.organisationId}/api?/create`, { name: 'Second' });
		const second = TOKEN.exec(await res.text())![0];
		const into = Date.now() % (WINDOW * 1000);
		await sleep(WINDOW * 1000 - into + 50);
		for (let i = 0; i < LIMIT; i++) await api(`/organisations/${demo.organisationId}`);
		expect((await api(`/organisations/${demo.organisationId}`, second)).status).toBe(200);
		expect((await api(`/organisations/${demo.organisationId}`, 'nonsense')).status).toBe(401);
	});
});
