/**
 * Team statistics (a team, a department, a whole round): per question and per area the mean,
 * median, spread and agreement, and the questions the team disagrees on most. What they are
 * computed from is a round's sums (round-sums.ts, `teamStatsOf`); this module holds the pieces:
 * the statistics' types, the spread of listed values, of counted levels and of summed values.
 */
import type { StageId, StageRule } from './model';
import { LOW_CONFIDENCE, stageOf, toPercent, type OverallScore } from './scoring';

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
	/** How many answered "not applicable" (out of the statistics). */
	notApplicable: number;
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
	/** Respondents x questions in the area, less the "not applicable" answers. */
	possible: number;
	/** answered / possible. */
	confidence: number;
	lowConfidence: boolean;
	target: number | null;
	gap: number | null;
	/** Per question of the area, in model order. */
	questions: QuestionStats[];
}

export interface TeamStats {
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
 * Mean, median, spread and agreement of the levels counted per stage, exactly as `spreadOf` gives
 * them for the same levels listed one by one: `spreadOfCounts([1, 0, 0, 1])` equals
 * `spreadOf([1, 4])`.
 */
export function spreadOfCounts(levels: readonly number[]): Spread {
	const n = levels.reduce((s, c) => s + c, 0);
	if (n === 0) return { n, mean: null, median: null, sd: null, iqr: null, agreement: null };
	let sum = 0;
	levels.forEach((count, i) => (sum += count * (i + 1)));
	const mean = sum / n;
	let variance = 0;
	levels.forEach((count, i) => (variance += count * (i + 1 - mean) ** 2));
	const sd = Math.sqrt(variance / n);
	// The k-th smallest level (0-based) without listing them.
	const at = (k: number) => {
		let seen = 0;
		for (let i = 0; i < levels.length; i++) {
			seen += levels[i] ?? 0;
			if (k < seen) return i + 1;
		}
		return levels.length;
	};
	const quantile = (q: number) => {
		const pos = (n - 1) * q;
		const lo = at(Math.floor(pos));
		const hi = at(Math.ceil(pos));
		return lo + (hi - lo) * (pos - Math.floor(pos));
	};
	return {
		n,
		mean,
		median: quantile(0.5),
		sd,
		iqr: quantile(0.75) - quantile(0.25),
		agreement: Math.max(0, 1 - sd / MAX_SD)
	};
}

/** Mean and spread of values given by their count, sum and sum of squares (median and IQR unknown). */
export function spreadOfSums(n: number, sum: number, sumSq: number): Spread {
	if (n === 0) return { n, mean: null, median: null, sd: null, iqr: null, agreement: null };
	const mean = sum / n;
	const variance = sumSq / n - mean * mean;
	// Sums of squares leave rounding noise where everyone gave the same mean.
	const sd = variance > 1e-12 ? Math.sqrt(variance) : 0;
	return { n, mean, median: null, sd, iqr: null, agreement: Math.max(0, 1 - sd / MAX_SD) };
}

/** An area's team statistics from the spread of its respondents' means and what was answered. */
export function areaStatsOf(
	area: { id: string; weight: number },
	spread: Spread,
	totals: { answered: number; possible: number; target: number | null; questions: QuestionStats[] },
	rule: StageRule
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
		stage: stageOf(spread.mean, rule),
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
