/**
 * Data by role, checked from the outside: every page of the app (found from the route files, so a
 * new page is walked without anyone remembering to add it) is fetched as `__data.json` by each
 * role, and what that role must not receive is looked for in everything the page's loads return;
 * with the organisation made the instance's public demo, a visitor without an account walks them
 * too and must get exactly what its viewer gets.
 * Then the de-anonymisation found in the trust review is tried again: a capped link that cannot be
 * stuffed, and responses an owner excludes, includes and deletes with the anonymity rules asking
 * more of the changed group.
 */
import { readdirSync, statSync } from 'node:fs';
import { join as joinPath, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDefaultModelFile } from '../../src/lib/server/db/models';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db/connection';
import { setPublicDemo } from '../../src/lib/server/db/public-demo';
import type { StageId } from '../../src/lib/domain/model';
import {
	addDepartment,
	answerAll,
	createLink,
	createOrg,
	createRound,
	fromLocation,
	inviteAndAccept,
	join,
	joinCodeOf,
	linkTokens,
	roundModel,
	setStatus,
	signUp,
	submit,
	submitResponses,
	testDb,
	unique,
	writableTestDb
} from '../support/flow';
import { Client } from '../support/http';
import { seed } from '../support/benchmark-seed';
import { expectStoredSumsEqualRecomputed } from '../support/round-sums';
import { dataNodes, fetchPageData, isRefusal } from '../support/page-data';

const baseURL = inject('baseURL');
const model = loadDefaultModelFile();
const questions = model.areas.flatMap((a) => a.questions.map((q) => q.id));
// Answers that give area means with many decimals (2, 3, 3 → 2.666…), to catch unrounded numbers.
const answersAt = (levels: readonly StageId[]) => ({
	answers: Object.fromEntries(questions.map((q, i) => [q, levels[i % levels.length]!])) as Record<
		string,
		StageId
	>,
	targets: { [model.areas[0]!.id]: 4 as StageId }
});

type Role = 'owner' | 'facilitator' | 'member' | 'viewer';
let clients: Record<Role, Client>;
let orgId: string;
let roundId: string;
let departments: Record<'large' | 'medium' | 'small' | 'capped', string>;
const links: Record<'large' | 'medium' | 'small' | 'capped', string> = {
	large: '',
	medium: '',
	small: '',
	capped: ''
};
let respondent: { client: Client; token: string };
let opened: OpenedDatabase;
let workshopId: string;

const roundPage = () => `/o/${orgId}/rounds/${roundId}`;

async function linkFor(departmentId: string, invited = '') {
	const before = linkTokens(await (await clients.owner.get(roundPage())).text());
	const res = await clients.owner.post(`${roundPage()}?/createLink`, {
		departmentId,
		roleLevelId: '',
		invited
	});
	expect(res.status).toBe(200);
	const html = await (await clients.owner.get(roundPage())).text();
	return [...linkTokens(html)].find((t) => !before.has(t))!;
}

async function respond(link: string, levels: readonly StageId[]) {
	const started = await join(link);
	await answerAll(started.token, answersAt(levels));
	await submit(started.client, started.token);
	return started;
}

/** Every page route of the app, as a path pattern like /o/[orgId=id]/rounds/[roundId=id]. */
function pageRoutes(dir = 'src/routes'): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir)) {
		const path = joinPath(dir, entry);
		if (statSync(path).isDirectory()) found.push(...pageRoutes(path));
		else if (entry === '+page.svelte')
			found.push('/' + relative('src/routes', dir).split('\\').join('/'));
	}
	return found.map((r) => (r === '/' ? '/' : r.replace(/\/$/, '')));
}

/** The route's address with this test's ids, or null for routes a member never reaches. */
function addressOf(route: string): string | null {
	if (/^\/(answer|join|invite|practice-invite)\//.test(route)) return null; // token pages: walked below
	const params: Record<string, string> = {
		'[orgId=id]': orgId,
		'[roundId=id]': roundId,
		'[areaId=slug]': model.areas[0]!.id,
		'[workshopId=id]': workshopId,
		// None of these people is in a practice: its pages must give them nothing (practices.test.ts).
		'[practiceId=id]': 'a'.repeat(24),
		'[modelId=modelref]': 'cx-maturity@1.1.0'
	};
	const path = route.replace(/\[[^\]]+\]/g, (p) => {
		const value = params[p];
		if (!value) throw new Error(`data-by-role.test.ts does not know how to fill ${p} in ${route}`);
		return value;
	});
	return path;
}

