import { describe, expect, it } from 'vitest';
import type { MaturityModel } from '../../src/lib/domain/model';
import { sumResponses, teamStatsOf } from '../../src/lib/domain/round-sums';
import {
	checkResponse,
	NOT_APPLICABLE,
	offersNotApplicable,
	round,
	scoreResponse,
	stageOf,
	stageRuleOf,
	type ResponseInput
} from '../../src/lib/domain/scoring';
import { fixtureModel } from '../support/fixture-model';
import { aggregateResponses } from '../support/statistics-oracle';

/** The fixture model (alpha: a1 a2; beta: b1 b2 b3; gamma: c1) with "not applicable" on a2 and b3. */
function modelWithNotApplicable(stageRule?: MaturityModel['stageRule']): MaturityModel {
	const model = structuredClone(fixtureModel());
	for (const area of model.areas)
		for (const q of area.questions)
			if (q.id === 'a2' || q.id === 'b3') {
				q.notApplicable = true;
				q.notApplicableHint = { en: 'When the sector has no such thing.' };
			}
	return stageRule ? { ...model, stageRule } : model;
}

const model = modelWithNotApplicable();
const input = (answers: ResponseInput['answers']): ResponseInput => ({ answers, targets: {} });

describe('stage rules', () => {
	it.each([
		[1.49, 'whole-part', 1],
		[2.5, 'whole-part', 2],
		[2.99, 'whole-part', 2],
		[3, 'whole-part', 3],
		[1.49, 'half-up', 1],
		[1.5, 'half-up', 2],
		[2.49, 'half-up', 2],
		[2.5, 'half-up', 3],
		[3.4999999999999996, 'half-up', 4], // a weighted sum that is really 3.5
		[3.6, 'half-up', 4],
		[4, 'half-up', 4],
		[1, 'half-up', 1]
	] as const)('stageOf(%s, %s) is %s', (mean, rule, stage) => {
		expect(stageOf(mean, rule)).toBe(stage);
	});

	it('takes a model without a rule (1.0.0) as whole-part', () => {
		expect(stageRuleOf(fixtureModel())).toBe('whole-part');
		expect(stageRuleOf(modelWithNotApplicable('half-up'))).toBe('half-up');
	});

	it('scores a response by its model stage rule', () => {
		const answers = { a1: 3, a2: 2, b1: 2, b2: 3, b3: 3, c1: 2 } as const;
		const floor = scoreResponse(model, input(answers));
		const halfUp = scoreResponse(modelWithNotApplicable('half-up'), input(answers));
		// alpha's mean is 2.5: stage 2 by the whole part, 3 rounded half up.
		expect(floor.areas[0]).toMatchObject({ mean: 2.5, stage: 2 });
		expect(halfUp.areas[0]).toMatchObject({ mean: 2.5, stage: 3 });
		// The 0-100 score does not depend on the rule.
		expect(halfUp.areas[0]?.score).toBe(floor.areas[0]?.score);
	});
});

describe('"not applicable"', () => {
	it('is accepted only where the question offers it', () => {
		expect(offersNotApplicable(model, 'a2')).toBe(true);
		expect(offersNotApplicable(model, 'a1')).toBe(false);
		expect(checkResponse(model, input({ a2: NOT_APPLICABLE }))).toEqual([]);
		expect(checkResponse(model, input({ a1: NOT_APPLICABLE }))).toEqual([
			'"a1" does not offer "not applicable"'
		]);
		expect(() => scoreResponse(model, input({ c1: NOT_APPLICABLE }))).toThrow(/not applicable/);
	});

	it('is left out of the mean and of the confidence, unlike "don\'t know"', () => {
		const scored = scoreResponse(model, input({ a1: 3, a2: NOT_APPLICABLE, b1: 2, b3: null }));
		const [alpha, beta] = scored.areas;
		// alpha: one applicable question, answered 3: confidence 1, not 1/2.
		expect(alpha).toMatchObject({
			mean: 3,
			answered: 1,
			notApplicable: 1,
			dontKnow: 0,
			unanswered: 0,
			confidence: 1,
			lowConfidence: false
		});
		// beta: "don't know" on b3 still counts against the confidence: 1 of 3.
		expect(beta).toMatchObject({ mean: 2, answered: 1, dontKnow: 1, notApplicable: 0 });
		expect(beta?.confidence).toBeCloseTo(1 / 3);
		// Overall: 2 levels over 5 applicable questions (6 less a2).
		expect(scored.overall.confidence).toBeCloseTo(2 / 5);
	});

	it('leaves an area with every question not applicable without a score', () => {
		const scored = scoreResponse(model, input({ a1: 2 }));
		const only = scoreResponse(
			structuredClone(model),
			input({ a2: NOT_APPLICABLE, b3: NOT_APPLICABLE })
		);
		expect(scored.areas[0]?.confidence).toBe(0.5);
		expect(only.areas[0]).toMatchObject({ mean: null, stage: null, notApplicable: 1 });
	});

	it('is counted in the round sums beside "don\'t know", and the team statistics match the oracle', () => {
		const responses: ResponseInput[] = [
			input({ a1: 3, a2: NOT_APPLICABLE, b1: 2, b2: 2, b3: NOT_APPLICABLE, c1: 1 }),
			input({ a1: 2, a2: 4, b1: 3, b2: null, b3: NOT_APPLICABLE, c1: 2 }),
			input({ a1: 4, a2: NOT_APPLICABLE, b1: 1, b2: 3, b3: 2 })
		];
		const sums = sumResponses(model, responses);
		const a2 = sums.questions.find((q) => q.questionId === 'a2');
		expect(a2).toMatchObject({ levels: [0, 0, 0, 1], dontKnow: 0, notApplicable: 2 });
		const alpha = sums.areas.find((a) => a.areaId === 'alpha');
		expect(alpha).toMatchObject({ answered: 4, notApplicable: 2 });

		const team = teamStatsOf(model, sums);
		expect(team).toEqual(
			expect.objectContaining({
				respondents: 3,
				overall: aggregateResponses(model, responses).overall
			})
		);
		const teamAlpha = team.areas[0]!;
		// 3 respondents × 2 questions, less 2 "not applicable": 4 possible, 4 answered.
		expect(teamAlpha).toMatchObject({ possible: 4, answered: 4, confidence: 1 });
		expect(team.areas[0]?.questions[1]).toMatchObject({ notApplicable: 2, n: 1 });
		const oracle = aggregateResponses(model, responses);
		expect(team.areas.map((a) => [a.possible, a.answered, a.stage])).toEqual(
			oracle.areas.map((a) => [a.possible, a.answered, a.stage])
		);
	});
});

describe('round', () => {
	it.each([
		[2.345, 1, 2.3],
		[2.35, 1, 2.4],
		[-0.04, 1, 0],
		[-0.4, 0, 0],
		[-0.06, 1, -0.1]
	])('round(%s, %s) is %s, a rounded zero without a sign', (value, digits, expected) => {
		expect(Object.is(round(value, digits), expected)).toBe(true);
	});
});
