/**
 * The read API (`/api/v1`, docs/api.md) over HTTP against the built server: a token's lifecycle
 * (made on the owners' page, shown once, stored hashed, used, revoked → 401), its scope (another
 * organisation's ids are 404), the anonymity rules (a round below its threshold gives no results, a
 * department below it is absent, no response or person id anywhere), languages, bad input, wrong
 * methods, and who may manage tokens (owners only).
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultModelFile } from '../../src/lib/server/db/models';
import {
	addDepartment,
	createLink,
	createOrg,
	createRound,
	inviteAndAccept,
	setStatus,
	signUp,
	submitResponses,
	testDb
} from '../support/flow';
import { Client } from '../support/http';

const model = loadDefaultModelFile();
const TOKEN = /cxm_[a-z2-7]{52}/;

let owner: Client;
let orgA: string;
let roundShown: string;
let roundSmall: string;
let departments: Record<'large' | 'middle' | 'small', string>;
let ownerB: Client;
let orgB: string;
let roundB: string;
let token: string;

/** Makes a token on the organisation's API page, as an owner does; the token from the page. */
async function makeToken(client: Client, orgId: string, name: string): Promise<string> {
	const res = await client.post(`/o/${orgId}/api?/create`, { name });
	expect(res.status).toBe(200);
	const html = await res.text();
	const found = TOKEN.exec(html)?.[0];
	expect(found, 'the new token is shown').toBeDefined();
	return found!;
}

function api(path: string, bearer: string | null = token, init: RequestInit = {}) {
	const headers = new Headers(init.headers);
	if (bearer !== null) headers.set('authorization', `Bearer ${bearer}`);
	return fetch(new URL(`/api/v1${path}`, owner.baseURL), { ...init, headers });
}

async function apiJson(path: string, bearer: string | null = token, init: RequestInit = {}) {
	const res = await api(path, bearer, init);
	expect(res.headers.get('content-type')).toContain('application/json');
	return {
		status: res.status,
		headers: res.headers,
		// The tests walk the documented JSON freely; docs/openapi.json is its contract.
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		body: (await res.json()) as Record<string, any>
	};
}

beforeAll(async () => {
	owner = await signUp('api-owner');
	orgA = await createOrg(owner);
	departments = {
		large: await addDepartment(owner, orgA, 'Sales'),
		middle: await addDepartment(owner, orgA, 'Service'),
		small: await addDepartment(owner, orgA, 'Legal')
	};
	roundShown = await createRound(owner, orgA, 3);
	await setStatus(owner, orgA, roundShown, 'open');
	await submitResponses(await createLink(owner, orgA, roundShown, departments.large), 4);
	await submitResponses(await createLink(owner, orgA, roundShown, departments.middle), 3);
	await submitResponses(await createLink(owner, orgA, roundShown, departments.small), 1);
	roundSmall = await createRound(owner, orgA, 3);
	await setStatus(owner, orgA, roundSmall, 'open');
	await submitResponses(await createLink(owner, orgA, roundSmall), 2);

	ownerB = await signUp('api-owner-b');
	orgB = await createOrg(ownerB);
	roundB = await createRound(ownerB, orgB, 3);

	token = await makeToken(owner, orgA, 'BI dashboard');
}, 180_000);

