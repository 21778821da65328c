/**
 * Comparing two rounds against the built server: respondents answer two rounds with known levels,
 * and the compare page shows the change per area and per department, hides a department that is
 * too small in one of the rounds, lists what was tracked on the earlier round's roadmap, and says
 * so, without numbers, when an id in the address is not one of the organisation's rounds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
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
	testDb,
	unique
} from '../support/flow';
import type { Client } from '../support/http';

const plainText = (html: string) =>
	html
		.replace(/<[^>]*>/g, ' ')
		.replace(/&#39;|&apos;|&#x27;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();

function modelOfRound(roundId: string): MaturityModel {
	const row = testDb()
		.prepare(
			'select m.content from maturity_models m join rounds a on a.model_id = m.id where a.id = ?'
		)
		.get(roundId) as { content: string };
	const parsed = parseModel(JSON.parse(row.content));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	return parsed.value;
}

const roundName = (roundId: string) =>
	(testDb().prepare('select name from rounds where id = ?').get(roundId) as { name: string }).name;

/** `count` respondents through a new link of the department, every question at `level`. */
async function respond(
	owner: Client,
	orgId: string,
	roundId: string,
	departmentId: string,
	count: number,
	level: StageId
) {
	const model = modelOfRound(roundId);
	const answers = Object.fromEntries(
		model.areas.flatMap((a) => a.questions.map((q) => [q.id, level] as const))
	);
	const link = await createLink(owner, orgId, roundId, departmentId);
	await Promise.all(
		Array.from({ length: count }, async () => {
			const { client, token } = await join(link);
			await answerAll(token, { answers, targets: {} });
			await submit(client, token);
		})
	);
}

/** The plain text of the table row whose header cell is `name`. */
function rowText(html: string, name: string): string {
	const rows = html.split('<tr').map((r) => r.slice(0, r.indexOf('</tr>')));
	const escaped = name
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const header = new RegExp(`<th[^>]*scope="row"[^>]*>\\s*${escaped}\\s*</th>`);
	const row = rows.find((r) => header.test(r));
	expect(row, `a row for ${name}`).toBeDefined();
	return plainText(`<tr${row!}`);
}

