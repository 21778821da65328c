/**
 * A practice two or more stages below its area (docs/scoring.md rule 24c): the area names it, from
 * the same per-question stages and the same comparison the roadmap's low answers use (rule 24a),
 * and never changes the area's stage.
 */
import { describe, expect, it } from 'vitest';
import type { MaturityModel, StageId } from '../../src/lib/domain/model';
import { roundDashboard } from '../../src/lib/domain/dashboard';
import { dashboardView } from '../../src/lib/domain/dashboard-view';
import { personalResults, roundResults } from '../../src/lib/domain/results';
import { resultsView } from '../../src/lib/domain/results-view';
import {
	LOW_ANSWER_GAP,
	LOW_PRACTICE_GAP,
	lowPracticesByArea,
	planRoadmap,
	questionStagesOf,
	questionsBelowArea,
	type QuestionStage
} from '../../src/lib/domain/roadmap';
import { sumResponses } from '../../src/lib/domain/round-sums';
import { NOT_APPLICABLE, type AnswerValue } from '../../src/lib/domain/scoring';
import { fixtureModel } from '../support/fixture-model';

const q = (questionId: string, stage: StageId): QuestionStage => ({ questionId, stage });

describe('questionsBelowArea with LOW_PRACTICE_GAP', () => {
	it('is two stages', () => {
		expect(LOW_PRACTICE_GAP).toBe(2);
	});

	it.each([
		// [area stage, question stages, named]
		['a gap of exactly 2 shows', 3, [q('x', 1), q('y', 3)], ['x']],
		['a gap of 3 shows', 4, [q('x', 1), q('y', 4)], ['x']],
		['a gap of 1 does not', 3, [q('x', 2), q('y', 4)], []],
		['a gap of 1 at stage 2 does not', 2, [q('x', 1), q('y', 3)], []],
		['a question at or above the area does not', 2, [q('x', 2), q('y', 4)], []],
		['two low questions show in their order', 4, [q('y', 2), q('x', 1), q('z', 4)], ['y', 'x']],
		['an area without a stage names nothing', null, [q('x', 1)], []],
		['no answered question names nothing', 4, [], []]
	] as const)('%s', (_, areaStage, stages, named) => {
		const below = questionsBelowArea(areaStage, stages, LOW_PRACTICE_GAP);
		expect(below.map((b) => b.questionId)).toEqual(named);
	});

	it('is the comparison the roadmap uses, with its own gap (rule 24a takes one stage)', () => {
		expect(LOW_ANSWER_GAP).toBe(1);
		expect(questionsBelowArea(3, [q('x', 2)], LOW_ANSWER_GAP)).toEqual([q('x', 2)]);
		expect(questionsBelowArea(3, [q('x', 2)], LOW_PRACTICE_GAP)).toEqual([]);
	});
});

describe('questionStagesOf', () => {
	const area = { questions: [{ id: 'x' }, { id: 'y' }, { id: 'z' }, { id: 'w' }] };
	it('reads each level by the stage rule and leaves out questions without one', () => {
		const levels = new Map<string, number | null>([
			['x', 1.6],
			['y', null],
			['w', 2.5]
		]);
		expect(questionStagesOf(area, levels, 'whole-part')).toEqual([q('x', 1), q('w', 2)]);
		expect(questionStagesOf(area, levels, 'half-up')).toEqual([q('x', 2), q('w', 3)]);
	});
});

/**
 * The fixture with b1 offering "not applicable" and beta's stage-1 and stage-2 quick items linked
 * to b1 (whole part of the mean, as model 1.0.0).
 */
function model(): MaturityModel {
	const m = structuredClone(fixtureModel());
	const b1 = m.areas[1]!.questions[0]!;
	b1.notApplicable = true;
	b1.notApplicableHint = { en: 'When there is no such thing.' };
	for (const rec of m.areas[1]!.recommendations)
		if (rec.id === 'beta-r1-quick' || rec.id === 'beta-r2-quick') rec.question = 'b1';
	return m;
}

