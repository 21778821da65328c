import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/lib/domain/permissions';
import { personalResults } from '../../src/lib/domain/results';
import {
	memberOptions,
	QUARTER,
	quarterOptions,
	roadmapPageView,
	upcomingQuarters,
	type RoadmapPageInput,
	type TrackedInput
} from '../../src/lib/domain/roadmap-page';
import { fixtureModel } from '../support/fixture-model';

describe('upcomingQuarters', () => {
	it.each([
		['2026-11-05T12:00:00Z', 3, ['2026-Q4', '2027-Q1', '2027-Q2']],
		['2027-01-01T00:00:00Z', 2, ['2027-Q1', '2027-Q2']],
		['2027-03-31T23:59:59Z', 2, ['2027-Q1', '2027-Q2']],
		['2027-04-01T00:00:00Z', 1, ['2027-Q2']],
		// In UTC: late on 31 December in America is already the new year's first quarter.
		['2026-12-31T23:30:00-05:00', 1, ['2027-Q1']]
	])('from %s, %s quarters: %j', (now, count, expected) => {
		expect(upcomingQuarters(new Date(now), count)).toEqual(expected);
	});

	it('offers eight quarters by default, two years ahead', () => {
		expect(upcomingQuarters(new Date('2026-05-20T00:00:00Z'))).toEqual([
			'2026-Q2',
			'2026-Q3',
			'2026-Q4',
			'2027-Q1',
			'2027-Q2',
			'2027-Q3',
			'2027-Q4',
			'2028-Q1'
		]);
	});
});

describe('quarterOptions', () => {
	const upcoming = ['2026-Q4', '2027-Q1', '2027-Q2'];
	it.each([
		['no stored quarter', null, upcoming],
		['a stored quarter among them', '2027-Q1', upcoming],
		['a past quarter goes first', '2025-Q3', ['2025-Q3', ...upcoming]],
		['a far quarter goes last', '2030-Q1', [...upcoming, '2030-Q1']]
	])('%s', (_name, stored, expected) => {
		expect(quarterOptions(upcoming, stored)).toEqual(expected);
	});

	it('does not change the upcoming list', () => {
		quarterOptions(upcoming, '2025-Q3');
		expect(upcoming).toEqual(['2026-Q4', '2027-Q1', '2027-Q2']);
	});
});

describe('QUARTER', () => {
	it.each([
		['2027-Q1', true],
		['2027-Q4', true],
		['2027-Q5', false],
		['2027-q1', false],
		['27-Q1', false],
		['2027-Q1 ', false]
	])('%j: %s', (value, valid) => {
		expect(QUARTER.test(value)).toBe(valid);
	});
});

describe('memberOptions', () => {
	it.each([
		{ name: 'no members', members: [], expected: [] },
		{
			name: 'distinct names as they are',
			members: [
				{ userId: 'u1', displayName: 'Ana', email: 'ana@a.example' },
				{ userId: 'u2', displayName: 'Radu', email: 'radu@a.example' }
			],
			expected: [
				{ id: 'u1', name: 'Ana' },
				{ id: 'u2', name: 'Radu' }
			]
		},
		{
			name: 'a repeated name with the e-mail address, the others without, in the given order',
			members: [
				{ userId: 'u1', displayName: 'Ana', email: 'ana@a.example' },
				{ userId: 'u2', displayName: 'Radu', email: 'radu@a.example' },
				{ userId: 'u3', displayName: 'Ana', email: 'ana.p@a.example' }
			],
			expected: [
				{ id: 'u1', name: 'Ana (ana@a.example)' },
				{ id: 'u2', name: 'Radu' },
				{ id: 'u3', name: 'Ana (ana.p@a.example)' }
			]
		}
	])('$name', ({ members, expected }) => {
		expect(memberOptions(members)).toEqual(expected);
	});
});