describe('comparing two rounds', () => {
	let owner: Client;
	let orgId: string;
	let first: string;
	let second: string;
	let model: MaturityModel;
	let sales: string;
	let support: string;

	beforeAll(async () => {
		owner = await signUp('owner');
		orgId = await createOrg(owner);
		sales = unique('Sales');
		support = unique('Support');
		const salesId = await addDepartment(owner, orgId, sales);
		const supportId = await addDepartment(owner, orgId, support);

		// Round 1: five in Sales, everything at level 2.
		first = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, first, 'open');
		await respond(owner, orgId, first, salesId, 5, 2);
		await setStatus(owner, orgId, first, 'closed');

		// Round 2: five in Sales and three in Support, everything at level 3.
		second = await createRound(owner, orgId, 3);
		await setStatus(owner, orgId, second, 'open');
		await respond(owner, orgId, second, salesId, 5, 3);
		await respond(owner, orgId, second, supportId, 3, 3);
		model = modelOfRound(second);
	}, 120_000);

	it('shows the change per area and per department, and hides a department new in one round', async () => {
		const res = await owner.get(`/o/${orgId}/compare?from=${first}&to=${second}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		const text = plainText(html);
		expect(text).toContain('Change per area');

		// Every area and the whole round: mean 2.0 before, 3.0 after, up one stage.
		for (const name of ['Overall', ...model.areas.map((a) => a.name.en)]) {
			const row = rowText(html, name);
			expect(row, name).toContain('mean 2.0, stage 2');
			expect(row, name).toContain('mean 3.0, stage 3');
			expect(row, name).toContain('▲ +1.0');
			expect(row, name).toContain('up 1.0 stages');
		}

		// Sales answered both rounds: +1 in every area. Support only the second: hidden.
		const salesRow = rowText(html, sales);
		expect(salesRow.match(/up 1\.0 stages/g)).toHaveLength(model.areas.length);
		const supportRow = rowText(html, support);
		expect(supportRow).toContain('Hidden in one of the rounds to protect anonymity');
		expect(supportRow).not.toMatch(/\d\.\d/);

		expect(text).toContain(`Roadmap items of ${roundName(first)}`);
	});

	it('picks the newest round and the one before it when the address names none', async () => {
		const html = await (await owner.get(`/o/${orgId}/compare`)).text();
		expect(html).toMatch(new RegExp(`<option value="${first}"[^>]*selected`));
		expect(html).toMatch(new RegExp(`<option value="${second}"[^>]*selected`));
		expect(rowText(html, 'Overall')).toContain('up 1.0 stages');

		// The results page's link names only the later round.
		const only = await (await owner.get(`/o/${orgId}/compare?to=${second}`)).text();
		expect(rowText(only, 'Overall')).toContain('up 1.0 stages');
	});

	it('is linked from the rounds list', async () => {
		const html = await (await owner.get(`/o/${orgId}`)).text();
		expect(html).toContain(`href="/o/${orgId}/compare"`);
	});

	it("lists the earlier round's tracked roadmap items, done first", async () => {
		const firstModel = modelOfRound(first);
		const [done, planned] = firstModel.areas[0]!.recommendations;
		const ownerId = (
			testDb()
				.prepare("select user_id from memberships where organisation_id = ? and role = 'owner'")
				.get(orgId) as { user_id: string }
		).user_id;
		for (const [recommendation, status] of [
			[planned!, 'planned'],
			[done!, 'done']
		] as const) {
			const res = await owner.post(`/o/${orgId}/rounds/${first}/roadmap?/track`, {
				recommendationId: recommendation.id,
				ownerId,
				dueQuarter: '2031-Q2',
				status
			});
			expect(res.status).toBe(200);
		}
		const text = plainText(await (await owner.get(`/o/${orgId}/compare?to=${second}`)).text());
		const doneAt = text.indexOf('Done in between (1)');
		const plannedAt = text.indexOf('Planned (1)');
		expect(doneAt).toBeGreaterThan(-1);
		expect(plannedAt).toBeGreaterThan(doneAt);
		const doneRow = text.slice(doneAt, plannedAt);
		expect(doneRow).toContain(done!.title.en);
		expect(doneRow).toContain('owner');
		expect(doneRow).toContain('2031-Q2');
		expect(text.slice(plannedAt)).toContain(planned!.title.en);
	});

	it("says so, without numbers, for another organisation's round or an unknown id", async () => {
		const stranger = await signUp('stranger');
		const otherOrg = await createOrg(stranger);
		const foreign = await createRound(stranger, otherOrg, 3);

		for (const query of [
			`from=${foreign}&to=${second}`,
			`from=${first}&to=${foreign}`,
			`from=nosuchround00000000&to=${second}`,
			`from=${first}&to=not-an-id`
		]) {
			const res = await owner.get(`/o/${orgId}/compare?${query}`);
			expect(res.status, query).toBe(200);
			const text = plainText(await res.text());
			expect(text, query).toMatch(
				/The (earlier|later) round in the address is not one of this organisation's rounds/
			);
			expect(text, query).not.toContain('Change per area');
			expect(text, query).not.toMatch(/mean \d\.\d|up \d\.\d stages/);
			expect(text, query).not.toContain(roundName(foreign));
		}

		const same = plainText(
			await (await owner.get(`/o/${orgId}/compare?from=${second}&to=${second}`)).text()
		);
		expect(same).toContain('Choose two different rounds.');
		expect(same).not.toContain('Change per area');

		// A round without enough responses: said so, and no numbers for either round.
		const third = await createRound(owner, orgId, 3);
		const early = plainText(
			await (await owner.get(`/o/${orgId}/compare?from=${second}&to=${third}`)).text()
		);
		expect(early).toContain(
			`${roundName(third)} has fewer than 3 submitted responses, so it cannot be compared yet`
		);
		expect(early).not.toContain('Change per area');
		expect(early).not.toContain('Change per department');
		expect(early).not.toMatch(/mean \d\.\d|up \d\.\d stages/);
	});

	it('is not found for someone outside the organisation', async () => {
		const outsider = await signUp('outsider');
		const res = await outsider.get(`/o/${orgId}/compare?from=${first}&to=${second}`);
		expect(res.status).toBe(404);
		const html = await res.text();
		expect(html).not.toContain(roundName(first));
		expect(html).not.toContain('up 1.0 stages');
	});
});