/** What a page's loads returned, decoded from its __data.json (null when it is not a 200). */
async function pageData(client: Client, path: string): Promise<unknown[] | null> {
	const { body } = await fetchPageData(client, path);
	// A load that refused (403, 404) answers with an error node in place of the page's data.
	return body && !isRefusal(body) ? dataNodes(body) : null;
}

/** Every value inside `data`, with the object holding it. */
function* walk(data: unknown, parent: object | null = null): Generator<[unknown, object | null]> {
	yield [data, parent];
	if (data && typeof data === 'object')
		for (const value of Array.isArray(data) ? data : Object.values(data))
			yield* walk(value, data as object);
}

function forbiddenFor(role: Role | 'visitor' | 'respondent') {
	const db = testDb();
	const tokens = (db.prepare('select token from response_links').all() as { token: string }[]).map(
		(r) => r.token
	);
	const responseIds = (
		db.prepare('select r.id from responses r join rounds a on a.id = r.round_id').all() as {
			id: string;
		}[]
	).map((r) => r.id);
	const hashes = (
		db.prepare('select resume_token_hash as h from responses').all() as {
			h: string;
		}[]
	).map((r) => r.h);
	// A live workshop's participants: no page gives anyone their ids or token hashes.
	const participants = (
		db.prepare('select id, token_hash as h from workshop_participants').all() as {
			id: string;
			h: string;
		}[]
	).flatMap((p) => [p.id, p.h]);
	return new Set([
		...(role === 'owner' || role === 'facilitator' ? [] : tokens),
		...(role === 'owner' ? [] : responseIds),
		...hashes,
		...participants
	]);
}

/**
 * Fails on the first secret, unrounded number or number of a hidden group in `nodes`. The forbidden
 * set holds every token, id and hash in the database, which the whole suite fills (thousands while
 * every file runs): each string is compared with each secret, so the comparison is a plain
 * `includes` and the failure's message is only made for a hit (an `expect` with its message per
 * pair made this test take minutes inside the suite).
 */
function checkData(label: string, nodes: unknown[], forbidden: Set<string>) {
	const secrets = [...forbidden];
	for (const [value, parent] of walk(nodes)) {
		if (typeof value === 'string')
			for (const secret of secrets)
				if (value.includes(secret)) expect.fail(`${label} carries ${secret} in "${value}"`);
		if (
			typeof value === 'number' &&
			Number.isFinite(value) &&
			// The page's precision: whole numbers, or one decimal for means and gaps (rule 43).
			!(Math.abs(value * 10 - Math.round(value * 10)) < 1e-9)
		)
			expect.fail(`${label}: ${value} has more than one decimal`);
		// A hidden group carries nothing but its name and why it is hidden: no count, mean or rate.
		if (parent && 'visible' in parent && parent.visible === false && typeof value === 'number')
			expect.fail(`${label}: a hidden group carries the number ${value}`);
	}
}

