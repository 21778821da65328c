/**
 * A practice's models over HTTP against the built server: a consultant forks the instance model,
 * edits a statement in two languages, publishes 1.1.0, and a client starts a round on it; a
 * published version refuses every write; malformed imports name each error and store nothing;
 * other practices' ids answer 404; names with HTML are escaped; a round on an older version still
 * scores after a newer one is published. The practice and its client are made directly in the
 * database (their own pages come from other work).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	createLink,
	createOrg,
	fromLocation,
	PASSWORD,
	submitResponses,
	testDb,
	writableTestDb
} from '../support/flow';
import { Client } from '../support/http';
import type { SyncDatabase } from '../support/sync-pg';

const baseURL = inject('baseURL');
let writer: SyncDatabase;

async function person(label: string): Promise<{ client: Client; userId: string }> {
	const client = new Client(baseURL);
	const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
	const res = await client.post('/signup', { email, displayName: label, password: PASSWORD });
	expect(res.status).toBe(303);
	const row = testDb().prepare('select id from users where email = ?').get(email) as { id: string };
	return { client, userId: row.id };
}

function practice(name: string, members: Array<{ userId: string; role: string }>): string {
	const id = randomUUID().replace(/-/g, '').slice(0, 20);
	writer.prepare('insert into practices (id, name) values (?, ?)').run(id, name);
	for (const m of members)
		writer
			.prepare('insert into practice_members (practice_id, user_id, role) values (?, ?, ?)')
			.run(id, m.userId, m.role);
	return id;
}

const modelRows = () =>
	testDb().prepare('select id, status, content, changelog from maturity_models order by id').all();

function multipart(fields: Record<string, { name: string; type: string; body: string }>) {
	const boundary = `----cx${randomUUID()}`;
	const parts = Object.entries(fields).map(
		([field, file]) =>
			`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n${file.body}\r\n`
	);
	return {
		body: parts.join('') + `--${boundary}--\r\n`,
		type: `multipart/form-data; boundary=${boundary}`
	};
}

let consultant: { client: Client; userId: string };
let outsider: { client: Client; userId: string };
let practiceId: string;
let otherPracticeId: string;
const slug = `studio-${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
	writer = writableTestDb();
	consultant = await person('consultant');
	outsider = await person('outsider');
	practiceId = practice(`${slug} <script>alert(1)</script>`, [
		{ userId: consultant.userId, role: 'consultant' }
	]);
	otherPracticeId = practice(`Other ${slug}`, [{ userId: outsider.userId, role: 'partner' }]);
});

afterAll(() => writer?.close());

describe("a practice's models over HTTP", () => {
	const models = () => `/p/${practiceId}/models`;
	let draft = '';
	const lineage = () => `${slug}-script-alert-1-script-cx`;

	it('answers 404 to someone not in the practice, and sends a stranger to sign in', async () => {
		expect((await outsider.client.get(models())).status).toBe(404);
		expect((await new Client(baseURL).get(models())).status).toBe(303);
		expect((await consultant.client.get(models())).status).toBe(200);
	});

	it('forks the instance model into a draft; the name with HTML is escaped', async () => {
		const bad = await consultant.client.post(`${models()}?/fork`, {
			baseModelId: 'cx-maturity@1.1.0',
			version: 'one',
			name: 'x'
		});
		expect(bad.status).toBe(400);
		const res = await consultant.client.post(`${models()}?/fork`, {
			baseModelId: 'cx-maturity@1.1.0',
			version: '1.1',
			name: '<img src=x onerror=alert(1)>'
		});
		draft = fromLocation(res, new RegExp(`^/p/${practiceId}/models/(.+)$`));
		expect(draft).toBe(`${lineage()}@1.1.0`);
		const html = await (await consultant.client.get(`${models()}/${draft}`)).text();
		expect(html).toContain('&lt;img src=x onerror=alert(1)>');
		expect(html).not.toContain('<img src=x');
		const list = await (await consultant.client.get(models())).text();
		expect(list).not.toContain('<script>alert(1)</script>');
	});

	it('edits a statement in English and Bulgarian; an emptied English statement is refused by name', async () => {
		const content = () =>
			JSON.parse(
				(
					testDb().prepare('select content from maturity_models where id = ?').get(draft) as {
						content: string;
					}
				).content
			) as {
				areas: Array<{
					id: string;
					questions: Array<{
						id: string;
						text: Record<string, string>;
						hint?: Record<string, string>;
						levels: Array<Record<string, string>>;
					}>;
				}>;
			};
		const area = content().areas[0]!;
		const q = area.questions[0]!;
		const page = `${models()}/${draft}/areas/${area.id}`;
		const fields = (locale: string, level2: string) => ({
			locale,
			questionId: q.id,
			text: q.text[locale]!,
			hint: q.hint?.[locale] ?? '',
			level1: q.levels[0]![locale]!,
			level2,
			level3: q.levels[2]![locale]!,
			level4: q.levels[3]![locale]!
		});
		expect(
			(await consultant.client.post(`${page}?/question`, fields('en', 'We changed this.'))).status
		).toBe(200);
		expect(
			(await consultant.client.post(`${page}?/question`, fields('bg', 'Променихме това.'))).status
		).toBe(200);
		expect(content().areas[0]!.questions[0]!.levels[1]).toMatchObject({
			en: 'We changed this.',
			bg: 'Променихме това.'
		});
		const before = modelRows();
		const refused = await consultant.client.post(`${page}?/question`, fields('en', ''));
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('areas[0].questions[0].levels[1].en: must not be empty');
		expect(modelRows()).toEqual(before);
		// The Bulgarian form shows the Bulgarian text.
		expect(await (await consultant.client.get(`${page}?lang=bg`)).text()).toContain(
			'Променихме това.'
		);
	});

	it('refuses publishing without a changelog, then publishes; a published version refuses every write', async () => {
		const page = `${models()}/${draft}`;
		expect((await consultant.client.post(`${page}?/publish`, { changelog: ' ' })).status).toBe(400);
		expect(
			(await consultant.client.post(`${page}?/publish`, { changelog: 'Reworded one statement.' }))
				.status
		).toBe(200);
		const before = modelRows();
		const area = (
			JSON.parse(
				(
					testDb().prepare('select content from maturity_models where id = ?').get(draft) as {
						content: string;
					}
				).content
			) as { areas: Array<{ id: string }> }
		).areas[0]!.id;
		const writes: Array<[string, Record<string, string>]> = [
			[`${page}?/model`, { locale: 'en', name: 'Changed', description: 'Changed' }],
			[`${page}?/publish`, { changelog: 'again' }],
			[`${page}?/deleteDraft`, {}],
			[`${page}/areas/${area}?/area`, { locale: 'en', name: 'x', description: 'y', weight: '1' }],
			[`${page}/areas/${area}?/removeQuestion`, { questionId: 'anything' }],
			[
				`${page}/kpis?/kpi`,
				{ locale: 'en', kpiId: 'nps', name: 'x', definition: 'y', formula: 'z' }
			]
		];
		for (const [path, fields] of writes) {
			const res = await consultant.client.post(path, fields);
			expect(res.status, path).toBe(409);
		}
		expect(modelRows()).toEqual(before);
	});

	it('reads the same version with `%40` for the `@` in the address (page, export and an area)', async () => {
		const encoded = draft.replace('@', '%40');
		expect(encoded).not.toContain('@');
		const plain = await consultant.client.get(`${models()}/${draft}`);
		const viaEncoded = await consultant.client.get(`${models()}/${encoded}`);
		expect(viaEncoded.status).toBe(200);
		const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
		expect(title(await viaEncoded.text())).toBe(title(await plain.text()));
		const exported = await consultant.client.get(`${models()}/${encoded}/export`);
		expect(exported.status).toBe(200);
		expect(((await exported.json()) as { version: string }).version).toBe('1.1.0');
		const area = await consultant.client.get(`${models()}/${encoded}/areas/strategy-vision`);
		expect(area.status).toBe(200);
		// Still only this practice's versions: another id, encoded or not, is not found.
		expect((await consultant.client.get(`${models()}/nope%401.0.0`)).status).toBe(404);
	});

	it('exports a version as a JSON download', async () => {
		const res = await consultant.client.get(`${models()}/${draft}/export`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.headers.get('content-disposition')).toContain(`${lineage()}-1.1.0.json`);
		const body = (await res.json()) as { id: string; version: string };
		expect(body).toMatchObject({ id: lineage(), version: '1.1.0' });
	});

	it('imports: each error named, nothing stored; a wrong type or size refused; a good file becomes a draft', async () => {
		const exported = (await (
			await consultant.client.get(`${models()}/${draft}/export`)
		).json()) as {
			version: string;
			areas: Array<{ weight: number; questions: Array<{ text: Record<string, unknown> }> }>;
		};
		const broken = structuredClone(exported);
		broken.version = '2.0.0';
		broken.areas[2]!.weight = -1;
		delete broken.areas[0]!.questions[0]!.text.en;
		const cases: Array<[number, { name: string; type: string; body: string }, string[]]> = [
			[
				400,
				{ name: 'm.json', type: 'application/json', body: JSON.stringify(broken) },
				[
					'areas[0].questions[0].text.en: Invalid input: expected string, received undefined',
					'areas[2].weight: must be greater than 0'
				]
			],
			[400, { name: 'm.json', type: 'application/json', body: '{ not json' }, []],
			[415, { name: 'm.txt', type: 'text/plain', body: JSON.stringify(exported) }, []],
			[413, { name: 'm.json', type: 'application/json', body: ' '.repeat(3 * 1024 * 1024 + 1) }, []]
		];
		const before = modelRows();
		for (const [status, file, errors] of cases) {
			const { body, type } = multipart({ file });
			const res = await consultant.client.postRaw(`${models()}?/import`, body, type);
			expect(res.status, file.name + status).toBe(status);
			const html = await res.text();
			for (const e of errors) expect(html).toContain(e);
		}
		expect(modelRows()).toEqual(before);
		const good = multipart({
			file: {
				name: 'm.json',
				type: 'application/json',
				body: JSON.stringify({ ...exported, version: '4.0.0' })
			}
		});
		const res = await consultant.client.postRaw(`${models()}?/import`, good.body, good.type);
		expect(fromLocation(res, new RegExp(`^/p/${practiceId}/models/(.+)$`))).toBe(
			`${lineage()}@4.0.0`
		);
	});

	it("answers 404 for another practice's ids, through either practice's address", async () => {
		expect((await outsider.client.get(`/p/${otherPracticeId}/models/${draft}`)).status).toBe(404);
		expect((await outsider.client.get(`/p/${otherPracticeId}/models/${draft}/export`)).status).toBe(
			404
		);
		expect((await outsider.client.get(`/p/${practiceId}/models/${draft}`)).status).toBe(404);
		const fork = await outsider.client.post(`/p/${otherPracticeId}/models?/fork`, {
			baseModelId: draft,
			version: '9.0',
			name: 'Stolen'
		});
		expect(fork.status).toBe(404);
		const diff = await (
			await outsider.client.get(
				`/p/${otherPracticeId}/models/diff?from=cx-maturity@1.1.0&to=${draft}`
			)
		).text();
		expect(diff).not.toContain('We changed this.');
	});

	it('shows the diff between the fork and its base', async () => {
		const html = await (
			await consultant.client.get(`${models()}/diff?from=cx-maturity@1.1.0&to=${draft}`)
		).text();
		expect(html).toContain('levels[1]');
		expect(html).toContain('We changed this.');
		expect(html).toContain('Променихме това.');
	});

	it("lets a client start a round on the practice's version, never on a draft; an older version still scores", async () => {
		const { client: owner, userId } = await person('client-owner');
		const orgId = await createOrg(owner);
		writer
			.prepare('insert into practice_clients (practice_id, organisation_id) values (?, ?)')
			.run(practiceId, orgId);
		const page = await (await owner.get(`/o/${orgId}`)).text();
		expect(page).toContain(`value="${draft}"`);
		expect(page).not.toContain(`${lineage()}@4.0.0`);
		const start = (modelId: string) =>
			owner.post(`/o/${orgId}?/createRound`, { name: `On ${modelId}`, threshold: '3', modelId });
		expect((await start(`${lineage()}@4.0.0`)).status).toBe(400);
		const roundId = fromLocation(
			await start(draft),
			new RegExp(`^/o/${orgId}/rounds/([a-z0-9]+)$`)
		);
		expect(
			(
				testDb().prepare('select model_id from rounds where id = ?').get(roundId) as {
					model_id: string;
				}
			).model_id
		).toBe(draft);
		void userId;

		// A newer version that drops a question is published while the round runs.
		const next = fromLocation(
			await consultant.client.post(`${models()}/${draft}?/newDraft`, { version: '4.1' }),
			new RegExp(`^/p/${practiceId}/models/(.+)$`)
		);
		const nextContent = JSON.parse(
			(
				testDb().prepare('select content from maturity_models where id = ?').get(next) as {
					content: string;
				}
			).content
		) as {
			areas: Array<{
				id: string;
				questions: Array<{ id: string }>;
				recommendations: Array<{ id: string; question?: string }>;
			}>;
		};
		// Its recommendations go first: the model refuses one that points at a missing question.
		const area = nextContent.areas[0]!;
		const dropped = area.questions.at(-1)!.id;
		for (const r of area.recommendations.filter((r) => r.question === dropped))
			expect(
				(
					await consultant.client.post(
						`${models()}/${next}/areas/${area.id}?/removeRecommendation`,
						{ recommendationId: r.id }
					)
				).status
			).toBe(200);
		expect(
			(
				await consultant.client.post(`${models()}/${next}/areas/${area.id}?/removeQuestion`, {
					questionId: dropped
				})
			).status
		).toBe(200);
		expect(
			(
				await consultant.client.post(`${models()}/${next}?/publish`, {
					changelog: 'Dropped a question.'
				})
			).status
		).toBe(200);

		await owner.post(`/o/${orgId}/rounds/${roundId}?/setStatus`, { status: 'open' });
		const link = await createLink(owner, orgId, roundId);
		await submitResponses(link, 3);
		const counted = testDb()
			.prepare('select distinct question_id from round_question_counts where round_id = ?')
			.all(roundId) as Array<{ question_id: string }>;
		expect(counted.map((r) => r.question_id)).toContain(dropped);
		const results = await owner.get(`/o/${orgId}/rounds/${roundId}/results`);
		expect(results.status).toBe(200);
		// Scored on the round's own version: the dropped question counts, and the areas show.
		const html = await results.text();
		const text = html.replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'");
		for (const a of nextContent.areas)
			expect(text).toContain((a as unknown as { name: { en: string } }).name.en);
		const sums = testDb()
			.prepare('select count(*) as n from round_area_sums where round_id = ?')
			.get(roundId) as { n: number };
		expect(sums.n).toBeGreaterThan(0);
	});
});
