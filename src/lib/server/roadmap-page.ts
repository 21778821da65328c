/**
 * Reads what a round's roadmap tracking page shows for a role: the round's results (or, below the
 * threshold, the workshop's agreed answers: docs/scoring.md rule 49), the tracked items and, for
 * those who manage rounds, the members to choose an owner from. `roadmapPageView`
 * (domain/roadmap-page.ts) builds the page's data; the page and the read API both use this.
 */
import { can, type Role } from '$lib/domain/permissions';
import type { Locale } from '$lib/domain/model';
import { roadmapPageView } from '$lib/domain/roadmap-page';
import { consensusResults } from '$lib/domain/workshop-record';
import { loadDashboard } from '$lib/server/dashboard';
import type { Db } from '$lib/server/db/connection';
import { listMembers } from '$lib/server/db/members';
import { listTrackedItems } from '$lib/server/db/roadmap-items';
import type { Round } from '$lib/server/db/rounds';
import { loadRoundRecord } from '$lib/server/workshop-record';

export async function loadRoadmapPage(db: Db, round: Round, role: Role, locale: Locale) {
	// Only what this role may see is read at all; roadmapPageView decides what leaves the server.
	const [{ stored, dashboard }, tracked, members, record] = await Promise.all([
		loadDashboard(db, round),
		listTrackedItems(db, round.organisationId, round.id),
		can(role, 'manageRounds') ? listMembers(db, round.organisationId) : [],
		loadRoundRecord(db, round.id)
	]);
	// Below the threshold, the workshop's agreed answers are the round's results (rule 49).
	const consensus = consensusResults(
		stored.model,
		dashboard.roundShown,
		record,
		dashboard.importance
	);
	return roadmapPageView({
		role,
		round,
		model: stored.model,
		results: dashboard.results ?? consensus,
		consensus: consensus !== null,
		tracked,
		members,
		now: new Date(),
		locale
	});
}
