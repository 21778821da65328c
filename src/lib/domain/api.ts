/**
 * What the read API (`/api/v1`, docs/api.md) answers, built from the same views the pages use:
 * the results page's `resultsPageView` and the roadmap page's `roadmapPageView`, so the API shows a
 * member exactly what those pages show and no more. Nothing is computed here: the views have
 * already applied the anonymity rules (docs/scoring.md rules 33-36); this module only picks fields,
 * and leaves out what the pages show as hidden (a group below the threshold is absent, not listed).
 * Never an individual response, a response id or a person's id.
 */
import type { Sector } from './sectors';
import type { ResultsPageView } from './results-page';
import type { RoadmapPageView } from './roadmap-page';

/** The API's version, in the path and in `openapi.json`. */
export const API_VERSION = 'v1';

/** The longest query string the API reads (`?lang=bg` needs 7 characters). */
export const MAX_API_QUERY = 256;

/**
 * Why a round's results or roadmap are or are not given: `available` from the individual answers
 * (the round reached its threshold); `workshop_consensus` from a workshop's agreed answers while
 * the round is below its threshold, as the pages show them then (docs/scoring.md rule 49: no
 * individual figure, no respondents, no groups); `below_threshold`: nothing.
 */
export type ApiResultsStatus = 'available' | 'workshop_consensus' | 'below_threshold';

export function apiOrganisation(org: { id: string; name: string; sector: Sector | null }) {
	return { id: org.id, name: org.name, sector: org.sector };
}

export interface ApiRoundInput {
	id: string;
	name: string;
	status: string;
	anonymityThreshold: number;
	createdAt: string;
	openedAt: string | null;
	closedAt: string | null;
	/** Submitted responses that count in the results. */
	submitted: number;
	model: { id: string; key: string; version: string };
}

/** A round as the API lists it: its response count only once it reaches its threshold. */
export function apiRound(round: ApiRoundInput) {
	const shown = round.submitted >= round.anonymityThreshold;
	return {
		id: round.id,
		name: round.name,
		status: round.status,
		createdAt: round.createdAt,
		openedAt: round.openedAt,
		closedAt: round.closedAt,
		model: { id: round.model.key, version: round.model.version },
		anonymityThreshold: round.anonymityThreshold,
		resultsStatus: (shown ? 'available' : 'below_threshold') as ApiResultsStatus,
		responses: shown ? round.submitted : null
	};
}

type GroupRow =
	ResultsPageView['view']['departments'][number] | ResultsPageView['view']['roleLevels'][number];

/** Only the groups the page shows with figures: hidden ones are left out altogether. */
function visibleGroups(rows: readonly GroupRow[]) {
	return rows.flatMap((row) =>
		row.visible
			? [
					{
						id: row.key === '' ? null : row.key,
						name: row.name,
						respondents: row.count,
						areas: row.cells.map((c) => ({ id: c.areaId, stage: c.stage, score: c.score }))
					}
				]
			: []
	);
}

type ViewArea = NonNullable<ResultsPageView['view']['results']>['areas'][number];

/** The area's practices two or more stages below it (docs/scoring.md rule 24c), as the page names them. */
const lowPractices = (area: ViewArea) =>
	area.lowPractices.map((p) => ({ questionId: p.id, question: p.question, stage: p.stage }));

/**
 * A round's area results as the results page shows them to a member, unfiltered: per area the
 * stage, the score (0-100), the respondents and the practices two or more stages below the area;
 * per department and role level that reaches the threshold, stage and score per area. Below the
 * round's threshold only the status and the threshold.
 */
export function apiRoundResults(page: ResultsPageView) {
	const results = page.roundShown ? page.view.results : null;
	const base = {
		round: { id: page.round.id, name: page.round.name },
		threshold: page.round.threshold
	};
	// Below the threshold with a workshop record: the room's agreed answers, as the page shows them.
	const consensus = page.roundShown ? null : page.consensus;
	if (!results && consensus)
		return {
			...base,
			status: 'workshop_consensus' as ApiResultsStatus,
			respondents: null,
			overall: { stage: consensus.overall.stage, score: consensus.overall.score },
			areas: consensus.areas.map((a) => ({
				id: a.id,
				name: a.name,
				stage: a.stage,
				score: a.score,
				respondents: null,
				lowPractices: lowPractices(a)
			})),
			groups: { departments: [], roleLevels: [] }
		};
	if (!results)
		return {
			...base,
			status: 'below_threshold' as ApiResultsStatus,
			respondents: null,
			overall: null,
			areas: [],
			groups: { departments: [], roleLevels: [] }
		};
	return {
		...base,
		status: 'available' as ApiResultsStatus,
		respondents: results.respondents,
		overall: { stage: results.overall.stage, score: results.overall.score },
		areas: results.areas.map((a) => ({
			id: a.id,
			name: a.name,
			stage: a.stage,
			score: a.score,
			respondents: results.respondents as number | null,
			lowPractices: lowPractices(a)
		})),
		groups: {
			departments: visibleGroups(page.view.departments),
			roleLevels: visibleGroups(page.view.roleLevels)
		}
	};
}

/**
 * A round's roadmap items as the roadmap page lists them to a member who does not edit them: the
 * recommendation, its title in the asked language, who owns it (their name), the due quarter and
 * the status. Nothing while the page shows nothing (the round below its threshold).
 */
export function apiRoadmap(page: RoadmapPageView) {
	const base = {
		round: { id: page.round.id, name: page.round.name },
		threshold: page.round.threshold
	};
	if (page.hidden) return { ...base, status: 'below_threshold' as ApiResultsStatus, items: [] };
	const onRoadmap = page.horizons.flatMap((h) =>
		h.items.map((i) => ({
			recommendationId: i.id,
			title: i.title,
			area: i.areaName,
			horizonDays: h.days,
			rank: i.rank as number | null,
			quickWin: i.quickWin,
			owner: i.ownerName,
			dueQuarter: i.dueQuarter,
			status: i.status
		}))
	);
	const others = page.others.map((i) => ({
		recommendationId: i.id,
		title: i.title,
		area: i.areaName,
		horizonDays: null,
		rank: null,
		quickWin: i.quickWin,
		owner: i.ownerName,
		dueQuarter: i.dueQuarter,
		status: i.status
	}));
	// A workshop-only round's roadmap comes from the room's agreed answers, as the page's does.
	const status: ApiResultsStatus = page.consensus ? 'workshop_consensus' : 'available';
	return { ...base, status, items: [...onRoadmap, ...others] };
}
