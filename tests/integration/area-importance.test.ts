/**
 * Importance per area against the built server (docs/scoring.md rule 26): owners and facilitators
 * rate each area on the round page, the round's results, PDF and roadmap rank with the ratings, the
 * change is in the audit log; members and viewers read the ratings without a form; bad values,
 * unknown areas, repeated fields, wrong roles and other organisations change nothing.
 *
 * The database is read (never written) to learn ids and to check what is stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { localize, parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import {
	answerAll,
	createLink,
	createOrg,
	createRound,
	inviteAndAccept,
	join,
	setStatus,
	signUp,
	submit,
	testDb
} from '../support/flow';
import type { Client } from '../support/http';
import { pdfText } from '../support/pdf';
import { pageOwnData } from '../support/page-data';

const db = { prepare: (sql: string) => testDb().prepare(sql) };

function modelOfRound(roundId: string): MaturityModel {
	const row = db
		.prepare(
			'select m.content from maturity_models m join rounds a on a.model_id = m.id where a.id = ?'
		)
		.get(roundId) as { content: string };
	const parsed = parseModel(JSON.parse(row.content));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	return parsed.value;
}

/** Every question at level 2 and every target at 4: all areas at stage 2 with a gap of 2. */
function levelTwo(model: MaturityModel): ResponseInput {
	const answers: ResponseInput['answers'] = {};
	const targets: ResponseInput['targets'] = {};
	for (const area of model.areas) {
		for (const question of area.questions) answers[question.id] = 2 as StageId;
		targets[area.id] = 4;
	}
	return { answers, targets };
}

const ratings = (roundId: string) =>
	db
		.prepare(
			'select area_id, importance from round_area_importance where round_id = ? order by area_id'
		)
		.all(roundId);

const auditOf = (orgId: string) =>
	(
		db
			.prepare(
				"select subject_id, before_json, after_json from audit_events where organisation_id = ? and action = 'round.importance' order by created_at, id"
			)
			.all(orgId) as Array<{ subject_id: string; before_json: string; after_json: string }>
	).map((e) => ({
		subjectId: e.subject_id,
		before: JSON.parse(e.before_json) as unknown,
		after: JSON.parse(e.after_json) as unknown
	}));

const escapeText = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const plainText = (html: string) =>
	html
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

/** What a page's load returned (the page's own node), from its __data.json. */
const pageData = pageOwnData;

interface RoadmapItemView {
	rank: number;
	id: string;
	areaName: string;
}

/** The results page's roadmap, in rank order, and its ratings line data. */
async function resultsRoadmap(client: Client, page: string) {
	const data = (await pageData(client, page)) as {
		view: {
			results: { roadmap: Record<string, RoadmapItemView[]> } | null;
			importance: Array<{ level: string; areas: string[] }>;
		};
	};
	expect(data.view.results).not.toBeNull();
	const items = Object.values(data.view.results!.roadmap)
		.flat()
		.sort((a, b) => a.rank - b.rank);
	return { items, importance: data.view.importance };
}

let owner: Client;
let orgId: string;
let roundId: string;
let model: MaturityModel;
let roundPage: string;

beforeAll(async () => {
	owner = await signUp('importance-owner');
	orgId = await createOrg(owner);
	roundId = await createRound(owner, orgId, 3);
	await setStatus(owner, orgId, roundId, 'open');
	const link = await createLink(owner, orgId, roundId);
	model = modelOfRound(roundId);
	for (let i = 0; i < 3; i++) {
		const { client, token } = await join(link);
		await answerAll(token, levelTwo(model));
		await submit(client, token);
	}
	roundPage = `/o/${orgId}/rounds/${roundId}`;
}, 120_000);

/** The whole form as the page sends it: every area, not rated unless given. */
const formOf = (rated: Record<string, string>) =>
	Object.fromEntries(model.areas.map((a) => [`area:${a.id}`, rated[a.id] ?? '']));

