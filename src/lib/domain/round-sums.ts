/**
 * A round's sums: its submitted responses summed per cell (one department × one role level). The
 * database keeps them (lib/server/db/round-sums.ts), and every team figure of the dashboard, the
 * results pages, the PDF and the exports is computed from them, for the whole round or any
 * selection of cells. `sumResponses` is the one way they are made: the stored sums change by the
 * sums of one response, and a rebuild sums all of a round's responses with it.
 *
 * Sums are enough because every team statistic is a mean or a spread: an area's mean and standard
 * deviation over respondents come from the count, sum and sum of squares of their area means; a
 * question's statistics from how many chose each level.
 */
import type { MaturityModel } from './model';
import {
	NOT_APPLICABLE,
	overallOf,
	scoreResponse,
	stageRuleOf,
	type ResponseInput
} from './scoring';
import {
	areaStatsOf,
	DISPUTED_SD,
	mostDisputed,
	spreadOfCounts,
	spreadOfSums,
	type AreaStats,
	type QuestionStats,
	type TeamStats
} from './statistics';

/** Which cell a response belongs to; null when it came without a department (or role level). */
export interface CellKey {
	departmentId: string | null;
	roleLevelId: string | null;
}

export interface CellSize extends CellKey {
	responses: number;
	/**
	 * Submitted responses that left the cell during the round (excluded or deleted); absent when
	 * none. The anonymity rules then ask for more responses (docs/scoring.md rule 44).
	 */
	removed?: number;
}

export interface AreaSums extends CellKey {
	areaId: string;
	/** Respondents with at least one level in the area (so with an area mean). */
	scored: number;
	/** Sum, and sum of squares, of those respondents' area means. */
	sum: number;
	sumSq: number;
	/** Levels given in the area ("don't know" and skipped questions excluded). */
	answered: number;
	/** "Not applicable" answers in the area (out of the possible answers). */
	notApplicable: number;
	/** Sum and number of the targets set for the area. */
	targetSum: number;
	targetCount: number;
}

export interface QuestionCounts extends CellKey {
	questionId: string;
	/** How many chose each level: [stage 1, stage 2, stage 3, stage 4]. */
	levels: [number, number, number, number];
	dontKnow: number;
	notApplicable: number;
}

export interface RoundSums {
	cells: CellSize[];
	areas: AreaSums[];
	questions: QuestionCounts[];
}

/** The sums of no responses. */
export const EMPTY_SUMS: RoundSums = { cells: [], areas: [], questions: [] };

const keyOf = (c: CellKey) => `${c.departmentId ?? ''}\u0000${c.roleLevelId ?? ''}`;

/** One cell's sums while they are added up: its areas and questions by id. */
interface CellTotals {
	size: CellSize;
	areas: Map<string, AreaSums>;
	questions: Map<string, QuestionCounts>;
}

/**
 * The sums of `responses`, added to `onto` (the sums of none when left out), so that a round can be
 * summed page by page: `sumResponses(model, [a, b])` equals
 * `sumResponses(model, [b], sumResponses(model, [a]))`. `onto` is not changed.
 */
export function sumResponses(
	model: MaturityModel,
	responses: ReadonlyArray<ResponseInput & Partial<CellKey>>,
	onto: RoundSums = EMPTY_SUMS
): RoundSums {
	const cells = new Map<string, CellTotals>();
	const cellOf = (cell: CellKey): CellTotals => {
		const key = keyOf(cell);
		let totals = cells.get(key);
		if (!totals) {
			totals = {
				size: { departmentId: cell.departmentId, roleLevelId: cell.roleLevelId, responses: 0 },
				areas: new Map(),
				questions: new Map()
			};
			cells.set(key, totals);
		}
		return totals;
	};
	for (const c of onto.cells) cellOf(c).size = { ...c };
	for (const a of onto.areas) cellOf(a).areas.set(a.areaId, { ...a });
	for (const q of onto.questions)
		cellOf(q).questions.set(q.questionId, { ...q, levels: [...q.levels] });

	for (const response of responses) {
		const cell: CellKey = {
			departmentId: response.departmentId ?? null,
			roleLevelId: response.roleLevelId ?? null
		};
		const totals = cellOf(cell);
		totals.size.responses += 1;
		const scored = scoreResponse(model, response);
		for (const area of scored.areas) {
			if (
				area.mean === null &&
				area.answered === 0 &&
				area.notApplicable === 0 &&
				area.target === null
			)
				continue;
			let sums = totals.areas.get(area.areaId);
			if (!sums) {
				sums = {
					...cell,
					areaId: area.areaId,
					scored: 0,
					sum: 0,
					sumSq: 0,
					answered: 0,
					notApplicable: 0,
					targetSum: 0,
					targetCount: 0
				};
				totals.areas.set(area.areaId, sums);
			}
			if (area.mean !== null) {
				sums.scored += 1;
				sums.sum += area.mean;
				sums.sumSq += area.mean * area.mean;
			}
			sums.answered += area.answered;
			sums.notApplicable += area.notApplicable;
			if (area.target !== null) {
				sums.targetSum += area.target;
				sums.targetCount += 1;
			}
		}
		for (const questionId in response.answers) {
			const value = response.answers[questionId];
			let counts = totals.questions.get(questionId);
			if (!counts) {
				counts = { ...cell, questionId, levels: [0, 0, 0, 0], dontKnow: 0, notApplicable: 0 };
				totals.questions.set(questionId, counts);
			}
			if (value === null || value === undefined) counts.dontKnow += 1;
			else if (value === NOT_APPLICABLE) counts.notApplicable += 1;
			else counts.levels[value - 1] = (counts.levels[value - 1] ?? 0) + 1;
		}
	}
	const all = [...cells.values()];
	return {
		cells: all.map((c) => c.size),
		areas: all.flatMap((c) => [...c.areas.values()]),
		questions: all.flatMap((c) => [...c.questions.values()])
	};
}

