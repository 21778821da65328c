import { describe, expect, it } from 'vitest';
import {
	changeView,
	comparisonView,
	pickRounds,
	type ComparisonInput
} from '../../src/lib/domain/compare-page';
import { sumResponses } from '../../src/lib/domain/round-sums';
import type { MaturityModel, StageId } from '../../src/lib/domain/model';
import { fixtureModel } from '../support/fixture-model';

describe('pickRounds', () => {
	// Newest first, as the organisation's rounds are listed.
	const rounds = [{ id: 'r3' }, { id: 'r2' }, { id: 'r1' }];
	it.each([
		{
			name: 'nothing asked: the newest and the one before',
			from: null,
			to: null,
			pick: ['r2', 'r3']
		},
		{ name: 'only the later: the one before it', from: null, to: 'r2', pick: ['r1', 'r2'] },
		{
			name: 'the oldest as the later: nothing before it',
			from: null,
			to: 'r1',
			pick: [null, 'r1']
		},
		{ name: 'both asked, in either order', from: 'r3', to: 'r1', pick: ['r3', 'r1'] },
		{ name: 'only the earlier: the newest as the later', from: 'r1', to: null, pick: ['r1', 'r3'] },
		{ name: 'spaces around an id are ignored', from: ' r1 ', to: 'r2\n', pick: ['r1', 'r2'] },
		{ name: 'an empty value counts as not asked', from: '', to: '  ', pick: ['r2', 'r3'] },
		{ name: 'the same round twice is picked as asked', from: 'r2', to: 'r2', pick: ['r2', 'r2'] }
	])('$name', ({ from, to, pick }) => {
		const picked = pickRounds(rounds, { from, to });
		expect([picked.from?.id ?? null, picked.to?.id ?? null]).toEqual(pick);
		expect([picked.unknownFrom, picked.unknownTo]).toEqual([false, false]);
	});

	it.each([
		{ from: 'other-org', to: null, pick: [null, 'r3'], unknown: [true, false] },
		{ from: null, to: 'other-org', pick: [null, null], unknown: [false, true] },
		{ from: 'x', to: 'y', pick: [null, null], unknown: [true, true] }
	])('an id not among the rounds ($from, $to) picks nothing and is reported', (row) => {
		const picked = pickRounds(rounds, row);
		expect([picked.from?.id ?? null, picked.to?.id ?? null]).toEqual(row.pick);
		expect([picked.unknownFrom, picked.unknownTo]).toEqual(row.unknown);
	});

	it('picks nothing from no rounds', () => {
		expect(pickRounds([], { from: null, to: null })).toEqual({
			from: undefined,
			to: undefined,
			unknownFrom: false,
			unknownTo: false
		});
	});
});

describe('changeView', () => {
	it.each([
		{
			name: 'up, means and change to one decimal, stage from the mean',
			change: { before: 2.04, after: 2.96, delta: 0.92 },
			expected: {
				before: { mean: '2.0', stage: 2 },
				after: { mean: '3.0', stage: 2 },
				change: { direction: 'up', stages: '0.9' }
			}
		},
		{
			name: 'down, told without its sign',
			change: { before: 3.5, after: 2.24, delta: -1.26 },
			expected: {
				before: { mean: '3.5', stage: 3 },
				after: { mean: '2.2', stage: 2 },
				change: { direction: 'down', stages: '1.3' }
			}
		},
		{
			name: 'a change that rounds to nothing is no change',
			change: { before: 2.5, after: 2.46, delta: -0.04 },
			expected: {
				before: { mean: '2.5', stage: 2 },
				after: { mean: '2.5', stage: 2 },
				change: { direction: 'same', stages: '0.0' }
			}
		},
		{
			name: 'a side without a mean: no change',
			change: { before: null, after: 3, delta: null },
			expected: { before: null, after: { mean: '3.0', stage: 3 }, change: null }
		}
	])('$name', ({ change, expected }) => {
		expect(changeView(change)).toEqual(expected);
	});
});

