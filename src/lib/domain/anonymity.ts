/**
 * Anonymity rules for showing groups of responses (departments, role levels, their combinations).
 * The results pages, the PDF and the exports apply these same functions.
 *
 * 1. Threshold: a group with responses but fewer than the round's threshold is hidden.
 * 2. Differencing: a hidden group must not be computable by subtraction. When the total is shown,
 *    the hidden groups together (total minus the shown ones) must also reach the threshold and
 *    there must be at least two of them; otherwise the smallest shown groups are hidden too, one
 *    at a time, until both hold.
 * 3. Empty groups reveal nothing and are neither hidden nor counted as hidden.
 */

export interface GroupCount {
	key: string;
	count: number;
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
		visible: g.count === 0 || meetsThreshold(g.count, threshold),
		reason: g.count > 0 && !meetsThreshold(g.count, threshold) ? 'below-threshold' : null
	}));
	applyDifferencing(result, threshold);
	return result;
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
}

/**
 * The same rules for a table of combined groups (e.g. departments × role levels, when both filters
 * combine) whose row and column totals are shown: rule 2 is applied to every row and every column,
 * again and again, until no more cells need hiding.
 */
export function suppressTable(
	cells: readonly CellCount[],
	threshold: number
): Array<CellCount & GroupVisibility> {
	const result = cells.map((c) => ({
		...c,
		key: `${c.row}\u0000${c.column}`,
		visible: c.count === 0 || meetsThreshold(c.count, threshold),
		reason: (c.count > 0 && !meetsThreshold(c.count, threshold)
			? 'below-threshold'
			: null) as HiddenReason | null
	}));
	const lines = (by: 'row' | 'column') => {
		const map = new Map<string, typeof result>();
		for (const cell of result) {
			const line = map.get(cell[by]) ?? [];
			line.push(cell);
			map.set(cell[by], line);
		}
		return [...map.values()];
	};
	const rows = lines('row');
	const columns = lines('column');
	for (let changed = true; changed;) {
		changed = false;
		for (const line of [...rows, ...columns])
			if (applyDifferencing(line, threshold)) changed = true;
	}
	return result;
}