beforeAll(async () => {
	const owner = await signUp('role-owner');
	orgId = await createOrg(owner);
	clients = {
		owner,
		facilitator: await inviteAndAccept(owner, orgId, 'facilitator'),
		member: await inviteAndAccept(owner, orgId, 'member'),
		viewer: await inviteAndAccept(owner, orgId, 'viewer')
	};
	departments = {
		large: await addDepartment(owner, orgId, 'Large <script>x</script>'),
		medium: await addDepartment(owner, orgId, 'Medium team'),
		small: await addDepartment(owner, orgId, 'Small team'),
		capped: await addDepartment(owner, orgId, 'Capped team')
	};
	roundId = await createRound(owner, orgId, 3);
	await owner.post(`${roundPage()}?/setStatus`, { status: 'open' });
	links.large = await linkFor(departments.large);
	links.medium = await linkFor(departments.medium);
	links.small = await linkFor(departments.small);
	links.capped = await linkFor(departments.capped, '4');
	// 4, 3 and 2 responses: the 2 are hidden, and the 3 with them so that they cannot be subtracted.
	// The respondents answer at once (each answer is a request of its own).
	const responded = await Promise.all([
		respond(links.small, [2, 3]),
		respond(links.small, [1]),
		...([[2, 3, 3], [3], [2, 4], [1, 2, 3, 4]] as StageId[][]).map((l) => respond(links.large, l)),
		...([[4], [3, 4], [2]] as StageId[][]).map((l) => respond(links.medium, l))
	]);
	respondent = responded[0]!;
	// A live workshop with a participant who voted, for the workshop pages.
	const workshops = `${roundPage()}/workshops`;
	const areaId = /name="area:([a-z0-9-]+)"/.exec(await (await owner.get(workshops)).text())![1]!;
	const created = await owner.post(`${workshops}?/create`, {
		[`area:${areaId}`]: 'on',
		pace: 'question'
	});
	workshopId = /\/workshops\/([a-z0-9]+)$/.exec(created.headers.get('location') ?? '')![1]!;
	const code = joinCodeOf(workshopId);
	const participant = new Client(baseURL);
	expect((await participant.post('/workshop?/join', { code, name: 'Pat' })).status).toBe(303);
	await owner.post(`${workshops}/${workshopId}?/command`, { type: 'start' });
	await participant.post(`/workshop/${workshopId}?/vote`, {
		questionId: model.areas[0]!.questions[0]!.id,
		level: '2'
	});
	opened = await openDatabase(inject('databasePath'));
}, 120_000);

afterAll(async () => {
	await opened?.close();
});