describe('comparisonView', () => {
	const fixture = fixtureModel();
	/** The same model with its areas in another order: rows must follow the areas by id. */
	const reordered: MaturityModel = { ...fixture, areas: [...fixture.areas].reverse() };
	/** The earlier round's model, with another title for one recommendation. */
	const earlier: MaturityModel = {
		...fixture,
		areas: fixture.areas.map((a) =>
			a.id === 'alpha'
				? {
						...a,
						recommendations: a.recommendations.map((r) =>
							r.id === 'alpha-r1-quick' ? { ...r, title: { en: 'Map the journeys' } } : r
						)
					}
				: a
		)
	};
	const levels = (alpha: StageId, beta: StageId, gamma: StageId) => ({
		a1: alpha,
		a2: alpha,
		b1: beta,
		b2: beta,
		b3: beta,
		c1: gamma
	});
	const many = (count: number, departmentId: string | null, answers: ReturnType<typeof levels>) =>
		Array.from({ length: count }, () => ({
			departmentId,
			roleLevelId: null,
			answers,
			targets: {}
		}));
	const round = (id: string, name: string, threshold = 5) => ({
		id,
		name,
		anonymityThreshold: threshold
	});
	const input = (over: Partial<ComparisonInput> = {}): ComparisonInput => ({
		model: reordered,
		beforeModel: earlier,
		before: {
			round: round('r1', 'Spring'),
			sums: sumResponses(fixture, [
				...many(6, 'sales', levels(2, 1, 3)),
				...many(6, 'care', levels(2, 1, 1))
			])
		},
		after: {
			round: round('r2', 'Autumn'),
			sums: sumResponses(fixture, [
				...many(6, 'sales', levels(3, 1, 4)),
				...many(6, 'care', levels(3, 2, 1)),
				...many(6, 'ops', levels(4, 4, 4))
			])
		},
		departments: [
			{ id: 'care', name: 'Care' },
			{ id: 'sales', name: 'Sales' },
			{ id: 'ops', name: 'Operations' }
		],
		tracked: [],
		noDepartment: 'Without department',
		locale: 'en',
		...over
	});

	it('gives every area its own row by id, in the later model’s order', () => {
		const view = comparisonView(input());
		expect(view.before).toEqual({ id: 'r1', name: 'Spring' });
		expect(view.after).toEqual({ id: 'r2', name: 'Autumn' });
		expect(view.shown).toBe(true);
		expect(view.belowThreshold).toEqual([]);
		expect(view.areas).toEqual([
			{ id: 'gamma', name: 'Area gamma', compared: true },
			{ id: 'beta', name: 'Area beta', compared: true },
			{ id: 'alpha', name: 'Area alpha', compared: true }
		]);
		expect(view.comparedAreas).toEqual(view.areas);
		expect(view.versions).toBeNull();
		expect(view.overall.compared).toBe(true);
		// gamma 2 → 3, beta 1 → 2.33, alpha 2 → 3.33 (ops joined at 4 everywhere).
		expect(
			view.areaChanges.map((a) => [
				a.areaId,
				a.name,
				a.before?.mean,
				a.after?.mean,
				a.change?.direction,
				a.change?.stages
			])
		).toEqual([
			['gamma', 'Area gamma', '2.0', '3.0', 'up', '1.0'],
			['beta', 'Area beta', '1.0', '2.3', 'up', '1.3'],
			['alpha', 'Area alpha', '2.0', '3.3', 'up', '1.3']
		]);
	});

	it('gives each department one cell per area, in the order of the areas, or none when hidden', () => {
		const view = comparisonView(input());
		expect(view.departments.map((d) => [d.key, d.name, d.visible])).toEqual([
			['care', 'Care', true],
			['sales', 'Sales', true],
			// Not in the earlier round: nothing to compare, so nothing shown.
			['ops', 'Operations', false]
		]);
		for (const d of view.departments.filter((d) => d.visible))
			expect(d.cells.map((c) => c.areaId)).toEqual(view.areas.map((a) => a.id));
		const care = view.departments[0]!;
		// care: gamma 1 → 1, beta 1 → 2, alpha 2 → 3.
		expect(care.cells.map((c) => [c.areaId, c.change?.direction, c.change?.stages])).toEqual([
			['gamma', 'same', '0.0'],
			['beta', 'up', '1.0'],
			['alpha', 'up', '1.0']
		]);
		expect(view.departments[2]!.cells).toEqual([]);
	});

	it('names the responses without a department', () => {
		const view = comparisonView(
			input({
				before: {
					round: round('r1', 'Spring'),
					sums: sumResponses(fixture, [
						...many(6, null, levels(1, 1, 1)),
						...many(6, 'care', levels(2, 2, 2))
					])
				},
				after: {
					round: round('r2', 'Autumn'),
					sums: sumResponses(fixture, [
						...many(6, null, levels(2, 2, 2)),
						...many(6, 'care', levels(2, 2, 2))
					])
				}
			})
		);
		expect(view.departments.map((d) => [d.key, d.name, d.visible])).toEqual([
			['care', 'Care', true],
			['', 'Without department', true]
		]);
	});

	it.each([
		{ name: 'the earlier round', sizes: [4, 12], below: [{ name: 'Spring', threshold: 5 }] },
		{ name: 'the later round', sizes: [12, 3], below: [{ name: 'Autumn', threshold: 5 }] },
		{
			name: 'both rounds',
			sizes: [2, 3],
			below: [
				{ name: 'Spring', threshold: 5 },
				{ name: 'Autumn', threshold: 5 }
			]
		}
	])('$name below its threshold: named, and no number of either round', ({ sizes, below }) => {
		const [b, a] = sizes as [number, number];
		const view = comparisonView(
			input({
				before: {
					round: round('r1', 'Spring'),
					sums: sumResponses(fixture, many(b, 'sales', levels(1, 1, 1)))
				},
				after: {
					round: round('r2', 'Autumn'),
					sums: sumResponses(fixture, many(a, 'sales', levels(4, 4, 4)))
				}
			})
		);
		expect(view.shown).toBe(false);
		expect(view.belowThreshold).toEqual(below);
		expect(view.overall).toEqual({ compared: true, before: null, after: null, change: null });
		expect(view.areaChanges.every((c) => c.before === null && c.after === null)).toBe(true);
		expect(view.departments).toEqual([]);
	});

	it('lists the earlier round’s tracked roadmap by status, done first, named from its model', () => {
		const tracked = (
			recommendationId: string,
			status: 'planned' | 'in_progress' | 'done' | 'dropped'
		) => ({
			recommendationId,
			ownerName: null,
			dueQuarter: null,
			status
		});
		const view = comparisonView(
			input({
				tracked: [
					tracked('gamma-r1-big', 'planned'),
					tracked('beta-r2-quick', 'done'),
					tracked('alpha-r1-quick', 'done'),
					tracked('alpha-r1-big', 'dropped')
				]
			})
		);
		expect(view.roadmap.map((g) => [g.status, g.items.map((i) => i.title)])).toEqual([
			['done', ['Map the journeys', 'Quick beta 2']],
			['planned', ['Big gamma 1']],
			['dropped', ['Big alpha 1']]
		]);
		expect(comparisonView(input()).roadmap).toEqual([]);
	});

	it('compares rounds of two model versions on their shared questions and says what they share', () => {
		// The later version keeps a1 and b1; a2, b2, b3 and c1 are rewritten (a9, b9, c9).
		const question = (id: string) => ({ ...fixture.areas[0]!.questions[0]!, id });
		const later: MaturityModel = {
			...fixture,
			version: '1.1.0',
			areas: fixture.areas.map((a) => ({
				...a,
				questions: { alpha: ['a1', 'a9'], beta: ['b1', 'b9'], gamma: ['c9'] }[a.id]!.map(question)
			}))
		};
		/** `count` responses of the later model: a1 and b1 as given, the rewritten ones at 1. */
		const laterMany = (count: number, departmentId: string, a1: StageId, b1: StageId) =>
			Array.from({ length: count }, () => ({
				departmentId,
				roleLevelId: null,
				answers: { a1, a9: 1 as const, b1, b9: 1 as const, c9: 1 as const },
				targets: {}
			}));
		const view = comparisonView(
			input({
				model: later,
				beforeModel: fixture,
				after: {
					round: round('r2', 'Autumn'),
					sums: sumResponses(later, [...laterMany(6, 'sales', 4, 2), ...laterMany(6, 'care', 3, 2)])
				}
			})
		);
		expect(view.versions).toEqual({ before: '1.0.0', after: '1.1.0', shared: 2, total: 5 });
		expect(view.areas.map((a) => [a.id, a.compared])).toEqual([
			['alpha', true],
			['beta', true],
			['gamma', false]
		]);
		expect(view.comparedAreas.map((a) => a.id)).toEqual(['alpha', 'beta']);
		expect(view.overall).toEqual({ compared: false, before: null, after: null, change: null });
		// Before: a1 at 2 everywhere, b1 at 1; after: a1 (4 × 6 + 3 × 6) / 12 = 3.5, b1 at 2.
		expect(
			view.areaChanges.map((a) => [
				a.areaId,
				a.compared,
				a.before?.mean,
				a.after?.mean,
				a.change?.stages
			])
		).toEqual([
			['alpha', true, '2.0', '3.5', '1.5'],
			['beta', true, '1.0', '2.0', '1.0'],
			['gamma', false, undefined, undefined, undefined]
		]);
		// A department gets a cell per compared area only.
		const care = view.departments.find((d) => d.key === 'care')!;
		expect(care.cells.map((c) => [c.areaId, c.change?.stages])).toEqual([
			['alpha', '1.0'],
			['beta', '1.0']
		]);
	});
});
