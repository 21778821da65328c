import { describe, expect, it } from 'vitest';
import {
	areaBenchmark,
	areaScoreOfSums,
	benchmarkOf,
	BENCHMARK_MINIMUM,
	type PeerScores
} from '../../src/lib/domain/benchmark';
import { sizeBandOf, toSizeBand } from '../../src/lib/domain/size-bands';

describe('areaBenchmark', () => {
	const cases: Array<{
		name: string;
		own: number | null;
		others: Array<number | null>;
		expected: ReturnType<typeof areaBenchmark>;
	}> = [
		{
			name: 'exactly five others: shown',
			own: 50,
			others: [10, 20, 30, 40, 60],
			expected: {
				areaId: 'a',
				shown: true,
				peers: 5,
				percentile: 80,
				median: 30,
				lower: 20,
				upper: 40
			}
		},
		{
			name: 'four others: suppressed, no numbers',
			own: 50,
			others: [10, 20, 30, 40],
			expected: { areaId: 'a', shown: false, reason: 'too-few-peers' }
		},
		{
			name: 'five entries but one without a score: four others, suppressed',
			own: 50,
			others: [10, 20, 30, 40, null],
			expected: { areaId: 'a', shown: false, reason: 'too-few-peers' }
		},
		{
			name: 'all equal, own equal too: middle (mid-rank)',
			own: 40,
			others: [40, 40, 40, 40, 40],
			expected: {
				areaId: 'a',
				shown: true,
				peers: 5,
				percentile: 50,
				median: 40,
				lower: 40,
				upper: 40
			}
		},
		{
			name: 'all equal, own above: 100',
			own: 90,
			others: [40, 40, 40, 40, 40],
			expected: {
				areaId: 'a',
				shown: true,
				peers: 5,
				percentile: 100,
				median: 40,
				lower: 40,
				upper: 40
			}
		},
		{
			name: 'all equal, own below: 0',
			own: 0,
			others: [40, 40, 40, 40, 40],
			expected: {
				areaId: 'a',
				shown: true,
				peers: 5,
				percentile: 0,
				median: 40,
				lower: 40,
				upper: 40
			}
		},
		{
			name: 'ties with own score count half',
			own: 50,
			others: [20, 50, 50, 70, 80, 90],
			// below 1, equal 2: (1 + 1) / 6
			expected: {
				areaId: 'a',
				shown: true,
				peers: 6,
				percentile: (2 / 6) * 100,
				median: 60,
				lower: 50,
				upper: 77.5
			}
		},
		{
			name: 'unsorted input, linear interpolation (type 7)',
			own: 35,
			others: [100, 0, 30, 10, 20, 40, 50, 60],
			// sorted 0 10 20 30 40 50 60 100; q1 at 1.75 -> 17.5; median at 3.5 -> 35; q3 at 5.25 -> 52.5
			expected: {
				areaId: 'a',
				shown: true,
				peers: 8,
				percentile: 50,
				median: 35,
				lower: 17.5,
				upper: 52.5
			}
		},
		{
			name: 'no own score: suppressed with its reason',
			own: null,
			others: [10, 20, 30, 40, 50],
			expected: { areaId: 'a', shown: false, reason: 'no-own-score' }
		},
		{
			name: 'no others at all',
			own: 10,
			others: [],
			expected: { areaId: 'a', shown: false, reason: 'too-few-peers' }
		}
	];
	it.each(cases)('$name', ({ own, others, expected }) => {
		expect(areaBenchmark('a', own, others)).toEqual(expected);
	});

	it('never returns a number when suppressed', () => {
		const result = areaBenchmark('a', 50, [1, 2, 3, 4]);
		expect(Object.values(result).filter((v) => typeof v === 'number')).toEqual([]);
	});

	it('the minimum is five others', () => {
		expect(BENCHMARK_MINIMUM).toBe(5);
	});
});

describe('benchmarkOf', () => {
	it('computes each area in the given order, an area missing from peers counts as no score', () => {
		const peers: PeerScores[] = [
			{ x: 10, y: 10 },
			{ x: 20, y: 20 },
			{ x: 30, y: 30 },
			{ x: 40, y: 40 },
			{ x: 50 }
		];
		const result = benchmarkOf(['y', 'x'], { x: 30, y: 30 }, peers);
		expect(result.map((r) => [r.areaId, r.shown])).toEqual([
			['y', false],
			['x', true]
		]);
		expect(result[1]).toMatchObject({ percentile: 50, median: 30, lower: 20, upper: 40 });
	});
});

describe('areaScoreOfSums', () => {
	it.each([
		[4, 4, 0],
		[10, 4, 50],
		[16, 4, 100],
		[0, 0, null]
	])('sum %d of %d means is %s', (sum, scored, expected) => {
		expect(areaScoreOfSums(sum, scored)).toBe(expected);
	});
});

describe('size bands', () => {
	it.each([
		[1, 'micro'],
		[9, 'micro'],
		[10, 'small'],
		[49, 'small'],
		[50, 'medium'],
		[249, 'medium'],
		[250, 'large'],
		[100000, 'large'],
		[0, null],
		[2.5, null]
	])('%d employees: %s', (employees, band) => {
		expect(sizeBandOf(employees)).toBe(band);
	});
	it('trusts only known values', () => {
		expect(toSizeBand('small')).toBe('small');
		expect(toSizeBand('huge')).toBeNull();
		expect(toSizeBand(null)).toBeNull();
	});
});
