/**
 * What the results pages, the PDF and the exports show, computed in one place from the scoring,
 * the round's sums and the planning functions, so the screen and the report can never disagree.
 */
import type { MaturityModel } from './model';
import { planRoadmap, withImportance, type ImportanceRatings, type Roadmap } from './roadmap';
import { everyone, teamStatsOf, type CellSelector, type RoundSums } from './round-sums';
import {
	scoreResponse,
	type AreaScore,
	strengthsAndGaps,
	type OverallScore,
	type ResponseInput,
	type StrengthsAndGaps
} from './scoring';
import type { QuestionStats, TeamStats } from './statistics';

/** An area's result: one person's area score, or a team's with its spread. */
export type AreaResult = Pick<
	AreaScore,
	'areaId' | 'mean' | 'score' | 'stage' | 'confidence' | 'lowConfidence' | 'target' | 'gap'
> & {
	/** Team results only: spread of the respondents' area means. */
	sd?: number | null;
	agreement?: number | null;
};

export interface Results {
	respondents: number;
	overall: OverallScore;
	areas: AreaResult[];
	highlights: StrengthsAndGaps;
	roadmap: Roadmap;
	/** Team results only. */
	disputed: QuestionStats[];
	/** Team results only: per question statistics, in model order. */
	questions: QuestionStats[];
}

/**
 * One person's results: scores, strengths and gaps, and their roadmap (ranked with the importance
 * rated per area when given, as a round's roadmap is: a workshop's consensus is scored this way).
 */
export function personalResults(
	model: MaturityModel,
	input: ResponseInput,
	importance?: ImportanceRatings
): Results {
	const scored = scoreResponse(model, input);
	return {
		respondents: 1,
		overall: scored.overall,
		areas: scored.areas,
		highlights: strengthsAndGaps(scored.areas),
		roadmap: planRoadmap(
			model,
			withImportance(scored.areas, importance),
			Object.entries(input.answers).map(([questionId, level]) => ({
				questionId,
				level: typeof level === 'number' ? level : null
			}))
		),
		disputed: [],
		questions: []
	};
}

/**
 * The results of the selected cells of a round (all by default), from its sums (round-sums.ts); the
 * roadmap ranked with the importance rated per area, when given (docs/scoring.md rule 26).
 */
export function roundResults(
	model: MaturityModel,
	sums: RoundSums,
	select: CellSelector = everyone,
	importance?: ImportanceRatings
): Results {
	return resultsOfTeam(model, teamStatsOf(model, sums, select), importance);
}

/** A team's results from its statistics: its areas, strengths and gaps, and its roadmap. */
export function resultsOfTeam(
	model: MaturityModel,
	team: TeamStats,
	importance?: ImportanceRatings
): Results {
	const areas: AreaResult[] = team.areas.map((a) => ({
		areaId: a.areaId,
		mean: a.mean,
		score: a.score,
		stage: a.stage,
		confidence: a.confidence,
		lowConfidence: a.lowConfidence,
		target: a.target,
		gap: a.gap,
		sd: a.sd,
		agreement: a.agreement
	}));
	return {
		respondents: team.respondents,
		overall: team.overall,
		areas,
		highlights: strengthsAndGaps(areas),
		roadmap: planRoadmap(
			model,
			withImportance(areas, importance),
			team.areas.flatMap((a) =>
				a.questions.map((q) => ({ questionId: q.questionId, level: q.mean }))
			)
		),
		disputed: team.disputed,
		questions: team.areas.flatMap((a) => a.questions)
	};
}

export { meetsThreshold } from './anonymity';
