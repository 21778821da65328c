import { describe, expect, it } from 'vitest';
import {
	checkResponse,
	scoreResponse,
	ScoringInputError,
	stageOf,
	strengthsAndGaps,
	toPercent,
	weightedMean,
	type ResponseInput
} from '../../src/lib/domain/scoring';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();
const input = (answers: ResponseInput['answers'], targets: ResponseInput['targets'] = {}) => ({
	answers,
	targets
});

describe('stageOf: the stage border is the whole number', () => {
	it.each([
		[null, null],
		[1, 1],
		[1.5, 1],
		[1.99, 1],
		[2, 2],
		[2.9999999999999996, 3], // a weighted sum that is really 3
		[3, 3],
		[3.75, 3],
		[4, 4]
	])('stageOf(%s) is %s', (mean, stage) => {
		expect(stageOf(mean)).toBe(stage);
	});
});

describe('toPercent', () => {
	it.each([
		[1, 0],
		[2.5, 50],
		[4, 100],
		[null, null]
	])('toPercent(%s) is %s', (mean, pct) => {
		expect(toPercent(mean)).toBe(pct);
	});
});

describe('weightedMean', () => {
	it.each([
		[[], null],
		[[{ value: null, weight: 1 }], null],
		[
			[
				{ value: 2, weight: 1 },
				{ value: 4, weight: 3 }
			],
			3.5
		],
		[
			[
				{ value: 2, weight: 1 },
				{ value: null, weight: 5 }
			],
			2
		]
	])('row %#', (items, expected) => {
		expect(weightedMean(items)).toBe(expected);
	});
});

describe('scoreResponse, one area at a time', () => {
	const rows: Array<{
		name: string;
		answers: ResponseInput['answers'];
		targets?: ResponseInput['targets'];
		area: string;
		expected: Record<string, unknown>;
	}> = [
		{
			name: 'all "don\'t know": no score, no stage, zero confidence',
			answers: { a1: null, a2: null },
			area: 'alpha',
			expected: {
				mean: null,
				score: null,
				stage: null,
				confidence: 0,
				lowConfidence: true,
				dontKnow: 2
			}
		},
		{
			name: 'nothing answered at all',
			answers: {},
			area: 'alpha',
			expected: { mean: null, stage: null, confidence: 0, unanswered: 2 }
		},
		{
			name: 'a single answer among two questions',
			answers: { a1: 3 },
			area: 'alpha',
			expected: {
				mean: 3,
				score: expect.closeTo(200 / 3, 10),
				stage: 3,
				confidence: 0.5,
				lowConfidence: false,
				unanswered: 1
			}
		},
		{
			name: 'all stage 1',
			answers: { b1: 1, b2: 1, b3: 1 },
			area: 'beta',
			expected: { mean: 1, score: 0, stage: 1, confidence: 1 }
		},
		{
			name: 'all stage 4',
			answers: { b1: 4, b2: 4, b3: 4 },
			area: 'beta',
			expected: { mean: 4, score: 100, stage: 4, confidence: 1 }
		},
		{
			name: 'just below a border (5/3 = 1.67) stays in stage 1',
			answers: { b1: 1, b2: 2, b3: 2 },
			area: 'beta',
			expected: { stage: 1 }
		},
		{
			name: 'exactly on the border (2, 2, 2) is stage 2',
			answers: { b1: 2, b2: 2, b3: 2 },
			area: 'beta',
			expected: { mean: 2, stage: 2 }
		},
		{
			name: 'halfway (2 and 3) is the lower stage',
			answers: { a1: 2, a2: 3 },
			area: 'alpha',
			expected: { mean: 2.5, score: 50, stage: 2 }
		},
		{
			name: 'exactly on the stage 3 border (3, 4, 2)',
			answers: { b1: 3, b2: 4, b3: 2 },
			area: 'beta',
			expected: { mean: 3, stage: 3 }
		},
		{
			name: 'one answer and one "don\'t know": confidence 1/2, not low',
			answers: { a1: 2, a2: null },
			area: 'alpha',
			expected: { mean: 2, confidence: 0.5, lowConfidence: false, dontKnow: 1 }
		},
		{
			name: 'one of three answered: low confidence',
			answers: { b1: 4, b2: null, b3: null },
			area: 'beta',
			expected: { mean: 4, confidence: 1 / 3, lowConfidence: true }
		},
		{
			name: 'target and gap',
			answers: { a1: 2, a2: 3 },
			targets: { alpha: 4 },
			area: 'alpha',
			expected: { target: 4, gap: 1.5 }
		},
		{
			name: 'target below current gives a negative gap',
			answers: { a1: 4, a2: 4 },
			targets: { alpha: 3 },
			area: 'alpha',
			expected: { gap: -1 }
		},
		{
			name: 'target with nothing answered: no gap',
			answers: { a1: null },
			targets: { alpha: 3 },
			area: 'alpha',
			expected: { target: 3, gap: null }
		}
	];
	it.each(rows)('$name', ({ answers, targets, area, expected }) => {
		const result = scoreResponse(model, input(answers, targets ?? {}));
		const areaScore = result.areas.find((a) => a.areaId === area);
		expect(areaScore).toMatchObject(expected);
	});
});