// Each role walks every page (about a hundred requests): seconds alone, much longer while the
// whole suite runs beside it on two cores.
describe('every page returns only what the asking role may see', { timeout: 120_000 }, () => {
	it('finds the pages from the route files', () => {
		const routes = pageRoutes();
		expect(routes).toContain('/o/[orgId=id]/rounds/[roundId=id]');
		expect(routes).toContain('/o/[orgId=id]/rounds/[roundId=id]/results');
		expect(routes.length).toBeGreaterThanOrEqual(15);
	});

	for (const role of ['owner', 'facilitator', 'member', 'viewer'] as const)
		it(`as ${role}: no link tokens or response ids beyond the role, no hidden numbers, page precision`, async () => {
			const forbidden = forbiddenFor(role);
			let walked = 0;
			const paths = pageRoutes()
				.map(addressOf)
				.filter((p): p is string => p !== null);
			// The dashboard filtered to the small department too: it must come back hidden, numberless.
			paths.push(`/o/${orgId}/rounds/${roundId}/results?department=${departments.small}`);
			for (const path of paths) {
				const nodes = await pageData(clients[role], path);
				if (!nodes) continue;
				walked += 1;
				checkData(`${role} ${path}`, nodes, forbidden);
			}
			expect(walked).toBeGreaterThanOrEqual(8);
		});

	it('as a visitor of the public demo: what its viewer gets and nothing beyond, read-only', async () => {
		await setPublicDemo(opened.db, orgId);
		try {
			const visitor = new Client(baseURL);
			const forbidden = forbiddenFor('viewer');
			let walked = 0;
			const paths = pageRoutes()
				.map(addressOf)
				.filter((p): p is string => p !== null);
			paths.push(`/o/${orgId}/rounds/${roundId}/results?department=${departments.small}`);
			for (const path of paths) {
				const nodes = await pageData(visitor, path);
				if (!nodes) continue;
				walked += 1;
				checkData(`demo visitor ${path}`, nodes, forbidden);
				if (!path.startsWith('/o/')) continue;
				// An organisation page: the viewer's data, but for who is asking.
				const viewer = await pageData(clients.viewer, path);
				expect(viewer, path).not.toBeNull();
				const [, layout, page] = nodes as Array<Record<string, unknown>>;
				const [, viewerLayout, viewerPage] = viewer as Array<Record<string, unknown>>;
				expect(layout, path).toEqual({ ...viewerLayout, demo: 'visitor' });
				const { me: _me, ...rest } = page!;
				const { me: _viewerMe, ...viewerRest } = viewerPage!;
				expect(rest, path).toEqual(viewerRest);
			}
			// The organisation's, round's, results, roadmap, comparison and members pages, and the
			// public ones (home, model).
			expect(walked).toBeGreaterThanOrEqual(9);
			for (const path of [`/o/${orgId}/structure`, `/o/${orgId}/audit`, `${roundPage()}/responses`])
				expect(await pageData(visitor, path), path).toBeNull();
			const before = testDb().prepare('select * from rounds where id = ?').get(roundId);
			const res = await visitor.post(`${roundPage()}?/setStatus`, { status: 'closed' });
			expect(res.status).toBe(403);
			expect(testDb().prepare('select * from rounds where id = ?').get(roundId)).toEqual(before);
		} finally {
			await setPublicDemo(opened.db, null);
		}
		// Not the demo any more: the visitor is sent to sign in.
		expect((await new Client(baseURL).get(`/o/${orgId}`)).status).toBe(303);
	});

	it('the round page gives link tokens to owners and facilitators only, and the review to owners', async () => {
		const round = async (role: Role) =>
			(await pageData(clients[role], roundPage()))!.at(-1) as {
				links: Array<{ token: string; submitted: number | null }>;
				canReview: boolean;
			};
		const owner = await round('owner');
		const facilitator = await round('facilitator');
		const member = await round('member');
		const viewer = await round('viewer');
		expect(owner.links.map((l) => l.token).sort()).toEqual(Object.values(links).sort());
		expect(facilitator.links).toHaveLength(4);
		expect(member.links).toEqual([]);
		expect(viewer.links).toEqual([]);
		expect([owner, facilitator, member, viewer].map((r) => r.canReview)).toEqual([
			true,
			false,
			false,
			false
		]);
		// The small department's 2 submissions are told as "fewer than 3", not as 2.
		const small = owner.links.find((l) => l.token === links.small)!;
		expect(small.submitted).toBeNull();
		expect(owner.links.find((l) => l.token === links.large)!.submitted).toBe(4);

		const review = `${roundPage()}/responses`;
		const listed = (await pageData(clients.owner, review))!.at(-1) as {
			responses: Array<{ id: string }>;
			total: number;
		};
		expect(listed.total).toBe(9);
		const filtered = (await pageData(clients.owner, `${review}?link=${links.small}`))!.at(-1) as {
			total: number;
		};
		expect(filtered.total).toBe(2);
		for (const role of ['facilitator', 'member', 'viewer'] as const)
			expect(await pageData(clients[role], review), role).toBeNull();
		const res = await clients.viewer.get(`${review}/__data.json`, { accept: 'application/json' });
		expect(JSON.stringify(await res.json())).toMatch(/"type":"error".*"status":403/);
	});

	it('as a respondent and a visitor: no one else’s tokens or ids', async () => {
		const forbidden = forbiddenFor('respondent');
		for (const path of [
			`/answer/${respondent.token}`,
			`/answer/${respondent.token}/step/1`,
			`/answer/${respondent.token}/review`,
			`/answer/${respondent.token}/results`
		]) {
			const nodes = await pageData(respondent.client, path);
			expect(nodes, path).not.toBeNull();
			checkData(`respondent ${path}`, nodes!, forbidden);
		}
		const visitor = new Client(baseURL);
		const nodes = await pageData(visitor, `/join/${links.large}`);
		expect(nodes).not.toBeNull();
		checkData('visitor join', nodes!, new Set([links.small, links.capped]));
	});
});

describe('links that cannot be stuffed', () => {
	it('a capped link takes as many responses as people it was sent to, then says it is full', async () => {
		for (let i = 0; i < 4; i += 1) await join(links.capped);
		const count = () =>
			(
				testDb()
					.prepare('select count(*) as n from responses where link_token = ?')
					.get(links.capped) as { n: number }
			).n;
		expect(count()).toBe(4);
		const late = new Client(baseURL);
		const res = await late.post(`/join/${links.capped}`);
		expect(res.status).toBe(409);
		expect(await res.text()).toContain('as many people as it was sent to');
		const page = await (await late.get(`/join/${links.capped}`)).text();
		expect(page).toContain('as many people as it was sent to');
		expect(page).not.toMatch(/<button[^>]*type="submit"[^>]*>\s*Start/);
		expect(count()).toBe(4);
	});

	it('parallel starts cannot pass the cap together', async () => {
		const link = await linkFor(departments.capped, '3');
		const results = await Promise.all(
			Array.from({ length: 8 }, () => new Client(baseURL).post(`/join/${link}`))
		);
		expect(results.filter((r) => r.status === 303)).toHaveLength(3);
		expect(results.filter((r) => r.status === 409)).toHaveLength(5);
	});
});

