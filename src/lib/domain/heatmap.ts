/**
 * Departments × areas: each department's team results, with the anonymity rules applied to the
 * departments as one partition of the round (the round total is shown elsewhere on the page).
 */
import { suppressGroups, type HiddenReason } from './anonymity';
import type { MaturityModel, StageId } from './model';
import { teamResults } from './results';
import type { ResponseInput } from './scoring';

export interface HeatmapRow {
	/** null for responses that came without a department (members, links for any department). */
	departmentId: string | null;
	responses: number;
	visible: boolean;
	reason: HiddenReason | null;
	/** Per area in model order; empty when the row is hidden. */
	cells: Array<{ areaId: string; score: number | null; stage: StageId | null }>;
}

/**
 * One row per department that has responses (in the order given, then "no department"), each shown
 * only when the anonymity rules allow.
 *
 * Example, threshold 5: departments with 12, 9 and 3 responses show only the first row; the other
 * two are hidden, the 3 for size and the 9 because the 3 could otherwise be worked out.
 */
export function departmentHeatmap(
	model: MaturityModel,
	responses: ReadonlyArray<ResponseInput & { departmentId: string | null }>,
	departmentOrder: readonly string[],
	threshold: number
): HeatmapRow[] {
	const byDepartment = new Map<
		string | null,
		(ResponseInput & { departmentId: string | null })[]
	>();
	for (const r of responses) {
		const list = byDepartment.get(r.departmentId) ?? [];
		list.push(r);
		byDepartment.set(r.departmentId, list);
	}
	const order = [
		...departmentOrder.filter((id) => byDepartment.has(id)),
		...[...byDepartment.keys()].filter(
			(id): id is string => id !== null && !departmentOrder.includes(id)
		),
		...(byDepartment.has(null) ? [null] : [])
	];
	const visibility = suppressGroups(
		order.map((id) => ({ key: id ?? '', count: byDepartment.get(id)?.length ?? 0 })),
		threshold
	);
	return order.map((id, i) => {
		const group = byDepartment.get(id) ?? [];
		const seen = visibility[i]!;
		const cells = seen.visible
			? teamResults(model, group).areas.map((a) => ({
					areaId: a.areaId,
					score: a.score,
					stage: a.stage
				}))
			: [];
		return {
			departmentId: id,
			responses: group.length,
			visible: seen.visible,
			reason: seen.reason,
			cells
		};
	});
}
