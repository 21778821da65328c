/**
 * Anonymity rules for showing the responses of a group (a department or a role level) or of a cell
 * (one department × one role level). The results pages, the PDF and the exports apply these same
 * functions: `groupVisibility` applies them to a round's sums and answers, for any filter (a
 * department, a role level or both), whether its selection may be shown.
 *
 * 1. Threshold: a group with responses but fewer than the round's threshold is hidden.
 * 2. Differencing: a hidden group must not be computable by subtraction. When the total is shown,
 *    the hidden groups together (total minus the shown ones) must also reach the threshold and
 *    there must be at least two of them; otherwise the smallest shown groups are hidden too, one
 *    at a time, until both hold.
 * 3. Empty groups reveal nothing and are neither hidden nor counted as hidden.
 * 4. Changed membership (docs/scoring.md rule 44): a group that lost k submitted responses (an owner
 *    excluded or deleted them) needs the threshold plus k to be shown on its own, so that the
 *    views before and after the change never isolate fewer than the threshold's worth of people.
 * 5. Evidence notes (free text) of a shown group need twice the threshold (`mayShowNotes`).
 */

import { countOf, type RoundSums } from './round-sums';

export interface GroupCount {
	key: string;
	count: number;
	/** Responses that left the group during the round (rule 4); 0 when absent. */
	removed?: number;
}

export type HiddenReason = 'below-threshold' | 'differencing';

export interface GroupVisibility {
	key: string;
	count: number;
	visible: boolean;
	reason: HiddenReason | null;
}

/** Whether a group of `count` responses may be shown on its own: `meetsThreshold(4, 5)` is false. */
export function meetsThreshold(count: number, threshold: number): boolean {
	return count >= threshold;
}

/**
 * The smallest group whose evidence notes may be shown: twice the threshold, as free text tells
 * more about its writer than a number (docs/scoring.md rule 36). `notesMinimum(5)` is 10.
 */
export function notesMinimum(threshold: number): number {
	return 2 * threshold;
}

/** Whether the evidence notes of a shown group of `count` responses may be shown (rule 36). */
export function mayShowNotes(count: number, threshold: number): boolean {
	return meetsThreshold(count, notesMinimum(threshold));
}

/**
 * Decides which groups of one partition of the responses (every response in exactly one group)
 * may be shown, when the total of all groups is shown as well.
 *
 * Example, threshold 5: groups 12, 9 and 3 with the total 24 shown. The group of 3 is hidden, and
 * it could be recovered as 24 − 12 − 9, so the next smallest (9) is hidden too: 12 is shown, and
 * 9 + 3 = 12 people can no longer be told apart.
 */
export function suppressGroups(
	groups: readonly GroupCount[],
	threshold: number
): GroupVisibility[] {
	const result: GroupVisibility[] = groups.map((g) => ({
		key: g.key,
		count: g.count,
		...ownVisibility(g.count, g.removed ?? 0, threshold)
	}));
	applyDifferencing(result, threshold);
	return result;
}

/** Rules 1, 3 and 4 for one group on its own. */
function ownVisibility(
	count: number,
	removed: number,
	threshold: number
): { visible: boolean; reason: HiddenReason | null } {
	const shown = count === 0 || meetsThreshold(count, threshold + removed);
	return { visible: shown, reason: shown ? null : 'below-threshold' };
}

/** Whether the hidden groups of a line are safe: none, or at least two reaching the threshold together. */
function protectedLine(cells: readonly GroupVisibility[], threshold: number): boolean {
	const hidden = cells.filter((c) => !c.visible && c.count > 0);
	const hiddenTotal = hidden.reduce((n, c) => n + c.count, 0);
	return hidden.length === 0 || (hidden.length >= 2 && meetsThreshold(hiddenTotal, threshold));
}

/** Secondary suppression within one partition, in place. Returns true when it hid anything. */
function applyDifferencing(cells: GroupVisibility[], threshold: number): boolean {
	let changed = false;
	for (;;) {
		const hidden = cells.filter((c) => !c.visible && c.count > 0);
		if (hidden.length === 0) return changed;
		const hiddenTotal = hidden.reduce((n, c) => n + c.count, 0);
		if (hidden.length >= 2 && meetsThreshold(hiddenTotal, threshold)) return changed;
		// Hide the smallest shown group with responses (ties: the first in order).
		const next = cells
			.map((c, index) => ({ c, index }))
			.filter(({ c }) => c.visible && c.count > 0)
			.sort((a, b) => a.c.count - b.c.count || a.index - b.index)[0];
		if (!next) return changed; // everything is hidden already
		next.c.visible = false;
		next.c.reason = 'differencing';
		changed = true;
	}
}

export interface CellCount {
	row: string;
	column: string;
	count: number;
	/** Responses that left the cell during the round (rule 4); 0 when absent. */
	removed?: number;
}

export interface CrossTable {
	/** The row totals (e.g. departments), the column totals (role levels) and the cells, by key. */
	rows: Map<string, GroupVisibility>;
	columns: Map<string, GroupVisibility>;
	/** Keyed by `cellKey(row, column)`. */
	cells: Map<string, GroupVisibility>;
}

export const cellKey = (row: string, column: string) => `${row}\u0000${column}`;

const hide = (g: GroupVisibility, reason: HiddenReason = 'differencing') => {
	g.visible = false;
	g.reason ??= reason;
};

