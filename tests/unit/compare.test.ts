import { describe, expect, it } from 'vitest';
import { compareRounds } from '../../src/lib/domain/compare';
import { sumResponses } from '../../src/lib/domain/round-sums';
import type { StageId } from '../../src/lib/domain/model';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();
/** One response: alpha (a1, a2), beta (b1-b3) and gamma (c1) each at their own level. */
const response = (
	departmentId: string | null,
	levels: { alpha: StageId; beta: StageId; gamma: StageId }
) => ({
	departmentId,
	roleLevelId: null,
	answers: {
		a1: levels.alpha,
		a2: levels.alpha,
		b1: levels.beta,
		b2: levels.beta,
		b3: levels.beta,
		c1: levels.gamma
	},
	targets: {}
});
const many = (
	count: number,
	departmentId: string | null,
	levels: { alpha: StageId; beta: StageId; gamma: StageId }
) => Array.from({ length: count }, () => response(departmentId, levels));
const side = (threshold: number, ...groups: ReturnType<typeof response>[][]) => ({
	sums: sumResponses(model, groups.flat()),
	threshold
});
const all = (level: StageId) => ({ alpha: level, beta: level, gamma: level });

describe('compareRounds', () => {
	it('gives each area and the whole round as after − before', () => {
		const before = side(5, many(6, 'a', { alpha: 2, beta: 1, gamma: 3 }));
		const after = side(5, many(3, 'a', { alpha: 3, beta: 2, gamma: 3 }), many(3, 'a', all(4)));
		const result = compareRounds(model, before, after, ['a']);

		// alpha 2 → 3.5, beta 1 → 3, gamma 3 → 3.5
		expect(result.areas).toEqual([
			{ areaId: 'alpha', before: 2, after: 3.5, delta: 1.5 },
			{ areaId: 'beta', before: 1, after: 3, delta: 2 },
			{ areaId: 'gamma', before: 3, after: 3.5, delta: 0.5 }
		]);
		// Weighted by area (alpha 1, beta 2, gamma 1): (2 + 2 + 3) / 4 → (3.5 + 6 + 3.5) / 4.
		expect(result.overall.before).toBeCloseTo(1.75, 10);
		expect(result.overall.after).toBeCloseTo(3.25, 10);
		expect(result.overall.delta).toBeCloseTo(1.5, 10);
		for (const a of result.areas) expect(a.delta).toBeCloseTo(a.after! - a.before!, 10);
		expect(result.departments).toEqual([{ departmentId: 'a', visible: true, areas: result.areas }]);
	});

	it('gives a department its own changes when it is shown in both rounds', () => {
		const before = side(3, many(4, 'a', all(1)), many(4, 'b', all(2)));
		const after = side(3, many(5, 'a', all(2)), many(3, 'b', all(2)), many(3, null, all(4)));
		const result = compareRounds(model, before, after, ['b', 'a']);
		expect(result.departments.map((d) => [d.departmentId, d.visible])).toEqual([
			['b', true],
			['a', true],
			// Responses without a department only in the later round: hidden in the first.
			[null, false]
		]);
		expect(result.departments[0]!.areas.map((a) => a.delta)).toEqual([0, 0, 0]);
		expect(result.departments[1]!.areas.map((a) => [a.before, a.after, a.delta])).toEqual([
			[1, 2, 1],
			[1, 2, 1],
			[1, 2, 1]
		]);
		expect(result.departments[2]!.areas).toEqual([]);
	});

	it('has no numbers for a department hidden in either round', () => {
		// Threshold 5. Before: a 12, b 9, c 3 (c too small, b hidden against subtraction).
		// After: a 12, b 6, c 6 (all shown).
		const before = side(5, many(12, 'a', all(2)), many(9, 'b', all(2)), many(3, 'c', all(1)));
		const after = side(5, many(12, 'a', all(3)), many(6, 'b', all(3)), many(6, 'c', all(3)));
		const result = compareRounds(model, before, after, ['a', 'b', 'c']);
		expect(result.departments).toEqual([
			{
				departmentId: 'a',
				visible: true,
				areas: ['alpha', 'beta', 'gamma'].map((areaId) => ({
					areaId,
					before: 2,
					after: 3,
					delta: 1
				}))
			},
			{ departmentId: 'b', visible: false, areas: [] },
			{ departmentId: 'c', visible: false, areas: [] }
		]);

		// The same the other way round: hidden in the later round only.
		const reverse = compareRounds(model, after, before, ['a', 'b', 'c']);
		expect(reverse.departments.map((d) => [d.departmentId, d.visible, d.areas.length])).toEqual([
			['a', true, 3],
			['b', false, 0],
			['c', false, 0]
		]);
	});

	it('lists departments of either round: the given order first, then others, then none', () => {
		const before = side(2, many(2, 'z', all(2)), many(2, null, all(2)));
		const after = side(2, many(2, 'y', all(2)), many(2, 'x', all(2)));
		const result = compareRounds(model, before, after, ['x']);
		expect(result.departments.map((d) => d.departmentId)).toEqual(['x', 'z', 'y', null]);
		expect(result.departments.every((d) => !d.visible && d.areas.length === 0)).toBe(true);
	});

	it.each([
		['the earlier', 4, 5],
		['the later', 5, 4]
	])('gives no comparison when %s round is under its threshold', (_, first, second) => {
		const before = side(5, many(first, 'a', all(2)));
		const after = side(5, many(second, 'a', all(3)));
		expect(compareRounds(model, before, after, ['a'])).toEqual({
			overall: { before: null, after: null, delta: null },
			areas: ['alpha', 'beta', 'gamma'].map((areaId) => ({
				areaId,
				before: null,
				after: null,
				delta: null
			})),
			departments: []
		});
	});

	it('uses each round its own threshold', () => {
		const before = side(3, many(4, 'a', all(2)));
		const after = side(5, many(4, 'a', all(3)));
		expect(compareRounds(model, before, after, []).overall.delta).toBeNull();
		expect(
			compareRounds(model, side(3, many(4, 'a', all(2))), side(3, many(4, 'a', all(3))), []).overall
				.delta
		).toBeCloseTo(1, 10);
	});

	it('gives null for an area a round has no answers for', () => {
		const partial = (departmentId: string) => ({
			departmentId,
			roleLevelId: null,
			answers: { a1: 2 as const, a2: 2 as const, b1: 2 as const, b2: 2 as const, b3: 2 as const },
			targets: {}
		});
		const before = {
			sums: sumResponses(
				model,
				Array.from({ length: 5 }, () => partial('a'))
			),
			threshold: 5
		};
		const after = side(5, many(5, 'a', all(3)));
		const result = compareRounds(model, before, after, ['a']);
		expect(result.areas.find((a) => a.areaId === 'gamma')).toEqual({
			areaId: 'gamma',
			before: null,
			after: 3,
			delta: null
		});
		expect(result.areas.find((a) => a.areaId === 'alpha')?.delta).toBe(1);
	});
});
