/**
 * What the comparison of two rounds shows: which rounds the address chose, and the comparison of
 * `compareRounds` (compare.ts) named and rounded for the page, with the roadmap tracked after the
 * earlier round. Every row carries the id of its area or department, so nothing is paired by its
 * place in a list. The anonymity rules are each round's own (`groupVisibility`).
 */
import { groupVisibility, NO_FILTER } from './anonymity';
import { compareRounds, type AreaChange, type Change } from './compare';
import type { RoundSums } from './round-sums';
import { localize, type Locale, type MaturityModel } from './model';
import { trackedItemsView } from './results-view';
import type { RoadmapStatus } from './roadmap';
import { round as roundTo, stageOf } from './scoring';

/** The statuses in the order the page lists them: what was done first. */
export const STATUS_ORDER = [
	'done',
	'in_progress',
	'planned',
	'dropped'
] as const satisfies ReadonlyArray<RoadmapStatus>;

/**
 * The rounds chosen in the address (`?from=<id>&to=<id>`), among `rounds`, this organisation's
 * rounds, newest first. Without `to`, the newest round; without `from`, the round listed after
 * `to` (created before it). An id that is not among `rounds` chooses nothing and is reported.
 *
 * Example, rounds [r3, r2, r1]: `{}` chooses r2 → r3; `{ to: 'r2' }` r1 → r2; `{ from: 'x' }`
 * nothing → r3, with `unknownFrom`.
 */
export function pickRounds<R extends { id: string }>(
	rounds: readonly R[],
	asked: { from: string | null; to: string | null }
): { from: R | undefined; to: R | undefined; unknownFrom: boolean; unknownTo: boolean } {
	const read = (value: string | null) => {
		const id = value?.trim() ?? '';
		if (id === '') return { given: false, round: undefined };
		return { given: true, round: rounds.find((r) => r.id === id) };
	};
	const to = read(asked.to);
	const toRound = to.given ? to.round : rounds[0];
	const from = read(asked.from);
	const fromRound = from.given
		? from.round
		: toRound && rounds[rounds.findIndex((r) => r.id === toRound.id) + 1];
	return {
		from: fromRound,
		to: toRound,
		unknownFrom: from.given && !from.round,
		unknownTo: to.given && !to.round
	};
}

/**
 * A change for display: means to one decimal with their stage, the change to one decimal with
 * its direction, in the reader's locale (a decimal comma in bg, ru, ro, uk). `{ before: 2.04, after: 2.96, delta: 0.92 }` reads 2.0 (stage 2) → 3.0 (stage 2),
 * up 0.9.
 */
export function changeView(change: Change, locale: Locale = 'en') {
	const oneDecimal = new Intl.NumberFormat(locale, {
		minimumFractionDigits: 1,
		maximumFractionDigits: 1
	});
	const side = (mean: number | null) =>
		mean === null ? null : { mean: oneDecimal.format(roundTo(mean, 1)), stage: stageOf(mean) };
	const delta = change.delta === null ? null : roundTo(change.delta, 1);
	return {
		before: side(change.before),
		after: side(change.after),
		change:
			delta === null
				? null
				: {
						direction:
							delta > 0 ? ('up' as const) : delta < 0 ? ('down' as const) : ('same' as const),
						stages: oneDecimal.format(Math.abs(delta))
					}
	};
}

const NO_CHANGE: Change = { before: null, after: null, delta: null };

interface ComparedRound {
	round: { id: string; name: string; anonymityThreshold: number };
	sums: RoundSums;
}

