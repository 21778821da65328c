/**
 * What the results pages, the PDF and the exports show, computed in one place from the scoring,
 * aggregation and planning functions, so the screen and the report can never disagree.
 */
import { aggregateResponses, type QuestionStats, type TeamResult } from './aggregate';
import { aggregateCube, everyone, type GroupSelector, type RoundCube } from './cube';
import type { MaturityModel } from './model';
import { planRoadmap, type Roadmap } from './roadmap';
import {
	scoreResponse,
	type AreaScore,
	strengthsAndGaps,
	type OverallScore,
	type ResponseInput,
	type StrengthsAndGaps
} from './scoring';

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

/** One person's results: scores, strengths and gaps, and their roadmap. */
export function personalResults(model: MaturityModel, input: ResponseInput): Results {
	const scored = scoreResponse(model, input);
	return {
		respondents: 1,
		overall: scored.overall,
		areas: scored.areas,
		highlights: strengthsAndGaps(scored.areas),
		roadmap: planRoadmap(model, scored.areas),
		disputed: [],
		questions: []
	};
}

/** A team's results from its submitted responses. */
export function teamResults(model: MaturityModel, inputs: readonly ResponseInput[]): Results {
	return resultsOfTeam(model, aggregateResponses(model, inputs));
}

/** The results of the selected groups of a round, from its sums (see cube.ts). */
export function cubeResults(
	model: MaturityModel,
	cube: RoundCube,
	select: GroupSelector = everyone
): Results {
	return resultsOfTeam(model, aggregateCube(model, cube, select));
}

function resultsOfTeam(model: MaturityModel, team: TeamResult): Results {
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
		roadmap: planRoadmap(model, areas),
		disputed: team.disputed,
		questions: team.areas.flatMap((a) => a.questions)
	};
}

export { meetsThreshold } from './anonymity';
