import { describe, expect, it } from 'vitest';
import {
	cellKey,
	meetsThreshold,
	suppressCrossTable,
	suppressGroups,
	type GroupVisibility
} from '../../src/lib/domain/anonymity';

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

describe('suppressCrossTable (departments x role levels, row and column totals shown)', () => {
	const table = (rows: number[][]) =>
		rows.flatMap((counts, r) =>
			counts.map((count, c) => ({ row: `r${r}`, column: `c${c}`, count }))
		);
	const shownOf = (rows: number[][], threshold = 5) => {
		const result = suppressCrossTable(table(rows), threshold);
		return {
			cells: rows.map((counts, r) =>
				counts.map((_, c) => (result.cells.get(cellKey(`r${r}`, `c${c}`))!.visible ? 1 : 0))
			),
			rows: rows.map((_, r) => (result.rows.get(`r${r}`)!.visible ? 1 : 0)),
			columns: rows[0]!.map((_, c) => (result.columns.get(`c${c}`)!.visible ? 1 : 0))
		};
	};

	it.each([
		{
			name: 'all cells large: all shown',
			rows: [
				[6, 7],
				[8, 9]
			],
			cells: [
				[1, 1],
				[1, 1]
			],
			rowTotals: [1, 1],
			columnTotals: [1, 1]
		},
		{
			name: 'one small cell hides enough in its row and its column',
			rows: [
				[10, 10, 2],
				[10, 10, 10],
				[10, 10, 10]
			],
			cells: [
				[0, 1, 0],
				[0, 1, 0],
				[1, 1, 1]
			],
			rowTotals: [1, 1, 1],
			columnTotals: [1, 1, 1]
		},
		{
			// r has 2 managers and 6 staff; s has 10 managers. Staff exist only in r, so showing the
			// staff total would give r's managers as r − staff: the staff total is hidden, then the
			// managers' (the two role levels would reveal each other), and with every cell of both
			// departments hidden alone in its row, the department totals too. Conservative: every
			// hidden cell is protected as if it were small.
			name: 'a line with nothing left to hide loses its total',
			rows: [
				[2, 6],
				[10, 0]
			],
			cells: [
				[0, 0],
				[0, 1]
			],
			rowTotals: [0, 0],
			columnTotals: [0, 0]
		},
		{
			// A: x6 y6 w6; B: x5 y5; C: v3 (columns x, y, w, v). C is small and hides B; v is small
			// and hides w. Within x and y, B's cells are hidden alone, so A's go too: otherwise
			// (B∪C) ∩ (v∪w) = C could be worked out from the shown totals and cells.
			name: 'cells hidden by a hidden department count in their columns',
			rows: [
				[6, 6, 6, 0],
				[5, 5, 0, 0],
				[0, 0, 0, 3]
			],
			cells: [
				[0, 0, 0, 1],
				[0, 0, 1, 1],
				[1, 1, 1, 0]
			],
			rowTotals: [1, 0, 0],
			columnTotals: [1, 1, 0, 0]
		}
	])('$name', ({ rows, cells, rowTotals, columnTotals }) => {
		const shown = shownOf(rows);
		// Empty cells count as shown (they reveal nothing), hence the 1s for zeros above.
		expect(shown.cells.map((line, r) => line.map((v, c) => (rows[r]![c] === 0 ? 1 : v)))).toEqual(
			cells
		);
		expect(shown.rows).toEqual(rowTotals);
		expect(shown.columns).toEqual(columnTotals);
	});

	it.each([
		[
			[12, 3, 9, 1],
			[7, 8, 2, 15],
			[0, 6, 6, 6]
		],
		[
			[20, 1, 0],
			[0, 4, 9],
			[5, 5, 5]
		],
		[
			[3, 3],
			[3, 3]
		]
	])('leaves nothing that subtraction could reveal: %j', (...rows) => {
		const result = suppressCrossTable(table(rows), 5);
		const cells = [...result.cells.values()] as Array<GroupVisibility>;
		const grid = table(rows).map((c) => ({ ...c, ...result.cells.get(cellKey(c.row, c.column))! }));
		for (const cell of grid) {
			if (cell.visible && cell.count > 0) {
				expect(result.rows.get(cell.row)!.visible).toBe(true);
				expect(result.columns.get(cell.column)!.visible).toBe(true);
			}
		}
		const safe = (line: GroupVisibility[]) => {
			const hidden = line.filter((c) => !c.visible && c.count > 0);
			return (
				hidden.length === 0 || (hidden.length >= 2 && hidden.reduce((n, c) => n + c.count, 0) >= 5)
			);
		};
		for (const [by, totals] of [
			['row', result.rows],
			['column', result.columns]
		] as const) {
			for (const [key, total] of totals)
				if (total.visible)
					expect(safe(grid.filter((c) => c[by] === key)), `${by} ${key}`).toBe(true);
			expect(safe([...totals.values()]), `${by} totals`).toBe(true);
		}
		expect(cells.length).toBe(grid.length);
	});
});

describe('changed membership (docs/scoring.md rule 44, threshold 5)', () => {
	it.each([
		{ name: 'no removals: as rule 31', counts: [6, 7, 8], removed: [0, 0, 0], shown: 'abc' },
		{
			name: 'one removed from a group of 6: it needs 6 and is shown',
			counts: [6, 7, 8],
			removed: [1, 0, 0],
			shown: 'abc'
		},
		{
			name: 'two removed from a group of 6: it needs 7 and is hidden, with the next smallest',
			counts: [6, 7, 8],
			removed: [2, 0, 0],
			shown: 'c'
		},
		{
			name: 'an empty group stays empty whatever left it',
			counts: [0, 7, 8],
			removed: [3, 0, 0],
			shown: 'abc'
		}
	])('$name', ({ counts, removed, shown: expected }) => {
		const input = counts.map((count, i) => ({
			key: String.fromCharCode(97 + i),
			count,
			removed: removed[i]
		}));
		expect(shown(suppressGroups(input, 5))).toBe(expected);
	});

	it('a cross table asks the threshold plus the removals of the cell, its row and its column', () => {
		// Department r: 6 managers, 6 staff; department s: 6 managers, 6 staff. One manager of r removed.
		const cells = [
			{ row: 'r', column: 'managers', count: 6, removed: 1 },
			{ row: 'r', column: 'staff', count: 6 },
			{ row: 's', column: 'managers', count: 6 },
			{ row: 's', column: 'staff', count: 6 }
		];
		const table = suppressCrossTable(cells, 5);
		expect(table.cells.get(cellKey('r', 'managers'))?.visible).toBe(true);
		const twice = suppressCrossTable(
			cells.map((c) => (c.removed ? { ...c, removed: 2 } : c)),
			5
		);
		// 6 < 5 + 2: the cell is hidden, and so is enough around it that it cannot be subtracted.
		expect(twice.cells.get(cellKey('r', 'managers'))?.visible).toBe(false);
		expect(twice.rows.get('r')?.visible).toBe(true);
		expect(twice.cells.get(cellKey('r', 'staff'))?.visible).toBe(false);
	});
});
