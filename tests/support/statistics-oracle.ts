/**
 * Test oracle: a team's statistics computed straight from its responses, one list of values per
 * question and area (as docs/scoring.md states the rules), with nothing summed. The app computes
 * them from a round's sums (`sumResponses`, `teamStatsOf` in domain/round-sums.ts); tests hold the
 * two equal. Only tests use this.
 */
import type { MaturityModel } from '../../src/lib/domain/model';
import { resultsOfTeam, type Results } from '../../src/lib/domain/results';
import {
	NOT_APPLICABLE,
	overallOf,
	scoreResponse,
	stageRuleOf,
	type ResponseInput
} from '../../src/lib/domain/scoring';
import {
	areaStatsOf,
	DISPUTED_SD,
	mostDisputed,
	spreadOf,
	type AreaStats,
	type QuestionStats,
	type TeamStats
} from '../../src/lib/domain/statistics';

/**
 * Aggregates a team's responses. Each respondent's area mean counts once in the area's statistics
 * (one person, one voice, however many questions they answered); question statistics use every
 * answered level. "Don't know" answers are counted but never scored.
 *
 * Example: two respondents whose area means are 2 and 3 give the area mean 2.5, stage 2, sd 0.5.
 */
export function aggregateResponses(
	model: MaturityModel,
	responses: readonly ResponseInput[],
	options: { disputedCount?: number } = {}
): TeamStats {
	const scored = responses.map((r) => scoreResponse(model, r));
	const disputedCount = options.disputedCount ?? 5;
	const allQuestions: QuestionStats[] = [];

	const areas = model.areas.map((area, a): AreaStats => {
		const questions = area.questions.map((question): QuestionStats => {
			const values: number[] = [];
			const distribution: [number, number, number, number] = [0, 0, 0, 0];
			let dontKnow = 0;
			let notApplicable = 0;
			for (const response of responses) {
				if (!(question.id in response.answers)) continue;
				const value = response.answers[question.id];
				if (value === null || value === undefined) dontKnow += 1;
				else if (value === NOT_APPLICABLE) notApplicable += 1;
				else {
					values.push(value);
					distribution[value - 1] = (distribution[value - 1] ?? 0) + 1;
				}
			}
			const spread = spreadOf(values);
			const stats: QuestionStats = {
				questionId: question.id,
				areaId: area.id,
				dontKnow,
				notApplicable,
				distribution,
				...spread,
				disputed: spread.n >= 2 && (spread.sd ?? 0) >= DISPUTED_SD
			};
			allQuestions.push(stats);
			return stats;
		});
		const means = scored
			.map((s) => s.areas[a]?.mean ?? null)
			.filter((m): m is number => m !== null);
		const targets = scored
			.map((s) => s.areas[a]?.target ?? null)
			.filter((t): t is number => t !== null);
		const spread = spreadOf(means);
		const answered = scored.reduce((n, s) => n + (s.areas[a]?.answered ?? 0), 0);
		const target = targets.length > 0 ? targets.reduce((s, t) => s + t, 0) / targets.length : null;
		const notApplicable = scored.reduce((n, s) => n + (s.areas[a]?.notApplicable ?? 0), 0);
		return areaStatsOf(
			area,
			spread,
			{
				answered,
				possible: responses.length * area.questions.length - notApplicable,
				target,
				questions
			},
			stageRuleOf(model)
		);
	});

	const overall = overallOf(
		areas.map((a) => ({ ...a, questionCount: a.possible })),
		stageRuleOf(model)
	);

	return {
		respondents: responses.length,
		areas,
		overall,
		disputed: mostDisputed(allQuestions, disputedCount)
	};
}

/** A team's results from its responses, through `aggregateResponses`. */
export function teamResults(model: MaturityModel, inputs: readonly ResponseInput[]): Results {
	return resultsOfTeam(model, aggregateResponses(model, inputs));
}
