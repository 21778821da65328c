import { describe, expect, it } from 'vitest';
import type { StageId } from '../../src/lib/domain/model';
import {
	countOf,
	sumResponses,
	sumsDifference,
	teamStatsOf
} from '../../src/lib/domain/round-sums';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import { fixtureModel } from '../support/fixture-model';
import { aggregateResponses } from '../support/statistics-oracle';

const model = fixtureModel();
const questionIds = model.areas.flatMap((a) => a.questions.map((q) => q.id));

/** Deterministic pseudo-random responses: levels, "don't know", skipped questions and targets. */
function randomResponses(count: number, seed: number) {
	let state = seed;
	const next = () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
	return Array.from({ length: count }, (_, i) => {
		const answers: ResponseInput['answers'] = {};
		for (const id of questionIds) {
			const roll = next();
			if (roll < 0.1) continue; // skipped
			answers[id] = roll < 0.2 ? null : ((1 + Math.floor(next() * 4)) as StageId);
		}
		const targets: ResponseInput['targets'] = {};
		if (next() < 0.7) targets.beta = (1 + Math.floor(next() * 4)) as StageId;
		return {
			answers,
			targets,
			departmentId: ['d1', 'd2', null][i % 3] ?? null,
			roleLevelId: ['r1', 'r2'][i % 2] ?? null
		};
	});
}

describe('teamStatsOf', () => {
	it.each([1, 2, 7, 40])(
		'%s random responses: the same statistics as aggregateResponses (the oracle)',
		(count) => {
			const responses = randomResponses(count, count * 31 + 7);
			const expected = aggregateResponses(model, responses);
			const actual = teamStatsOf(model, sumResponses(model, responses));
			expect(actual.respondents).toBe(expected.respondents);
			expect(actual.disputed.map((q) => q.questionId)).toEqual(
				expected.disputed.map((q) => q.questionId)
			);
			actual.areas.forEach((area, a) => {
				const want = expected.areas[a]!;
				for (const key of ['n', 'answered', 'possible', 'stage'] as const)
					expect(area[key]).toBe(want[key]);
				for (const key of ['mean', 'sd', 'agreement', 'confidence', 'target', 'gap'] as const) {
					if (want[key] === null) expect(area[key]).toBeNull();
					else expect(area[key]).toBeCloseTo(want[key] as number, 9);
				}
				expect(area.questions).toEqual(
					want.questions.map((q) => ({
						...q,
						sd: q.sd === null ? null : expect.closeTo(q.sd, 12),
						agreement: q.agreement === null ? null : expect.closeTo(q.agreement, 12)
					}))
				);
			});
			for (const key of ['mean', 'score', 'confidence', 'target'] as const) {
				const want = expected.overall[key];
				if (want === null) expect(actual.overall[key]).toBeNull();
				else expect(actual.overall[key]).toBeCloseTo(want, 9);
			}
		}
	);

	it('takes only the selected cells', () => {
		const responses = randomResponses(30, 5);
		const sums = sumResponses(model, responses);
		const d1 = responses.filter((r) => r.departmentId === 'd1');
		expect(countOf(sums, (c) => c.departmentId === 'd1')).toBe(d1.length);
		const selected = teamStatsOf(model, sums, (c) => c.departmentId === 'd1');
		expect(selected.areas.map((a) => a.mean)).toEqual(
			aggregateResponses(model, d1).areas.map((a) => expect.closeTo(a.mean!, 9))
		);
	});

	it('everyone agreeing gives a spread of exactly 0, not rounding noise', () => {
		const same = Array.from({ length: 9 }, () => ({
			answers: { a1: 3 as const, a2: 2 as const },
			targets: {}
		}));
		const area = teamStatsOf(model, sumResponses(model, same)).areas[0]!;
		expect(area.sd).toBe(0);
		expect(area.agreement).toBe(1);
	});
});

describe('sumResponses', () => {
	const sorted = <T extends { departmentId: string | null; roleLevelId: string | null }>(
		rows: T[],
		keyOf: (row: T) => string
	) =>
		[...rows].sort((a, b) =>
			`${a.departmentId}${a.roleLevelId}${keyOf(a)}`.localeCompare(
				`${b.departmentId}${b.roleLevelId}${keyOf(b)}`
			)
		);

	it('sums page by page what it sums at once, and leaves the sums it adds to alone', () => {
		const responses = randomResponses(25, 11);
		const atOnce = sumResponses(model, responses);
		const first = sumResponses(model, responses.slice(0, 10));
		const firstCopy = structuredClone(first);
		const paged = sumResponses(model, responses.slice(10), first);
		expect(first).toEqual(firstCopy);
		expect(sorted(paged.cells, () => '')).toEqual(sorted(atOnce.cells, () => ''));
		expect(sorted(paged.questions, (q) => q.questionId)).toEqual(
			sorted(atOnce.questions, (q) => q.questionId)
		);
		expect(sorted(paged.areas, (a) => a.areaId)).toEqual(
			sorted(atOnce.areas, (a) => a.areaId).map((a) => ({
				...a,
				sum: expect.closeTo(a.sum, 9),
				sumSq: expect.closeTo(a.sumSq, 9)
			}))
		);
	});
});

describe('sumsDifference', () => {
	const [base] = randomResponses(1, 5) as [ReturnType<typeof randomResponses>[number]];
	const one = (r: typeof base) => sumResponses(model, [r]);

	it('is nothing for an unchanged response', () => {
		expect(sumsDifference(one(base), one(base))).toEqual({ cells: [], areas: [], questions: [] });
	});

	it('holds only the question and area one changed answer moves, and adds up to the new sums', () => {
		const question = model.areas[0]!.questions[0]!.id;
		const level = base.answers[question] === 4 ? 1 : 4;
		const changed = { ...base, answers: { ...base.answers, [question]: level as StageId } };
		const difference = sumsDifference(one(changed), one(base));
		expect(difference.cells).toEqual([]);
		expect(difference.questions.map((q) => q.questionId)).toEqual([question]);
		expect(difference.areas.map((a) => a.areaId)).toEqual([model.areas[0]!.id]);
		// The sums before, plus the difference, are the sums after (as the stored rows add them).
		const area = (sums: ReturnType<typeof one>) =>
			sums.areas.find((a) => a.areaId === model.areas[0]!.id)!;
		expect(area(one(base)).answered + difference.areas[0]!.answered).toBe(
			area(one(changed)).answered
		);
		expect(area(one(base)).sum + difference.areas[0]!.sum).toBeCloseTo(area(one(changed)).sum, 9);
	});

	it('moves a response from one cell to another, and takes a deleted one out, in key order', () => {
		const moved = { ...base, departmentId: 'a-first', roleLevelId: null };
		const difference = sumsDifference(one(moved), one(base));
		expect(difference.cells).toEqual([
			{ departmentId: 'a-first', roleLevelId: null, responses: 1 },
			{ departmentId: base.departmentId, roleLevelId: base.roleLevelId, responses: -1 }
		]);
		const gone = sumsDifference({ cells: [], areas: [], questions: [] }, one(base));
		expect(gone.cells).toEqual([
			{ departmentId: base.departmentId, roleLevelId: base.roleLevelId, responses: -1 }
		]);
		expect(
			gone.questions.every((q) => [...q.levels, q.dontKnow, q.notApplicable].every((n) => n <= 0))
		).toBe(true);
		const keys = difference.questions.map(
			(q) => `${q.departmentId ?? ''}\u0000${q.roleLevelId ?? ''}\u0000${q.questionId}`
		);
		expect(keys).toEqual([...keys].sort());
	});
});
