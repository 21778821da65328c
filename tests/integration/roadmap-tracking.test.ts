/**
 * Tracking a round's roadmap against the built server: owners and facilitators give items an owner,
 * a due quarter and a status; members and viewers see them read-only; bad input, wrong roles and
 * other organisations are refused with nothing stored; the next round's results show the list.
 *
 * The database is read (never written) to learn ids and to check what is stored.
 */
import { describe, expect, it } from 'vitest';
import { localize, parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import {
	answerAll,
	createLink,
	createOrg,
	createRound,
	inviteAndAccept,
	join,
	ownerIdOf,
	setStatus,
	signUp,
	submit,
	testDb,
	unique
} from '../support/flow';
import type { Client } from '../support/http';

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

/** Varied, repeatable answers with a target per area. */
function answersFor(model: MaturityModel, seed: number): ResponseInput {
	const answers: ResponseInput['answers'] = {};
	const targets: ResponseInput['targets'] = {};
	model.areas.forEach((area, ai) => {
		area.questions.forEach((question, qi) => {
			answers[question.id] = (((ai + qi + seed) % 3) + 1) as StageId;
		});
		targets[area.id] = 4;
	});
	return { answers, targets };
}

const ownerOf = ownerIdOf;

const trackedRows = (roundId: string) =>
	db
		.prepare(
			'select recommendation_id, owner_id, due_quarter, status, updated_at from roadmap_items where round_id = ? order by recommendation_id'
		)
		.all(roundId);

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const plainText = (html: string) =>
	html
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

/** The tracking form of one item on the roadmap page. */
function itemForm(html: string, recommendationId: string): string {
	const start = html.indexOf(`name="recommendationId" value="${recommendationId}"`);
	expect(start, `a form for ${recommendationId}`).toBeGreaterThan(-1);
	return html.slice(start, html.indexOf('</form>', start));
}

const selectedValue = (form: string, name: string) => {
	const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(form);
	expect(select, `a select named ${name}`).not.toBeNull();
	const options = select![1]!.match(/<option[^>]*>/g) ?? [];
	return options
		.filter((o) => /\sselected(?=[\s=/>])/.test(o))
		.map((o) => /value="([^"]*)"/.exec(o)?.[1] ?? '');
};

/** An open round of a new organisation with `count` submitted responses through a link. */
async function roundWithResponses(count: number, threshold = 5) {
	const ownerName = unique('Olive');
	const owner = await signUp(ownerName);
	const orgId = await createOrg(owner);
	const roundId = await createRound(owner, orgId, threshold);
	await setStatus(owner, orgId, roundId, 'open');
	const linkToken = await createLink(owner, orgId, roundId);
	const model = modelOfRound(roundId);
	for (let seed = 1; seed <= count; seed++) {
		const { client, token } = await join(linkToken);
		await answerAll(token, answersFor(model, seed));
		await submit(client, token);
	}
	return { owner, ownerName, orgId, roundId, model };
}

