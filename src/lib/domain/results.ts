/**
 * What the results pages, the PDF and the exports show, computed in one place from the scoring,
 * the round's sums and the planning functions, so the screen and the report can never disagree.
 */
import { legalCheck, teamLegalAnswers, type LegalAnswer, type LegalCheck } from './legal-findings';
import type { MaturityModel } from './model';
import {
	lowPracticesByArea,
	planRoadmap,
	withImportance,
	type ImportanceRatings,
	type QuestionPosition,
	type QuestionStage,
	type Roadmap
} from './roadmap';
import { everyone, teamStatsOf, type CellSelector, type RoundSums } from './round-sums';
import {
	scoreResponse,
	type AreaScore,
	strengthsAndGaps,
	type OverallScore,
	type ResponseInput,
	type StrengthsAndGaps
} from './scoring';
import type { Sector } from './sectors';
import type { QuestionStats, TeamStats } from './statistics';

/** An area's result: one person's area score, or a team's with its spread. */
export type AreaResult = Pick<
	AreaScore,
	'areaId' | 'mean' | 'score' | 'stage' | 'confidence' | 'lowConfidence' | 'target' | 'gap'
> & {
	/** Team results only: spread of the respondents' area means. */
	sd?: number | null;
	agreement?: number | null;
	/**
	 * The questions whose own stage is two or more stages below the area's (docs/scoring.md rule
	 * 24c), in the model's order; [] when none is, or the area has no stage.
	 */
	lowPractices: QuestionStage[];
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
	/**
	 * The answers below a legal floor in the organisation's sector (docs/scoring.md rule 24b); null
	 * when the organisation has no sector or the model no floor in it.
	 */
	legal: LegalCheck | null;
}

/**
 * One person's results: scores, strengths and gaps, their roadmap (ranked with the importance
 * rated per area when given, as a round's roadmap is: a workshop's consensus is scored this way),
 * and the answers below a legal floor of the organisation's sector.
 */
export function personalResults(
	model: MaturityModel,
	input: ResponseInput,
	importance?: ImportanceRatings,
	sector: Sector | null = null
): Results {
	const scored = scoreResponse(model, input);
	const legal = legalCheck(model, sector, input.answers as Record<string, LegalAnswer>);
	const questions: QuestionPosition[] = Object.entries(input.answers).map(
		([questionId, level]) => ({ questionId, level: typeof level === 'number' ? level : null })
	);
	const areas = withLowPractices(model, scored.areas, questions);
	return {
		respondents: 1,
		overall: scored.overall,
		areas,
		highlights: strengthsAndGaps(areas),
		roadmap: planRoadmap(model, withImportance(areas, importance), questions, legal?.findings),
		disputed: [],
		questions: [],
		legal
	};
}

/**
 * The results of the selected cells of a round (all by default), from its sums (round-sums.ts); the
 * roadmap ranked with the importance rated per area, when given (docs/scoring.md rule 26), and the
 * legal floors of the organisation's sector checked against the team's median answers (rule 24b).
 * Call it only for a selection that may be shown: its per-question numbers are in the results.
 */
export function roundResults(
	model: MaturityModel,
	sums: RoundSums,
	select: CellSelector = everyone,
	importance?: ImportanceRatings,
	sector: Sector | null = null
): Results {
	return resultsOfTeam(model, teamStatsOf(model, sums, select), importance, sector);
}

/** A team's results from its statistics: its areas, strengths and gaps, and its roadmap. */
export function resultsOfTeam(
	model: MaturityModel,
	team: TeamStats,
	importance?: ImportanceRatings,
	sector: Sector | null = null
): Results {
	const questions = team.areas.flatMap((a) => a.questions);
	const legal = legalCheck(model, sector, teamLegalAnswers(questions));
	const levels = teamQuestionLevels(team);
	const areas: AreaResult[] = withLowPractices(
		model,
		team.areas.map((a) => ({
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
		})),
		levels
	);
	return {
		respondents: team.respondents,
		overall: team.overall,
		areas,
		highlights: strengthsAndGaps(areas),
		roadmap: planRoadmap(model, withImportance(areas, importance), levels, legal?.findings),
		disputed: team.disputed,
		questions,
		legal
	};
}

/**
 * The question levels a team's roadmap and its low practices (rule 24c) start from: each
 * question's mean level, null when no one gave it a level.
 */
export function teamQuestionLevels(team: Pick<TeamStats, 'areas'>): QuestionPosition[] {
	return team.areas.flatMap((a) =>
		a.questions.map((q) => ({ questionId: q.questionId, level: q.mean }))
	);
}

/**
 * The areas with the questions answered two or more stages below them (rule 24c), from the same
 * question levels the roadmap is planned from (one person's answers, or a team's mean levels).
 * The results and the dashboard's group rows (dashboard.ts) both call it.
 */
export function withLowPractices<A extends { areaId: string; stage: AreaResult['stage'] }>(
	model: MaturityModel,
	areas: readonly A[],
	questions: readonly QuestionPosition[]
): Array<A & { lowPractices: QuestionStage[] }> {
	const low = lowPracticesByArea(model, areas, questions);
	return areas.map((a) => ({ ...a, lowPractices: low.get(a.areaId) ?? [] }));
}

export { meetsThreshold } from './anonymity';
