/**
 * What the round page may carry for each role. SvelteKit serialises everything a `load` returns
 * into the page and its `__data.json`, so what a role may not see is left out here, not hidden in
 * the markup: respondent link tokens and progress only for those who manage rounds, the response
 * review (its own page) only for owners, and no count below the anonymity threshold for anyone.
 */
import { LANGUAGE_NAMES } from './locale';
import { localize, type Locale, type MaturityModel } from './model';
import { meetsThreshold } from './anonymity';
import { can, type Role } from './permissions';
import { importanceView } from './results-view';
import type { Importance, ImportanceRatings } from './roadmap';

/**
 * A count of responses as a page may show it: the number when it reaches the threshold, otherwise
 * null ("fewer than N"), so a small or empty group's size is not told (docs/scoring.md rules 31, 34).
 * `shownCount(3, 5)` is null; `shownCount(7, 5)` is 7.
 */
export function shownCount(count: number, threshold: number): number | null {
	return meetsThreshold(count, threshold) ? count : null;
}

interface RoundInput {
	id: string;
	name: string;
	status: 'draft' | 'open' | 'closed';
	anonymityThreshold: number;
}

interface LinkInput {
	token: string;
	departmentId: string | null;
	departmentName: string | null;
	roleLevelId: string | null;
	roleLevelName: string | null;
	revoked: boolean;
	invited: number | null;
	locale?: Locale | null;
	started: number;
	submitted: number;
}

interface ReviewInput {
	id: string;
	linkToken: string | null;
	status: 'draft' | 'submitted';
	startedOn: string;
	submittedOn: string | null;
	answered: number;
	excluded: boolean;
}

interface NamedGroup {
	id: string;
	name: string;
}

export interface RoundPageInput {
	role: Role;
	round: RoundInput;
	myStatus: 'draft' | 'submitted' | null;
	links: readonly LinkInput[];
	departments: readonly NamedGroup[];
	roleLevels: readonly NamedGroup[];
	/** The round's model and the importance rated per area (docs/scoring.md rule 26). */
	model: Pick<MaturityModel, 'areas'>;
	importance: ImportanceRatings;
	locale: Locale;
}

/** The round page's data for the asking role. */
export function roundPageView(input: RoundPageInput) {
	const { role, round } = input;
	const manages = can(role, 'manageRounds');
	const threshold = round.anonymityThreshold;
	const links = manages
		? input.links
				.filter((l) => !l.revoked)
				.map((l) => ({
					token: l.token,
					departmentName: l.departmentName,
					roleLevelName: l.roleLevelName,
					invited: l.invited,
					language: l.locale ? LANGUAGE_NAMES[l.locale] : null,
					full: l.invited !== null && l.started >= l.invited,
					started: shownCount(l.started, threshold),
					submitted: shownCount(l.submitted, threshold)
				}))
		: [];
	return {
		round: {
			id: round.id,
			name: round.name,
			status: round.status,
			anonymityThreshold: threshold
		},
		myStatus: input.myStatus,
		links,
		departments: manages ? input.departments.map((d) => ({ id: d.id, name: d.name })) : [],
		roleLevels: manages ? input.roleLevels.map((r) => ({ id: r.id, name: r.name })) : [],
		canReview: can(role, 'reviewResponses'),
		/** The ratings, read-only, for everyone: per level, high first (rule 26). */
		importance: importanceView(input.model, input.importance, input.locale),
		/** The form to rate every area, for those who manage rounds only; null for others. */
		importanceForm: manages ? importanceForm(input) : null
	};
}

/** Every area of the round's model in order, named in the reader's language, with its rating. */
function importanceForm(input: RoundPageInput) {
	const { importance, locale } = input;
	return {
		areas: input.model.areas.map((a) => ({
			id: a.id,
			name: localize(a.name, locale),
			importance: ((Object.hasOwn(importance, a.id) ? importance[a.id] : undefined) ??
				null) as Importance | null
		}))
	};
}

export type RoundPageView = ReturnType<typeof roundPageView>;

/** A round in the organisation's list of rounds: its progress told only from the threshold on. */
export function roundSummaryView(round: RoundInput & { started: number; submitted: number }) {
	return {
		id: round.id,
		name: round.name,
		status: round.status,
		anonymityThreshold: round.anonymityThreshold,
		started: shownCount(round.started, round.anonymityThreshold),
		submitted: shownCount(round.submitted, round.anonymityThreshold)
	};
}

/**
 * The owner's review of a round's responses (only an owner's load calls this): every link with its
 * group, so one can be chosen, and one page of responses, each with where it came from, the days
 * it was started and submitted, how many questions it answers and whether it counts. Never an
 * answer, a name or a time of day.
 */
export function responseReviewView(input: {
	round: RoundInput;
	links: readonly LinkInput[];
	responses: readonly ReviewInput[];
	total: number;
	page: number;
	pageSize: number;
	linkToken: string | null;
}) {
	const linkLabel = new Map(
		input.links.map((l) => [l.token, { department: l.departmentName, roleLevel: l.roleLevelName }])
	);
	return {
		round: {
			id: input.round.id,
			name: input.round.name,
			anonymityThreshold: input.round.anonymityThreshold
		},
		links: input.links.map((l) => ({
			token: l.token,
			department: l.departmentName,
			roleLevel: l.roleLevelName,
			revoked: l.revoked,
			invited: l.invited,
			started: l.started
		})),
		linkToken: input.linkToken,
		page: input.page,
		pages: Math.max(1, Math.ceil(input.total / input.pageSize)),
		total: input.total,
		responses: input.responses.map((r) => ({
			id: r.id,
			viaLink: r.linkToken !== null,
			department: r.linkToken ? (linkLabel.get(r.linkToken)?.department ?? null) : null,
			roleLevel: r.linkToken ? (linkLabel.get(r.linkToken)?.roleLevel ?? null) : null,
			status: r.status,
			startedOn: r.startedOn,
			submittedOn: r.submittedOn,
			answered: r.answered,
			excluded: r.excluded
		}))
	};
}
