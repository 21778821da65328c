/**
 * Statistics over many responses (a team, a department, a whole round): per question and per area
 * the mean, median, spread and agreement, and the questions the team disagrees on most.
 */
import type { MaturityModel, StageId } from './model';
import {
	LOW_CONFIDENCE,
	overallOf,
	scoreResponse,
	stageOf,
	toPercent,
	type OverallScore,
	type ResponseInput
} from './scoring';

export interface Spread {
	/** How many values the statistics rest on. */
	n: number;
	mean: number | null;
	median: number | null;
	/** Population standard deviation. */
	sd: number | null;
	/** Interquartile range (Q3 - Q1), quartiles by linear interpolation. */
	iqr: number | null;
	/** 1 - sd / 1.5: 1 when everyone agrees, 0 when half answer stage 1 and half stage 4. */
	agreement: number | null;
}

export interface QuestionStats extends Spread {
	questionId: string;
	areaId: string;
	dontKnow: number;
	/** How many chose each level: [stage 1, stage 2, stage 3, stage 4]. */
	distribution: [number, number, number, number];
	disputed: boolean;
}

export interface AreaStats extends Spread {
	areaId: string;
	weight: number;
	score: number | null;
	stage: StageId | null;
	/** Levels given across the team in this area ("don't know" and skipped excluded). */
	answered: number;
	/** Respondents x questions in the area. */
	possible: number;
	/** answered / possible. */
	confidence: number;
	lowConfidence: boolean;
	target: number | null;
	gap: number | null;
	/** Per question of the area, in model order. */
	questions: QuestionStats[];
}

export interface TeamResult {
	respondents: number;
	areas: AreaStats[];
	overall: OverallScore;
	/** The most disputed questions, most disputed first. */
	disputed: QuestionStats[];
}

/** The largest possible standard deviation on a 1-4 scale (half the answers 1, half 4). */
export const MAX_SD = 1.5;
/** A question is disputed when its answers' standard deviation reaches this (agreement <= 0.5). */
export const DISPUTED_SD = 0.75;

/** Linear-interpolation quantile of sorted values: `quantile([1, 2, 3, 4], 0.5)` is 2.5. */
export function quantile(sorted: readonly number[], q: number): number {
	if (sorted.length === 0) throw new RangeError('quantile of no values');
	const pos = (sorted.length - 1) * q;
	const lower = Math.floor(pos);
	const upper = Math.ceil(pos);
	const lo = sorted[lower] as number;
	const hi = sorted[upper] as number;
	return lo + (hi - lo) * (pos - lower);
}

/**
 * Mean, median, population standard deviation, IQR and agreement of a list of levels.
 * `spreadOf([1, 4])` has mean 2.5, sd 1.5 and agreement 0; `spreadOf([3, 3])` has agreement 1.
 */
export function spreadOf(values: readonly number[]): Spread {
	const n = values.length;
	if (n === 0) return { n, mean: null, median: null, sd: null, iqr: null, agreement: null };
	const sorted = [...values].sort((a, b) => a - b);
	const mean = sorted.reduce((s, v) => s + v, 0) / n;
	const variance = sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
	const sd = Math.sqrt(variance);
	return {
		n,
		mean,
		median: quantile(sorted, 0.5),
		sd,
		iqr: quantile(sorted, 0.75) - quantile(sorted, 0.25),
		agreement: Math.max(0, 1 - sd / MAX_SD)
	};
}

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
): TeamResult {
	const scored = responses.map((r) => scoreResponse(model, r));
	const disputedCount = options.disputedCount ?? 5;
	const allQuestions: QuestionStats[] = [];

	const areas = model.areas.map((area, a): AreaStats => {
		const questions = area.questions.map((question): QuestionStats => {
			const values: number[] = [];
			const distribution: [number, number, number, number] = [0, 0, 0, 0];
			let dontKnow = 0;
			for (const response of responses) {
				if (!(question.id in response.answers)) continue;
				const value = response.answers[question.id];
				if (value === null || value === undefined) dontKnow += 1;
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
		return areaStatsOf(area, spread, {
			answered,
			possible: responses.length * area.questions.length,
			target,
			questions
		});
	});

	const overall = overallOf(areas.map((a) => ({ ...a, questionCount: a.possible })));

	return {
		respondents: responses.length,
		areas,
		overall,
		disputed: mostDisputed(allQuestions, disputedCount)
	};
}

/**
 * An area's team statistics from the spread of its respondents' means and what was answered.
 * Shared by `aggregateResponses` and `aggregateCube` (cube.ts), which compute them two ways.
 */
export function areaStatsOf(
	area: { id: string; weight: number },
	spread: Spread,
	totals: { answered: number; possible: number; target: number | null; questions: QuestionStats[] }
): AreaStats {
	const { answered, possible, target } = totals;
	const confidence = possible > 0 ? answered / possible : 0;
	return {
		areaId: area.id,
		weight: area.weight,
		...spread,
		answered,
		possible,
		score: toPercent(spread.mean),
		stage: stageOf(spread.mean),
		confidence,
		lowConfidence: confidence < LOW_CONFIDENCE,
		target,
		gap: target !== null && spread.mean !== null ? target - spread.mean : null,
		questions: totals.questions
	};
}

/**
 * The disputed questions, most disputed first: by standard deviation, then IQR, then model order.
 */
export function mostDisputed(questions: readonly QuestionStats[], count: number): QuestionStats[] {
	return questions
		.map((q, index) => ({ q, index }))
		.filter(({ q }) => q.disputed)
		.sort(
			(a, b) =>
				(b.q.sd ?? 0) - (a.q.sd ?? 0) || (b.q.iqr ?? 0) - (a.q.iqr ?? 0) || a.index - b.index
		)
		.slice(0, count)
		.map(({ q }) => q);
}