export interface ComparisonInput {
	/** The later round's model: areas and their order. */
	model: MaturityModel;
	/**
	 * The earlier round's model, which names what was tracked after it; when its version is not
	 * `model`'s, the rounds are compared on the questions both share.
	 */
	beforeModel: MaturityModel;
	before: ComparedRound;
	after: ComparedRound;
	/** The organisation's departments, archived ones too, in its order. */
	departments: ReadonlyArray<{ id: string; name: string }>;
	/** The roadmap items tracked after the earlier round. */
	tracked: Iterable<{
		recommendationId: string;
		ownerName: string | null;
		dueQuarter: string | null;
		status: RoadmapStatus;
	}>;
	/** The name of the responses that came without a department. */
	noDepartment: string;
	locale: Locale;
}

/**
 * Two rounds of the same model compared for the page: the whole rounds and every department per
 * area, each row with its id and name, and the earlier round's tracked roadmap by status. When
 * either round is below its threshold, `shown` is false, `belowThreshold` names it and no number
 * of either round is given.
 *
 * When the rounds used different versions of the model, `versions` gives both and how many of the
 * later model's questions they share; areas are compared on the shared questions only, an area
 * without one is marked not `compared` (no numbers), the overall row is not compared, and the
 * departments get a cell per compared area (`comparedAreas`) only (docs/scoring.md rule 42a).
 */
export function comparisonView(input: ComparisonInput) {
	const { model, before, after, locale } = input;
	const belowThreshold = [before, after]
		.filter(
			(side) => !groupVisibility(side.sums, side.round.anonymityThreshold).check(NO_FILTER).visible
		)
		.map((side) => ({ name: side.round.name, threshold: side.round.anonymityThreshold }));
	const result = compareRounds(
		model,
		{ sums: before.sums, threshold: before.round.anonymityThreshold },
		{ sums: after.sums, threshold: after.round.anonymityThreshold },
		input.departments.map((d) => d.id),
		input.beforeModel
	);
	const { shared } = result;
	const compared = new Set(
		shared
			? shared.areas.filter((a) => a.questionIds.length > 0).map((a) => a.areaId)
			: model.areas.map((a) => a.id)
	);
	const areas = model.areas.map((a) => ({
		id: a.id,
		name: localize(a.name, locale),
		compared: compared.has(a.id)
	}));
	const comparedAreas = areas.filter((a) => a.compared);
	const departmentName = new Map(input.departments.map((d) => [d.id, d.name]));
	/** One cell per compared area, in the order of `areas`, found by the area's id. */
	const cellsOf = (changes: readonly AreaChange[]) => {
		const byArea = new Map(changes.map((c) => [c.areaId, c]));
		return comparedAreas.map((a) => ({
			areaId: a.id,
			...changeView(byArea.get(a.id) ?? NO_CHANGE, locale)
		}));
	};
	const wholeRound = new Map(result.areas.map((a) => [a.areaId, a]));

	// Named from the model the earlier round was answered with, in the model's order.
	const items = trackedItemsView(input.beforeModel, input.tracked, locale);

	return {
		before: { id: before.round.id, name: before.round.name },
		after: { id: after.round.id, name: after.round.name },
		shown: belowThreshold.length === 0,
		belowThreshold,
		versions: shared && {
			before: input.beforeModel.version,
			after: model.version,
			shared: shared.shared,
			total: shared.total
		},
		areas,
		comparedAreas,
		overall: { compared: shared === null, ...changeView(result.overall, locale) },
		areaChanges: areas.map((a) => ({
			areaId: a.id,
			name: a.name,
			compared: a.compared,
			...changeView(wholeRound.get(a.id) ?? NO_CHANGE, locale)
		})),
		departments: result.departments.map((d) => ({
			key: d.departmentId ?? '',
			name:
				d.departmentId === null
					? input.noDepartment
					: (departmentName.get(d.departmentId) ?? d.departmentId),
			visible: d.visible,
			cells: d.visible ? cellsOf(d.areas) : []
		})),
		roadmap: STATUS_ORDER.map((status) => ({
			status,
			items: items.filter((i) => i.status === status)
		})).filter((g) => g.items.length > 0)
	};
}

export type ComparisonView = ReturnType<typeof comparisonView>;
