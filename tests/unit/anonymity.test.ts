import { describe, expect, it } from 'vitest';
import { meetsThreshold, suppressGroups, suppressTable } from '../../src/lib/domain/anonymity';

const groups = (...counts: number[]) =>
	counts.map((count, i) => ({ key: String.fromCharCode(97 + i), count }));
const shown = (result: { key: string; visible: boolean }[]) =>
	result
		.filter((r) => r.visible)
		.map((r) => r.key)
		.join('');

describe('meetsThreshold', () => {
	it.each([
		[0, 5, false],
		[4, 5, false],
		[5, 5, true],
		[6, 5, true],
		[3, 3, true]
	])('%s responses, threshold %s: %s', (count, threshold, expected) => {
		expect(meetsThreshold(count, threshold)).toBe(expected);
	});
});

describe('suppressGroups (threshold 5, total shown)', () => {
	it.each([
		{ name: 'all groups large enough: all shown', counts: [12, 9, 7], shown: 'abc' },
		{ name: 'one small group: the next smallest is hidden too', counts: [12, 9, 3], shown: 'a' },
		{
			name: 'two small groups that together reach the threshold: only they are hidden',
			counts: [12, 3, 2],
			shown: 'a'
		},
		{
			name: 'two small groups below the threshold together: one more is hidden',
			counts: [12, 9, 2, 1],
			shown: 'a'
		},
		{
			name: 'two small groups reaching it together, with others shown',
			counts: [12, 9, 3, 3],
			shown: 'ab'
		},
		{
			name: 'empty groups reveal nothing and do not count as hidden',
			counts: [12, 9, 0, 3],
			shown: 'ac'
		},
		{ name: 'only empty and large groups', counts: [12, 0, 0], shown: 'abc' },
		{
			name: 'ties for the next smallest: the first in order is hidden',
			counts: [8, 8, 2],
			shown: 'b'
		},
		{ name: 'everything small: nothing shown', counts: [2, 1], shown: '' },
		{ name: 'one group only, large: shown', counts: [7], shown: 'a' },
		{ name: 'one group only, small: hidden', counts: [4], shown: '' },
		{ name: 'exactly on the threshold: shown', counts: [5, 5], shown: 'ab' }
	])('$name ($counts)', ({ counts, shown: expected }) => {
		expect(shown(suppressGroups(groups(...counts), 5))).toBe(expected);
	});

	it('gives the reason for each hidden group', () => {
		expect(suppressGroups(groups(12, 9, 3), 5)).toEqual([
			{ key: 'a', count: 12, visible: true, reason: null },
			{ key: 'b', count: 9, visible: false, reason: 'differencing' },
			{ key: 'c', count: 3, visible: false, reason: 'below-threshold' }
		]);
	});

	it('never lets a hidden group be computed: total minus the shown groups is 0 or at least the threshold and spread over two groups', () => {
		for (let a = 0; a < 9; a++)
			for (let b = 0; b < 9; b++)
				for (let c = 0; c < 9; c++) {
					const result = suppressGroups(groups(a, b, c), 5);
					const hidden = result.filter((r) => !r.visible && r.count > 0);
					const hiddenTotal = hidden.reduce((n, r) => n + r.count, 0);
					if (hidden.length > 0 && result.some((r) => r.visible && r.count > 0)) {
						expect(hidden.length, `${a},${b},${c}`).toBeGreaterThanOrEqual(2);
						expect(hiddenTotal, `${a},${b},${c}`).toBeGreaterThanOrEqual(5);
					}
				}
	});
});

describe('suppressTable (departments x role levels, row and column totals shown)', () => {
	const table = (rows: number[][]) =>
		rows.flatMap((counts, r) =>
			counts.map((count, c) => ({ row: `r${r}`, column: `c${c}`, count }))
		);
	const visibleGrid = (rows: number[][], threshold = 5) => {
		const result = suppressTable(table(rows), threshold);
		return rows.map((counts, r) =>
			counts.map((_, c) =>
				result.find((x) => x.row === `r${r}` && x.column === `c${c}`)!.visible ? 1 : 0
			)
		);
	};

	it.each([
		{
			name: 'all cells large: all shown',
			rows: [
				[6, 7],
				[8, 9]
			],
			visible: [
				[1, 1],
				[1, 1]
			]
		},
		{
			name: 'one small cell hides enough in its row and its column',
			rows: [
				[10, 10, 2],
				[10, 10, 10],
				[10, 10, 10]
			],
			// Row 0 hides the 2 and its first smallest other cell (c0); column c0 and column c2 each
			// then have one hidden cell, so row 1 gives up its c0 and c2, which also covers row 1.
			visible: [
				[0, 1, 0],
				[0, 1, 0],
				[1, 1, 1]
			]
		}
	])('$name', ({ rows, visible }) => {
		expect(visibleGrid(rows)).toEqual(visible);
	});

	it('leaves no row or column with a single hidden cell or hidden cells summing below the threshold', () => {
		const rows = [
			[12, 3, 9, 1],
			[7, 8, 2, 15],
			[0, 6, 6, 6]
		];
		const result = suppressTable(table(rows), 5);
		for (const by of ['row', 'column'] as const) {
			const keys = new Set(result.map((c) => c[by]));
			for (const key of keys) {
				const line = result.filter((c) => c[by] === key);
				const hidden = line.filter((c) => !c.visible && c.count > 0);
				if (hidden.length === 0) continue;
				expect(hidden.length, `${by} ${key}`).toBeGreaterThanOrEqual(2);
				expect(
					hidden.reduce((n, c) => n + c.count, 0),
					`${by} ${key}`
				).toBeGreaterThanOrEqual(5);
			}
		}
	});
});
