/**
 * Two rounds of the same organisation and model side by side: the mean level (1-4) per area and
 * overall in each, and the change between them, for the whole round and per department.
 *
 * Rounds of two versions of the model are compared on the questions both versions share
 * (`sharedQuestions`; a question keeps its id only while its meaning is unchanged, docs/model.md
 * §8): an area's mean is that of the levels given to its shared questions (`sharedAreaMeans`), and
 * an area without one is not compared. Across versions there is no overall figure
 * (docs/scoring.md rule 42a): the overall mean stands for every area of the model, and a weighted
 * mean of the compared areas would show the change of a part as the whole round's; between 1.0.0
 * and 1.1.0 that part is one area of nine, one question of 48.
 *
 * The anonymity rules of each round hold as they do on its own dashboard (`groupVisibility`): no
 * comparison unless both whole rounds may be shown, and a department's changes only when it may
 * be shown in both rounds. A change from a group hidden in either round could reveal it, so
 * nothing about such a department is given but that it is hidden.
 */
import { NO_FILTER, WITHOUT, groupVisibility } from './anonymity';
import { selectorOf } from './dashboard';
import type { MaturityModel } from './model';
import {
	everyone,
	idsWithResponses,
	teamStatsOf,
	type CellSelector,
	type RoundSums
} from './round-sums';

export interface RoundSide {
	/** The round's sums. */
	sums: RoundSums;
	/** The round's anonymity threshold. */
	threshold: number;
}

export interface Change {
	/** Mean levels (1-4); null where the round has none. */
	before: number | null;
	after: number | null;
	/** after − before, in stages; null when either is missing. */
	delta: number | null;
}

export interface AreaChange extends Change {
	areaId: string;
}

export interface DepartmentChange {
	/** The department's id; null for the responses that came without one. */
	departmentId: string | null;
	/** Shown in both rounds; when false, `areas` is empty. */
	visible: boolean;
	areas: AreaChange[];
}

/** The shared questions of one area of the later model. */
export interface SharedArea {
	areaId: string;
	/** Ids of the area's questions that the earlier model has too, in the later model's order. */
	questionIds: string[];
}

/** What two versions of a model share, per area of the later one. */
export interface SharedQuestions {
	/** Every area of the later model, in its order; one without shared questions is not compared. */
	areas: SharedArea[];
	/** Questions of the later model whose id the earlier model has too. */
	shared: number;
	/** Questions of the later model. */
	total: number;
}

/**
 * The questions two models share: those of `after` whose id `before` has too, wherever `before`
 * keeps it, grouped by the areas of `after`. Example: 1.0.0 and 1.1.0 of cx-maturity share only
 * `me-attribution` (area `measurement`), 1 of 48 questions.
 */
export function sharedQuestions(before: MaturityModel, after: MaturityModel): SharedQuestions {
	const earlier = new Set(before.areas.flatMap((a) => a.questions.map((q) => q.id)));
	const areas = after.areas.map((area) => ({
		areaId: area.id,
		questionIds: area.questions.filter((q) => earlier.has(q.id)).map((q) => q.id)
	}));
	return {
		areas,
		shared: areas.reduce((n, a) => n + a.questionIds.length, 0),
		total: after.areas.reduce((n, a) => n + a.questions.length, 0)
	};
}

/**
 * Mean level per area of the selected cells over the area's shared questions only, from the round
 * sums' question counts: Σ level × count ÷ Σ count over the area's shared questions ("don't know"
 * left out). Null for an area without shared questions or without a level given to them. Example:
 * a shared question answered 2, 2 and 3 gives its area (2 + 2 + 3) ÷ 3 = 2.33.
 */
export function sharedAreaMeans(
	shared: SharedQuestions,
	sums: RoundSums,
	select: CellSelector = everyone
): Map<string, number | null> {
	const totals = new Map<string, { sum: number; count: number }>();
	for (const q of sums.questions) {
		if (!select(q)) continue;
		const t = totals.get(q.questionId) ?? { sum: 0, count: 0 };
		q.levels.forEach((count, i) => {
			t.sum += (i + 1) * count;
			t.count += count;
		});
		totals.set(q.questionId, t);
	}
	return new Map(
		shared.areas.map((area) => {
			let sum = 0;
			let count = 0;
			for (const id of area.questionIds) {
				sum += totals.get(id)?.sum ?? 0;
				count += totals.get(id)?.count ?? 0;
			}
			return [area.areaId, count > 0 ? sum / count : null];
		})
	);
}