describe('owners review responses', () => {
	const largeResponses = () =>
		(
			testDb()
				.prepare(
					"select id from responses where link_token = ? and status = 'submitted' order by created_at"
				)
				.all(links.large) as { id: string }[]
		).map((r) => r.id);
	const largeRow = async () => {
		const nodes = (await pageData(clients.owner, `/o/${orgId}/rounds/${roundId}/results`))!;
		const view = (nodes.at(-1) as { view: { departments: Array<Record<string, unknown>> } }).view;
		return view.departments.find((d) => d.key === departments.large)!;
	};
	const sumsMatch = () => expectStoredSumsEqualRecomputed(opened.db, roundId);

	it('only owners may exclude or delete, and another organisation’s response is unknown', async () => {
		const [first] = largeResponses();
		const before = testDb().prepare('select * from responses where id = ?').get(first);
		for (const role of ['facilitator', 'member', 'viewer'] as const) {
			const res = await clients[role].post(`${roundPage()}/responses?/exclude`, {
				responseId: first!
			});
			expect(res.status, role).toBe(403);
			const del = await clients[role].post(`${roundPage()}/responses?/delete`, {
				responseId: first!
			});
			expect(del.status, role).toBe(403);
		}
		const stranger = await signUp('stranger');
		const otherOrg = await createOrg(stranger);
		const otherRound = await createRound(stranger, otherOrg, 3);
		const res = await stranger.post(`/o/${otherOrg}/rounds/${otherRound}/responses?/exclude`, {
			responseId: first!
		});
		expect(res.status).toBe(404);
		const unknown = await clients.owner.post(`${roundPage()}/responses?/exclude`, {
			responseId: 'nope'
		});
		expect(unknown.status).toBe(404);
		expect(testDb().prepare('select * from responses where id = ?').get(first)).toEqual(before);
	});

	it('an excluded response counts nowhere, and the changed group needs the threshold plus one', async () => {
		expect(await largeRow()).toMatchObject({ visible: true, count: 4 });
		const [first] = largeResponses();
		const res = await clients.owner.post(`${roundPage()}/responses?/exclude`, {
			responseId: first!
		});
		expect(res.status).toBe(200);
		await sumsMatch();
		// 3 left, 3 + 1 needed: hidden, with no number at all.
		expect(await largeRow()).toMatchObject({ visible: false, count: null });
		await clients.owner.post(`${roundPage()}/responses?/include`, { responseId: first! });
		await sumsMatch();
		// Back to 4, and 4 ≥ 3 + 1: shown again, as 4.
		expect(await largeRow()).toMatchObject({ visible: true, count: 4 });
		const events = testDb()
			.prepare(
				"select action, subject_id, before_json, after_json from audit_events where organisation_id = ? and action like 'response.%' order by created_at"
			)
			.all(orgId) as Array<{ action: string; subject_id: string; before_json: string }>;
		expect(events.map((e) => e.action)).toEqual(['response.exclude', 'response.include']);
		expect(events[0]).toMatchObject({ subject_id: first, before_json: '{"excluded":false}' });
	});

	it('a deleted response is gone with its answers, and the sums follow', async () => {
		const [, second] = largeResponses();
		const res = await clients.owner.post(`${roundPage()}/responses?/delete`, {
			responseId: second!
		});
		expect(res.status).toBe(200);
		const db = testDb();
		expect(db.prepare('select count(*) as n from responses where id = ?').get(second)).toEqual({
			n: 0
		});
		expect(
			db.prepare('select count(*) as n from answers where response_id = ?').get(second)
		).toEqual({ n: 0 });
		await sumsMatch();
		// 3 left, two removals so far (one excluded then included, one deleted): 3 < 3 + 2.
		expect(await largeRow()).toMatchObject({ visible: false });
	});
});

