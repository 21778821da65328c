import { describe, expect, it } from 'vitest';
import type { MaturityModel } from '../../src/lib/domain/model';
import { personalResults } from '../../src/lib/domain/results';
import { planRoadmap } from '../../src/lib/domain/roadmap';
import { resultsView } from '../../src/lib/domain/results-view';
import { fixtureModel } from '../support/fixture-model';

/** The fixture model with beta's stage-1 and stage-2 quick items linked to question b1. */
function linkedModel(stageRule?: MaturityModel['stageRule']): MaturityModel {
	const model = structuredClone(fixtureModel());
	for (const rec of model.areas[1]!.recommendations)
		if (rec.id === 'beta-r1-quick' || rec.id === 'beta-r2-quick') rec.question = 'b1';
	return stageRule ? { ...model, stageRule } : model;
}

const ids = (roadmap: ReturnType<typeof planRoadmap>) =>
	roadmap.items.map((i) => i.recommendation.id);

describe('a question answered below its area (rule 24a)', () => {
	const model = linkedModel();
	const beta = { areaId: 'beta', stage: 3 as const, gap: 1 };

	it.each([
		// [b1's level, items from beta]
		[1, ['beta-r1-quick', 'beta-r3-quick', 'beta-r3-big']],
		[1.9, ['beta-r1-quick', 'beta-r3-quick', 'beta-r3-big']],
		[2, ['beta-r2-quick', 'beta-r3-quick', 'beta-r3-big']],
		[2.4, ['beta-r2-quick', 'beta-r3-quick', 'beta-r3-big']],
		[3, ['beta-r3-quick', 'beta-r3-big']],
		[4, ['beta-r3-quick', 'beta-r3-big']],
		[null, ['beta-r3-quick', 'beta-r3-big']]
	])('b1 at %s in an area at stage 3 brings %j', (level, expected) => {
		const roadmap = planRoadmap(model, [beta], [{ questionId: 'b1', level }]);
		expect(ids(roadmap)).toEqual(expected);
	});

	it('puts the low answer’s item first (a foundation of its own stage) and says why', () => {
		const roadmap = planRoadmap(
			model,
			[{ areaId: 'alpha', stage: 2, gap: 1 }, beta],
			[{ questionId: 'b1', level: 1 }]
		);
		expect(ids(roadmap)).toEqual([
			'beta-r1-quick',
			'alpha-r2-quick',
			'alpha-r2-big',
			'beta-r3-quick',
			'beta-r3-big'
		]);
		expect(roadmap.items[0]).toMatchObject({
			areaStage: 3,
			lowAnswer: { questionId: 'b1', questionStage: 1 }
		});
		expect(roadmap.items[1]?.lowAnswer).toBeUndefined();
	});

	it('reads the question’s level by the model’s stage rule', () => {
		// 1.6 is stage 1 by the whole part but stage 2 rounded half up.
		const level = [{ questionId: 'b1', level: 1.6 }];
		expect(ids(planRoadmap(model, [beta], level))).toContain('beta-r1-quick');
		const halfUp = ids(planRoadmap(linkedModel('half-up'), [beta], level));
		expect(halfUp).not.toContain('beta-r1-quick');
		expect(halfUp).toContain('beta-r2-quick');
	});

	it('reaches one person’s roadmap from their answers', () => {
		const results = personalResults(model, {
			answers: { b1: 1, b2: 4, b3: 4 },
			targets: {}
		});
		const beta1 = results.roadmap.items.find((i) => i.recommendation.id === 'beta-r1-quick');
		expect(beta1?.lowAnswer).toEqual({ questionId: 'b1', questionStage: 1 });
		// The pages and the PDF name the question in the reader's language.
		const shown = resultsView(model, results, 'en').roadmap[30].find(
			(i) => i.id === 'beta-r1-quick'
		);
		expect(shown?.lowAnswer).toEqual({ question: 'Question b1?', stage: 1 });
	});
});

describe('an item the respondent already does (rule 24, partner review 3 finding A5)', () => {
	/** The fixture model with beta's stage-3 quick item linked to question b1. */
	const model = structuredClone(fixtureModel());
	for (const rec of model.areas[1]!.recommendations)
		if (rec.id === 'beta-r3-quick') rec.question = 'b1';
	const beta = { areaId: 'beta', stage: 3 as const, gap: 1 };

	it.each([
		// [b1's level, items from beta]
		[4, ['beta-r3-big']],
		[3.9, ['beta-r3-quick', 'beta-r3-big']],
		[3, ['beta-r3-quick', 'beta-r3-big']],
		[null, ['beta-r3-quick', 'beta-r3-big']]
	])('b1 at %s in an area at stage 3 brings %j', (level, expected) => {
		const roadmap = planRoadmap(model, [beta], [{ questionId: 'b1', level }]);
		expect(ids(roadmap)).toEqual(expected);
	});

	it('keeps items that serve the whole area, whatever the answers', () => {
		const roadmap = planRoadmap(
			model,
			[beta],
			[
				{ questionId: 'b1', level: 4 },
				{ questionId: 'b2', level: 4 },
				{ questionId: 'b3', level: 4 }
			]
		);
		expect(ids(roadmap)).toEqual(['beta-r3-big']);
	});
});
