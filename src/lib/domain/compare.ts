/**
 * Two rounds of the same organisation and model side by side: the mean level (1-4) per area and
 * overall in each, and the change between them, for the whole round and per department.
 *
 * The anonymity rules of each round hold as they do on its own dashboard (`groupVisibility`): no
 * comparison unless both whole rounds may be shown, and a department's changes only when it may
 * be shown in both rounds. A change from a group hidden in either round could reveal it, so
 * nothing about such a department is given but that it is hidden.
 */
import { NO_FILTER, WITHOUT, groupVisibility } from './anonymity';
import { selectorOf } from './dashboard';
import type { MaturityModel } from './model';
import { idsWithResponses, teamStatsOf, type CellSelector, type RoundSums } from './round-sums';

export interface RoundSide {
	/** The round's sums. */
	sums: RoundSums;
	/** The round's anonymity threshold. */
	threshold: number;
}

export interface Change {
	/** Mean levels (1-4); null where the round has none. */
	before: number | null;
	after: number | null;
	/** after − before, in stages; null when either is missing. */
	delta: number | null;
}

export interface AreaChange extends Change {
	areaId: string;
}

export interface DepartmentChange {
	/** The department's id; null for the responses that came without one. */
	departmentId: string | null;
	/** Shown in both rounds; when false, `areas` is empty. */
	visible: boolean;
	areas: AreaChange[];
}

export interface RoundComparison {
	overall: Change;
	/** Per area of the model, in model order. */
	areas: AreaChange[];
	/** Departments with responses in either round; empty when there is no comparison. */
	departments: DepartmentChange[];
}

const changeOf = (before: number | null, after: number | null): Change => ({
	before,
	after,
	delta: before !== null && after !== null ? after - before : null
});

/** Mean level per area and overall of the selected cells of a round. */
function meansOf(model: MaturityModel, sums: RoundSums, select?: CellSelector) {
	const team = teamStatsOf(model, sums, select);
	return {
		overall: team.overall.mean,
		areas: new Map(team.areas.map((a) => [a.areaId, a.mean]))
	};
}

function areaChanges(
	model: MaturityModel,
	before: ReturnType<typeof meansOf> | null,
	after: ReturnType<typeof meansOf> | null
): AreaChange[] {
	return model.areas.map((area) => ({
		areaId: area.id,
		...changeOf(before?.areas.get(area.id) ?? null, after?.areas.get(area.id) ?? null)
	}));
}

/**
 * The change from `before` to `after`, read with the later round's model (areas a round has no
 * answers for give null). Example: an area at 2.0 in the first round and 3.0 in the second changes
 * by +1; a department of 3 responses in either round (threshold 5) shows no numbers.
 */
export function compareRounds(
	model: MaturityModel,
	before: RoundSide,
	after: RoundSide,
	departmentOrder: readonly string[]
): RoundComparison {
	const seenBefore = groupVisibility(before.sums, before.threshold);
	const seenAfter = groupVisibility(after.sums, after.threshold);
	if (!seenBefore.check(NO_FILTER).visible || !seenAfter.check(NO_FILTER).visible)
		return {
			overall: changeOf(null, null),
			areas: areaChanges(model, null, null),
			departments: []
		};

	const wholeBefore = meansOf(model, before.sums);
	const wholeAfter = meansOf(model, after.sums);
	const departments = idsWithResponses(
		[before.sums, after.sums],
		'departmentId',
		departmentOrder,
		'first-seen'
	).map((departmentId): DepartmentChange => {
		const filter = { departmentId: departmentId ?? WITHOUT, roleLevelId: null };
		const visible = seenBefore.check(filter).visible && seenAfter.check(filter).visible;
		if (!visible) return { departmentId, visible, areas: [] };
		const select = selectorOf(filter);
		return {
			departmentId,
			visible,
			areas: areaChanges(
				model,
				meansOf(model, before.sums, select),
				meansOf(model, after.sums, select)
			)
		};
	});
	return {
		overall: changeOf(wholeBefore.overall, wholeAfter.overall),
		areas: areaChanges(model, wholeBefore, wholeAfter),
		departments
	};
}
