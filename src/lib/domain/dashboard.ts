/**
 * The round dashboard: the whole round or a filtered selection (a department, a role level, or one
 * cell of both), departments × areas, the role-level lens with its perception gaps, and agreement
 * per department. Every selection passes through `groupVisibility` (anonymity.ts) first; the
 * results pages, the PDF and the exports ask it the same question, so the anonymity rules hold the
 * same way everywhere.
 */
import {
	groupVisibility,
	keyOfId,
	mayShowNotes,
	NO_FILTER,
	type DashboardFilter,
	type SelectionVisibility,
	type Visibility
} from './anonymity';
import type { MaturityModel, StageId } from './model';
import { roundResults, teamQuestionLevels, withLowPractices, type Results } from './results';
import type { ImportanceRatings, QuestionStage } from './roadmap';
import type { Sector } from './sectors';
import {
	EMPTY_SUMS,
	everyone,
	idsWithResponses,
	splitSums,
	teamStatsOf,
	type CellSelector,
	type RoundSums
} from './round-sums';

/** The cells a filter takes: `selectorOf({ departmentId: 'd1', roleLevelId: null })`. */
export function selectorOf(filter: DashboardFilter): CellSelector {
	return (c) =>
		(filter.departmentId === null || keyOfId(c.departmentId) === filter.departmentId) &&
		(filter.roleLevelId === null || keyOfId(c.roleLevelId) === filter.roleLevelId);
}

export interface AreaCell {
	areaId: string;
	mean: number | null;
	score: number | null;
	stage: StageId | null;
	/**
	 * The group's questions whose own stage (its mean level) is two or more stages below the area's
	 * (docs/scoring.md rule 24c), in model order; [] when none is. Only in a shown row.
	 */
	lowPractices: QuestionStage[];
}

export interface GroupRow extends SelectionVisibility {
	/** The department's or role level's id; null for responses that came without one. */
	id: string | null;
	/** Per area in model order; empty when the row is hidden. */
	areas: AreaCell[];
	/** Mean agreement over the areas (0-1); null when hidden. */
	agreement: number | null;
	/** The group's most disputed question, if any. */
	disputedQuestionId: string | null;
}

export interface DepartmentRow extends GroupRow {
	/** People the department's links were sent to, when the facilitator said (whole round only). */
	invited: number | null;
	/** Responses / invited, 0-1; null when unknown or hidden. */
	responseRate: number | null;
}

/** A department's or role level's row from its own part of the sums (see `splitSums`). */
function groupRow(
	model: MaturityModel,
	part: RoundSums | undefined,
	id: string | null,
	seen: SelectionVisibility
): GroupRow {
	if (!seen.visible) return { ...seen, id, areas: [], agreement: null, disputedQuestionId: null };
	const team = teamStatsOf(model, part ?? EMPTY_SUMS, everyone, { disputedCount: 1 });
	const agreements = team.areas.map((a) => a.agreement).filter((a): a is number => a !== null);
	return {
		...seen,
		id,
		areas: withLowPractices(
			model,
			team.areas.map((a) => ({ areaId: a.areaId, mean: a.mean, score: a.score, stage: a.stage })),
			teamQuestionLevels(team)
		),
		agreement:
			agreements.length > 0 ? agreements.reduce((s, a) => s + a, 0) / agreements.length : null,
		disputedQuestionId: team.disputed[0]?.questionId ?? null
	};
}

/**
 * Departments × areas, within a role level when one is chosen. Example, threshold 5: departments
 * of 12, 9 and 3 responses show only the first; the 3 is too small and the 9 would reveal it.
 */
export function departmentRows(
	model: MaturityModel,
	sums: RoundSums,
	visibility: Visibility,
	options: {
		order: readonly string[];
		roleLevelId: string | null;
		invited?: ReadonlyMap<string | null, number>;
	}
): DepartmentRow[] {
	const { roleLevelId } = options;
	const inRole = selectorOf({ departmentId: null, roleLevelId });
	const parts = splitSums(sums, (c) => (inRole(c) ? keyOfId(c.departmentId) : undefined));
	return idsWithResponses([sums], 'departmentId', options.order, 'first-seen').map((id) => {
		const filter = { departmentId: keyOfId(id), roleLevelId };
		const row = groupRow(model, parts.get(keyOfId(id)), id, visibility.check(filter));
		const invited = roleLevelId === null ? (options.invited?.get(id) ?? null) : null;
		return {
			...row,
			invited,
			responseRate: row.visible && invited ? Math.min(1, row.count / invited) : null
		};
	});
}

