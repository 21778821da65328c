/**
 * Reads what the comparison of two rounds shows: the organisation's rounds to choose from, the
 * two chosen in the address (`?from=<roundId>&to=<roundId>`, so the choice can be shared as a
 * link), their models, sums, the departments and the roadmap tracked after the earlier round. Ids
 * are looked up among this organisation's rounds only; anything else is reported on the page and
 * nothing is shown for it. Rounds of two versions of the model are compared on their shared
 * questions, and the page says so. The numbers come from domain/compare-page.ts, which applies each
 * round's anonymity rules.
 */
import { error } from '@sveltejs/kit';
import { comparisonView, pickRounds, type ComparisonView } from '$lib/domain/compare-page';
import { currentLocale } from '$lib/i18n';
import { statusLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { listRounds } from '$lib/server/db/rounds';
import type { Db } from '$lib/server/db/connection';
import { listGroups } from '$lib/server/db/groups';
import { getModel } from '$lib/server/db/models';
import { listTrackedItems } from '$lib/server/db/roadmap-items';
import { loadRoundSums } from '$lib/server/db/round-sums';

/** The comparison page of this organisation for the rounds asked for in the address. */
export async function loadComparePage(
	db: Db,
	organisationId: string,
	asked: { from: string | null; to: string | null }
) {
	const rounds = await listRounds(db, organisationId);
	const { from, to, unknownFrom, unknownTo } = pickRounds(rounds, asked);
	const messages: string[] = [];
	if (unknownFrom) messages.push(m.compare_unknown_from());
	if (unknownTo) messages.push(m.compare_unknown_to());
	const page = {
		options: rounds.map((r) => ({
			id: r.id,
			label: m.compare_round_option({ name: r.name, status: statusLabel(r.status) })
		})),
		fromId: from?.id ?? null,
		toId: to?.id ?? null,
		enoughRounds: rounds.length >= 2,
		messages,
		notes: [] as string[],
		comparison: null as ComparisonView | null
	};

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
	const [beforeSums, afterSums, departments, tracked] = await Promise.all([
		loadRoundSums(db, from),
		loadRoundSums(db, to),
		listGroups(db, 'departments', organisationId, { includeArchived: true }),
		listTrackedItems(db, organisationId, from.id)
	]);
	page.comparison = comparisonView({
		model: after.model,
		beforeModel: before.model,
		before: { round: from, sums: beforeSums },
		after: { round: to, sums: afterSums },
		departments,
		tracked: tracked.values(),
		noDepartment: m.heatmap_no_department(),
		locale: currentLocale()
	});
	const { versions } = page.comparison;
	if (versions)
		page.notes.push(
			m.compare_versions_differ({
				before: from.name,
				beforeVersion: versions.before,
				after: to.name,
				afterVersion: versions.after,
				shared: versions.shared,
				total: versions.total
			})
		);
	for (const r of page.comparison.belowThreshold)
		messages.push(m.compare_below_threshold({ round: r.name, threshold: r.threshold }));
	return page;
}
