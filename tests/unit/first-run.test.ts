/**
 * The first-run guide's progress (src/lib/domain/first-run.ts): which steps are done, which is
 * current and where each links, read from what exists, for the situations a newcomer passes
 * through and the ones where the guide must not show.
 */
import { describe, expect, it } from 'vitest';
import {
	firstRunGuide,
	startHref,
	type FirstRunFacts,
	type GuideOrganisationFacts,
	type GuideRoundFacts
} from '../../src/lib/domain/first-run';

const round = (over: Partial<GuideRoundFacts> = {}): GuideRoundFacts => ({
	id: 'r1',
	status: 'draft',
	createdAt: '2026-01-02T10:00:00.000Z',
	activeLinks: 0,
	answered: false,
	...over
});
const org = (over: Partial<GuideOrganisationFacts> = {}): GuideOrganisationFacts => ({
	id: 'o1',
	role: 'owner',
	createdAt: '2026-01-01T10:00:00.000Z',
	rounds: [],
	...over
});
const facts = (...organisations: GuideOrganisationFacts[]): FirstRunFacts => ({
	dismissed: false,
	organisations
});
const doneOf = (f: FirstRunFacts) =>
	firstRunGuide(f)
		?.steps.filter((s) => s.done)
		.map((s) => s.id) ?? null;

describe('the first-run guide', () => {
	it.each([
		['a new account', facts(), [], 'organisation'],
		['an organisation', facts(org()), ['organisation'], 'round'],
		['a draft round', facts(org({ rounds: [round()] })), ['organisation', 'round'], 'share'],
		[
			'an open round without a link',
			facts(org({ rounds: [round({ status: 'open' })] })),
			['organisation', 'round'],
			'share'
		],
		[
			'a link on a draft round',
			facts(org({ rounds: [round({ activeLinks: 1 })] })),
			['organisation', 'round'],
			'share'
		],
		[
			'an open round with a link',
			facts(org({ rounds: [round({ status: 'open', activeLinks: 2 })] })),
			['organisation', 'round', 'share'],
			'answer'
		],
		[
			'an answer but no link',
			facts(org({ rounds: [round({ status: 'open', answered: true })] })),
			['organisation', 'round', 'answer'],
			'share'
		]
	] as const)('after %s: done %j, current %s', (_label, input, done, current) => {
		const guide = firstRunGuide(input)!;
		expect(guide.steps.filter((s) => s.done).map((s) => s.id)).toEqual(done);
		expect(guide.done).toBe(done.length);
		expect(guide.current).toBe(current);
		expect(guide.steps.map((s) => s.id)).toEqual(['organisation', 'round', 'share', 'answer']);
	});

	it('is gone once every step is done, once hidden, and for people only invited to answer', () => {
		const finished = org({ rounds: [round({ status: 'open', activeLinks: 1, answered: true })] });
		expect(firstRunGuide(facts(finished))).toBeNull();
		expect(firstRunGuide({ dismissed: true, organisations: [] })).toBeNull();
		expect(firstRunGuide(facts(org({ role: 'member' })))).toBeNull();
		expect(firstRunGuide(facts(org({ role: 'viewer' })))).toBeNull();
		// A facilitator runs rounds: the guide is for them too.
		expect(firstRunGuide(facts(org({ role: 'facilitator' })))?.current).toBe('round');
		// Invited somewhere as a member, and running their own: the guide follows their own.
		expect(
			doneOf(facts(org({ id: 'theirs', role: 'member' }), org({ id: 'mine', rounds: [round()] })))
		).toEqual(['organisation', 'round']);
	});

	it('links each step to the page and form that does it', () => {
		const hrefs = (f: FirstRunFacts) =>
			Object.fromEntries(firstRunGuide(f)!.steps.map((s) => [s.id, [s.href, s.action]]));
		expect(hrefs(facts())).toEqual({
			organisation: ['/orgs#create-title', null],
			round: [null, null],
			share: [null, null],
			answer: [null, null]
		});
		expect(hrefs(facts(org()))).toMatchObject({
			round: ['/o/o1#new-round-title', null],
			share: [null, null]
		});
		// A draft round: to the status form that opens it; answering waits for it to open.
		expect(hrefs(facts(org({ rounds: [round()] })))).toMatchObject({
			share: ['/o/o1/rounds/r1#status-title', null],
			answer: ['/o/o1/rounds/r1#you-title', null]
		});
		// Open: to the links form, and answering is the round page's own action.
		expect(hrefs(facts(org({ rounds: [round({ status: 'open' })] })))).toMatchObject({
			share: ['/o/o1/rounds/r1#links-title', null],
			answer: ['/o/o1/rounds/r1#you-title', '/o/o1/rounds/r1?/answer']
		});
	});

	it('follows the organisation and round where the person got furthest, the latest on a tie', () => {
		const older = round({ id: 'old', createdAt: '2026-01-01T00:00:00.000Z' });
		const newer = round({ id: 'new', createdAt: '2026-02-01T00:00:00.000Z' });
		const shared = round({
			id: 'shared',
			status: 'open',
			activeLinks: 1,
			createdAt: '2025-12-01T00:00:00.000Z'
		});
		const current = (f: FirstRunFacts) => {
			const guide = firstRunGuide(f)!;
			return guide.steps.find((s) => s.id === guide.current)!.href;
		};
		expect(current(facts(org({ rounds: [older, newer] })))).toBe('/o/o1/rounds/new#status-title');
		expect(current(facts(org({ rounds: [older, shared, newer] })))).toBe(
			'/o/o1/rounds/shared#you-title'
		);
		expect(
			current(
				facts(
					org({ id: 'a', rounds: [newer] }),
					org({ id: 'b', createdAt: '2026-03-01T00:00:00.000Z' })
				)
			)
		).toBe('/o/a/rounds/new#status-title');
		expect(
			current(facts(org({ id: 'a' }), org({ id: 'b', createdAt: '2026-03-01T00:00:00.000Z' })))
		).toBe('/o/b#new-round-title');
	});

	it('"Start an assessment" takes a signed-in person to their next step, or their organisations', () => {
		expect(startHref(firstRunGuide(facts()))).toBe('/orgs#create-title');
		expect(startHref(firstRunGuide(facts(org())))).toBe('/o/o1#new-round-title');
		expect(startHref(null)).toBe('/orgs');
	});
});
