/**
 * Driving the built app over HTTP the way a person's browser would, for integration tests: sign up,
 * create organisations, rounds and workshops, join through links, answer and submit.
 */
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { expect, inject } from 'vitest';
import type { MaturityModel, StageId } from '../../src/lib/domain/model';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import { Client } from './http';
import { syncPostgres, type SyncDatabase } from './sync-pg';

const baseURL = inject('baseURL');
let readOnly: SyncDatabase | undefined;
/**
 * The test server's database, for finding ids and checking that nothing changed: the SQLite file
 * read-only, or the PostgreSQL database through a synchronous handle (tests/support/sync-pg.ts).
 */
export function testDb(): SyncDatabase {
	readOnly ??=
		inject('engine') === 'postgres'
			? syncPostgres(inject('databasePath'))
			: (new Database(inject('databasePath'), {
					readonly: true,
					fileMustExist: true
				}) as unknown as SyncDatabase);
	return readOnly;
}

/** The same, writable (a test that breaks a row on purpose and puts it back). */
export function writableTestDb(): SyncDatabase {
	if (inject('engine') === 'postgres') return syncPostgres(inject('databasePath'));
	const sqlite = new Database(inject('databasePath'));
	sqlite.pragma('busy_timeout = 5000');
	return sqlite as unknown as SyncDatabase;
}
const db = { prepare: (sql: string) => testDb().prepare(sql) };

/** The app's tables (not the migrator's), by name, on either engine. */
export function appTables(): string[] {
	const sql =
		inject('engine') === 'postgres'
			? "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'"
			: "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'";
	return (db.prepare(sql).all() as Array<{ name: string }>)
		.map((r) => r.name)
		.filter((name) => name !== 'kysely_migration' && name !== 'kysely_migration_lock')
		.sort();
}

/**
 * A column that orders the rows of a table as they were written, to break ties between rows of
 * the same millisecond: SQLite's rowid, PostgreSQL's ctid (the tables it is used on are only
 * appended to while a test reads them).
 */
export const insertionOrder = () => (inject('engine') === 'postgres' ? 'ctid' : 'rowid');

/** The user id of an organisation's owner, read from the test database. */
export function ownerIdOf(orgId: string): string {
	return (
		testDb()
			.prepare("select user_id from memberships where organisation_id = ? and role = 'owner'")
			.get(orgId) as { user_id: string }
	).user_id;
}

export const PASSWORD = 'correct horse battery';
export const unique = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

// ---- driving the app over HTTP ----------------------------------------------------------------

/** A new account, signed in: on the test server, or on the instance at `base`. */
export async function signUp(label = 'user', base = baseURL): Promise<Client> {
	const client = new Client(base);
	const res = await client.post('/signup', {
		email: `${unique(label)}@example.com`,
		displayName: label,
		password: PASSWORD
	});
	expect(res.status).toBe(303);
	return client;
}

/** The first group of a 303's location, which must match `pattern`. */
export function fromLocation(res: Response, pattern: RegExp): string {
	expect(res.status).toBe(303);
	const location = res.headers.get('location') ?? '';
	const match = pattern.exec(location);
	expect(match, `location ${location} should match ${pattern}`).not.toBeNull();
	return match![1]!;
}

export async function createOrg(owner: Client, name = unique('Org')): Promise<string> {
	return fromLocation(await owner.post('/orgs?/create', { name }), /^\/o\/([a-z0-9]+)$/);
}

export async function addDepartment(owner: Client, orgId: string, name: string): Promise<string> {
	const res = await owner.post(`/o/${orgId}/structure?/add`, { kind: 'departments', name });
	expect(res.status).toBe(200);
	const row = db
		.prepare('select id from departments where organisation_id = ? and name = ?')
		.get(orgId, name) as { id: string } | undefined;
	expect(row).toBeDefined();
	return row!.id;
}

