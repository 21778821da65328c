/**
 * "Try the demo" (issue 14) on a server of its own: without a demo, /demo explains what it holds
 * and how an operator loads it; with `npm run db:demo`'s data, anyone can read the demo
 * organisation as a viewer, without an account, and nothing else: every form action of every
 * organisation page, found from the route files, refuses them with 403 and changes nothing, their
 * pages carry what the demo's own viewer gets and no token or response id, and no other
 * organisation opens.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoSummary } from '../../scripts/demo';
import { openDatabase } from '../../src/lib/server/db/connection';
import { Client } from '../support/http';
import { startServer, type RunningServer } from '../support/spawn-server';
import { decodeNodes, fetchPageData, isRefusal } from '../support/page-data';

const PASSWORD = 'correct horse battery';
let dir: string;
let server: RunningServer;
let db: Database.Database;
let demo: DemoSummary;
let visitor: Client;
let stranger: Client;
let strangerOrg: string;

const latest = () => demo.rounds[demo.rounds.length - 1]!;
const orgPath = () => `/o/${demo.organisationId}`;
const roundPath = () => `${orgPath()}/rounds/${latest().id}`;

async function signUp(label: string): Promise<Client> {
	const client = new Client(server.baseURL);
	const res = await client.post('/signup', {
		email: `${label}-${Date.now()}@example.com`,
		displayName: label,
		password: PASSWORD
	});
	expect(res.status).toBe(303);
	return client;
}

/** Every form action of the organisation pages: [route directory, action name]. */
function organisationActions(dir = 'src/routes/o'): Array<[string, string]> {
	const found: Array<[string, string]> = [];
	for (const entry of readdirSync(dir)) {
		const path = joinPath(dir, entry);
		if (statSync(path).isDirectory()) found.push(...organisationActions(path));
		else if (entry === '+page.server.ts') {
			const source = readFileSync(path, 'utf8');
			const block = /export const actions[^{]*\{([\s\S]*?)\n\};/.exec(source)?.[1] ?? '';
			for (const [, name] of block.matchAll(/^\t(\w+):/gm))
				found.push(['/' + relative('src/routes', dir).split('\\').join('/'), name!]);
		}
	}
	return found;
}

function address(route: string): string {
	const params: Record<string, string> = {
		'[orgId=id]': demo.organisationId,
		'[roundId=id]': demo.workshop.roundId,
		'[workshopId=id]': demo.workshop.id
	};
	return route.replace(/\[[^\]]+\]/g, (p) => params[p]!);
}

/** Every row of every table that a refused request must leave alone, hashed per table. */
function snapshot(): Record<string, string> {
	const tables = (
		db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
			name: string;
		}[]
	)
		.map((t) => t.name)
		// Who signs in, and the health check, change these by design.
		.filter((t) => !['sessions', 'sign_in_attempts', 'health_probe'].includes(t));
	return Object.fromEntries(
		tables.map((table) => {
			const rows = (db.prepare(`select * from "${table}"`).all() as unknown[])
				.map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Buffer ? v.length : v)))
				.sort();
			return [table, createHash('sha256').update(rows.join('\n')).digest('hex')];
		})
	);
}

/** The data with evidence notes counted: each request picks its notes at random. */
function countedNotes(data: unknown): unknown {
	if (Array.isArray(data)) return data.map(countedNotes);
	if (data && typeof data === 'object')
		return Object.fromEntries(
			Object.entries(data).map(([key, value]) => [
				key,
				key === 'notes' && Array.isArray(value) ? value.length : countedNotes(value)
			])
		);
	return data;
}

/** What a page's loads returned (null unless a 200). */
async function pageData(client: Client, path: string): Promise<unknown[] | null> {
	const { body } = await fetchPageData(client, path);
	return body && !isRefusal(body) ? decodeNodes(body) : null;
}

const databasePath = () => joinPath(dir, 'demo.sqlite');
async function start() {
	server = await startServer({
		databasePath: databasePath(),
		env: { AUTH_ATTEMPTS_PER_ADDRESS: '100000' }
	});
	visitor = new Client(server.baseURL);
}

beforeAll(async () => {
	dir = mkdtempSync(joinPath(tmpdir(), 'cx-demo-'));
	await start();
}, 60_000);