describe('token lifecycle', () => {
	it('stores only the hash of the token, records its creation and reads the organisation', async () => {
		const hash = createHash('sha256').update(token).digest('hex');
		const rows = testDb()
			.prepare('select * from api_tokens where organisation_id = ?')
			.all(orgA) as Array<Record<string, unknown>>;
		expect(rows).toHaveLength(1);
		expect(rows[0]!.token_hash).toBe(hash);
		expect(JSON.stringify(rows)).not.toContain(token);
		const audit = testDb()
			.prepare(
				"select subject_label from audit_events where organisation_id = ? and action = 'api_token.create'"
			)
			.all(orgA);
		expect(audit).toEqual([{ subject_label: 'BI dashboard' }]);

		const { status, body, headers } = await apiJson(`/organisations/${orgA}`);
		expect(status).toBe(200);
		expect(body).toEqual({ id: orgA, name: expect.any(String), sector: null });
		expect(headers.get('cache-control')).toBe('no-store');
		expect(headers.get('ratelimit-limit')).toBe('120');
	});

	it('shows the token once: the page lists its name and last use, never the token', async () => {
		const html = await (await owner.get(`/o/${orgA}/api`)).text();
		expect(html).toContain('BI dashboard');
		expect(html).not.toMatch(TOKEN);
		expect(html).not.toContain('>Never<');
		const used = testDb()
			.prepare(
				'select u.last_used_at from api_token_usage u join api_tokens t on t.id = u.token_id where t.organisation_id = ?'
			)
			.get(orgA) as { last_used_at: string };
		expect(Date.parse(used.last_used_at)).not.toBeNaN();
	});

	it('a revoked token answers 401 and its revocation is recorded', async () => {
		const second = await makeToken(owner, orgA, 'Short-lived');
		expect((await api(`/organisations/${orgA}`, second)).status).toBe(200);
		const { id } = testDb()
			.prepare("select id from api_tokens where organisation_id = ? and name = 'Short-lived'")
			.get(orgA) as { id: string };
		expect((await owner.post(`/o/${orgA}/api?/revoke`, { tokenId: id })).status).toBe(200);
		const refused = await apiJson(`/organisations/${orgA}`, second);
		expect(refused.status).toBe(401);
		expect(refused.body).toEqual({ error: { code: 'invalid_token', message: expect.any(String) } });
		expect(refused.headers.get('www-authenticate')).toContain('Bearer');
		const audit = testDb()
			.prepare(
				"select subject_id from audit_events where organisation_id = ? and action = 'api_token.revoke'"
			)
			.all(orgA);
		expect(audit).toEqual([{ subject_id: id }]);
		// Another organisation's token id cannot be revoked from here.
		expect((await ownerB.post(`/o/${orgB}/api?/revoke`, { tokenId: id })).status).toBe(404);
		// The first token still works.
		expect((await api(`/organisations/${orgA}`)).status).toBe(200);
	});

	it('without a token, with a bad one, or with only a session cookie: 401 JSON', async () => {
		for (const bearer of [null, 'nonsense', `cxm_${'a'.repeat(52)}`]) {
			const { status, body } = await apiJson(`/organisations/${orgA}`, bearer);
			expect(status).toBe(401);
			expect(body.error.code).toMatch(/missing_token|invalid_token/);
		}
		const basic = await api(`/organisations/${orgA}`, null, {
			headers: { authorization: 'Basic abc' }
		});
		expect(basic.status).toBe(401);
		const cookie = await owner.get(`/api/v1/organisations/${orgA}`, { accept: 'application/json' });
		expect(cookie.status).toBe(401);
	});
});

describe('scope', () => {
	it("another organisation's ids and unknown ids are 404", async () => {
		for (const path of [
			`/organisations/${orgB}`,
			`/organisations/${orgB}/rounds`,
			`/organisations/${orgB}/rounds/${roundB}`,
			`/organisations/${orgB}/rounds/${roundB}/results`,
			`/organisations/${orgB}/rounds/${roundB}/roadmap`,
			`/organisations/${orgA}/rounds/${roundB}`,
			`/organisations/${orgA}/rounds/${roundB}/results`,
			`/organisations/${orgA}/rounds/${roundB}/roadmap`,
			`/organisations/${orgA}/rounds/doesnotexist`,
			`/organisations/doesnotexist`,
			`/organisations/${orgA}/members`,
			'/nothing/here'
		]) {
			const { status, body } = await apiJson(path);
			expect(status, path).toBe(404);
			expect(body.error.code).toBe('not_found');
		}
	});

	it('other methods than GET are 405 with Allow, as JSON', async () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			const res = await api(`/organisations/${orgA}/rounds`, token, {
				method,
				headers: { 'content-type': 'application/json' },
				body: '{}'
			});
			expect(res.status, method).toBe(405);
			expect(res.headers.get('allow')).toBe('GET, HEAD');
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
				'method_not_allowed'
			);
		}
	});
});

