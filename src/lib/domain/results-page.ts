/**
 * What a round's team results page carries: the dashboard as `dashboardView` names and rounds it,
 * the filter and the groups to choose from, the evidence notes of the chosen group and the roadmap
 * tracked after the previous round. The anonymity rules come from anonymity.ts: team results once
 * the round reaches its threshold (docs/scoring.md rule 35), notes only for a group of twice the
 * threshold (rule 36), and never a note when the dashboard does not allow them. The round's
 * workshop record (rules 46-48) is shown beside the individual answers when there is one, and in
 * their place, as the round's results, while the round is below its threshold (rule 49).
 */
import { notesMinimum } from './anonymity';
import type { Dashboard } from './dashboard';
import { dashboardView, type GroupNames } from './dashboard-view';
import { localize, type Locale, type MaturityModel } from './model';
import { resultsView, trackedItemsView } from './results-view';
import type { RoadmapStatus } from './roadmap';
import type { Sector } from './sectors';
import { consensusResults, workshopRecordView, type RecordLine } from './workshop-record';

export interface EvidenceNoteInput {
	questionId: string;
	note: string;
}

/**
 * Evidence notes by area and question, in the model's order, with the number of notes per area.
 * Areas and questions without notes are left out; notes for questions the model does not have too.
 */
export function evidenceView(
	model: MaturityModel,
	notes: readonly EvidenceNoteInput[],
	locale: Locale
) {
	const notesByQuestion = new Map<string, string[]>();
	for (const n of notes)
		notesByQuestion.set(n.questionId, [...(notesByQuestion.get(n.questionId) ?? []), n.note]);
	return model.areas
		.map((area) => ({
			area: localize(area.name, locale),
			questions: area.questions
				.filter((q) => notesByQuestion.has(q.id))
				.map((q) => ({ text: localize(q.text, locale), notes: notesByQuestion.get(q.id) ?? [] }))
		}))
		.map((a) => ({ ...a, count: a.questions.reduce((n, q) => n + q.notes.length, 0) }))
		.filter((a) => a.questions.length > 0);
}

interface NamedGroup {
	id: string;
	name: string;
}

export interface ResultsPageInput {
	round: { id: string; name: string; anonymityThreshold: number };
	model: MaturityModel;
	dashboard: Dashboard;
	/** The organisation's departments and role levels, archived ones too, in its order. */
	departments: readonly NamedGroup[];
	roleLevels: readonly NamedGroup[];
	/** Names of the groups of responses that came without a department or role level. */
	noDepartment: string;
	noRoleLevel: string;
	/** The address named a department or role level that is not the organisation's. */
	unknownFilter: boolean;
	/** The filter as a query string, for links that keep it ('' for none). */
	query: string;
	/** The chosen group's evidence notes (read only when the dashboard allows them). */
	notes: readonly EvidenceNoteInput[];
	/** The previous round with its model and tracked roadmap items, if there is one. */
	previous: {
		round: { id: string; name: string };
		model: MaturityModel;
		tracked: Iterable<{
			recommendationId: string;
			ownerName: string | null;
			dueQuarter: string | null;
			status: RoadmapStatus;
		}>;
	} | null;
	/** The round's workshop record (docs/scoring.md rule 46), or null without one. */
	record?: { endedAt: string; lines: readonly RecordLine[] } | null;
	/** The organisation's sector, whose legal floors the record's agreed answers are checked against. */
	sector?: Sector | null;
	locale: Locale;
}

/** The team results page's data. */
export function resultsPageView(input: ResultsPageInput) {
	const { model, dashboard, locale } = input;
	const names: GroupNames = {
		departments: new Map(input.departments.map((d) => [d.id, d.name])),
		roleLevels: new Map(input.roleLevels.map((r) => [r.id, r.name])),
		noDepartment: input.noDepartment,
		noRoleLevel: input.noRoleLevel
	};
	const previousItems = input.previous
		? trackedItemsView(input.previous.model, input.previous.tracked, locale)
		: [];
	const consensus = consensusResults(
		model,
		dashboard.roundShown,
		input.record,
		dashboard.importance
	);
	return {
		round: {
			id: input.round.id,
			name: input.round.name,
			threshold: input.round.anonymityThreshold
		},
		filter: dashboard.filter,
		/** The organisation has a sector, so the compliance export has something to check. */
		hasSector: (input.sector ?? null) !== null,
		query: input.query,
		unknownFilter: input.unknownFilter,
		departmentOptions: input.departments.map((d) => ({ id: d.id, name: d.name })),
		roleLevelOptions: input.roleLevels.map((r) => ({ id: r.id, name: r.name })),
		view: dashboardView(model, dashboard, names, locale),
		/** The round has enough responses for team results (rules 35 and 44). */
		roundShown: dashboard.roundShown,
		/** The smallest group whose notes are shown (rule 36). */
		notesMinimum: notesMinimum(dashboard.threshold),
		evidence: dashboard.notesAllowed ? evidenceView(model, input.notes, locale) : [],
		/**
		 * The room's consensus beside the individual answers (rule 48): counts only, thresholded;
		 * the individual figures only where the page shows the team results.
		 */
		record: input.record
			? workshopRecordView(model, input.record, dashboard.results, locale, input.sector ?? null)
			: null,
		/**
		 * The workshop's agreed answers as the round's results while the round is below its
		 * threshold (rule 49): built from the record only, never from an individual answer.
		 */
		consensus: consensus ? resultsView(model, consensus, locale) : null,
		previous:
			input.previous && previousItems.length > 0
				? {
						round: { id: input.previous.round.id, name: input.previous.round.name },
						items: previousItems
					}
				: null
	};
}

export type ResultsPageView = ReturnType<typeof resultsPageView>;
