import { describe, expect, it } from 'vitest';
import type { MaturityModel } from '../../src/lib/domain/model';
import { sumResponses, teamStatsOf } from '../../src/lib/domain/round-sums';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import {
	mostDisputed,
	quantile,
	spreadOf,
	spreadOfCounts,
	type TeamStats
} from '../../src/lib/domain/statistics';
import { fixtureModel } from '../support/fixture-model';
import { aggregateResponses } from '../support/statistics-oracle';

const model = fixtureModel();

describe('quantile (linear interpolation)', () => {
	it.each([
		[[5], 0.5, 5],
		[[1, 2, 3, 4], 0.5, 2.5],
		[[1, 2, 3, 4], 0.25, 1.75],
		[[1, 2, 3, 4], 0.75, 3.25],
		[[1, 1, 4], 0.5, 1]
	])('quantile(%j, %s) is %s', (values, q, expected) => {
		expect(quantile(values, q)).toBe(expected);
	});
	it('refuses an empty list', () => {
		expect(() => quantile([], 0.5)).toThrow(RangeError);
	});
});

describe('spreadOf', () => {
	it.each([
		{
			values: [],
			expected: { n: 0, mean: null, median: null, sd: null, iqr: null, agreement: null }
		},
		{ values: [3], expected: { n: 1, mean: 3, median: 3, sd: 0, iqr: 0, agreement: 1 } },
		{ values: [3, 3, 3], expected: { n: 3, mean: 3, sd: 0, agreement: 1 } },
		{ values: [1, 4], expected: { n: 2, mean: 2.5, median: 2.5, sd: 1.5, iqr: 1.5, agreement: 0 } },
		{ values: [1, 1, 4, 4], expected: { mean: 2.5, sd: 1.5, iqr: 3, agreement: 0 } },
		{ values: [2, 3], expected: { mean: 2.5, sd: 0.5, iqr: 0.5 } }
	])('$values', ({ values, expected }) => {
		expect(spreadOf(values)).toMatchObject(expected);
	});
	it('agreement of [2, 3] is 1 - 0.5 / 1.5', () => {
		expect(spreadOf([2, 3]).agreement).toBeCloseTo(2 / 3, 12);
	});
});

describe('spreadOfCounts', () => {
	it.each([
		[[0, 0, 0, 0]],
		[[1, 0, 0, 0]],
		[[1, 0, 0, 1]],
		[[2, 3, 0, 5]],
		[[0, 7, 1, 0]],
		[[3, 3, 3, 3]]
	])('counts %j give what spreadOf gives for the listed levels', (levels) => {
		const listed = levels.flatMap((count, i) => Array<number>(count).fill(i + 1));
		const expected = spreadOf(listed);
		const actual = spreadOfCounts(levels);
		for (const key of ['n', 'mean', 'median', 'sd', 'iqr', 'agreement'] as const) {
			if (expected[key] === null) expect(actual[key]).toBeNull();
			else expect(actual[key]).toBeCloseTo(expected[key] as number, 12);
		}
	});
});

/** The team statistics as the app computes them (from the sums), and as the oracle does. */
const teams: Array<
	[
		string,
		(
			model: MaturityModel,
			responses: readonly ResponseInput[],
			options?: { disputedCount?: number }
		) => TeamStats
	]
> = [
	[
		'teamStatsOf(sumResponses)',
		(model, responses, options) =>
			teamStatsOf(model, sumResponses(model, responses), undefined, options)
	],
	['aggregateResponses (oracle)', aggregateResponses]
];

describe.each(teams)('team statistics: %s', (_name, teamOf) => {
	const r = (answers: ResponseInput['answers'], targets: ResponseInput['targets'] = {}) => ({
		answers,
		targets
	});

	it('no responses: nothing scored, nothing disputed', () => {
		const team = teamOf(model, []);
		expect(team.respondents).toBe(0);
		expect(team.overall.stage).toBeNull();
		expect(team.areas.every((a) => a.mean === null && a.confidence === 0)).toBe(true);
		expect(team.disputed).toEqual([]);
	});

	it("one person, one voice: area statistics use each respondent's area mean", () => {
		// Respondent 1 answers one beta question (4); respondent 2 answers all three with 1.
		const team = teamOf(model, [r({ b1: 4 }), r({ b1: 1, b2: 1, b3: 1 })]);
		const beta = team.areas.find((a) => a.areaId === 'beta');
		expect(beta).toMatchObject({ n: 2, mean: 2.5, stage: 2, answered: 4, possible: 6 });
		expect(beta?.confidence).toBeCloseTo(4 / 6, 12);
	});

	it('counts "don\'t know" per question and leaves it out of the statistics', () => {
		const team = teamOf(model, [r({ a1: null }), r({ a1: 2 }), r({ a1: 2 })]);
		const a1 = team.areas[0]?.questions[0];
		expect(a1).toMatchObject({
			questionId: 'a1',
			n: 2,
			dontKnow: 1,
			mean: 2,
			distribution: [0, 2, 0, 0]
		});
		expect(a1?.disputed).toBe(false);
	});

	it('flags and ranks disputed questions: by sd, then IQR, then model order', () => {
		const team = teamOf(model, [
			r({ a1: 1, a2: 1, b1: 1, c1: 2 }),
			r({ a1: 4, a2: 3, b1: 4, c1: 2 }),
			r({ a1: 1, a2: 1, b1: 4, c1: 2 }),
			r({ a1: 4, a2: 3, b1: 1, c1: 2 })
		]);
		// a1 and b1: sd 1.5 (tie, model order a1 first); a2: sd 1; c1: sd 0, not disputed.
		expect(team.disputed.map((q) => q.questionId)).toEqual(['a1', 'b1', 'a2']);
		expect(team.areas[2]?.questions[0]?.disputed).toBe(false);
	});

	it('a question answered by one person only is never disputed', () => {
		const team = teamOf(model, [r({ a1: 1 }), r({ a2: 4 })]);
		expect(team.disputed).toEqual([]);
	});

	it('limits the disputed list', () => {
		const team = teamOf(model, [r({ a1: 1, a2: 1, b1: 1 }), r({ a1: 4, a2: 4, b1: 4 })], {
			disputedCount: 2
		});
		expect(
			mostDisputed(
				team.areas.flatMap((a) => a.questions),
				10
			)
		).toHaveLength(3);
		expect(team.disputed).toHaveLength(2);
	});
});