describe('rounds, results and roadmap with the anonymity rules', () => {
	it('lists rounds with their model; the response count only at or above the threshold', async () => {
		const { status, body } = await apiJson(`/organisations/${orgA}/rounds`);
		expect(status).toBe(200);
		const byId = new Map(body.rounds.map((r: { id: string }) => [r.id, r]));
		expect(byId.get(roundShown)).toMatchObject({
			status: 'open',
			anonymityThreshold: 3,
			resultsStatus: 'available',
			responses: 8,
			model: { id: model.id, version: model.version }
		});
		expect(byId.get(roundSmall)).toMatchObject({
			resultsStatus: 'below_threshold',
			responses: null
		});
		const one = await apiJson(`/organisations/${orgA}/rounds/${roundSmall}`);
		expect(one.body).toEqual(byId.get(roundSmall));
	});

	it('a round below its threshold gives no results and no roadmap, only a status', async () => {
		const results = await apiJson(`/organisations/${orgA}/rounds/${roundSmall}/results`);
		expect(results.status).toBe(200);
		expect(results.body).toMatchObject({
			status: 'below_threshold',
			threshold: 3,
			respondents: null,
			overall: null,
			areas: [],
			groups: { departments: [], roleLevels: [] }
		});
		const roadmap = await apiJson(`/organisations/${orgA}/rounds/${roundSmall}/roadmap`);
		expect(roadmap.body).toMatchObject({ status: 'below_threshold', items: [] });
	});

	it('gives per area stage, score and respondents; a department below the threshold is absent', async () => {
		const { body } = await apiJson(`/organisations/${orgA}/rounds/${roundShown}/results`);
		expect(body.status).toBe('available');
		expect(body.respondents).toBe(8);
		expect(body.areas.map((a: { id: string }) => a.id)).toEqual(model.areas.map((a) => a.id));
		for (const area of body.areas) {
			expect(area.stage).toBeGreaterThanOrEqual(1);
			expect(area.stage).toBeLessThanOrEqual(4);
			expect(area.score).toBeGreaterThanOrEqual(0);
			expect(area.score).toBeLessThanOrEqual(100);
			expect(area.respondents).toBe(8);
		}
		const shown = body.groups.departments.map((d: { id: string }) => d.id);
		expect(shown).toContain(departments.large);
		expect(shown).not.toContain(departments.small);
		for (const group of [...body.groups.departments, ...body.groups.roleLevels])
			expect(group.respondents).toBeGreaterThanOrEqual(3);
		const large = body.groups.departments.find((d: { id: string }) => d.id === departments.large);
		expect(large).toMatchObject({ name: 'Sales', respondents: 4 });
		expect(large.areas).toHaveLength(model.areas.length);
	});

	it('carries no response id, response token or person id anywhere', async () => {
		const texts = await Promise.all(
			['', '/results', '/roadmap'].map(async (p) =>
				(await api(`/organisations/${orgA}/rounds/${roundShown}${p}`)).text()
			)
		);
		const responses = testDb()
			.prepare('select id, resume_token_hash as hash from responses where round_id = ?')
			.all(roundShown) as Array<{ id: string; hash: string | null }>;
		const users = testDb()
			.prepare('select user_id from memberships where organisation_id = ?')
			.all(orgA) as Array<{ user_id: string }>;
		expect(responses.length).toBeGreaterThanOrEqual(8);
		for (const text of texts) {
			for (const r of responses) expect(text).not.toContain(r.id);
			for (const u of users) expect(text).not.toContain(u.user_id);
			expect(text).not.toMatch(/"(responseId|userId|ownerId|token)"/);
		}
	});

	it('lists the roadmap with titles in the asked language', async () => {
		const en = await apiJson(`/organisations/${orgA}/rounds/${roundShown}/roadmap`);
		expect(en.status).toBe(200);
		expect(en.headers.get('content-language')).toBe('en');
		expect(en.body.items.length).toBeGreaterThan(0);
		const recommendations = new Map(
			model.areas.flatMap((a) => a.recommendations.map((r) => [r.id, r.title] as const))
		);
		for (const item of en.body.items) {
			expect(item).toMatchObject({ owner: null, dueQuarter: null, status: 'planned' });
			expect(item.title).toBe(recommendations.get(item.recommendationId)?.en);
		}
		const bg = await apiJson(`/organisations/${orgA}/rounds/${roundShown}/roadmap?lang=bg`);
		expect(bg.headers.get('content-language')).toBe('bg');
		const first = bg.body.items[0];
		expect(first.title).toBe(recommendations.get(first.recommendationId)?.bg);
		expect(first.title).not.toBe(en.body.items[0].title);
		const ru = await apiJson(`/organisations/${orgA}/rounds/${roundShown}/results`, token, {
			headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' }
		});
		expect(ru.headers.get('content-language')).toBe('ru');
		expect(ru.body.areas[0].name).toBe(model.areas[0]!.name.ru);
	});
});