/** Role levels × areas, within a department when one is chosen. */
export function roleLevelRows(
	model: MaturityModel,
	sums: RoundSums,
	visibility: Visibility,
	options: { order: readonly string[]; departmentId: string | null }
): GroupRow[] {
	const { departmentId } = options;
	const inDepartment = selectorOf({ departmentId, roleLevelId: null });
	const parts = splitSums(sums, (c) => (inDepartment(c) ? keyOfId(c.roleLevelId) : undefined));
	return idsWithResponses([sums], 'roleLevelId', options.order, 'first-seen').map((id) => {
		const filter = { departmentId, roleLevelId: keyOfId(id) };
		return groupRow(model, parts.get(keyOfId(id)), id, visibility.check(filter));
	});
}

export interface PerceptionGap {
	areaId: string;
	/** The role level that rates the area highest, and the one that rates it lowest. */
	higher: string | null;
	lower: string | null;
	/** Difference of their mean levels, in stages. */
	stages: number;
}

/** Gaps smaller than half a stage are not named. */
export const MIN_PERCEPTION_GAP = 0.5;

/**
 * The largest perception gaps between the shown role levels: per area, the highest against the
 * lowest mean, largest first, at least half a stage apart. Example: executives at 3.2 and frontline
 * staff at 2.1 on an area give a gap of 1.1 stages.
 */
export function perceptionGaps(rows: readonly GroupRow[], count = 3): PerceptionGap[] {
	const shown = rows.filter((r) => r.visible);
	if (shown.length < 2) return [];
	const areaIds = shown[0]!.areas.map((a) => a.areaId);
	const gaps: PerceptionGap[] = [];
	areaIds.forEach((areaId, a) => {
		const means = shown
			.map((r) => ({ id: r.id, mean: r.areas[a]?.mean ?? null }))
			.filter((x): x is { id: string | null; mean: number } => x.mean !== null);
		if (means.length < 2) return;
		const high = means.reduce((best, x) => (x.mean > best.mean ? x : best));
		const low = means.reduce((best, x) => (x.mean < best.mean ? x : best));
		const stages = high.mean - low.mean;
		if (stages >= MIN_PERCEPTION_GAP - 1e-9)
			gaps.push({ areaId, higher: high.id, lower: low.id, stages });
	});
	return gaps.sort((x, y) => y.stages - x.stages).slice(0, count);
}

/** How a gap is said: to the nearest half stage, "half" for 0.5, "one" for 1, else a number. */
export function gapWording(stages: number): { kind: 'half' | 'one' | 'many'; stages: number } {
	const rounded = Math.round(stages * 2) / 2;
	if (rounded <= 0.5) return { kind: 'half', stages: 0.5 };
	if (rounded === 1) return { kind: 'one', stages: 1 };
	return { kind: 'many', stages: rounded };
}

export interface Dashboard {
	filter: DashboardFilter;
	/** Submitted responses to the round. */
	total: number;
	threshold: number;
	/** The whole round may be shown (rules 35 and 44: the threshold, plus any removals). */
	roundShown: boolean;
	selection: SelectionVisibility;
	/** The selection's results; null when hidden. */
	results: Results | null;
	departments: DepartmentRow[];
	roleLevels: GroupRow[];
	gaps: PerceptionGap[];
	/** Evidence notes may be shown: the selection has at least twice the threshold. */
	notesAllowed: boolean;
	/** The importance rated per area for the round, which ranked the roadmap (rule 26); {} for none. */
	importance: ImportanceRatings;
}

/** Everything the round dashboard shows, for one filter. */
export function roundDashboard(
	model: MaturityModel,
	sums: RoundSums,
	options: {
		threshold: number;
		filter: DashboardFilter;
		departmentOrder: readonly string[];
		roleLevelOrder: readonly string[];
		invited?: ReadonlyMap<string | null, number>;
		/** The importance rated per area for the round (docs/scoring.md rule 26). */
		importance?: ImportanceRatings;
		/** The organisation's sector, whose legal floors the results check (rule 24b). */
		sector?: Sector | null;
	}
): Dashboard {
	const visibility = groupVisibility(sums, options.threshold);
	const { filter } = options;
	const selection = visibility.check(filter);
	const roundShown = visibility.check(NO_FILTER).visible;
	const roleLevels = roundShown
		? roleLevelRows(model, sums, visibility, {
				order: options.roleLevelOrder,
				departmentId: filter.departmentId
			})
		: [];
	return {
		filter,
		total: visibility.total,
		threshold: options.threshold,
		roundShown,
		selection,
		results: selection.visible
			? roundResults(model, sums, selectorOf(filter), options.importance, options.sector ?? null)
			: null,
		departments: roundShown
			? departmentRows(model, sums, visibility, {
					order: options.departmentOrder,
					roleLevelId: filter.roleLevelId,
					invited: options.invited
				})
			: [],
		roleLevels,
		gaps: perceptionGaps(roleLevels),
		notesAllowed: selection.visible && mayShowNotes(selection.count, options.threshold),
		importance: options.importance ?? {}
	};
}