describe('scoreResponse, overall', () => {
	it('weights areas unequally: alpha 1 (w1), beta 4 (w2), gamma 2 (w1) gives (1 + 8 + 2) / 4', () => {
		const result = scoreResponse(
			model,
			input({ a1: 1, a2: 1, b1: 4, b2: 4, b3: 4, c1: 2 }, { alpha: 2, beta: 4, gamma: 3 })
		);
		expect(result.overall.mean).toBe(11 / 4);
		expect(result.overall.stage).toBe(2);
		expect(result.overall.target).toBe((2 + 8 + 3) / 4);
		expect(result.overall.gap).toBeCloseTo(0.5, 10);
		expect(result.overall.confidence).toBe(1);
	});
	it('leaves an unscored area out of the overall mean and its weight with it', () => {
		const result = scoreResponse(model, input({ a1: 2, a2: 2, b1: null, c1: 4 }));
		expect(result.overall.mean).toBe(3);
		expect(result.overall.confidence).toBe(3 / 6);
	});
	it('all "don\'t know" everywhere: no overall stage', () => {
		const all = Object.fromEntries(['a1', 'a2', 'b1', 'b2', 'b3', 'c1'].map((q) => [q, null]));
		const result = scoreResponse(model, input(all));
		expect(result.overall).toMatchObject({
			mean: null,
			stage: null,
			confidence: 0,
			lowConfidence: true
		});
	});
});

describe('bad input is rejected with a message that names it', () => {
	it.each([
		[{ answers: { zz9: 2 }, targets: {} }, 'unknown question "zz9"'],
		[{ answers: { a1: 5 }, targets: {} }, 'answer to "a1" must be 1, 2, 3, 4'],
		[{ answers: { a1: 0 }, targets: {} }, 'answer to "a1" must be 1, 2, 3, 4'],
		[{ answers: { a1: '2' }, targets: {} }, 'answer to "a1" must be 1, 2, 3, 4'],
		[{ answers: { a1: 2.5 }, targets: {} }, 'answer to "a1" must be 1, 2, 3, 4'],
		[{ answers: {}, targets: { nowhere: 2 } }, 'unknown area "nowhere"'],
		[{ answers: {}, targets: { alpha: 7 } }, 'target for "alpha" must be 1, 2, 3 or 4']
	])('row %#: %j', (bad, message) => {
		const response = bad as unknown as ResponseInput;
		expect(checkResponse(model, response).join('; ')).toContain(message);
		expect(() => scoreResponse(model, response)).toThrow(ScoringInputError);
	});
});

describe('strengthsAndGaps', () => {
	it('picks the highest and lowest without overlap, ties in model order', () => {
		const areas = [
			{ areaId: 'a', mean: 2, gap: 1 },
			{ areaId: 'b', mean: 3, gap: 0 },
			{ areaId: 'c', mean: 2, gap: 2 },
			{ areaId: 'd', mean: null, gap: null },
			{ areaId: 'e', mean: 4, gap: -1 }
		];
		expect(strengthsAndGaps(areas, 3)).toEqual({
			strengths: ['e', 'b'],
			weaknesses: ['a', 'c'],
			largestGaps: ['c', 'a']
		});
	});
	it.each([
		['all equal: none', [2, 2, 2, 2], [], []],
		['a tie across the cut is in neither list', [3, 2, 2, 1], ['a', 'b'], ['d']],
		['two tied pairs', [2, 2, 1, 1], ['a', 'b'], ['c', 'd']],
		['ties at the top stay in model order', [4, 4, 4, 1, 1, 1], ['a', 'b', 'c'], ['d', 'e', 'f']],
		['one high area', [1, 1, 1, 4], ['d'], ['a', 'b']]
	])('never lists an area in both: %s', (_label, means, strengths, weaknesses) => {
		const areas = means.map((mean, i) => ({ areaId: 'abcdef'[i]!, mean, gap: null }));
		const result = strengthsAndGaps(areas, 3);
		expect(result.strengths).toEqual(strengths);
		expect(result.weaknesses).toEqual(weaknesses);
		expect(result.strengths.filter((id) => result.weaknesses.includes(id))).toEqual([]);
	});
	it('is empty when nothing is scored', () => {
		expect(strengthsAndGaps([{ areaId: 'a', mean: null, gap: null }])).toEqual({
			strengths: [],
			weaknesses: [],
			largestGaps: []
		});
	});
});