export async function createRound(owner: Client, orgId: string, threshold = 3): Promise<string> {
	const res = await owner.post(`/o/${orgId}?/createRound`, {
		name: unique('Round'),
		threshold: String(threshold)
	});
	return fromLocation(res, new RegExp(`^/o/${orgId}/rounds/([a-z0-9]+)$`));
}

export async function setStatus(owner: Client, orgId: string, roundId: string, status: string) {
	const res = await owner.post(`/o/${orgId}/rounds/${roundId}?/setStatus`, { status });
	expect(res.status).toBe(200);
}

export const linkTokens = (html: string) =>
	new Set([...html.matchAll(/value="[^"]*\/join\/([a-z0-9]{16,64})"/g)].map((m) => m[1]!));

/** Creates a respondent link on the round page and reads its token from the page, as a person would. */
export async function createLink(owner: Client, orgId: string, roundId: string, departmentId = '') {
	const page = `/o/${orgId}/rounds/${roundId}`;
	const before = linkTokens(await (await owner.get(page)).text());
	const res = await owner.post(`${page}?/createLink`, { departmentId, roleLevelId: '' });
	expect(res.status).toBe(200);
	const after = [...linkTokens(await (await owner.get(page)).text())].filter((t) => !before.has(t));
	expect(after).toHaveLength(1);
	return after[0]!;
}

/**
 * The start of a test that answers: a new owner (signed up as `label`) with an organisation, a
 * round opened in it and one respondent link for everyone.
 */
export async function openRoundWithLink(label: string) {
	const owner = await signUp(label);
	const orgId = await createOrg(owner);
	const roundId = await createRound(owner, orgId);
	await setStatus(owner, orgId, roundId, 'open');
	const linkToken = await createLink(owner, orgId, roundId);
	return { owner, orgId, roundId, linkToken };
}

/** The id of the response a resume token continues (the token is stored only as its SHA-256). */
export function responseIdOf(token: string): string {
	const hash = createHash('sha256').update(token).digest('hex');
	const row = testDb().prepare('select id from responses where resume_token_hash = ?').get(hash) as
		{ id: string } | undefined;
	expect(row, 'a response for the resume token').toBeDefined();
	return row!.id;
}

/** An anonymous respondent opens the link and starts: a fresh browser, no account. */
export async function join(linkToken: string) {
	const client = new Client(baseURL);
	const res = await client.post(`/join/${linkToken}`);
	const token = fromLocation(res, /^\/answer\/([a-z0-9]+)\/step\/1$/);
	return { client, token };
}

/** Invites a person with a role through the members page and has them accept it. */
export async function inviteAndAccept(owner: Client, orgId: string, role: string): Promise<Client> {
	const res = await owner.post(`/o/${orgId}/members?/invite`, { role });
	expect(res.status).toBe(200);
	const token = /\/invite\/([a-z0-9]{16,64})/.exec(await res.text())?.[1];
	expect(token).toBeDefined();
	const person = await signUp(role);
	fromLocation(await person.post(`/invite/${token}`), new RegExp(`^/o/(${orgId})$`));
	return person;
}

export function save(token: string, body: unknown): Promise<Response> {
	return fetch(`${baseURL}/answer/${token}/save`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}

export async function saveOk(token: string, body: unknown): Promise<void> {
	const res = await save(token, body);
	expect(res.status, await res.clone().text()).toBe(200);
	expect(await res.json()).toMatchObject({ ok: true });
}

/** Answers every question and sets every target through the autosave endpoint. */
export async function answerAll(token: string, input: ResponseInput): Promise<void> {
	for (const [questionId, level] of Object.entries(input.answers))
		await saveOk(token, { kind: 'answer', questionId, level });
	for (const [areaId, stage] of Object.entries(input.targets))
		await saveOk(token, { kind: 'target', areaId, stage });
}

export async function submit(client: Client, token: string): Promise<void> {
	const res = await client.post(`/answer/${token}/review`);
	expect(res.status).toBe(303);
	expect(res.headers.get('location')).toBe(`/answer/${token}/results`);
}

/**
 * Every question of `model` answered `level`, except those `except` names, answered as it says; no
 * targets. For a round whose areas should all read one stage with a few questions set apart.
 */
export function answersAt(
	model: MaturityModel,
	level: StageId,
	except: Readonly<Record<string, StageId>> = {}
): ResponseInput {
	const input: ResponseInput = { answers: {}, targets: {} };
	for (const area of model.areas)
		for (const q of area.questions) input.answers[q.id] = except[q.id] ?? level;
	return input;
}

/**
 * `count` anonymous respondents join through the link, each answers `input` and submits; the last
 * one's client and token (the owner's client and '' when `count` is 0).
 */
export async function submitSame(
	owner: Client,
	linkToken: string,
	count: number,
	input: ResponseInput
): Promise<{ client: Client; token: string }> {
	let last = { client: owner, token: '' };
	for (let i = 0; i < count; i++) {
		const person = await join(linkToken);
		await answerAll(person.token, input);
		await submit(person.client, person.token);
		last = person;
	}
	return last;
}

/**
 * `count` anonymous respondents join through the link, answer every question of the round's model
 * (a varied pattern, so areas differ) and submit: a round filled past its threshold for a test.
 */
export async function submitResponses(linkToken: string, count: number): Promise<void> {
	const { content } = db
		.prepare(
			'select m.content from maturity_models m join rounds r on r.model_id = m.id join response_links l on l.round_id = r.id where l.token = ?'
		)
		.get(linkToken) as { content: string };
	const model = JSON.parse(content) as { areas: { questions: { id: string }[] }[] };
	for (let r = 0; r < count; r++) {
		const input: ResponseInput = { answers: {}, targets: {} };
		model.areas.forEach((area, a) =>
			area.questions.forEach(
				(q, i) =>
					(input.answers[q.id] = (((a + i + r) % 4) + 1) as ResponseInput['answers'][string])
			)
		);
		const { client, token } = await join(linkToken);
		await answerAll(token, input);
		await submit(client, token);
	}
}

/** The ids of the areas a workshop can be created on, as the round's workshops page lists them. */
export async function areaIdsOf(owner: Client, orgId: string, roundId: string): Promise<string[]> {
	const html = await (await owner.get(`/o/${orgId}/rounds/${roundId}/workshops`)).text();
	return [...html.matchAll(/name="area:([a-z0-9-]+)"/g)].map((m) => m[1]!);
}

/** Creates a workshop on the round's first area, a question at a time (and `fields`): its id. */
export async function createWorkshop(
	owner: Client,
	orgId: string,
	roundId: string,
	fields: Record<string, string> = {}
): Promise<string> {
	const [first] = await areaIdsOf(owner, orgId, roundId);
	const res = await owner.post(`/o/${orgId}/rounds/${roundId}/workshops?/create`, {
		[`area:${first}`]: 'on',
		pace: 'question',
		...fields
	});
	return fromLocation(res, new RegExp(`^/o/${orgId}/rounds/${roundId}/workshops/([a-z0-9]+)$`));
}

// ---- reading the database ---------------------------------------------------------------------

/** The stored model a round uses: its id and its content. */
export function roundModel(roundId: string): { modelId: string; model: MaturityModel } {
	const { id, content } = db
		.prepare(
			'select m.id, m.content from maturity_models m join rounds r on r.model_id = m.id where r.id = ?'
		)
		.get(roundId) as { id: string; content: string };
	return { modelId: id, model: JSON.parse(content) as MaturityModel };
}

/** The code participants join a workshop with. */
export const joinCodeOf = (workshopId: string): string =>
	(
		db.prepare('select join_code from workshops where id = ?').get(workshopId) as {
			join_code: string;
		}
	).join_code;
