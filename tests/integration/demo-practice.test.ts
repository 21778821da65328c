/**
 * The demo's consultancy, "Balkan CX Partners (demo)" (scripts/demo/practice.ts), seeded into a
 * fresh database and read through a server of its own as its partner reads it: two model versions
 * (the practice's published "Balkan CX 1.1" and the instance's default) used by its clients'
 * rounds, a benchmark of at least five other organisations on a client's results page, dashboard
 * and PDF, trends only between rounds of the same version, and a client whose latest round is on
 * a version too few others used, without a benchmark.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DEMO_CLIENTS,
	DEMO_PRACTICE_CONTACT,
	DEMO_PRACTICE_MODEL,
	DEMO_PRACTICE_NAME,
	DEMO_PRACTICE_USERS,
	seedDemoPractice,
	type DemoPracticeSummary
} from '../../scripts/demo/practice';
import { hashPassword } from '../../src/lib/server/auth/password';
import { openDatabase } from '../../src/lib/server/db/connection';
import { loadFirstRunFacts } from '../../src/lib/server/db/first-run';
import { ensureDefaultModel } from '../../src/lib/server/db/models';
import { createUser } from '../../src/lib/server/db/users';
import { Client } from '../support/http';
import { pdfPages, pdfText } from '../support/pdf';
import { startServer, type RunningServer } from '../support/spawn-server';

const PASSWORD = 'correct horse battery';
let dir: string;
let server: RunningServer;
let db: Database.Database;
let demo: DemoPracticeSummary;
let defaultModelId: string;
let partner: Client;

const clientNamed = (name: string) => demo.clients.find((c) => c.name.startsWith(name))!;
const latestRoundOf = (organisationId: string) =>
	(
		db
			.prepare('select id from rounds where organisation_id = ? order by created_at desc limit 1')
			.get(organisationId) as { id: string }
	).id;

beforeAll(async () => {
	dir = mkdtempSync(joinPath(tmpdir(), 'cx-demo-practice-'));
	const path = joinPath(dir, 'demo.sqlite');
	const opened = await openDatabase(path);
	try {
		const stored = await ensureDefaultModel(opened.db);
		defaultModelId = stored.id;
		const passwordHash = await hashPassword(PASSWORD);
		const users = new Map<string, { id: string }>();
		for (const u of DEMO_PRACTICE_USERS) {
			const user = await createUser(opened.db, { ...u, passwordHash });
			users.set(u.email, user!);
		}
		demo = await seedDemoPractice(opened, { now: new Date(), defaultModel: stored, users });
		// Re-running replaces the practice, its clients and its model, as `npm run db:demo` does.
		demo = await seedDemoPractice(opened, { now: new Date(), defaultModel: stored, users });
	} finally {
		await opened.close();
	}
	server = await startServer({ databasePath: path });
	db = new Database(path, { readonly: true, fileMustExist: true });
	partner = new Client(server.baseURL);
	const res = await partner.post('/signin', {
		email: DEMO_PRACTICE_USERS[0].email,
		password: PASSWORD
	});
	expect(res.status).toBe(303);
}, 120_000);

afterAll(async () => {
	db?.close();
	await server?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the demo practice', () => {
	it('has its own published version beside the default, and its clients use both', () => {
		const model = db
			.prepare(
				'select status, owner_practice_id as practiceId, based_on_id as basedOn, changelog, name, content from maturity_models where id = ?'
			)
			.get(demo.model.id) as Record<string, string>;
		expect(model).toMatchObject({
			status: 'published',
			practiceId: demo.practiceId,
			basedOn: defaultModelId,
			name: DEMO_PRACTICE_MODEL.name
		});
		expect(model.changelog).toContain('Balkan CX 1.1');
		expect(demo.model.version).toBe('1.1.0');
		// Real changes: two area weights and one statement in all five languages.
		const content = JSON.parse(model.content!) as {
			areas: Array<{
				id: string;
				weight: number;
				questions: Array<{ id: string; levels: Array<Record<string, string>> }>;
			}>;
		};
		const area = content.areas.find((a) => a.id === 'voice-of-customer')!;
		expect(area.weight).toBe(1.5);
		const statement = area.questions.find((q) => q.id === 'voc-asking')!.levels[1]!;
		for (const locale of ['en', 'bg', 'ru', 'ro', 'uk'])
			expect(statement[locale]).toContain('Viber');

		const used = new Set(demo.clients.flatMap((c) => c.modelIds));
		expect(used).toEqual(new Set([demo.model.id, defaultModelId]));
		const latestOnPractice = demo.clients.filter((c) => c.modelIds.at(-1) === demo.model.id);
		expect(latestOnPractice.length).toBeGreaterThanOrEqual(6);
		// Some older rounds stayed on the default.
		expect(
			demo.clients.some((c) => c.modelIds.length > 1 && c.modelIds[0] === defaultModelId)
		).toBe(true);
		// What the database holds agrees with the summary.
		const rows = db
			.prepare(
				`select r.model_id as modelId, count(*) as n from rounds r join practice_clients pc
				 on pc.organisation_id = r.organisation_id where pc.practice_id = ? group by r.model_id`
			)
			.all(demo.practiceId) as Array<{ modelId: string; n: number }>;
		expect(new Set(rows.map((r) => r.modelId))).toEqual(used);
		expect(rows.reduce((s, r) => s + r.n, 0)).toBe(
			DEMO_CLIENTS.reduce((s, c) => s + c.responses.length, 0)
		);
	});

	it('lists the practice version among those its clients may start a round on', async () => {
		const html = await (await partner.get(`/o/${clientNamed('Danube').id}`)).text();
		expect(html).toContain(`${DEMO_PRACTICE_MODEL.name} 1.1.0`);
	});

	it('shows trends only between two rounds of the same version', async () => {
		const res = await partner.get(`/p/${demo.practiceId}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain(DEMO_PRACTICE_NAME);
		const card = (name: string) => {
			const start = html.indexOf(name);
			expect(start, name).toBeGreaterThan(0);
			const rest = html.slice(start);
			return rest.slice(0, rest.indexOf('</li>'));
		};
		// Danube and Carpathian: both rounds on the practice's version; Iasi: both on the default.
		for (const name of ['Danube', 'Carpathian', 'Iasi'])
			expect(card(name), name).toMatch(/data-trend="(up|down|same)"/);
		// Varna switched versions after its baseline: no comparison.
		expect(card('Varna')).not.toContain('data-trend');
		expect(card('Varna')).toContain('No comparison');
	});

	it('shows a benchmark of five other clients on the results page, the dashboard and the PDF', async () => {
		const danube = clientNamed('Danube');
		const round = latestRoundOf(danube.id);
		const among = `Among 5 organisations of the clients of ${DEMO_PRACTICE_NAME}`;
		const results = await (await partner.get(`/o/${danube.id}/rounds/${round}/results`)).text();
		expect(results).toContain('id="benchmark-title"');
		expect(results).toContain(among);
		expect(results).toContain('percentile');
		const dashboard = await (await partner.get(`/o/${danube.id}`)).text();
		expect(dashboard).toContain('Benchmark of the latest round');
		expect(dashboard).toContain(among);
		const pdf = (
			await pdfText(await partner.get(`/o/${danube.id}/rounds/${round}/report.pdf`))
		).replace(/\s+/g, ' ');
		expect(pdf).toContain(`Prepared by ${DEMO_PRACTICE_NAME} for ${danube.name}`);
		expect(pdf).toContain(DEMO_PRACTICE_CONTACT);
		expect(pdf).toMatch(/Benchmark/);
		expect(pdf).toContain('median');
		// No other client is named anywhere.
		for (const other of demo.clients.filter((c) => c.id !== danube.id)) {
			expect(results).not.toContain(other.name);
			expect(pdf).not.toContain(other.name);
		}
	});

	it('shows why no area is compared for a client whose version too few others used, with no peer figure', async () => {
		const iasi = clientNamed('Iasi');
		const round = latestRoundOf(iasi.id);
		const none = `No area can be compared yet: a benchmark needs at least 5 other organisations of the clients of ${DEMO_PRACTICE_NAME} with a round on the same model version.`;
		const reason =
			/Why: this round used [^<]+ \d+\.\d+\.\d+, and only rounds on that same version are compared/;
		/** The benchmark in a page's data (the load's output, inlined for hydration). */
		const benchmarkData = (html: string) =>
			/benchmark:\{(?:roundId:"[a-z0-9]+",)?scope:.*?\]\}/.exec(html)?.[0] ?? '';
		const html = await (await partner.get(`/o/${iasi.id}/rounds/${round}/results`)).text();
		const dashboard = await (await partner.get(`/o/${iasi.id}`)).text();
		for (const page of [html, dashboard]) {
			expect(page).toContain('id="benchmark-title"');
			expect(page).toContain(none);
			expect(page).toMatch(reason);
			expect(page).not.toMatch(/Among \d+ organisations/);
			const data = benchmarkData(page);
			expect(data).toContain('anyShown:false');
			expect(data).toContain('model:{name:');
			// Every area withheld for want of peers, and no statistic of any peer in the data.
			expect(data.match(/shown:false,reason:"too-few-peers"/g)?.length).toBe(
				data.match(/areaId:/g)?.length
			);
			expect(data).not.toMatch(/percentile|median|lower|upper|peers:/);
		}
		expect(html).toContain('Team results');
		const res = await partner.get(`/o/${iasi.id}/rounds/${round}/report.pdf`);
		expect(res.status).toBe(200);
		const pages = await pdfPages(new Uint8Array(await res.arrayBuffer()));
		const pdf = pages.join(' ').replace(/\s+/g, ' ');
		expect(pdf).toContain('Benchmark');
		// Iasi has no departments: no one-row comparison "across the organisation", and with the
		// short benchmark section no page holds only a few lines (the cover aside).
		expect(pdf).not.toContain('Across the organisation');
		pages.slice(1).forEach((page, i) => {
			const lines = page.split('\n').filter((line) => line.trim() !== '');
			expect(lines.length, `page ${i + 2}: ${lines.join(' | ')}`).toBeGreaterThanOrEqual(10);
		});
		expect(pdf).toContain(none);
		expect(pdf).toMatch(reason);
		expect(pdf).not.toMatch(/Among \d+ organisations|percentile \d|median \d/);
	});

	it("counts the practice's clients in the partner's first-run guide", async () => {
		const opened = await openDatabase(joinPath(dir, 'demo.sqlite'));
		try {
			const partnerId = demo.users.find((u) => u.role === 'partner')!.id;
			// The demo hides the guide for its people; read what it would count without that.
			await opened.db
				.updateTable('users')
				.set({ guide_dismissed_at: null })
				.where('id', '=', partnerId)
				.execute();
			const facts = await loadFirstRunFacts(opened.db, partnerId);
			expect(facts.organisations).toHaveLength(DEMO_CLIENTS.length);
			expect(new Set(facts.organisations.map((o) => o.role))).toEqual(new Set(['owner']));
			expect(facts.organisations.flatMap((o) => o.rounds)).toHaveLength(
				DEMO_CLIENTS.reduce((s, c) => s + c.responses.length, 0)
			);
		} finally {
			await opened.close();
		}
	});
});