afterAll(async () => {
	db?.close();
	await server?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('before the demo is loaded', () => {
	it('the home page starts an assessment, offers the demo and the model', async () => {
		const html = await (await visitor.get('/')).text();
		expect(html).toMatch(/<a class="button start[^"]*" href="\/signup">Start an assessment<\/a>/);
		expect(html).toContain('href="/demo">Try the demo</a>');
		expect(html).toContain('href="/model">Read the maturity model</a>');
	});

	it('"Try the demo" says what the demo holds and how an operator loads it, not an error', async () => {
		const res = await visitor.get('/demo');
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('The demo is not loaded on this server');
		expect(html).toContain('<code>npm run db:demo</code>');
		expect(html).toContain('href="/signup"');
	});
});

describe('the public demo', () => {
	beforeAll(async () => {
		// As an operator does it: `npm run db:demo` with the server stopped, then started again.
		await server.stop();
		const opened = await openDatabase(databasePath());
		try {
			demo = await seedDemo(opened);
		} finally {
			await opened.close();
		}
		await start();
		db = new Database(databasePath(), { readonly: true, fileMustExist: true });
		stranger = await signUp('stranger');
		const created = await stranger.post('/orgs?/create', { name: 'Stranger Ltd' });
		strangerOrg = /^\/o\/([a-z0-9]+)$/.exec(created.headers.get('location') ?? '')![1]!;
	}, 120_000);

	it('is marked as the one public demo, and "Try the demo" opens its latest round', async () => {
		expect(demo.publicDemo).toBe(true);
		expect(db.prepare('select id from organisations where public_demo = 1').all()).toEqual([
			{ id: demo.organisationId }
		]);
		const res = await visitor.get('/demo');
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`${roundPath()}/results`);
	});

	it('opens read-only to a visitor: a viewer’s pages and the PDF, nothing beyond', async () => {
		for (const path of [
			orgPath(),
			`${orgPath()}/members`,
			`${orgPath()}/compare`,
			roundPath(),
			`${roundPath()}/results`,
			`${roundPath()}/roadmap`
		]) {
			const res = await visitor.get(path);
			expect(res.status, path).toBe(200);
			if (path.endsWith('/results'))
				expect(await res.text()).toContain('You are looking at the demo');
		}
		const pdf = await visitor.get(`${roundPath()}/report.pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		for (const path of [
			`${orgPath()}/structure`,
			`${orgPath()}/settings`,
			`${orgPath()}/audit`,
			`${orgPath()}/delete`,
			`${roundPath()}/responses`,
			`${roundPath()}/workshops`,
			`${roundPath()}/workshops/${demo.workshop.id}`,
			`${roundPath()}/workshops/${demo.workshop.id}/present`,
			`${roundPath()}/delete`
		])
			expect((await visitor.get(path)).status, path).toBe(403);
		expect((await visitor.get(`${roundPath()}/export/responses.csv`)).status).toBe(404);
		expect((await stranger.get(`${roundPath()}/export/responses.csv`)).status).toBe(403);
	});

	it('refuses every form action of every organisation page with 403 and changes nothing', async () => {
		const actions = organisationActions();
		// The pages' actions as the route files have them today; a new one is tried without a list.
		expect(actions.length).toBeGreaterThanOrEqual(25);
		expect(actions).toContainEqual(['/o/[orgId=id]/rounds/[roundId=id]', 'answer']);
		const fields = {
			name: 'Taken over',
			status: 'closed',
			threshold: '3',
			departmentId: '',
			roleLevelId: '',
			kind: 'departments',
			role: 'owner',
			confirm: demo.organisationName,
			type: 'end',
			position: '0'
		};
		const before = snapshot();
		for (const client of [visitor, stranger])
			for (const [route, action] of actions) {
				const path = `${address(route)}?/${action}`;
				const res = await client.post(path, fields);
				expect(res.status, `${path}`).toBe(403);
				expect(await res.text(), path).toContain('The demo is read-only');
				// As use:enhance posts it, too.
				const enhanced = await client.post(path, fields, {
					accept: 'application/json',
					'x-sveltekit-action': 'true'
				});
				expect(enhanced.status, path).toBe(403);
				expect(await enhanced.json(), path).toEqual({
					type: 'error',
					error: { message: 'The demo is read-only. Start your own assessment to do this.' }
				});
			}
		expect(snapshot()).toEqual(before);
	});

	it('gives a visitor what the demo’s own viewer sees, with no token or response id', async () => {
		const viewer = new Client(server.baseURL);
		const viewerAccount = demo.users.find((u) => u.role === 'viewer')!;
		expect(
			(await viewer.post('/signin', { email: viewerAccount.email, password: demo.password })).status
		).toBe(303);
		const forbidden = [
			...(db.prepare('select token from response_links').all() as { token: string }[]).map(
				(r) => r.token
			),
			...(
				db.prepare('select id, resume_token_hash as h from responses').all() as {
					id: string;
					h: string;
				}[]
			).flatMap((r) => [r.id, r.h])
		];
		const small = db
			.prepare('select id from departments where organisation_id = ? and name = ?')
			.get(demo.organisationId, demo.smallDepartments[0]) as { id: string };
		for (const path of [
			orgPath(),
			`${orgPath()}/members`,
			`${orgPath()}/compare`,
			roundPath(),
			`${roundPath()}/results`,
			`${roundPath()}/results?department=${small.id}`,
			`${roundPath()}/roadmap`
		]) {
			const seen = await pageData(visitor, path);
			const viewers = await pageData(viewer, path);
			expect(seen, path).not.toBeNull();
			const [, orgLayout, page] = seen! as Array<Record<string, unknown>>;
			const [, viewerLayout, viewerPage] = viewers! as Array<Record<string, unknown>>;
			expect(orgLayout).toEqual({ ...viewerLayout, demo: 'visitor' });
			expect(viewerLayout!.demo).toBe('member');
			const { me: _me, ...rest } = page!;
			const { me: _viewerMe, ...viewerRest } = viewerPage!;
			expect(countedNotes(rest), path).toEqual(countedNotes(viewerRest));
			const text = JSON.stringify(seen);
			for (const secret of forbidden) expect(text.includes(secret), path).toBe(false);
		}
	});

	it('opens no other organisation', async () => {
		const others = (
			db.prepare('select id from organisations where id != ?').all(demo.organisationId) as {
				id: string;
			}[]
		).map((r) => r.id);
		expect(others).toContain(strangerOrg);
		const outsider = await signUp('outsider');
		for (const id of others) {
			const anonymous = await visitor.get(`/o/${id}`);
			expect(anonymous.status).toBe(303);
			expect(anonymous.headers.get('location')).toMatch(/^\/signin\?next=/);
			expect((await outsider.get(`/o/${id}`)).status).toBe(404);
			expect((await visitor.get(`/o/${id}/rounds/x/report.pdf`)).status).toBe(404);
			expect((await outsider.post(`/o/${id}?/createRound`, { name: 'x' })).status).toBe(404);
		}
	});
});