/**
 * `after` minus `before`, entry by entry (a cell, a cell's area, a cell's question), leaving out the
 * entries that did not change, sorted by cell and then area or question id: what a change of one
 * response adds to a round's stored sums. Applied to the stored rows in this order, every change
 * takes the rows' locks in the same order, so two changes at once never wait for each other in a
 * circle.
 */
export function sumsDifference(after: RoundSums, before: RoundSums): RoundSums {
	const cellKey = (c: CellKey) => keyOf(c);
	const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	const cells = new Map<string, CellSize>();
	for (const [sign, sums] of [
		[1, after],
		[-1, before]
	] as const)
		for (const c of sums.cells) {
			const key = cellKey(c);
			const entry = cells.get(key) ?? {
				departmentId: c.departmentId,
				roleLevelId: c.roleLevelId,
				responses: 0
			};
			entry.responses += sign * c.responses;
			cells.set(key, entry);
		}
	const areas = new Map<string, AreaSums>();
	const areaFields = [
		'scored',
		'sum',
		'sumSq',
		'answered',
		'notApplicable',
		'targetSum',
		'targetCount'
	] as const;
	for (const [sign, sums] of [
		[1, after],
		[-1, before]
	] as const)
		for (const a of sums.areas) {
			const key = `${cellKey(a)}\u0000${a.areaId}`;
			let entry = areas.get(key);
			if (!entry) {
				entry = { ...a };
				for (const f of areaFields) entry[f] = 0;
				areas.set(key, entry);
			}
			for (const f of areaFields) entry[f] += sign * a[f];
		}
	const questions = new Map<string, QuestionCounts>();
	for (const [sign, sums] of [
		[1, after],
		[-1, before]
	] as const)
		for (const q of sums.questions) {
			const key = `${cellKey(q)}\u0000${q.questionId}`;
			let entry = questions.get(key);
			if (!entry) {
				entry = { ...q, levels: [0, 0, 0, 0], dontKnow: 0, notApplicable: 0 };
				questions.set(key, entry);
			}
			for (let i = 0; i < 4; i++) entry.levels[i]! += sign * q.levels[i]!;
			entry.dontKnow += sign * q.dontKnow;
			entry.notApplicable += sign * q.notApplicable;
		}
	const sorted = <T>(entries: Map<string, T>, changed: (entry: T) => boolean) =>
		[...entries]
			.sort(([a], [b]) => compare(a, b))
			.map(([, entry]) => entry)
			.filter(changed);
	return {
		cells: sorted(cells, (c) => c.responses !== 0),
		areas: sorted(areas, (a) => areaFields.some((f) => a[f] !== 0)),
		questions: sorted(
			questions,
			(q) => q.levels.some((n) => n !== 0) || q.dontKnow !== 0 || q.notApplicable !== 0
		)
	};
}

/**
 * The sums split into one part per key (cells whose key is undefined are left out), so that the
 * statistics of many departments (or role levels) come from one pass over the sums rather than one
 * pass each.
 */
export function splitSums(
	sums: RoundSums,
	keyOf: (cell: CellKey) => string | undefined
): Map<string, RoundSums> {
	const parts = new Map<string, RoundSums>();
	const part = (c: CellKey) => {
		const key = keyOf(c);
		if (key === undefined) return undefined;
		let found = parts.get(key);
		if (!found) parts.set(key, (found = { cells: [], areas: [], questions: [] }));
		return found;
	};
	for (const c of sums.cells) part(c)?.cells.push(c);
	for (const a of sums.areas) part(a)?.areas.push(a);
	for (const q of sums.questions) part(q)?.questions.push(q);
	return parts;
}

