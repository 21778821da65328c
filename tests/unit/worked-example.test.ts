/**
 * Reproduces the worked example in docs/scoring.md number for number. If this test changes, the
 * document must change with it.
 */
import { describe, expect, it } from 'vitest';
import { planRoadmap } from '../../src/lib/domain/roadmap';
import { sumResponses, teamStatsOf } from '../../src/lib/domain/round-sums';
import { round, scoreResponse, type ResponseInput } from '../../src/lib/domain/scoring';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();
const ana: ResponseInput = {
	answers: { a1: 2, a2: 3, b1: 1, b2: 2, b3: null, c1: 1 },
	targets: { alpha: 3, beta: 3, gamma: 2 }
};
const boris: ResponseInput = {
	answers: { a1: 3, a2: 3, b1: 2, b2: 2, b3: 2, c1: 4 },
	targets: { alpha: 4, beta: 3, gamma: 3 }
};

describe('docs/scoring.md worked example', () => {
	it('step 1: Ana', () => {
		const result = scoreResponse(model, ana);
		const rows = result.areas.map((a) => [
			a.areaId,
			a.mean,
			round(a.score!, 1),
			a.stage,
			round(a.confidence, 2),
			a.gap
		]);
		expect(rows).toEqual([
			['alpha', 2.5, 50, 2, 1, 0.5],
			['beta', 1.5, 16.7, 1, 0.67, 1.5],
			['gamma', 1, 0, 1, 1, 1]
		]);
		expect(result.overall.mean).toBe(1.625);
		expect(round(result.overall.score!, 1)).toBe(20.8);
		expect(result.overall.stage).toBe(1);
		expect(result.overall.target).toBe(2.75);
		expect(result.overall.gap).toBe(1.125);
		expect(round(result.overall.confidence, 2)).toBe(0.83);
	});

	it('step 2: Boris', () => {
		const result = scoreResponse(model, boris);
		expect(result.areas.map((a) => [a.areaId, a.mean, a.stage])).toEqual([
			['alpha', 3, 3],
			['beta', 2, 2],
			['gamma', 4, 4]
		]);
		expect(result.overall).toMatchObject({ mean: 2.75, stage: 2, target: 3.25, gap: 0.5 });
	});

	it('step 3: the team', () => {
		const team = teamStatsOf(model, sumResponses(model, [ana, boris]));
		const rows = team.areas.map((a) => [
			a.areaId,
			a.mean,
			a.stage,
			a.sd,
			round(a.agreement!, 2),
			a.target,
			a.gap
		]);
		expect(rows).toEqual([
			['alpha', 2.75, 2, 0.25, 0.83, 3.5, 0.75],
			['beta', 1.75, 1, 0.25, 0.83, 3, 1.25],
			['gamma', 2.5, 2, 1.5, 0, 2.5, 0]
		]);
		expect(team.overall.mean).toBe(2.1875);
		expect(team.overall.stage).toBe(2);
		expect(round(team.overall.confidence, 2)).toBe(0.92);
		expect(team.disputed.map((q) => [q.questionId, q.sd, q.distribution])).toEqual([
			['c1', 1.5, [1, 0, 0, 1]]
		]);
	});

	it('step 4: the roadmap', () => {
		const team = teamStatsOf(model, sumResponses(model, [ana, boris]));
		const plan = planRoadmap(
			model,
			team.areas.map((a) => ({ areaId: a.areaId, stage: a.stage, gap: a.gap }))
		);
		expect(plan.items.map((i) => [i.rank, i.recommendation.id, i.priority, i.quickWin])).toEqual([
			[1, 'beta-r1-quick', 5, true],
			[2, 'beta-r1-big', 2.5, false],
			[3, 'alpha-r2-quick', 1.5, true],
			[4, 'alpha-r2-big', 0.75, false],
			[5, 'gamma-r2-big', 0, false],
			[6, 'gamma-r2-quick', 0, true]
		]);
	});
});
