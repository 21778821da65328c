/**
 * Turns a dashboard into what a page or a report shows: names in the reader's language, numbers
 * rounded, and nothing about a hidden group except that it is hidden (not even its count).
 */
import { gapWording, type Dashboard, type DepartmentRow, type GroupRow } from './dashboard';
import { localize, type Locale, type MaturityModel } from './model';
import { importanceView, resultsView } from './results-view';
import { namePractices } from './roadmap';
import { round } from './scoring';
import { workshopRecordView, type IndividualFigures, type RecordLine } from './workshop-record';

export interface GroupNames {
	departments: ReadonlyMap<string, string>;
	roleLevels: ReadonlyMap<string, string>;
	/** Names for the groups of responses that came without a department or role level. */
	noDepartment: string;
	noRoleLevel: string;
}

export function dashboardView(
	model: MaturityModel,
	dashboard: Dashboard,
	names: GroupNames,
	locale: Locale
) {
	const areaName = new Map(model.areas.map((a) => [a.id, localize(a.name, locale)]));
	const questionText = new Map(
		model.areas.flatMap((a) => a.questions.map((q) => [q.id, localize(q.text, locale)] as const))
	);
	const departmentName = (id: string | null) =>
		id === null ? names.noDepartment : (names.departments.get(id) ?? id);
	const roleLevelName = (id: string | null) =>
		id === null ? names.noRoleLevel : (names.roleLevels.get(id) ?? id);
	const row = (r: GroupRow, name: string) =>
		r.visible
			? {
					key: r.id ?? '',
					name,
					visible: true as const,
					reason: null,
					count: r.count,
					agreement: r.agreement === null ? null : round(r.agreement * 100, 0),
					disputed: r.disputedQuestionId
						? (questionText.get(r.disputedQuestionId) ?? r.disputedQuestionId)
						: null,
					cells: r.areas.map((a) => ({
						areaId: a.areaId,
						score: a.score === null ? null : round(a.score, 0),
						mean: a.mean === null ? null : round(a.mean, 1),
						stage: a.stage,
						/**
						 * The group's practices two or more stages below the area (docs/scoring.md rule
						 * 24c), as the results page names them; a hidden row has no cells at all.
						 */
						lowPractices: namePractices(a.lowPractices, (id) => questionText.get(id) ?? id)
					}))
				}
			: {
					key: r.id ?? '',
					name,
					visible: false as const,
					reason: r.reason,
					count: null,
					agreement: null,
					disputed: null,
					cells: []
				};
	return {
		total: dashboard.total,
		threshold: dashboard.threshold,
		selection: {
			visible: dashboard.selection.visible,
			reason: dashboard.selection.reason,
			count: dashboard.selection.visible ? dashboard.selection.count : null
		},
		results: dashboard.results ? resultsView(model, dashboard.results, locale) : null,
		areas: model.areas.map((a) => ({ id: a.id, name: areaName.get(a.id) ?? a.id })),
		departments: dashboard.departments.map((r: DepartmentRow) => ({
			...row(r, departmentName(r.id)),
			invited: r.visible ? r.invited : null,
			responseRate: r.responseRate === null ? null : round(r.responseRate * 100, 0)
		})),
		roleLevels: dashboard.roleLevels.map((r) => row(r, roleLevelName(r.id))),
		gaps: dashboard.gaps.map((g) => ({
			...gapWording(g.stages),
			area: areaName.get(g.areaId) ?? g.areaId,
			higher: roleLevelName(g.higher),
			lower: roleLevelName(g.lower)
		})),
		notesAllowed: dashboard.notesAllowed,
		/** The importance rated per area, which ranked the roadmap (rule 26); [] for none. */
		importance: importanceView(model, dashboard.importance, locale)
	};
}

export type DashboardView = ReturnType<typeof dashboardView>;

/**
 * The organisation page's glance at the latest round's workshop (docs/scoring.md rule 48): per
 * area of the workshop, the consensus stage beside the individual answers' stage (null when the
 * round's team results are not shown). The same figures as the results page's record.
 */
export function consensusSummaryView(
	model: MaturityModel,
	record: { endedAt: string; lines: readonly RecordLine[] },
	individual: IndividualFigures | null,
	locale: Locale
) {
	const view = workshopRecordView(model, record, individual, locale);
	return {
		endedAt: view.endedAt,
		areas: view.areas.map((a) => ({
			id: a.id,
			name: a.name,
			individual: a.individual?.stage ?? null,
			consensus: a.consensus.stage
		}))
	};
}

export type ConsensusSummaryView = ReturnType<typeof consensusSummaryView>;
