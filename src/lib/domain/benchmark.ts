/**
 * The benchmark (docs/scoring.md, "Benchmark"): where an organisation's area scores stand among
 * other organisations that used the same model version. Pure: the peers' scores are given (one
 * query, `lib/server/db/benchmark.ts`), and what comes out are statistics only, never a peer's own
 * value, its name or its id.
 *
 * - Percentile rank, mid-rank for ties: the share of peers strictly below the score plus half the
 *   share equal to it, times 100. A score equal to every peer's is at 50; above all at 100.
 * - Median and interquartile band: linear interpolation between closest ranks over the sorted
 *   peer scores (`quantile` of statistics.ts; Hyndman and Fan type 7, the default of R,
 *   NumPy and spreadsheets' PERCENTILE.INC): position (n - 1) * q, counted from 0.
 * - Fewer than `BENCHMARK_MINIMUM` (5) OTHER organisations with a score in an area: that area
 *   is suppressed with a reason and no numbers. The organisation itself is never one of its peers.
 */
import { localize, type Locale, type MaturityModel } from './model';
import { round, toPercent } from './scoring';
import type { Sector } from './sectors';
import type { SizeBand } from './size-bands';
import { quantile } from './statistics';

/** The fewest other organisations a benchmark is computed from. */
export const BENCHMARK_MINIMUM = 5;

export type BenchmarkSuppression = 'too-few-peers' | 'no-own-score';

export type AreaBenchmark =
	| {
			areaId: string;
			shown: true;
			/** Other organisations with a score in the area (at least `BENCHMARK_MINIMUM`). */
			peers: number;
			/** 0-100, mid-rank for ties. */
			percentile: number;
			median: number;
			/** The interquartile band: the 25th and 75th percentiles of the peers' scores. */
			lower: number;
			upper: number;
	  }
	| { areaId: string; shown: false; reason: BenchmarkSuppression };

/**
 * One area: `own` is this organisation's area score (0-100, null without one), `others` the other
 * organisations' scores in the area (nulls, no score, are left out).
 */
export function areaBenchmark(
	areaId: string,
	own: number | null,
	others: ReadonlyArray<number | null>
): AreaBenchmark {
	const scores = others
		.filter((s): s is number => s !== null && Number.isFinite(s))
		.sort((a, b) => a - b);
	if (scores.length < BENCHMARK_MINIMUM) return { areaId, shown: false, reason: 'too-few-peers' };
	if (own === null || !Number.isFinite(own))
		return { areaId, shown: false, reason: 'no-own-score' };
	const below = scores.filter((s) => s < own).length;
	const equal = scores.filter((s) => s === own).length;
	return {
		areaId,
		shown: true,
		peers: scores.length,
		percentile: ((below + equal / 2) / scores.length) * 100,
		median: quantile(scores, 0.5),
		lower: quantile(scores, 0.25),
		upper: quantile(scores, 0.75)
	};
}

/** A peer's area scores, by area id; anonymous (no name, no id). */
export type PeerScores = Readonly<Record<string, number | null>>;

/** Every area of the model in its order: this organisation's scores against its peers'. */
export function benchmarkOf(
	areaIds: readonly string[],
	own: PeerScores,
	peers: readonly PeerScores[]
): AreaBenchmark[] {
	return areaIds.map((areaId) =>
		areaBenchmark(
			areaId,
			own[areaId] ?? null,
			peers.map((p) => p[areaId] ?? null)
		)
	);
}

/**
 * The score of a round's area from its summed area means over respondents (the round sums):
 * the mean level mapped to 0-100 by `toPercent`, as the results do; null when nobody scored the area.
 */
export function areaScoreOfSums(sum: number, scored: number): number | null {
	return scored > 0 ? toPercent(sum / scored) : null;
}

/** A round's benchmark as computed (`lib/server/benchmark.ts`): statistics only. */
export interface Benchmark {
	/** The practice's own clients (by the practice's name), or every organisation of the instance. */
	scope: { kind: 'practice'; name: string } | { kind: 'instance' };
	/** The filter applied: this client's own sector and size band, when asked and set. */
	sector: Sector | null;
	sizeBand: SizeBand | null;
	/** What the client can filter by: its own sector and size band, when set. */
	options: { sector: Sector | null; sizeBand: SizeBand | null };
	/** This round's own area scores (0-100), by area id. */
	own: PeerScores;
	areas: AreaBenchmark[];
}

/** One area as shown: named, whole numbers (the percentile and scores 0-100). */
export type AreaBenchmarkView =
	| {
			areaId: string;
			name: string;
			/** This round's score, whole. */
			score: number;
			shown: true;
			peers: number;
			percentile: number;
			median: number;
			lower: number;
			upper: number;
	  }
	| { areaId: string; name: string; shown: false; reason: BenchmarkSuppression };

/** What the results page, the dashboard and the PDF show of a benchmark. */
export function benchmarkView(
	model: Pick<MaturityModel, 'areas' | 'name' | 'version'>,
	benchmark: Benchmark,
	locale: Locale
) {
	const names = new Map(model.areas.map((a) => [a.id, localize(a.name, locale)]));
	return {
		scope: benchmark.scope,
		sector: benchmark.sector,
		sizeBand: benchmark.sizeBand,
		options: benchmark.options,
		/** The model version the round used: only rounds on it are compared (the reason when none is). */
		model: { name: localize(model.name, locale), version: model.version },
		/** Some area has enough peers to be shown. */
		anyShown: benchmark.areas.some((a) => a.shown),
		areas: benchmark.areas.map((a): AreaBenchmarkView =>
			a.shown
				? {
						areaId: a.areaId,
						name: names.get(a.areaId) ?? a.areaId,
						score: round(benchmark.own[a.areaId] ?? 0),
						shown: true,
						peers: a.peers,
						percentile: round(a.percentile),
						median: round(a.median),
						lower: round(a.lower),
						upper: round(a.upper)
					}
				: {
						areaId: a.areaId,
						name: names.get(a.areaId) ?? a.areaId,
						shown: false,
						reason: a.reason
					}
		)
	};
}

export type BenchmarkView = ReturnType<typeof benchmarkView>;
