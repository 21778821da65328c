/**
 * A round's answers summed per group (department × role level): the form in which the database
 * hands a round over (lib/server/db/aggregates.ts sums it in SQL), and from which every team figure
 * of the dashboard, the PDF and the exports is computed, for the whole round or any combination of
 * groups. `cubeOf` builds the same sums from responses in memory; tests hold the two equal.
 *
 * Sums are enough because every team statistic is a mean or a spread: an area's mean and standard
 * deviation over respondents come from the count, sum and sum of squares of their area means; a
 * question's statistics from how many chose each level.
 */
import {
	areaStatsOf,
	DISPUTED_SD,
	MAX_SD,
	mostDisputed,
	type AreaStats,
	type QuestionStats,
	type Spread,
	type TeamResult
} from './aggregate';
import type { MaturityModel } from './model';
import { overallOf, scoreResponse, type ResponseInput } from './scoring';

/** Which group a response belongs to; null when it came without one. */
export interface GroupKey {
	departmentId: string | null;
	roleLevelId: string | null;
}

export interface GroupSize extends GroupKey {
	responses: number;
	/**
	 * Submitted responses that left the group during the round (excluded or deleted); absent when
	 * none. The anonymity rules then ask for more responses (docs/scoring.md rule 44).
	 */
	removed?: number;
}

export interface AreaSums extends GroupKey {
	areaId: string;
	/** Respondents with at least one level in the area (so with an area mean). */
	scored: number;
	/** Sum, and sum of squares, of those respondents' area means. */
	sum: number;
	sumSq: number;
	/** Levels given in the area ("don't know" and skipped questions excluded). */
	answered: number;
	/** Sum and number of the targets set for the area. */
	targetSum: number;
	targetCount: number;
}

export interface QuestionCounts extends GroupKey {
	questionId: string;
	/** How many chose each level: [stage 1, stage 2, stage 3, stage 4]. */
	levels: [number, number, number, number];
	dontKnow: number;
}

export interface RoundCube {
	groups: GroupSize[];
	areas: AreaSums[];
	questions: QuestionCounts[];
}

const keyOf = (g: GroupKey) => `${g.departmentId ?? ''}\u0000${g.roleLevelId ?? ''}`;

/** The cube of responses held in memory; the reference for the SQL that builds it. */
export function cubeOf(
	model: MaturityModel,
	responses: ReadonlyArray<ResponseInput & Partial<GroupKey>>
): RoundCube {
	const groups = new Map<string, GroupSize>();
	const areas = new Map<string, AreaSums>();
	const questions = new Map<string, QuestionCounts>();
	for (const response of responses) {
		const group: GroupKey = {
			departmentId: response.departmentId ?? null,
			roleLevelId: response.roleLevelId ?? null
		};
		const key = keyOf(group);
		const size = groups.get(key) ?? { ...group, responses: 0 };
		size.responses += 1;
		groups.set(key, size);
		const scored = scoreResponse(model, response);
		for (const area of scored.areas) {
			const areaKey = `${key}\u0000${area.areaId}`;
			const sums = areas.get(areaKey) ?? {
				...group,
				areaId: area.areaId,
				scored: 0,
				sum: 0,
				sumSq: 0,
				answered: 0,
				targetSum: 0,
				targetCount: 0
			};
			if (area.mean !== null) {
				sums.scored += 1;
				sums.sum += area.mean;
				sums.sumSq += area.mean * area.mean;
			}
			sums.answered += area.answered;
			if (area.target !== null) {
				sums.targetSum += area.target;
				sums.targetCount += 1;
			}
			if (sums.scored > 0 || sums.answered > 0 || sums.targetCount > 0) areas.set(areaKey, sums);
		}
		for (const [questionId, value] of Object.entries(response.answers)) {
			const questionKey = `${key}\u0000${questionId}`;
			const counts = questions.get(questionKey) ?? {
				...group,
				questionId,
				levels: [0, 0, 0, 0] as [number, number, number, number],
				dontKnow: 0
			};
			if (value === null || value === undefined) counts.dontKnow += 1;
			else counts.levels[value - 1] = (counts.levels[value - 1] ?? 0) + 1;
			questions.set(questionKey, counts);
		}
	}
	return {
		groups: [...groups.values()],
		areas: [...areas.values()],
		questions: [...questions.values()]
	};
}

/**
 * The cube split into one cube per key (groups whose key is undefined are left out), so that many
 * groups can be aggregated in one pass over the sums rather than one pass each.
 */
export function splitCube(
	cube: RoundCube,
	keyOf: (group: GroupKey) => string | undefined
): Map<string, RoundCube> {
	const parts = new Map<string, RoundCube>();
	const part = (g: GroupKey) => {
		const key = keyOf(g);
		if (key === undefined) return undefined;
		let found = parts.get(key);
		if (!found) parts.set(key, (found = { groups: [], areas: [], questions: [] }));
		return found;
	};
	for (const g of cube.groups) part(g)?.groups.push(g);
	for (const a of cube.areas) part(a)?.areas.push(a);
	for (const q of cube.questions) part(q)?.questions.push(q);
	return parts;
}

