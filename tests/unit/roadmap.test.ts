import { describe, expect, it } from 'vitest';
import {
	groupByHorizon,
	isQuickWin,
	planRoadmap,
	topQuickWins
} from '../../src/lib/domain/roadmap';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();
const ids = (items: { recommendation: { id: string } }[]) => items.map((i) => i.recommendation.id);

describe('isQuickWin', () => {
	it.each([
		['S', 1, false],
		['S', 2, true],
		['S', 3, true],
		['M', 3, false],
		['L', 3, false]
	] as const)('effort %s, impact %s: %s', (effort, impact, expected) => {
		expect(isQuickWin({ effort, impact })).toBe(expected);
	});
});

describe('planRoadmap with importance (gap × importance × weight × impact ÷ effort)', () => {
	// alpha and gamma are both at stage 3 here; alpha weight 1, gamma weight 1 (fixture model).
	const plan = (alpha: 'low' | 'medium' | 'high' | null, gamma: 'low' | 'medium' | 'high' | null) =>
		planRoadmap(model, [
			{ areaId: 'alpha', stage: 3, gap: 1, importance: alpha },
			{ areaId: 'gamma', stage: 3, gap: 1, importance: gamma }
		]).items.map((i) => `${i.recommendation.id} ${i.priority}`);

	it.each([
		// No importance given: as before (ties in model order).
		[null, null, ['alpha-r3-quick 2', 'gamma-r3-quick 2', 'alpha-r3-big 1', 'gamma-r3-big 1']],
		// Medium is the neutral rating.
		[
			'medium',
			'medium',
			['alpha-r3-quick 2', 'gamma-r3-quick 2', 'alpha-r3-big 1', 'gamma-r3-big 1']
		],
		// High doubles, low halves; an equal priority goes to the higher impact (rule 27).
		['low', 'high', ['gamma-r3-quick 4', 'gamma-r3-big 2', 'alpha-r3-quick 1', 'alpha-r3-big 0.5']],
		['high', null, ['alpha-r3-quick 4', 'alpha-r3-big 2', 'gamma-r3-quick 2', 'gamma-r3-big 1']]
	] as const)('alpha %s, gamma %s', (alpha, gamma, expected) => {
		expect(plan(alpha, gamma)).toEqual(expected);
	});

	it('never lifts an item above the foundations of a lower-stage area', () => {
		const items = planRoadmap(model, [
			{ areaId: 'alpha', stage: 3, gap: 3, importance: 'high' },
			{ areaId: 'beta', stage: 1, gap: 0.5, importance: 'low' }
		]).items;
		expect(items[0]!.areaId).toBe('beta');
	});
});

describe('planRoadmap', () => {
	it('gives each area the recommendations of its own stage, foundations first', () => {
		const plan = planRoadmap(model, [
			{ areaId: 'alpha', stage: 3, gap: 1 },
			{ areaId: 'beta', stage: 1, gap: 1 },
			{ areaId: 'gamma', stage: 4, gap: 0 }
		]);
		expect(ids(plan.items)).toEqual([
			'beta-r1-quick',
			'beta-r1-big',
			'alpha-r3-quick',
			'alpha-r3-big',
			'gamma-r4-big',
			'gamma-r4-quick'
		]);
		expect(plan.items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(plan.unscoredAreas).toEqual([]);
	});

	it('within a stage ranks by gap x weight x impact / effort', () => {
		const plan = planRoadmap(model, [
			{ areaId: 'alpha', stage: 2, gap: 3 }, // quick 3*1*2/1 = 6, big 3*1*3/3 = 3
			{ areaId: 'beta', stage: 2, gap: 1 }, // quick 1*2*2/1 = 4, big 1*2*3/3 = 2
			{ areaId: 'gamma', stage: 2, gap: 0.5 } // quick 1, big 0.5
		]);
		expect(plan.items.map((i) => [i.recommendation.id, i.priority])).toEqual([
			['alpha-r2-quick', 6],
			['beta-r2-quick', 4],
			['alpha-r2-big', 3],
			['beta-r2-big', 2],
			['gamma-r2-quick', 1],
			['gamma-r2-big', 0.5]
		]);
	});

	it('breaks ties by impact, then effort, then model order, and is deterministic', () => {
		const positions = [
			{ areaId: 'alpha', stage: 1 as const, gap: 0 },
			{ areaId: 'gamma', stage: 1 as const, gap: 0 }
		];
		const first = planRoadmap(model, positions);
		expect(ids(first.items)).toEqual([
			'alpha-r1-big',
			'gamma-r1-big',
			'alpha-r1-quick',
			'gamma-r1-quick'
		]);
		expect(planRoadmap(model, [...positions].reverse())).toEqual(first);
	});

	it('assumes a gap of one stage when no target was set, and clamps negative gaps to 0', () => {
		const plan = planRoadmap(model, [
			{ areaId: 'alpha', stage: 2, gap: null },
			{ areaId: 'beta', stage: 2, gap: -1 }
		]);
		expect(plan.items.find((i) => i.recommendation.id === 'alpha-r2-quick')?.gap).toBe(1);
		expect(plan.items.find((i) => i.recommendation.id === 'beta-r2-quick')?.priority).toBe(0);
	});

	it('leaves out and reports areas without a stage', () => {
		const plan = planRoadmap(model, [{ areaId: 'alpha', stage: null, gap: null }]);
		expect(plan.items).toEqual([]);
		expect(plan.unscoredAreas).toEqual(['alpha', 'beta', 'gamma']);
	});

	it('marks quick wins and groups by horizon in rank order', () => {
		const plan = planRoadmap(model, [
			{ areaId: 'alpha', stage: 1, gap: 1.5 }, // quick 3, big 1.5
			{ areaId: 'beta', stage: 1, gap: 1 } // quick 4, big 2
		]);
		const groups = groupByHorizon(plan.items);
		expect(ids(groups[30])).toEqual(['beta-r1-quick', 'alpha-r1-quick']);
		expect(ids(groups[60])).toEqual([]);
		expect(ids(groups[90])).toEqual(['beta-r1-big', 'alpha-r1-big']);
		expect(topQuickWins(plan.items, 1).map((i) => i.recommendation.id)).toEqual(['beta-r1-quick']);
		expect(plan.items.filter((i) => i.quickWin)).toHaveLength(2);
	});
});
