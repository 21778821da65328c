import { describe, expect, it } from 'vitest';
import { sumResponses } from '../../src/lib/domain/round-sums';
import { NO_FILTER, WITHOUT, groupVisibility } from '../../src/lib/domain/anonymity';
import {
	departmentRows,
	gapWording,
	perceptionGaps,
	roleLevelRows,
	roundDashboard,
	type GroupRow
} from '../../src/lib/domain/dashboard';
import type { StageId } from '../../src/lib/domain/model';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();
const response = (departmentId: string | null, roleLevelId: string | null, level: StageId) => ({
	departmentId,
	roleLevelId,
	answers: { a1: level, a2: level, b1: level, b2: level, b3: level, c1: level },
	targets: {}
});
const many = (count: number, dep: string | null, role: string | null, level: StageId = 2) =>
	Array.from({ length: count }, () => response(dep, role, level));
const sums = (...groups: ReturnType<typeof response>[][]) => sumResponses(model, groups.flat());
const filter = (departmentId: string | null, roleLevelId: string | null = null) => ({
	departmentId,
	roleLevelId
});

describe('groupVisibility (threshold 5)', () => {
	it.each([
		{
			name: 'the whole round under the threshold: nothing is shown',
			groups: [many(4, 'a', 'x')],
			checks: [
				[NO_FILTER, false, 'below-threshold'],
				[filter('a'), false, 'below-threshold']
			]
		},
		{
			name: 'departments of 12, 9 and 3: the 3 for size, the 9 against subtraction',
			groups: [many(12, 'a', 'x'), many(9, 'b', 'x'), many(3, 'c', 'x')],
			checks: [
				[NO_FILTER, true, null],
				[filter('a'), true, null],
				[filter('b'), false, 'differencing'],
				[filter('c'), false, 'below-threshold'],
				[filter('unknown'), false, 'below-threshold']
			]
		},
		{
			name: 'combined filter: a cell under the threshold is hidden though both groups are shown',
			groups: [many(10, 'a', 'x'), many(3, 'a', 'y'), many(6, 'b', 'x'), many(6, 'b', 'y')],
			checks: [
				[filter('a'), true, null],
				[filter(null, 'y'), true, null],
				[filter('a', 'x'), false, 'differencing'],
				[filter('a', 'y'), false, 'below-threshold'],
				// b×y would give a×y away by subtraction from the column total y: hidden too.
				[filter('b', 'y'), false, 'differencing']
			]
		},
		{
			name: 'a combination of shown cells within a hidden department stays hidden',
			groups: [many(12, 'a', 'x'), many(5, 'b', 'x'), many(5, 'b', 'y'), many(3, 'c', 'y')],
			checks: [
				[filter('b'), false, 'differencing'],
				[filter('b', 'x'), false, 'differencing']
			]
		},
		{
			name: 'responses without a department form a group of their own',
			groups: [many(12, 'a', 'x'), many(6, null, 'x')],
			checks: [
				[filter(WITHOUT), true, null],
				[filter('a'), true, null]
			]
		}
	])('$name', ({ groups, checks }) => {
		const visibility = groupVisibility(sums(...groups), 5);
		for (const [f, visible, reason] of checks as Array<
			[ReturnType<typeof filter>, boolean, string | null]
		>) {
			const seen = visibility.check(f);
			expect([f, seen.visible, seen.reason]).toEqual([f, visible, reason]);
		}
	});
});

describe('departmentRows', () => {
	it('shows scores per area, agreement and response rate for shown departments only', () => {
		const c = sums(many(12, 'a', 'x', 2), many(9, 'b', 'x', 3), many(3, 'c', 'x', 1));
		const rows = departmentRows(model, c, groupVisibility(c, 5), {
			order: ['c', 'b', 'a'],
			roleLevelId: null,
			invited: new Map([['a', 20]])
		});
		expect(rows.map((r) => [r.id, r.visible, r.areas.length])).toEqual([
			['c', false, 0],
			['b', false, 0],
			['a', true, 3]
		]);
		const a = rows[2]!;
		expect(a.areas.map((x) => [x.areaId, x.score, x.stage])).toEqual([
			['alpha', expect.closeTo(33.33, 2), 2],
			['beta', expect.closeTo(33.33, 2), 2],
			['gamma', expect.closeTo(33.33, 2), 2]
		]);
		expect(a.agreement).toBe(1);
		expect(a.responseRate).toBe(0.6);
		// Hidden rows carry nothing that could be told apart.
		expect(rows[1]).toMatchObject({ areas: [], agreement: null, responseRate: null });
	});

	it('within a role level, each department is a cell of the table', () => {
		// a×y is too small; a×x would give it away within a, b×x would give a×x away within x.
		const c = sums(
			many(10, 'a', 'x'),
			many(3, 'a', 'y'),
			many(6, 'b', 'x'),
			many(6, 'b', 'y'),
			many(6, 'c', 'x'),
			many(6, 'c', 'y')
		);
		const rows = departmentRows(model, c, groupVisibility(c, 5), {
			order: ['a', 'b', 'c'],
			roleLevelId: 'x'
		});
		expect(rows.map((r) => [r.id, r.visible])).toEqual([
			['a', false],
			['b', false],
			['c', true]
		]);
	});

	it('puts responses without a department last', () => {
		const c = sums(many(6, null, 'x'), many(6, 'a', 'x'), many(6, 'b', 'x'));
		const rows = departmentRows(model, c, groupVisibility(c, 5), {
			order: ['b', 'a'],
			roleLevelId: null
		});
		expect(rows.map((r) => [r.id, r.visible])).toEqual([
			['b', true],
			['a', true],
			[null, true]
		]);
	});
});