describe('bad input', () => {
	it('refuses a bad or repeated lang, unknown parameters and a huge query', async () => {
		const path = `/organisations/${orgA}/rounds`;
		for (const [query, code] of [
			['?lang=xx', 'bad_lang'],
			['?lang=BG', 'bad_lang'],
			['?lang=', 'bad_lang'],
			['?lang=bg&lang=en', 'repeated_parameter'],
			['?department=x', 'unknown_parameter']
		] as const) {
			const { status, body } = await apiJson(path + query);
			expect(status, query).toBe(400);
			expect(body.error.code).toBe(code);
		}
		const huge = await apiJson(`${path}?lang=${'x'.repeat(5000)}`);
		expect(huge.status).toBe(414);
		expect(huge.body.error.code).toBe('query_too_long');
	});

	it('the OpenAPI file is served without a token', async () => {
		const res = await fetch(new URL('/api/v1/openapi.json', owner.baseURL));
		expect(res.status).toBe(200);
		expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
	});
});

describe('who manages tokens', () => {
	it('facilitators, viewers and outsiders cannot see or make tokens', async () => {
		const before = testDb().prepare('select count(*) as n from api_tokens').get();
		for (const role of ['facilitator', 'viewer', 'member']) {
			const person = await inviteAndAccept(owner, orgA, role);
			expect((await person.get(`/o/${orgA}/api`)).status, role).toBe(403);
			const res = await person.post(`/o/${orgA}/api?/create`, { name: 'mine' });
			expect(res.status, role).toBe(403);
			expect(await res.text()).not.toMatch(TOKEN);
			// The page is not offered to them either.
			expect(await (await person.get(`/o/${orgA}`)).text()).not.toContain(`/o/${orgA}/api"`);
		}
		expect((await ownerB.get(`/o/${orgA}/api`)).status).toBe(404);
		expect((await ownerB.post(`/o/${orgA}/api?/create`, { name: 'x' })).status).toBe(404);
		expect(testDb().prepare('select count(*) as n from api_tokens').get()).toEqual(before);
	});

	it('refuses an empty or long name and changes nothing', async () => {
		const before = testDb().prepare('select count(*) as n from api_tokens').get();
		for (const name of ['', '   ', 'x'.repeat(81)]) {
			const res = await owner.post(`/o/${orgA}/api?/create`, { name });
			expect(res.status).toBe(400);
		}
		expect(testDb().prepare('select count(*) as n from api_tokens').get()).toEqual(before);
	});
});