/** A cube of no responses. */
export const EMPTY_CUBE: RoundCube = { groups: [], areas: [], questions: [] };

/** Which groups of a cube to take together; `() => true` takes the whole round. */
export type GroupSelector = (group: GroupKey) => boolean;

export const everyone: GroupSelector = () => true;

/** Responses in the selected groups. */
export function countOf(cube: RoundCube, select: GroupSelector = everyone): number {
	return cube.groups.reduce((n, g) => n + (select(g) ? g.responses : 0), 0);
}

/**
 * Ids of the departments (or role levels) with responses in any of the cubes: those in `order`
 * first (the organisation's order), then any others, then null (responses without one). The
 * others come as `others` says: `'first-seen'` in the order they first appear in the cubes, cube by
 * cube (the dashboard and the comparison of rounds), `'by-id'` sorted by id in UTF-16 code units,
 * the same in every locale and whatever order the database returned (the exports). Under a filter
 * the dashboard lists the same rows as without it, so an empty combination looks like a small one.
 */
export function idsWithResponses(
	cubes: readonly RoundCube[],
	by: keyof GroupKey,
	order: Iterable<string>,
	others: 'first-seen' | 'by-id'
): Array<string | null> {
	const present = new Set<string | null>();
	for (const cube of cubes) for (const g of cube.groups) if (g.responses > 0) present.add(g[by]);
	const ordered = new Set(order);
	const rest = [...present].filter((id): id is string => id !== null && !ordered.has(id));
	if (others === 'by-id') rest.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return [
		...[...ordered].filter((id) => present.has(id)),
		...rest,
		...(present.has(null) ? [null] : [])
	];
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
function spreadOfSums(n: number, sum: number, sumSq: number): Spread {
	if (n === 0) return { n, mean: null, median: null, sd: null, iqr: null, agreement: null };
	const mean = sum / n;
	const variance = sumSq / n - mean * mean;
	// Sums of squares leave rounding noise where everyone gave the same mean.
	const sd = variance > 1e-12 ? Math.sqrt(variance) : 0;
	return { n, mean, median: null, sd, iqr: null, agreement: Math.max(0, 1 - sd / MAX_SD) };
}

/**
 * The team statistics of the selected groups, as `aggregateResponses` computes them from the
 * responses themselves, except that an area's median and IQR over respondents are not known
 * (null); question statistics are complete.
 */
export function aggregateCube(
	model: MaturityModel,
	cube: RoundCube,
	select: GroupSelector = everyone,
	options: { disputedCount?: number } = {}
): TeamResult {
	const respondents = countOf(cube, select);
	const areaTotals = new Map<string, Omit<AreaSums, keyof GroupKey | 'areaId'>>();
	for (const a of cube.areas) {
		if (!select(a)) continue;
		const t = areaTotals.get(a.areaId) ?? {
			scored: 0,
			sum: 0,
			sumSq: 0,
			answered: 0,
			targetSum: 0,
			targetCount: 0
		};
		t.scored += a.scored;
		t.sum += a.sum;
		t.sumSq += a.sumSq;
		t.answered += a.answered;
		t.targetSum += a.targetSum;
		t.targetCount += a.targetCount;
		areaTotals.set(a.areaId, t);
	}
	const questionTotals = new Map<string, { levels: number[]; dontKnow: number }>();
	for (const q of cube.questions) {
		if (!select(q)) continue;
		const t = questionTotals.get(q.questionId) ?? { levels: [0, 0, 0, 0], dontKnow: 0 };
		q.levels.forEach((c, i) => (t.levels[i] = (t.levels[i] ?? 0) + c));
		t.dontKnow += q.dontKnow;
		questionTotals.set(q.questionId, t);
	}

	const allQuestions: QuestionStats[] = [];
	const areas = model.areas.map((area): AreaStats => {
		const questions = area.questions.map((question): QuestionStats => {
			const t = questionTotals.get(question.id);
			const levels = (t?.levels ?? [0, 0, 0, 0]) as [number, number, number, number];
			const spread = spreadOfCounts(levels);
			const stats: QuestionStats = {
				questionId: question.id,
				areaId: area.id,
				dontKnow: t?.dontKnow ?? 0,
				distribution: [...levels],
				...spread,
				disputed: spread.n >= 2 && (spread.sd ?? 0) >= DISPUTED_SD
			};
			allQuestions.push(stats);
			return stats;
		});
		const t = areaTotals.get(area.id);
		const spread = spreadOfSums(t?.scored ?? 0, t?.sum ?? 0, t?.sumSq ?? 0);
		return areaStatsOf(area, spread, {
			answered: t?.answered ?? 0,
			possible: respondents * area.questions.length,
			target: t && t.targetCount > 0 ? t.targetSum / t.targetCount : null,
			questions
		});
	});
	return {
		respondents,
		areas,
		overall: overallOf(areas.map((a) => ({ ...a, questionCount: a.possible }))),
		disputed: mostDisputed(allQuestions, options.disputedCount ?? 5)
	};
}
