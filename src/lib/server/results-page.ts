/**
 * Reads what a round's team results page shows: the dashboard for the filter in the address, the
 * chosen group's evidence notes (read only when the dashboard allows them) and the roadmap tracked
 * after the previous round, and the round's workshop record. `resultsPageView` (domain/results-page.ts) builds the page's data.
 */
import { resultsPageView } from '$lib/domain/results-page';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { filterQuery, loadDashboard } from '$lib/server/dashboard';
import { listEvidenceNotes } from '$lib/server/db/evidence-notes';
import { getPreviousRound, type Round } from '$lib/server/db/rounds';
import type { Db } from '$lib/server/db/connection';
import { getModel } from '$lib/server/db/models';
import { listTrackedItems } from '$lib/server/db/roadmap-items';
import { loadRoundRecord } from '$lib/server/workshop-record';
import { benchmarkView } from '$lib/domain/benchmark';
import { benchmarkQuery, benchmarkRequestOf, loadBenchmark } from '$lib/server/benchmark';

/** The team results page of a round of this organisation, for the filter in `params`. */
export async function loadResultsPage(db: Db, round: Round, params: URLSearchParams) {
	const { stored, dashboard, departments, roleLevels, sector, unknownFilter } = await loadDashboard(
		db,
		round,
		params
	);
	const benchmarkRequest = benchmarkRequestOf(params);
	const [notes, previous, record, benchmark] = await Promise.all([
		// Evidence notes only for groups of at least twice the threshold, never with names.
		dashboard.notesAllowed ? listEvidenceNotes(db, round.id, dashboard.filter) : [],
		previousRoadmap(db, round),
		loadRoundRecord(db, round.id),
		// Compared with others only where the round's own results are shown.
		dashboard.roundShown ? loadBenchmark(db, round, stored.model, benchmarkRequest) : null
	]);
	const query = filterQuery(dashboard.filter);
	const view = resultsPageView({
		round,
		model: stored.model,
		dashboard,
		departments,
		roleLevels,
		noDepartment: m.heatmap_no_department(),
		noRoleLevel: m.lens_no_role_level(),
		unknownFilter,
		query,
		notes,
		previous,
		record,
		sector,
		locale: currentLocale()
	});
	return {
		...view,
		/** Statistics of other organisations only (docs/security.md); null without a benchmark. */
		benchmark: benchmark && benchmarkView(stored.model, benchmark, currentLocale()),
		/** The asked benchmark filter, kept by the report links. */
		benchmarkParams: benchmarkQuery(benchmarkRequest)
	};
}

/** The previous round with its model and tracked roadmap items; null without one. */
async function previousRoadmap(db: Db, round: Round) {
	const previous = await getPreviousRound(db, round.organisationId, round);
	if (!previous) return null;
	const [tracked, stored] = await Promise.all([
		listTrackedItems(db, round.organisationId, previous.id),
		getModel(db, previous.modelId)
	]);
	if (!stored) return null;
	return { round: previous, model: stored.model, tracked: tracked.values() };
}