describe('the audit log of the round page', () => {
	it('records status, settings and link changes, and never a link token', async () => {
		await clients.facilitator.post(`${roundPage()}?/settings`, {
			name: 'Renamed round',
			threshold: '3'
		});
		const token = links.capped;
		await clients.facilitator.post(`${roundPage()}?/setInvited`, { token, invited: '6' });
		await clients.facilitator.post(`${roundPage()}?/revokeLink`, { token });
		const events = testDb()
			.prepare(
				'select action, actor_name, subject_label, before_json, after_json from audit_events where organisation_id = ? order by created_at'
			)
			.all(orgId) as Array<Record<string, string | null>>;
		const actions = events.map((e) => e.action);
		expect(actions).toEqual(
			expect.arrayContaining([
				'round.status',
				'link.create',
				'round.settings',
				'link.cap',
				'link.revoke'
			])
		);
		expect(events.find((e) => e.action === 'round.settings')).toMatchObject({
			after_json: '{"name":"Renamed round","threshold":3}'
		});
		expect(events.find((e) => e.action === 'link.cap')).toMatchObject({
			subject_label: 'Renamed round · Capped team · Any role level',
			before_json: '{"invited":4}',
			after_json: '{"invited":6}'
		});
		const all = JSON.stringify(events);
		for (const t of Object.values(links)) expect(all.includes(t)).toBe(false);
	});
});

/**
 * What the practice's log and a withheld benchmark give each role. The practice's log (its settings
 * page) is for partners only: a consultant, a client's owner, a stranger and a visitor find none of
 * it in any practice or client page's data. A benchmark with fewer peers than the rule's five says
 * why (the model version, the rule), and carries no peer's name or id and no count at all.
 */