/** Which cells of the sums to take together; `everyone` takes the whole round. */
export type CellSelector = (cell: CellKey) => boolean;

export const everyone: CellSelector = () => true;

/** Responses in the selected cells. */
export function countOf(sums: RoundSums, select: CellSelector = everyone): number {
	return sums.cells.reduce((n, c) => n + (select(c) ? c.responses : 0), 0);
}

/**
 * Ids of the departments (or role levels) with responses in any of the sums: those in `order`
 * first (the organisation's order), then any others, then null (responses without one). The
 * others come as `others` says: `'first-seen'` in the order they first appear in the sums, one
 * round's after the other (the dashboard and the comparison of rounds), `'by-id'` sorted by id in
 * UTF-16 code units, the same in every locale and whatever order the database returned (the
 * exports). Under a filter the dashboard lists the same rows as without it, so an empty cell looks
 * like a small one.
 */
export function idsWithResponses(
	sums: readonly RoundSums[],
	by: keyof CellKey,
	order: Iterable<string>,
	others: 'first-seen' | 'by-id'
): Array<string | null> {
	const present = new Set<string | null>();
	for (const round of sums) for (const c of round.cells) if (c.responses > 0) present.add(c[by]);
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
 * The team statistics of the selected cells. An area's median and IQR over respondents cannot be
 * known from sums (null); question statistics are complete.
 */
export function teamStatsOf(
	model: MaturityModel,
	sums: RoundSums,
	select: CellSelector = everyone,
	options: { disputedCount?: number } = {}
): TeamStats {
	const respondents = countOf(sums, select);
	const rule = stageRuleOf(model);
	const areaTotals = new Map<string, Omit<AreaSums, keyof CellKey | 'areaId'>>();
	for (const a of sums.areas) {
		if (!select(a)) continue;
		const t = areaTotals.get(a.areaId) ?? {
			scored: 0,
			sum: 0,
			sumSq: 0,
			answered: 0,
			notApplicable: 0,
			targetSum: 0,
			targetCount: 0
		};
		t.scored += a.scored;
		t.sum += a.sum;
		t.sumSq += a.sumSq;
		t.answered += a.answered;
		t.notApplicable += a.notApplicable;
		t.targetSum += a.targetSum;
		t.targetCount += a.targetCount;
		areaTotals.set(a.areaId, t);
	}
	const questionTotals = new Map<
		string,
		{ levels: number[]; dontKnow: number; notApplicable: number }
	>();
	for (const q of sums.questions) {
		if (!select(q)) continue;
		const t = questionTotals.get(q.questionId) ?? {
			levels: [0, 0, 0, 0],
			dontKnow: 0,
			notApplicable: 0
		};
		q.levels.forEach((c, i) => (t.levels[i] = (t.levels[i] ?? 0) + c));
		t.dontKnow += q.dontKnow;
		t.notApplicable += q.notApplicable;
		questionTotals.set(q.questionId, t);
	}

	const allQuestions: QuestionStats[] = [];
	const areas = model.areas.map((area): AreaStats => {
		const questions = area.questions.map((question): QuestionStats => {
			const t = questionTotals.get(question.id);
			const levels = (t?.levels ?? [0, 0, 0, 0]) as QuestionCounts['levels'];
			const spread = spreadOfCounts(levels);
			const stats: QuestionStats = {
				questionId: question.id,
				areaId: area.id,
				dontKnow: t?.dontKnow ?? 0,
				notApplicable: t?.notApplicable ?? 0,
				distribution: [...levels],
				...spread,
				disputed: spread.n >= 2 && (spread.sd ?? 0) >= DISPUTED_SD
			};
			allQuestions.push(stats);
			return stats;
		});
		const t = areaTotals.get(area.id);
		const spread = spreadOfSums(t?.scored ?? 0, t?.sum ?? 0, t?.sumSq ?? 0);
		return areaStatsOf(
			area,
			spread,
			{
				answered: t?.answered ?? 0,
				possible: respondents * area.questions.length - (t?.notApplicable ?? 0),
				target: t && t.targetCount > 0 ? t.targetSum / t.targetCount : null,
				questions
			},
			rule
		);
	});
	return {
		respondents,
		areas,
		overall: overallOf(
			areas.map((a) => ({ ...a, questionCount: a.possible })),
			rule
		),
		disputed: mostDisputed(allQuestions, options.disputedCount ?? 5)
	};
}