export interface RoundComparison {
	/**
	 * What the two models share when the rounds used different versions; null for the same version.
	 * Across versions the areas without shared questions have no numbers, and neither has `overall`.
	 */
	shared: SharedQuestions | null;
	overall: Change;
	/** Per area of the model, in model order. */
	areas: AreaChange[];
	/** Departments with responses in either round; empty when there is no comparison. */
	departments: DepartmentChange[];
}

const changeOf = (before: number | null, after: number | null): Change => ({
	before,
	after,
	delta: before !== null && after !== null ? after - before : null
});

/**
 * Mean level per area and overall of the selected cells of a round: the respondents' area means
 * (docs/scoring.md rule 15) for the same version, the shared questions' levels across versions.
 */
function meansOf(
	model: MaturityModel,
	shared: SharedQuestions | null,
	sums: RoundSums,
	select?: CellSelector
): { overall: number | null; areas: Map<string, number | null> } {
	if (shared) return { overall: null, areas: sharedAreaMeans(shared, sums, select) };
	const team = teamStatsOf(model, sums, select);
	return {
		overall: team.overall.mean,
		areas: new Map(team.areas.map((a) => [a.areaId, a.mean]))
	};
}

function areaChanges(
	model: MaturityModel,
	before: ReturnType<typeof meansOf> | null,
	after: ReturnType<typeof meansOf> | null
): AreaChange[] {
	return model.areas.map((area) => ({
		areaId: area.id,
		...changeOf(before?.areas.get(area.id) ?? null, after?.areas.get(area.id) ?? null)
	}));
}

/**
 * The change from `before` to `after`, read with the later round's model `model` (areas a round has
 * no answers for give null); `beforeModel` is the model the earlier round used, the same one when
 * left out. When its version differs, areas are compared on their shared questions only
 * (`sharedAreaMeans`) and there is no overall change. Example: an area at 2.0 in the first round and
 * 3.0 in the second changes by +1; a department of 3 responses in either round (threshold 5) shows
 * no numbers.
 */
export function compareRounds(
	model: MaturityModel,
	before: RoundSide,
	after: RoundSide,
	departmentOrder: readonly string[],
	beforeModel: MaturityModel = model
): RoundComparison {
	const shared =
		beforeModel.id === model.id && beforeModel.version === model.version
			? null
			: sharedQuestions(beforeModel, model);
	const seenBefore = groupVisibility(before.sums, before.threshold);
	const seenAfter = groupVisibility(after.sums, after.threshold);
	if (!seenBefore.check(NO_FILTER).visible || !seenAfter.check(NO_FILTER).visible)
		return {
			shared,
			overall: changeOf(null, null),
			areas: areaChanges(model, null, null),
			departments: []
		};

	const wholeBefore = meansOf(model, shared, before.sums);
	const wholeAfter = meansOf(model, shared, after.sums);
	const departments = idsWithResponses(
		[before.sums, after.sums],
		'departmentId',
		departmentOrder,
		'first-seen'
	).map((departmentId): DepartmentChange => {
		const filter = { departmentId: departmentId ?? WITHOUT, roleLevelId: null };
		const visible = seenBefore.check(filter).visible && seenAfter.check(filter).visible;
		if (!visible) return { departmentId, visible, areas: [] };
		const select = selectorOf(filter);
		return {
			departmentId,
			visible,
			areas: areaChanges(
				model,
				meansOf(model, shared, before.sums, select),
				meansOf(model, shared, after.sums, select)
			)
		};
	});
	return {
		shared,
		overall: changeOf(wholeBefore.overall, wholeAfter.overall),
		areas: areaChanges(model, wholeBefore, wholeAfter),
		departments
	};
}