describe('the practice log and a withheld benchmark, by role', { timeout: 240_000 }, () => {
	type Who = 'partner' | 'consultant' | 'clientOwner' | 'stranger' | 'visitor';
	let people: Record<Who, Client>;
	let practiceId: string;
	let clientId: string;
	let clientRound: string;
	let modelVersion: string;
	const oldName = unique('Log-secret name');
	const oldContact = unique('Log-secret contact');
	const peerNames: string[] = [];
	const peerIds: string[] = [];

	beforeAll(async () => {
		const partner = await signUp('log-partner');
		practiceId = fromLocation(
			await partner.post('/orgs?/createPractice', { name: oldName }),
			/^\/p\/([a-z0-9]+)$/
		);
		// Two settings changes whose old values only the log still holds; a consultant joins.
		expect(
			(await partner.post(`/p/${practiceId}/settings?/contact`, { contact: oldContact })).status
		).toBe(200);
		expect(
			(await partner.post(`/p/${practiceId}/settings?/contact`, { contact: 'hello@example.com' }))
				.status
		).toBe(200);
		expect(
			(await partner.post(`/p/${practiceId}/settings?/rename`, { name: unique('Practice') })).status
		).toBe(200);
		const inviteOf = async (res: Response) =>
			/\/practice-invite\/([a-z0-9]{16,64})/.exec(await res.text())![1]!;
		const consultant = await signUp('log-consultant');
		const joinToken = await inviteOf(
			await partner.post(`/p/${practiceId}/people?/invite`, { role: 'consultant' })
		);
		expect((await consultant.post(`/practice-invite/${joinToken}`)).status).toBe(303);
		// A client's owner: their organisation accepted the practice's invitation.
		const clientOwner = await signUp('log-client-owner');
		clientId = await createOrg(clientOwner);
		const clientToken = await inviteOf(await partner.post(`/p/${practiceId}/clients?/invite`));
		expect(
			(await clientOwner.post(`/practice-invite/${clientToken}`, { organisationId: clientId }))
				.status
		).toBe(303);
		clientRound = await createRound(clientOwner, clientId, 3);
		await setStatus(clientOwner, clientId, clientRound, 'open');
		await submitResponses(await createLink(clientOwner, clientId, clientRound), 3);
		// Four other clients on the same model version: one short of the rule's five.
		const { modelId, model: clientModel } = roundModel(clientRound);
		modelVersion = clientModel.version;
		const writable = writableTestDb();
		try {
			const { organisation, round } = seed(
				writable,
				clientModel.areas.map((a) => a.id)
			);
			for (const level of [1.5, 2, 3, 3.5]) {
				const name = unique('Peer secret');
				const peer = organisation(name, { practiceId });
				peerNames.push(name);
				peerIds.push(peer, round(peer, modelId, level));
			}
		} finally {
			writable.close();
		}
		people = {
			partner,
			consultant,
			clientOwner,
			stranger: await signUp('log-stranger'),
			visitor: new Client(baseURL)
		};
	}, 240_000);

	/** The practice's pages and the client's, with this block's ids. */
	const paths = () => [
		...pageRoutes()
			.filter((r) => r.startsWith('/p/[practiceId=id]'))
			.map((r) =>
				r
					.replace('[practiceId=id]', practiceId)
					.replace('[modelId=modelref]', `cx-maturity@${modelVersion}`)
			)
			.filter((p) => !p.includes('[')),
		`/o/${clientId}`,
		`/o/${clientId}/settings`,
		`/o/${clientId}/audit`,
		`/o/${clientId}/rounds/${clientRound}`,
		`/o/${clientId}/rounds/${clientRound}/results`,
		'/orgs',
		'/account'
	];

	it('gives the practice log to partners only', async () => {
		const settings = await pageData(people.partner, `/p/${practiceId}/settings`);
		expect(JSON.stringify(settings)).toContain(oldName);
		expect(JSON.stringify(settings)).toContain(oldContact);
		for (const who of ['consultant', 'clientOwner', 'stranger', 'visitor'] as const) {
			let walked = 0;
			for (const path of paths()) {
				const nodes = await pageData(people[who], path);
				if (!nodes) continue;
				walked += 1;
				const text = JSON.stringify(nodes);
				expect(text, `${who} ${path}`).not.toContain(oldName);
				expect(text, `${who} ${path}`).not.toContain(oldContact);
				// No list of changes on the practice's pages (a client's own audit log is its owner's).
				if (path.startsWith('/p/'))
					for (const [, parent] of walk(nodes))
						expect(!!parent && 'changes' in parent && 'actorName' in parent, `${who} ${path}`).toBe(
							false
						);
			}
			// Pages that load for everyone signed in (the account, /orgs) are walked too.
			if (who !== 'visitor') expect(walked, who).toBeGreaterThanOrEqual(2);
			if (who === 'consultant' || who === 'clientOwner')
				expect(walked, who).toBeGreaterThanOrEqual(5);
		}
	});

	it('says why the benchmark is withheld, naming the model version and the rule, and no peer or count', async () => {
		let seen = 0;
		for (const who of ['partner', 'consultant', 'clientOwner', 'stranger', 'visitor'] as const)
			for (const path of [`/o/${clientId}`, `/o/${clientId}/rounds/${clientRound}/results`]) {
				const nodes = await pageData(people[who], path);
				if (who === 'stranger' || who === 'visitor') {
					expect(nodes, `${who} ${path}`).toBeNull();
					continue;
				}
				expect(nodes, `${who} ${path}`).not.toBeNull();
				const text = JSON.stringify(nodes);
				for (const secret of [...peerNames, ...peerIds])
					expect(text, `${who} ${path}`).not.toContain(secret);
				const benchmarks = [...walk(nodes)]
					.map(([value]) => value)
					.filter(
						(v): v is { model: unknown; anyShown: boolean; areas: Record<string, unknown>[] } =>
							!!v && typeof v === 'object' && 'anyShown' in v && 'areas' in v
					);
				expect(benchmarks, `${who} ${path}`).toHaveLength(1);
				const benchmark = benchmarks[0]!;
				expect(benchmark.model).toMatchObject({ version: modelVersion });
				expect(benchmark.anyShown).toBe(false);
				for (const area of benchmark.areas) {
					expect(area).toMatchObject({ shown: false, reason: 'too-few-peers' });
					expect(Object.keys(area).sort()).toEqual(['areaId', 'name', 'reason', 'shown']);
				}
				// No number at all: no count of peers, no score of theirs.
				expect(
					[...walk(benchmark)].filter(([value]) => typeof value === 'number'),
					`${who} ${path}`
				).toEqual([]);
				const html = await (await people[who].get(path)).text();
				expect(html).toMatch(
					new RegExp(`Why: this round used .+ ${modelVersion.replace(/\./g, '\\.')}`)
				);
				expect(html).toContain('fewer than 5 other organisations');
				for (const secret of peerNames) expect(html).not.toContain(secret);
				seen += 1;
			}
		expect(seen).toBe(6);
	});
});