describe('rating the importance of areas', () => {
	it('ranks the roadmap with the ratings, says so, and records the change', async () => {
		const areaName = (id: string) => localize(model.areas.find((a) => a.id === id)!.name, 'en');
		const results = `${roundPage}/results`;

		// The form: one labelled select per area, all "Not rated".
		const html = await (await owner.get(roundPage)).text();
		expect(html).toContain('Importance of the areas');
		expect(html).toContain('action="?/importance"');
		for (const area of model.areas) {
			expect(html).toContain(`<label for="importance-${area.id}">${escapeText(areaName(area.id))}`);
			expect(html).toMatch(new RegExp(`name="area:${area.id}"[^>]*>\\s*<option value="" selected`));
		}

		// Without ratings: the first item comes from another area than governance's first item.
		const before = await resultsRoadmap(owner, results);
		expect(before.importance).toEqual([]);
		const top = before.items[0]!;
		const governanceName = areaName('governance');
		expect(top.areaName).not.toBe(governanceName);
		const governance = before.items.find((i) => i.areaName === governanceName)!;
		expect(governance.rank).toBeGreaterThan(top.rank);
		const topArea = model.areas.find((a) => areaName(a.id) === top.areaName)!.id;
		const beforeHtml = await (await owner.get(results)).text();
		expect(beforeHtml).not.toContain('Ranked with the importance');

		// The owner rates governance high and the first item's area low.
		const saved = await owner.post(
			`${roundPage}?/importance`,
			formOf({ governance: 'high', [topArea]: 'low' })
		);
		expect(saved.status).toBe(200);
		expect(await saved.text()).toContain('Importance saved. The roadmap is ranked with it.');
		expect(ratings(roundId)).toEqual(
			[
				{ area_id: 'governance', importance: 'high' },
				{ area_id: topArea, importance: 'low' }
			].sort((a, b) => a.area_id.localeCompare(b.area_id))
		);
		expect(auditOf(orgId)).toEqual([
			{
				subjectId: roundId,
				before: { governance: null, [topArea]: null },
				after: { governance: 'high', [topArea]: 'low' }
			}
		]);

		// The governance item now ranks above the one that ranked first.
		const after = await resultsRoadmap(owner, results);
		const rankOf = (id: string) => after.items.find((i) => i.id === id)!.rank;
		expect(rankOf(governance.id)).toBeLessThan(rankOf(top.id));
		expect(after.items.map((i) => i.id).sort()).toEqual(before.items.map((i) => i.id).sort());
		expect(after.importance).toEqual([
			{ level: 'high', areas: [governanceName] },
			{ level: 'low', areas: [top.areaName] }
		]);
		const line = `Ranked with the importance set for this round. High: ${governanceName}. Low: ${top.areaName}.`;
		expect(plainText(await (await owner.get(results)).text())).toContain(escapeText(line));
		// The PDF says it too.
		const pdf = (await pdfText(await owner.get(`${roundPage}/report.pdf`))).replace(/\s+/g, ' ');
		expect(pdf).toContain(line);

		// The form shows the ratings; saving them again is no change.
		const rated = await (await owner.get(roundPage)).text();
		expect(rated).toMatch(/name="area:governance"[^>]*>[\s\S]*?<option value="high" selected/);
		expect(
			(
				await owner.post(
					`${roundPage}?/importance`,
					formOf({ governance: 'high', [topArea]: 'low' })
				)
			).status
		).toBe(200);
		expect(auditOf(orgId)).toHaveLength(1);

		// A facilitator may rate too (as use:enhance posts it); "not rated" removes the row.
		const facilitator = await inviteAndAccept(owner, orgId, 'facilitator');
		expect(
			await facilitator.action(`${roundPage}?/importance`, formOf({ governance: 'high' }))
		).toMatchObject({ type: 'success', status: 200 });
		expect(ratings(roundId)).toEqual([{ area_id: 'governance', importance: 'high' }]);
		expect(auditOf(orgId).at(-1)).toEqual({
			subjectId: roundId,
			before: { [topArea]: 'low' },
			after: { [topArea]: null }
		});
		const auditPage = plainText(await (await owner.get(`/o/${orgId}/audit`)).text());
		expect(auditPage).toContain('Area importance changed');
	});

	it('refuses bad input, other roles and other organisations, and changes nothing', async () => {
		const member = await inviteAndAccept(owner, orgId, 'member');
		const viewer = await inviteAndAccept(owner, orgId, 'viewer');
		const outsider = await signUp('importance-outsider');
		const outsiderOrg = await createOrg(outsider);
		const action = `${roundPage}?/importance`;
		const valid = formOf({ governance: 'low', measurement: 'high' });

		const stored = ratings(roundId);
		const audited = auditOf(orgId).length;
		const refused: Array<[string, Client, string, Record<string, string>, number, string?]> = [
			[
				'a value outside the four',
				owner,
				action,
				{ ...valid, 'area:measurement': 'urgent' },
				400,
				'Choose not rated, low, medium or high for the area “Measurement and return”. Nothing was saved.'
			],
			[
				'an area the model does not have',
				owner,
				action,
				{ ...valid, 'area:nowhere': 'high' },
				400,
				"An area in the form is not in this round's model. Nothing was saved."
			],
			['a member', member, action, valid, 403],
			['a viewer', viewer, action, valid, 403],
			['another organisation', outsider, action, valid, 404],
			[
				'the round under another organisation',
				outsider,
				`/o/${outsiderOrg}/rounds/${roundId}?/importance`,
				valid,
				404
			]
		];
		for (const [what, client, path, fields, status, message] of refused) {
			const res = await client.post(path, fields);
			expect(res.status, what).toBe(status);
			if (message) expect(await res.text(), what).toContain(escapeText(message));
			expect(ratings(roundId), what).toEqual(stored);
		}
		// A field sent twice, as only a hand-made request sends it.
		const twice = await owner.postRaw(
			action,
			'area:measurement=high&area:governance=low&area:governance=high',
			'application/x-www-form-urlencoded'
		);
		expect(twice.status).toBe(400);
		expect(await twice.text()).toContain(
			'This form sent a field more than once. Reload the page and try again.'
		);
		expect(ratings(roundId)).toEqual(stored);
		expect(auditOf(orgId)).toHaveLength(audited);

		// Members and viewers read the ratings; their page and its data carry no form.
		for (const [role, reader] of [
			['member', member],
			['viewer', viewer]
		] as const) {
			const html = await reader.get(roundPage).then((r) => r.text());
			expect(html, role).toContain('Importance of the areas');
			expect(html, role).not.toContain('?/importance');
			expect(html, role).not.toContain('name="area:');
			expect(plainText(html), role).toContain('High Ownership and alignment');
			const data = await pageData(reader, roundPage);
			expect(data.importanceForm, role).toBeNull();
			expect(data.importance, role).toEqual([
				{ level: 'high', areas: ['Ownership and alignment'] }
			]);
		}
		const ownerData = await pageData(owner, roundPage);
		expect(ownerData.importanceForm).toMatchObject({
			areas: expect.arrayContaining([
				{ id: 'governance', name: 'Ownership and alignment', importance: 'high' }
			])
		});
		expect((await outsider.get(roundPage)).status).toBe(404);
	});
});