describe('roadmapPageView', () => {
	const model = fixtureModel();
	// alpha and gamma at stage 1, beta at stage 2: quick wins at 30 days, big items at 90.
	const results = personalResults(model, {
		answers: { a1: 1, a2: 1, b1: 2, b2: 2, b3: 2, c1: 1 },
		targets: {}
	});
	const tracked = new Map<string, TrackedInput>([
		['alpha-r1-quick', { ownerId: 'u1', ownerName: 'Ana', dueQuarter: '2027-Q1', status: 'done' }],
		// Owned by someone who has left the organisation, due in a quarter already past.
		[
			'gamma-r1-big',
			{ ownerId: 'gone', ownerName: 'Ion', dueQuarter: '2025-Q2', status: 'in_progress' }
		],
		// Off the roadmap now: tracked after earlier responses, still listed.
		['gamma-r3-quick', { ownerId: null, ownerName: null, dueQuarter: null, status: 'planned' }],
		['beta-r4-big', { ownerId: 'u2', ownerName: 'Radu', dueQuarter: null, status: 'dropped' }],
		// No longer in the model: left out.
		['retired', { ownerId: null, ownerName: null, dueQuarter: null, status: 'planned' }]
	]);
	const input = (role: (typeof ROLES)[number], over: Partial<RoadmapPageInput> = {}) =>
		roadmapPageView({
			role,
			round: { id: 'r1', name: 'Spring', anonymityThreshold: 5 },
			model,
			results,
			tracked,
			members: [
				{ userId: 'u1', displayName: 'Ana', email: 'ana@a.example' },
				{ userId: 'u2', displayName: 'Radu', email: 'radu@a.example' }
			],
			now: new Date('2026-11-05T00:00:00Z'),
			locale: 'en',
			...over
		});

	it('lists the roadmap by horizon, in rank order, with what is tracked', () => {
		const view = input('owner');
		expect(view.round).toEqual({ id: 'r1', name: 'Spring', threshold: 5 });
		expect(view.hidden).toBe(false);
		expect(view.horizons.map((h) => [h.days, h.items.map((i) => [i.rank, i.id])])).toEqual([
			[
				30,
				[
					[1, 'alpha-r1-quick'],
					[2, 'gamma-r1-quick'],
					[5, 'beta-r2-quick']
				]
			],
			[
				90,
				[
					[3, 'alpha-r1-big'],
					[4, 'gamma-r1-big'],
					[6, 'beta-r2-big']
				]
			]
		]);
		const upcoming = upcomingQuarters(new Date('2026-11-05T00:00:00Z'));
		expect(view.horizons[0]!.items[0]).toEqual({
			id: 'alpha-r1-quick',
			rank: 1,
			title: 'Quick alpha 1',
			areaName: 'Area alpha',
			quickWin: true,
			legalMinimum: false,
			ownerId: 'u1',
			ownerName: 'Ana',
			formerOwner: false,
			dueQuarter: '2027-Q1',
			status: 'done',
			quarters: upcoming
		});
		// Not tracked yet: planned, no owner, no quarter.
		expect(view.horizons[0]!.items[1]).toMatchObject({
			ownerId: null,
			ownerName: null,
			formerOwner: false,
			dueQuarter: null,
			status: 'planned',
			quarters: upcoming
		});
		expect(view.horizons[1]!.items[1]).toMatchObject({
			id: 'gamma-r1-big',
			ownerName: 'Ion',
			formerOwner: true,
			quarters: ['2025-Q2', ...upcoming]
		});
	});

	it('lists items tracked earlier that are off the roadmap now, by title, without unknown ones', () => {
		const view = input('owner');
		expect(view.others.map((o) => [o.id, o.title, o.areaName, o.status])).toEqual([
			['beta-r4-big', 'Big beta 4', 'Area beta', 'dropped'],
			['gamma-r3-quick', 'Quick gamma 3', 'Area gamma', 'planned']
		]);
		expect(view.others[0]).not.toHaveProperty('position');
	});

	it.each([
		['owner', true],
		['facilitator', true],
		['member', false],
		['viewer', false]
	] as const)('as %s: may edit %s, members and former owners only then', (role, edits) => {
		const view = input(role);
		expect(view.canEdit).toBe(edits);
		expect(view.members).toEqual(
			edits
				? [
						{ id: 'u1', name: 'Ana' },
						{ id: 'u2', name: 'Radu' }
					]
				: []
		);
		expect(view.horizons[1]!.items[1]!.formerOwner).toBe(edits);
		// Everyone sees who owns an item and how far it is.
		expect(view.horizons[1]!.items[1]).toMatchObject({ ownerName: 'Ion', status: 'in_progress' });
	});

	it('shows nothing of the roadmap while the round is below its threshold', () => {
		const view = input('owner', { results: null });
		expect(view.hidden).toBe(true);
		expect(view.horizons).toEqual([]);
		expect(view.others).toEqual([]);
		expect(view.statuses).toEqual(['planned', 'in_progress', 'done', 'dropped']);
	});
});
