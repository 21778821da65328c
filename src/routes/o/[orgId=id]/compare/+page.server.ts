/**
 * Two rounds of the organisation side by side: `?from=<roundId>&to=<roundId>`, so the choice can be
 * shared as a link. Ids are looked up among this organisation's rounds only; anything else is
 * reported on the page and nothing is shown for it. The numbers come from domain/compare.ts, which
 * applies each round's anonymity rules.
 */
import { error } from '@sveltejs/kit';
import { groupVisibility, NO_FILTER } from '$lib/domain/anonymity';
import { compareRounds, type AreaChange, type Change } from '$lib/domain/compare';
import { localize } from '$lib/domain/model';
import { trackedItemsView } from '$lib/domain/results-view';
import type { ROADMAP_STATUSES } from '$lib/domain/roadmap';
import { round as roundTo, stageOf } from '$lib/domain/scoring';
import { currentLocale } from '$lib/i18n';
import { statusLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { listRounds, type Round } from '$lib/server/db/rounds';
import type { Db } from '$lib/server/db/connection';
import { listGroups } from '$lib/server/db/groups';
import { getModel } from '$lib/server/db/models';
import { listTrackedItems } from '$lib/server/db/roadmap-items';
import { loadRoundSums as loadRoundCube } from '$lib/server/db/round-sums';
import { requireMember } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/** The statuses in the order the page lists them: what was done first. */
const STATUS_ORDER = ['done', 'in_progress', 'planned', 'dropped'] as const satisfies ReadonlyArray<
	(typeof ROADMAP_STATUSES)[number]
>;

type ListedRound = Round & { submitted: number; started: number };

/**
 * The rounds chosen in the address. Without `to`, the newest round; without `from`, the round
 * created before `to`. An id that is not among `rounds` (this organisation's) is reported.
 */
function readPair(params: URLSearchParams, rounds: readonly ListedRound[]) {
	const read = (name: string) => {
		const value = params.get(name)?.trim() ?? '';
		if (value === '') return { given: false, round: undefined };
		return { given: true, round: rounds.find((r) => r.id === value) };
	};
	const to = read('to');
	const toRound = to.given ? to.round : rounds[0];
	const from = read('from');
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

/** A change for display: means to one decimal with their stage, the change to one decimal. */
function changeView(change: Change) {
	const side = (mean: number | null) =>
		mean === null ? null : { mean: roundTo(mean, 1).toFixed(1), stage: stageOf(mean) };
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
						stages: Math.abs(delta).toFixed(1)
					}
	};
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId);
	const rounds = await listRounds(db, params.orgId);
	const pair = readPair(url.searchParams, rounds);
	const options = rounds.map((r) => ({
		id: r.id,
		label: m.compare_round_option({ name: r.name, status: statusLabel(r.status) })
	}));
	const messages: string[] = [];
	if (pair.unknownFrom) messages.push(m.compare_unknown_from());
	if (pair.unknownTo) messages.push(m.compare_unknown_to());
	const page = {
		options,
		fromId: pair.from?.id ?? null,
		toId: pair.to?.id ?? null,
		enoughRounds: rounds.length >= 2,
		messages,
		notes: [] as string[],
		comparison: null as Awaited<ReturnType<typeof comparisonOf>> | null
	};

	const { from, to } = pair;
	if (!from || !to) return page;
	if (from.id === to.id) {
		messages.push(m.compare_same_round());
		return page;
	}
	const [before, after] = await Promise.all([getModel(db, from.modelId), getModel(db, to.modelId)]);
	if (!before || !after) error(500, { message: m.error_model_missing() });
	if (before.key !== after.key) {
		messages.push(m.compare_different_model({ before: from.name, after: to.name }));
		return page;
	}
	if (from.createdAt > to.createdAt)
		page.notes.push(m.compare_reversed({ before: from.name, after: to.name }));
	page.comparison = await comparisonOf(db, from, to, before.model, after.model);
	for (const r of page.comparison.belowThreshold)
		messages.push(m.compare_below_threshold({ round: r.name, threshold: r.threshold }));
	return page;
};

async function comparisonOf(
	db: Db,
	from: ListedRound,
	to: ListedRound,
	beforeModel: NonNullable<Awaited<ReturnType<typeof getModel>>>['model'],
	model: NonNullable<Awaited<ReturnType<typeof getModel>>>['model']
) {
	const locale = currentLocale();
	const [beforeCube, afterCube, departments, tracked] = await Promise.all([
		loadRoundCube(db, from),
		loadRoundCube(db, to),
		listGroups(db, 'departments', from.organisationId, { includeArchived: true }),
		listTrackedItems(db, from.organisationId, from.id)
	]);
	const before = { cube: beforeCube, threshold: from.anonymityThreshold };
	const after = { cube: afterCube, threshold: to.anonymityThreshold };
	const belowThreshold = [
		{ round: from, side: before },
		{ round: to, side: after }
	]
		.filter(({ side }) => !groupVisibility(side.cube, side.threshold).check(NO_FILTER).visible)
		.map(({ round }) => ({ name: round.name, threshold: round.anonymityThreshold }));
	const result = compareRounds(
		model,
		before,
		after,
		departments.map((d) => d.id)
	);
	const areaName = new Map(model.areas.map((a) => [a.id, localize(a.name, locale)]));
	const departmentName = new Map(departments.map((d) => [d.id, d.name]));
	const areaView = (a: AreaChange) => ({ areaId: a.areaId, ...changeView(a) });

	// Named from the model the earlier round was answered with, in the model's order.
	const items = trackedItemsView(beforeModel, tracked.values(), locale);

	return {
		before: { id: from.id, name: from.name },
		after: { id: to.id, name: to.name },
		shown: belowThreshold.length === 0,
		belowThreshold,
		areas: model.areas.map((a) => ({ id: a.id, name: areaName.get(a.id) ?? a.id })),
		overall: changeView(result.overall),
		areaChanges: result.areas.map(areaView),
		departments: result.departments.map((d) => ({
			key: d.departmentId ?? '',
			name:
				d.departmentId === null
					? m.heatmap_no_department()
					: (departmentName.get(d.departmentId) ?? d.departmentId),
			visible: d.visible,
			cells: d.areas.map(areaView)
		})),
		roadmap: STATUS_ORDER.map((status) => ({
			status,
			items: items.filter((i) => i.status === status)
		})).filter((g) => g.items.length > 0)
	};
}
