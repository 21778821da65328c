import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareRounds, sharedAreaMeans, sharedQuestions } from '../../src/lib/domain/compare';
import { sumResponses, type CellSelector } from '../../src/lib/domain/round-sums';
import { parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
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
			shared: null,
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

/**
 * A later version of the fixture model. Kept ids (same meaning): a1, b1, b2, and b3, which moved
 * to the new area delta. Rewritten: a2 → a3, c1 → c2; new: b4, d1.
 *   alpha (weight 1): a1, a3      shared a1
 *   beta  (weight 2): b1, b2, b4  shared b1, b2
 *   gamma (weight 1): c2          none shared: not compared
 *   delta (weight 3): d1, b3      shared b3
 */
function laterModel(): MaturityModel {
	const earlier = fixtureModel();
	const [alpha, beta, gamma] = earlier.areas as [
		MaturityModel['areas'][number],
		MaturityModel['areas'][number],
		MaturityModel['areas'][number]
	];
	const question = (id: string) => ({
		...alpha.questions[0]!,
		id,
		text: { en: `Question ${id}?` }
	});
	return {
		...earlier,
		version: '1.1.0',
		areas: [
			{ ...alpha, questions: [question('a1'), question('a3')] },
			{ ...beta, questions: [question('b1'), question('b2'), question('b4')] },
			{ ...gamma, questions: [question('c2')] },
			{ ...alpha, id: 'delta', weight: 3, questions: [question('d1'), question('b3')] }
		]
	};
}

describe('sharedQuestions', () => {
	it('lists per area of the later model the ids both versions have, wherever they were', () => {
		expect(sharedQuestions(model, laterModel())).toEqual({
			areas: [
				{ areaId: 'alpha', questionIds: ['a1'] },
				{ areaId: 'beta', questionIds: ['b1', 'b2'] },
				{ areaId: 'gamma', questionIds: [] },
				{ areaId: 'delta', questionIds: ['b3'] }
			],
			shared: 4,
			total: 8
		});
		// Read the other way, the areas are the earlier model's.
		expect(sharedQuestions(laterModel(), model)).toEqual({
			areas: [
				{ areaId: 'alpha', questionIds: ['a1'] },
				{ areaId: 'beta', questionIds: ['b1', 'b2', 'b3'] },
				{ areaId: 'gamma', questionIds: [] }
			],
			shared: 4,
			total: 6
		});
	});

	it('finds one shared question, me-attribution, between cx-maturity 1.0.0 and 1.1.0', () => {
		const read = (path: string) => {
			const parsed = parseModel(JSON.parse(readFileSync(path, 'utf8')));
			if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
			return parsed.value;
		};
		const shared = sharedQuestions(
			read('db/models/cx-maturity.json'),
			read('db/models/cx-maturity-1.1.0.json')
		);
		expect(shared.areas.filter((a) => a.questionIds.length > 0)).toEqual([
			{ areaId: 'measurement', questionIds: ['me-attribution'] }
		]);
		expect([shared.shared, shared.total]).toEqual([1, 48]);
	});
});

describe('sharedAreaMeans', () => {
	const shared = sharedQuestions(model, laterModel());
	type Answers = Record<string, StageId | null>;
	const responses = (departmentId: string, ...answers: Answers[]) =>
		answers.map((a) => ({ departmentId, roleLevelId: null, answers: a, targets: {} }));
	const inDepartment =
		(id: string): CellSelector =>
		(c) =>
			c.departmentId === id;

	it.each<{
		name: string;
		answers: ReturnType<typeof responses>;
		select?: CellSelector;
		means: Record<string, number | null>;
	}>([
		{
			name: 'one shared question: the mean of its levels, the rewritten ones left out',
			answers: responses('x', { a1: 2, a2: 4 }, { a1: 2, a2: 4 }, { a1: 3, a2: 1 }),
			means: { alpha: 7 / 3, beta: null, gamma: null, delta: null }
		},
		{
			name: 'two shared questions: every level counts once, "don\'t know" left out',
			// Not the mean of respondents' means ((1 + 3.5) / 2 = 2.25): levels pooled, 8 / 3.
			answers: responses('x', { b1: 1, b2: null }, { b1: 3, b2: 4 }),
			means: { alpha: null, beta: 8 / 3, gamma: null, delta: null }
		},
		{
			name: 'a question that moved area counts in its later area',
			answers: responses('x', { b3: 4, b1: 2 }, { b3: 3, b1: 2 }),
			means: { alpha: null, beta: 2, gamma: null, delta: 3.5 }
		},
		{
			name: 'an area with no shared question has no mean, however it was answered',
			answers: responses('x', { c1: 4, a1: 1 }, { c1: 4, a1: 1 }),
			means: { alpha: 1, beta: null, gamma: null, delta: null }
		},
		{
			name: 'only "don\'t know" to the shared questions: no mean',
			answers: responses('x', { a1: null, a2: 3 }),
			means: { alpha: null, beta: null, gamma: null, delta: null }
		},
		{
			name: 'only the selected cells',
			answers: [
				...responses('x', { a1: 1, b1: 1, b2: 1 }),
				...responses('y', { a1: 4, b1: 3, b2: 4 }, { a1: 2, b1: 3, b2: 4 })
			],
			select: inDepartment('y'),
			means: { alpha: 3, beta: 3.5, gamma: null, delta: null }
		}
	])('$name', ({ answers, select, means }) => {
		const result = sharedAreaMeans(shared, sumResponses(model, answers), select);
		expect([...result.keys()]).toEqual(['alpha', 'beta', 'gamma', 'delta']);
		for (const [areaId, mean] of Object.entries(means))
			if (mean === null) expect(result.get(areaId), areaId).toBeNull();
			else expect(result.get(areaId), areaId).toBeCloseTo(mean, 10);
	});
});

describe('compareRounds across model versions', () => {
	const later = laterModel();
	/** `count` responses of the later model: a1, a3 at `alpha`, beta's at `beta`, c2, d1, b3 at `rest`. */
	const laterResponses = (
		count: number,
		departmentId: string,
		levels: { alpha: StageId; beta: StageId; rest: StageId }
	) =>
		Array.from({ length: count }, () => ({
			departmentId,
			roleLevelId: null,
			answers: {
				a1: levels.alpha,
				a3: 1 as StageId,
				b1: levels.beta,
				b2: levels.beta,
				b4: 1 as StageId,
				c2: levels.rest,
				d1: 1 as StageId,
				b3: levels.rest
			},
			targets: {}
		}));
	const laterSide = (threshold: number, ...groups: ReturnType<typeof laterResponses>[]) => ({
		sums: sumResponses(later, groups.flat()),
		threshold
	});

	it('compares the shared questions per area, marks the rest, and gives no overall figure', () => {
		// Before: every question at 2 in a (6) and b (6). After: a (6), b (3) and c (3), the last
		// two hidden (threshold 5).
		const before = side(5, many(6, 'a', all(2)), many(6, 'b', all(2)));
		const after = laterSide(
			5,
			laterResponses(6, 'a', { alpha: 3, beta: 4, rest: 4 }),
			laterResponses(3, 'b', { alpha: 1, beta: 1, rest: 1 }),
			laterResponses(3, 'c', { alpha: 1, beta: 1, rest: 1 })
		);
		const result = compareRounds(later, before, after, ['a', 'b', 'c'], model);
		expect(result.shared).toEqual(sharedQuestions(model, later));
		// Whole round after: a1 (3 × 6 + 1 × 6) / 12 = 2; b1, b2 (4 × 12 + 1 × 12) / 24 = 2.5;
		// b3 (4 × 6 + 1 × 6) / 12 = 2.5. The rewritten a3, b4, d1 (all at 1) count nowhere.
		expect(result.areas).toEqual([
			{ areaId: 'alpha', before: 2, after: 2, delta: 0 },
			{ areaId: 'beta', before: 2, after: 2.5, delta: 0.5 },
			{ areaId: 'gamma', before: null, after: null, delta: null },
			{ areaId: 'delta', before: 2, after: 2.5, delta: 0.5 }
		]);
		// Whatever the weights (beta 2, delta 3), no overall figure across versions.
		expect(result.overall).toEqual({ before: null, after: null, delta: null });
		// Departments: the same rule, the same anonymity (b and c are hidden in the later round).
		expect(result.departments).toEqual([
			{
				departmentId: 'a',
				visible: true,
				areas: [
					{ areaId: 'alpha', before: 2, after: 3, delta: 1 },
					{ areaId: 'beta', before: 2, after: 4, delta: 2 },
					{ areaId: 'gamma', before: null, after: null, delta: null },
					{ areaId: 'delta', before: 2, after: 4, delta: 2 }
				]
			},
			{ departmentId: 'b', visible: false, areas: [] },
			{ departmentId: 'c', visible: false, areas: [] }
		]);
	});

	it('says what the models share even when a round is under its threshold, and gives no number', () => {
		const result = compareRounds(
			later,
			side(5, many(4, 'a', all(2))),
			laterSide(5, laterResponses(6, 'a', { alpha: 3, beta: 3, rest: 3 })),
			['a'],
			model
		);
		expect(result.shared?.shared).toBe(4);
		expect(result.overall).toEqual({ before: null, after: null, delta: null });
		expect(result.areas.every((a) => a.before === null && a.after === null)).toBe(true);
		expect(result.departments).toEqual([]);
	});

	it.each([
		['the same model given twice', () => model],
		['left out', () => undefined]
	])('reads a round of the same version as before (%s): no shared list, an overall', (_, of) => {
		const before = side(5, many(6, 'a', all(2)));
		const after = side(5, many(6, 'a', all(3)));
		const result = compareRounds(model, before, after, ['a'], of());
		expect(result.shared).toBeNull();
		expect(result.overall.delta).toBeCloseTo(1, 10);
	});
});
