import { describe, expect, it } from 'vitest';
import { departmentHeatmap } from '../../src/lib/domain/heatmap';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();
const response = (departmentId: string | null, level: 1 | 2 | 3 | 4) =>
	({
		departmentId,
		answers: { a1: level, a2: level, b1: level, b2: level, b3: level, c1: level },
		targets: {}
	}) satisfies ResponseInput & { departmentId: string | null };
const many = (departmentId: string | null, count: number, level: 1 | 2 | 3 | 4) =>
	Array.from({ length: count }, () => response(departmentId, level));

describe('departmentHeatmap (threshold 5)', () => {
	it('shows every department that reaches the threshold, with its scores per area', () => {
		const rows = departmentHeatmap(
			model,
			[...many('sales', 6, 2), ...many('support', 5, 4)],
			['support', 'sales'],
			5
		);
		expect(rows.map((r) => [r.departmentId, r.responses, r.visible])).toEqual([
			['support', 5, true],
			['sales', 6, true]
		]);
		expect(rows[0]!.cells.map((c) => [c.areaId, c.score, c.stage])).toEqual([
			['alpha', 100, 4],
			['beta', 100, 4],
			['gamma', 100, 4]
		]);
	});

	it('hides a small department and the next smallest, so subtraction reveals nothing', () => {
		const rows = departmentHeatmap(
			model,
			[...many('a', 12, 2), ...many('b', 9, 3), ...many('c', 3, 1)],
			['a', 'b', 'c'],
			5
		);
		expect(rows.map((r) => [r.departmentId, r.visible, r.reason, r.cells.length])).toEqual([
			['a', true, null, 3],
			['b', false, 'differencing', 0],
			['c', false, 'below-threshold', 0]
		]);
	});

	it('puts responses without a department last, and leaves out departments without responses', () => {
		const rows = departmentHeatmap(model, [...many(null, 5, 1), ...many('x', 5, 2)], ['y', 'x'], 5);
		expect(rows.map((r) => r.departmentId)).toEqual(['x', null]);
	});

	it('no responses: no rows', () => {
		expect(departmentHeatmap(model, [], ['a'], 5)).toEqual([]);
	});
});