/** One person's named practices in beta (b1, b2, b3), and beta's stage. */
function beta(answers: Record<string, AnswerValue>) {
	const results = personalResults(model(), { answers, targets: {} });
	const area = results.areas.find((a) => a.areaId === 'beta')!;
	return { stage: area.stage, named: area.lowPractices };
}

describe('one person’s answers', () => {
	it.each([
		// [case, b1, b2, b3, beta's stage, named]
		['b1 at 1 in an area at 3 (gap 2)', 1, 4, 4, 3, [q('b1', 1)]],
		['b1 at 2 in an area at 3 (gap 1)', 2, 4, 4, 3, []],
		['b1 at 1 in an area at 2 (gap 1)', 1, 3, 3, 2, []],
		['"don\'t know" is no level, not a stage-1 answer', null, 4, 4, 4, []],
		['"not applicable" is no level either', NOT_APPLICABLE, 4, 4, 4, []],
		['two answers at 1 in an area at 2 (gap 1)', 1, 1, 4, 2, []]
	] as const)('%s', (_, b1, b2, b3, stage, named) => {
		expect(beta({ b1, b2, b3 })).toEqual({ stage, named });
	});

	it('no answers: no stage and nothing named in any area', () => {
		const results = personalResults(model(), { answers: {}, targets: {} });
		expect(results.areas.map((a) => a.lowPractices)).toEqual([[], [], []]);
	});

	it('does not change the area’s stage or score', () => {
		const m = model();
		const answers = { a1: 3, a2: 3, b1: 1, b2: 4, b3: 4, c1: 2 } as const;
		const results = personalResults(m, { answers, targets: {} });
		const area = results.areas.find((a) => a.areaId === 'beta')!;
		expect(area).toMatchObject({ mean: 3, stage: 3, lowPractices: [q('b1', 1)] });
		// The same levels planned the roadmap: b1 brings its stage-1 items (rule 24a, one stage).
		expect(results.roadmap.items.some((i) => i.lowAnswer?.questionId === 'b1')).toBe(true);
	});

	it('names the question in the reader’s language on the pages, the PDF and the API', () => {
		const results = personalResults(model(), {
			answers: { b1: 1, b2: 4, b3: 4 },
			targets: {}
		});
		const view = resultsView(model(), results, 'en');
		expect(view.areas.find((a) => a.id === 'beta')!.lowPractices).toEqual([
			{ id: 'b1', question: 'Question b1?', stage: 1 }
		]);
		expect(view.areas.find((a) => a.id === 'alpha')!.lowPractices).toEqual([]);
	});
});

describe('a team', () => {
	it('takes each question’s mean level, as the roadmap does', () => {
		const m = model();
		// Area means 3, 3 and 3.33: beta at stage 3; b1's mean 1.33 is stage 1.
		const sums = sumResponses(m, [
			{ answers: { b1: 1, b2: 4, b3: 4 }, targets: {} },
			{ answers: { b1: 1, b2: 4, b3: 4 }, targets: {} },
			{ answers: { b1: 2, b2: 4, b3: 4 }, targets: {} }
		]);
		const results = roundResults(m, sums);
		const area = results.areas.find((a) => a.areaId === 'beta')!;
		expect(area.stage).toBe(3);
		expect(area.lowPractices).toEqual([q('b1', 1)]);
		// b1's mean 2 (1 and 3) is one stage below an area at 3: not named.
		const even = roundResults(
			m,
			sumResponses(m, [
				{ answers: { b1: 1, b2: 4, b3: 4 }, targets: {} },
				{ answers: { b1: 3, b2: 4, b3: 4 }, targets: {} }
			])
		);
		expect(even.areas.find((a) => a.areaId === 'beta')!.lowPractices).toEqual([]);
	});

	it('lowPracticesByArea gives every area of the model, [] for one without a stage', () => {
		const m = model();
		const byArea = lowPracticesByArea(
			m,
			[
				{ areaId: 'alpha', stage: null },
				{ areaId: 'beta', stage: 4 }
			],
			[
				{ questionId: 'a1', level: 1 },
				{ questionId: 'b1', level: 2 },
				{ questionId: 'b2', level: 1.9 }
			]
		);
		expect([...byArea]).toEqual([
			['alpha', []],
			['beta', [q('b1', 2), q('b2', 1)]],
			['gamma', []]
		]);
		// planRoadmap reads the same per-question stages: b1 at 2 under an area at 4 brings its
		// stage-2 item (rule 24a).
		const roadmap = planRoadmap(
			m,
			[{ areaId: 'beta', stage: 4, gap: 0 }],
			[{ questionId: 'b1', level: 2 }]
		);
		expect(roadmap.items.map((i) => i.recommendation.id)).toContain('beta-r2-quick');
	});
});

