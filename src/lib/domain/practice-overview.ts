/**
 * The practice overview: one row per client with its latest round, the round's overall stage, the
 * trend against the client's previous round and its open roadmap items. Pure; the numbers come
 * from the rounds' stored sums through the functions every results page uses (`groupVisibility`,
 * `teamStatsOf`), so the overview and the client's own pages cannot disagree. The trend is the
 * change of the overall mean, as `compareRounds` gives it (lib/domain/compare.ts), computed from
 * the same team statistics as the stage so each round is summed once.
 *
 * Anonymity: a round's stage is given only when the whole round may be shown (its threshold, plus
 * any removals, docs/scoring.md rules 35 and 44); otherwise the row says "too few responses" and
 * gives no count. A trend needs both rounds shown and comparable (rule 42a: no overall figure
 * across model versions).
 */
import { NO_FILTER, groupVisibility } from './anonymity';
import type { MaturityModel, StageId } from './model';
import { teamStatsOf, type RoundSums } from './round-sums';
import type { Sector } from './sectors';
import type { SizeBand } from './size-bands';

/** A change of the overall mean smaller than this (in stages) reads as "same". */
export const TREND_MARGIN = 0.1;

export type Trend = 'up' | 'down' | 'same';

export interface OverviewRound {
	id: string;
	name: string;
	status: 'draft' | 'open' | 'closed';
	/** When it closed, else opened, else was created (ISO). */
	date: string;
	threshold: number;
	model: MaturityModel;
	sums: RoundSums;
}

export interface OverviewClientInput {
	id: string;
	name: string;
	sector: Sector | null;
	sizeBand: SizeBand | null;
	/** The client's latest round and the one before it, if any. */
	latest: OverviewRound | null;
	previous: OverviewRound | null;
	/** Roadmap items tracked on the client's rounds that are planned or in progress. */
	openItems: number;
}

export interface OverviewRow {
	id: string;
	name: string;
	sector: Sector | null;
	sizeBand: SizeBand | null;
	latestRound: Pick<OverviewRound, 'id' | 'name' | 'status' | 'date'> | null;
	/** 'shown' with a stage, 'too-few' (below the threshold), or 'none' (no round). */
	stage: { state: 'shown'; stage: StageId | null } | { state: 'too-few' } | { state: 'none' };
	/** Against the previous round; null when there is none, either is hidden, or they cannot be compared. */
	trend: Trend | null;
	openItems: number;
}

/** 'up', 'down' or 'same' for a change of the overall mean, in stages. */
export function trendOf(delta: number): Trend {
	if (Math.abs(delta) < TREND_MARGIN) return 'same';
	return delta > 0 ? 'up' : 'down';
}

const shown = (round: OverviewRound) =>
	groupVisibility(round.sums, round.threshold).check(NO_FILTER).visible;

const sameVersion = (a: MaturityModel, b: MaturityModel) =>
	a.id === b.id && a.version === b.version;

/** One row of the overview, built only from what may be shown. */
export function overviewRow(client: OverviewClientInput): OverviewRow {
	const { latest, previous } = client;
	let stage: OverviewRow['stage'] = { state: 'none' };
	let trend: Trend | null = null;
	if (latest) {
		if (shown(latest)) {
			const overall = teamStatsOf(latest.model, latest.sums).overall;
			stage = { state: 'shown', stage: overall.stage };
			// Across model versions there is no overall change (docs/scoring.md rule 42a).
			if (previous && sameVersion(previous.model, latest.model) && shown(previous)) {
				const before = teamStatsOf(previous.model, previous.sums).overall.mean;
				if (before !== null && overall.mean !== null) trend = trendOf(overall.mean - before);
			}
		} else stage = { state: 'too-few' };
	}
	return {
		id: client.id,
		name: client.name,
		sector: client.sector,
		sizeBand: client.sizeBand,
		latestRound: latest && {
			id: latest.id,
			name: latest.name,
			status: latest.status,
			date: latest.date
		},
		stage,
		trend,
		openItems: client.openItems
	};
}