describe('role levels and perception gaps', () => {
	const c = sums(
		many(8, 'a', 'exec', 4),
		many(8, 'a', 'front', 2),
		many(8, 'b', 'front', 2),
		many(8, 'b', 'support', 3)
	);
	const rows = roleLevelRows(model, c, groupVisibility(c, 5), {
		order: ['exec', 'front', 'support'],
		departmentId: null
	});

	it('gives each shown role level its scores per area', () => {
		expect(rows.map((r) => [r.id, r.visible, r.areas[0]?.mean])).toEqual([
			['exec', true, 4],
			['front', true, 2],
			['support', true, 3]
		]);
	});

	it('names the largest gaps, highest against lowest, at least half a stage apart', () => {
		const gaps = perceptionGaps(rows);
		expect(gaps).toHaveLength(3);
		expect(gaps[0]).toEqual({ areaId: 'alpha', higher: 'exec', lower: 'front', stages: 2 });
	});

	it('ignores hidden role levels and gaps under half a stage', () => {
		const row = (id: string, mean: number, visible = true): GroupRow => ({
			id,
			count: 10,
			visible,
			reason: null,
			agreement: null,
			disputedQuestionId: null,
			areas: [{ areaId: 'alpha', mean, score: null, stage: null, lowPractices: [] }]
		});
		expect(perceptionGaps([row('x', 3), row('y', 2.6)])).toEqual([]);
		expect(perceptionGaps([row('x', 3), row('y', 1, false)])).toEqual([]);
		expect(perceptionGaps([row('x', 3), row('y', 2.5)])).toHaveLength(1);
	});

	it.each([
		[0.5, 'half', 0.5],
		[0.7, 'half', 0.5],
		[0.8, 'one', 1],
		[1.2, 'one', 1],
		[1.3, 'many', 1.5],
		[2.1, 'many', 2]
	])('a gap of %s stages is said as %s (%s)', (stages, kind, said) => {
		expect(gapWording(stages)).toEqual({ kind, stages: said });
	});
});

describe('roundDashboard', () => {
	const c = sums(many(8, 'a', 'x', 3), many(6, 'b', 'x', 1), many(3, 'c', 'x', 2));
	const dashboard = (departmentId: string | null, threshold = 5) =>
		roundDashboard(model, c, {
			threshold,
			filter: filter(departmentId),
			departmentOrder: ['a', 'b', 'c'],
			roleLevelOrder: ['x', 'y']
		});

	it('the whole round: results, departments and role levels', () => {
		const d = dashboard(null);
		expect(d.total).toBe(17);
		expect(d.results?.respondents).toBe(17);
		expect(d.departments.map((r) => r.visible)).toEqual([true, false, false]);
		expect(d.notesAllowed).toBe(true);
	});

	it('a filter on a department narrows the results to it', () => {
		const d = dashboard('a');
		expect(d.results?.respondents).toBe(8);
		expect(d.results?.areas[0]?.mean).toBe(3);
		expect(d.notesAllowed).toBe(false); // 8 < 2 × 5
	});

	it('a filter on a hidden department shows no results', () => {
		const d = dashboard('c');
		expect(d.selection).toEqual({ count: 3, visible: false, reason: 'below-threshold' });
		expect(d.results).toBeNull();
	});

	it('a round under the threshold shows no groups at all', () => {
		const d = dashboard(null, 20);
		expect(d.results).toBeNull();
		expect(d.departments).toEqual([]);
		expect(d.roleLevels).toEqual([]);
	});
});