describe('the groups of the dashboard (department heatmap, role-level lens)', () => {
	const m = model();
	const answers = (b1: StageId, b2: StageId, b3: StageId) => ({ b1, b2, b3 });
	const group = (
		count: number,
		departmentId: string,
		roleLevelId: string,
		a: Record<string, AnswerValue>
	) =>
		Array.from({ length: count }, () => ({ departmentId, roleLevelId, answers: a, targets: {} }));
	// Threshold 5: d1 (6) and d2 (8) shown; d3 and d4 (3 each) hidden, together 6.
	const sums = sumResponses(m, [
		...group(6, 'd1', 'x', answers(1, 4, 4)),
		...group(8, 'd2', 'x', answers(3, 3, 3)),
		...group(3, 'd3', 'y', answers(1, 4, 4)),
		...group(3, 'd4', 'y', answers(1, 4, 4))
	]);
	const dashboard = roundDashboard(m, sums, {
		threshold: 5,
		filter: { departmentId: null, roleLevelId: null },
		departmentOrder: ['d1', 'd2', 'd3', 'd4'],
		roleLevelOrder: ['x', 'y']
	});
	const row = (id: string) => dashboard.departments.find((d) => d.id === id)!;

	it('names a department’s practice as its own results do', () => {
		const beta = row('d1').areas.find((a) => a.areaId === 'beta')!;
		expect(beta).toMatchObject({ stage: 3, lowPractices: [q('b1', 1)] });
		const own = roundResults(m, sums, (c) => c.departmentId === 'd1');
		expect(row('d1').areas.map((a) => a.lowPractices)).toEqual(
			own.areas.map((a) => a.lowPractices)
		);
		expect(row('d2').areas.every((a) => a.lowPractices.length === 0)).toBe(true);
		// Role level y (d3 and d4, 6 responses) is shown: its beta at 3 names b1 too.
		const y = dashboard.roleLevels.find((r) => r.id === 'y')!;
		expect(y.areas.find((a) => a.areaId === 'beta')!.lowPractices).toEqual([q('b1', 1)]);
	});

	it('gives a hidden department nothing, in the domain and in the view', () => {
		expect(row('d3')).toMatchObject({ visible: false, areas: [] });
		expect(row('d4')).toMatchObject({ visible: false, areas: [] });
		const view = dashboardView(
			m,
			dashboard,
			{
				departments: new Map(),
				roleLevels: new Map(),
				noDepartment: 'No department',
				noRoleLevel: 'No role level'
			},
			'en'
		);
		const shown = view.departments.find((d) => d.key === 'd1')!;
		expect(shown.cells.find((c) => c.areaId === 'beta')!.lowPractices).toEqual([
			{ id: 'b1', question: 'Question b1?', stage: 1 }
		]);
		const hidden = view.departments.find((d) => d.key === 'd3')!;
		expect(hidden.cells).toEqual([]);
		expect(JSON.stringify(hidden)).not.toMatch(/lowPractices|b1|stage/);
	});
});