/**
 * The rules for a table of groups crossed with groups (departments × role levels) whose row and
 * column totals are shown as groups of their own, so that no hidden number can be worked out from
 * any combination of shown ones. Repeated until nothing changes:
 *
 * - rows and columns are each a partition of the whole: rules 1 and 2 (`suppressGroups`);
 * - a cell is shown only when its row and its column are;
 * - within a shown row (or column), the hidden cells must be safe by rule 2, hiding more cells of
 *   the line if needed; when no cell is left to hide, the line's total is hidden instead.
 *
 * Example, threshold 5: department r has 2 managers and 6 staff, department s 10 managers. The 2
 * hide the 6 in their row and the 10 in their column; the staff column then holds one hidden cell
 * and nothing more to hide, so the staff total (6, all in r) is hidden too: otherwise r's managers
 * would be r − staff.
 */
export function suppressCrossTable(cells: readonly CellCount[], threshold: number): CrossTable {
	const totals = (by: 'row' | 'column') => {
		const counts = new Map<string, { count: number; removed: number }>();
		for (const c of cells) {
			const line = counts.get(c[by]) ?? { count: 0, removed: 0 };
			line.count += c.count;
			line.removed += c.removed ?? 0;
			counts.set(c[by], line);
		}
		return suppressGroups(
			[...counts].map(([key, line]) => ({ key, ...line })),
			threshold
		);
	};
	const rows = totals('row');
	const columns = totals('column');
	const rowOf = new Map(rows.map((r) => [r.key, r]));
	const columnOf = new Map(columns.map((c) => [c.key, c]));
	const table = cells.map((c) => ({
		row: c.row,
		column: c.column,
		key: cellKey(c.row, c.column),
		count: c.count,
		...ownVisibility(c.count, c.removed ?? 0, threshold)
	}));
	const lines = (by: 'row' | 'column') => {
		const map = new Map<string, typeof table>();
		for (const cell of table) map.set(cell[by], [...(map.get(cell[by]) ?? []), cell]);
		return map;
	};
	const rowLines = lines('row');
	const columnLines = lines('column');

	for (let changed = true; changed;) {
		changed = false;
		for (const cell of table) {
			const shown = rowOf.get(cell.row)?.visible && columnOf.get(cell.column)?.visible;
			if (cell.visible && cell.count > 0 && !shown) {
				hide(cell);
				changed = true;
			}
		}
		for (const [totalsOf, linesOf] of [
			[rowOf, rowLines],
			[columnOf, columnLines]
		] as const) {
			for (const [key, line] of linesOf) {
				const total = totalsOf.get(key);
				if (!total?.visible) continue;
				if (applyDifferencing(line, threshold)) changed = true;
				if (!protectedLine(line, threshold)) {
					hide(total);
					changed = true;
				}
			}
		}
		if (applyDifferencing(rows, threshold)) changed = true;
		if (applyDifferencing(columns, threshold)) changed = true;
	}
	return {
		rows: rowOf,
		columns: columnOf,
		cells: new Map(table.map((c) => [c.key, c]))
	};
}

/**
 * Department and role level to narrow the round to: an id, `WITHOUT` for the responses that came
 * without one, or null for every one.
 */
export interface DashboardFilter {
	departmentId: string | null;
	roleLevelId: string | null;
}

export const NO_FILTER: DashboardFilter = { departmentId: null, roleLevelId: null };

/** The filter value for "responses without a department (or role level)"; no id is empty. */
export const WITHOUT = '';

/** The key of a department or role level in the filter and the cross table: `WITHOUT` for none. */
export const keyOfId = (id: string | null) => id ?? WITHOUT;

export interface SelectionVisibility {
	/** Responses in the selection (not to be shown when it is hidden). */
	count: number;
	visible: boolean;
	/** Why the selection is hidden (an empty one reads as below the threshold); null when shown. */
	reason: HiddenReason | null;
}

export interface Visibility {
	threshold: number;
	total: number;
	/** May the selection of this filter (the round, a group or a cell) be shown? */
	check(filter: DashboardFilter): SelectionVisibility;
}

/**
 * The anonymity rules (docs/scoring.md, rules 31-35) applied to a round: the whole round needs the
 * threshold; departments and role levels are each a partition with differencing; a department and
 * role level together are shown only when both are and their cell survives the table rule.
 */
export function groupVisibility(sums: RoundSums, threshold: number): Visibility {
	const total = countOf(sums);
	const {
		rows: departments,
		columns: roleLevels,
		cells
	} = suppressCrossTable(
		sums.cells.map((c) => ({
			row: keyOfId(c.departmentId),
			column: keyOfId(c.roleLevelId),
			count: c.responses,
			removed: c.removed
		})),
		threshold
	);
	// An empty group reads like a small one, so that a filter cannot tell "none" from "a few".
	const fromGroup = (group: GroupVisibility | undefined): SelectionVisibility =>
		group && group.count > 0
			? { count: group.count, visible: group.visible, reason: group.reason }
			: hidden(0);
	const removed = sums.cells.reduce((n, c) => n + (c.removed ?? 0), 0);
	const wholeRound = fromGroup({
		key: '',
		count: total,
		visible: meetsThreshold(total, threshold + removed),
		reason: meetsThreshold(total, threshold + removed) ? null : 'below-threshold'
	});

	return {
		threshold,
		total,
		check({ departmentId, roleLevelId }) {
			if (!wholeRound.visible)
				return departmentId !== null || roleLevelId !== null ? hidden(0) : wholeRound;
			if (departmentId === null)
				return roleLevelId === null ? wholeRound : fromGroup(roleLevels.get(roleLevelId));
			if (roleLevelId === null) return fromGroup(departments.get(departmentId));
			return fromGroup(cells.get(cellKey(departmentId, roleLevelId)));
		}
	};
}

const hidden = (count: number): SelectionVisibility => ({
	count,
	visible: false,
	reason: 'below-threshold'
});