describe('roadmap tracking', () => {
	it('hides the roadmap while the round is under its threshold', async () => {
		const { owner, orgId, roundId } = await roundWithResponses(2, 3);
		const res = await owner.get(`/o/${orgId}/rounds/${roundId}/roadmap`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('The roadmap appears once the round has at least 3 responses.');
		expect(html).not.toContain('name="recommendationId"');
	});

	it('tracks items, refuses what it must, and shows them in the next round', async () => {
		const { owner, ownerName, orgId, roundId, model } = await roundWithResponses(5);
		const page = `/o/${orgId}/rounds/${roundId}/roadmap`;
		const track = `${page}?/track`;
		const titles = new Map(
			model.areas.flatMap((a) => a.recommendations.map((r) => [r.id, localize(r.title, 'en')]))
		);

		const before = await owner.get(page);
		expect(before.status).toBe(200);
		const beforeHtml = await before.text();
		const ids = [...beforeHtml.matchAll(/name="recommendationId" value="([^"]+)"/g)].map(
			(match) => match[1]!
		);
		expect(ids.length).toBeGreaterThanOrEqual(2);
		const [first, second] = ids as [string, string];
		const title = titles.get(first)!;
		expect(title).toBeDefined();
		expect(beforeHtml).toContain(`aria-label="Owner for ${escapeText(title)}"`);
		expect(beforeHtml).toContain(`href="/o/${orgId}/rounds/${roundId}/results"`);
		// Untracked: planned, no owner, no quarter.
		const untracked = itemForm(beforeHtml, first);
		expect(selectedValue(untracked, 'ownerId')).toEqual(['']);
		expect(selectedValue(untracked, 'dueQuarter')).toEqual(['']);
		expect(selectedValue(untracked, 'status')).toEqual(['planned']);
		expect(trackedRows(roundId)).toEqual([]);

		// The owner tracks an item with a plain form post (no JavaScript).
		const ownerId = ownerOf(orgId);
		const saved = await owner.post(track, {
			recommendationId: first,
			ownerId,
			dueQuarter: '2027-Q1',
			status: 'done'
		});
		expect(saved.status).toBe(200);
		expect(await saved.text()).toContain(`Saved: ${escapeText(title)}.`);
		expect(trackedRows(roundId)).toEqual([
			expect.objectContaining({
				recommendation_id: first,
				owner_id: ownerId,
				due_quarter: '2027-Q1',
				status: 'done'
			})
		]);
		const after = itemForm(await (await owner.get(page)).text(), first);
		expect(selectedValue(after, 'ownerId')).toEqual([ownerId]);
		expect(selectedValue(after, 'dueQuarter')).toEqual(['2027-Q1']);
		expect(selectedValue(after, 'status')).toEqual(['done']);

		// A facilitator may track too, here as use:enhance posts it.
		const facilitator = await inviteAndAccept(owner, orgId, 'facilitator');
		const enhanced = await facilitator.action(track, {
			recommendationId: second,
			ownerId: '',
			dueQuarter: '',
			status: 'in_progress'
		});
		expect(enhanced).toMatchObject({ type: 'success', status: 200 });
		const tracked = trackedRows(roundId);
		expect(tracked).toHaveLength(2);
		expect(tracked).toContainEqual(
			expect.objectContaining({
				recommendation_id: second,
				owner_id: null,
				due_quarter: null,
				status: 'in_progress'
			})
		);

		// Members and viewers see the same, read-only.
		const member = await inviteAndAccept(owner, orgId, 'member');
		const viewer = await inviteAndAccept(owner, orgId, 'viewer');
		for (const reader of [member, viewer]) {
			const res = await reader.get(page);
			expect(res.status).toBe(200);
			const html = await res.text();
			// No form control in the page's own content (the header has the language switcher).
			expect(html.slice(html.indexOf('<main'))).not.toContain('<select');
			expect(html).not.toContain('?/track');
			const start = html.indexOf(`<strong>${escapeText(title)}</strong>`);
			expect(start).toBeGreaterThan(-1);
			const item = plainText(html.slice(start, html.indexOf('</li>', start)));
			expect(item).toContain(`Owner ${ownerName}`);
			expect(item).toContain('2027-Q1');
			expect(item).toContain('Done');
		}

		// Refused: wrong role (403), bad input (400), other organisations (404). Nothing changes.
		const outsider = await signUp('outsider');
		const outsiderOrg = await createOrg(outsider);
		const outsiderId = ownerOf(outsiderOrg);
		const valid = {
			recommendationId: first,
			ownerId: '',
			dueQuarter: '2027-Q2',
			status: 'planned'
		};
		const refused: Array<[string, Client, string, Record<string, string>, number]> = [
			['a member', member, track, valid, 403],
			['a viewer', viewer, track, valid, 403],
			['an unknown recommendation', owner, track, { ...valid, recommendationId: 'nope' }, 400],
			['no recommendation', owner, track, { ...valid, recommendationId: '' }, 400],
			['an owner outside the organisation', owner, track, { ...valid, ownerId: outsiderId }, 400],
			['an unknown owner', owner, track, { ...valid, ownerId: 'nobody' }, 400],
			['quarter 5', owner, track, { ...valid, dueQuarter: '2027-Q5' }, 400],
			['a script as quarter', owner, track, { ...valid, dueQuarter: '<script>' }, 400],
			['an unknown status', owner, track, { ...valid, status: 'finished' }, 400],
			['no status', owner, track, { recommendationId: first, ownerId: '', dueQuarter: '' }, 400],
			['another organisation', outsider, track, valid, 404],
			[
				'the round under another organisation',
				outsider,
				`/o/${outsiderOrg}/rounds/${roundId}/roadmap?/track`,
				valid,
				404
			]
		];
		const stored = trackedRows(roundId);
		for (const [what, client, path, fields, status] of refused) {
			const res = await client.post(path, fields);
			expect(res.status, what).toBe(status);
			expect(trackedRows(roundId), what).toEqual(stored);
		}
		const messages: Array<[Record<string, string>, string]> = [
			[{ ...valid, recommendationId: 'nope' }, "That recommendation is not in this round's model."],
			[{ ...valid, ownerId: outsiderId }, 'The owner must be a member of this organisation.'],
			[{ ...valid, dueQuarter: '2027-Q5' }, 'Choose a quarter from the list.'],
			[{ ...valid, status: 'finished' }, 'Choose a status from the list.']
		];
		for (const [fields, message] of messages) {
			const html = await (await owner.post(track, fields)).text();
			expect(html).toContain(escapeText(message));
		}
		expect(trackedRows(roundId)).toEqual(stored);
		expect((await outsider.get(page)).status).toBe(404);
		expect((await outsider.get(`/o/${outsiderOrg}/rounds/${roundId}/roadmap`)).status).toBe(404);

		// The next round's results show what was tracked in this one.
		const roundName = (
			db.prepare('select name from rounds where id = ?').get(roundId) as { name: string }
		).name;
		const nextRound = await createRound(owner, orgId, 5);
		const res = await owner.get(`/o/${orgId}/rounds/${nextRound}/results`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain(`Roadmap from ${escapeText(roundName)}`);
		const start = html.indexOf(escapeText(title), html.indexOf('Roadmap from'));
		expect(start).toBeGreaterThan(-1);
		const row = plainText(html.slice(start, html.indexOf('</tr>', start)));
		expect(row).toContain(ownerName);
		expect(row).toContain('2027-Q1');
		expect(row).toContain('Done');
	});
});
