/**
 * Loads what the round dashboard, its PDF and its exports need: the round's sums from the database,
 * its departments and role levels, the importance rated per area (which ranks the roadmap), and the
 * filter read from the address (so a filtered view can be shared as a link). Everything shown is
 * then computed by domain/dashboard.ts.
 */
import { error } from '@sveltejs/kit';
import type { DashboardFilter } from '$lib/domain/anonymity';
import { roundDashboard } from '$lib/domain/dashboard';
import { m } from '$lib/paraglide/messages';
import { loadAreaImportance } from '$lib/server/db/area-importance';
import { loadRoundSums } from '$lib/server/db/round-sums';
import { invitedPerDepartment, type Round } from '$lib/server/db/rounds';
import { getModel } from '$lib/server/db/models';
import { getOrganisation } from '$lib/server/db/organisations';
import { listGroups, type NamedGroup } from '$lib/server/db/groups';
import type { Db } from '$lib/server/db/connection';

/** The query parameters that hold the filter: `?department=<id>&role=<id>`. */
export const FILTER_PARAMS = { departmentId: 'department', roleLevelId: 'role' } as const;

/**
 * Reads the filter from the address. Ids that are not this organisation's (mistyped, stale, or
 * another organisation's) are dropped with a message, never looked up elsewhere.
 */
export function readFilter(
	params: URLSearchParams,
	departments: readonly NamedGroup[],
	roleLevels: readonly NamedGroup[]
): { filter: DashboardFilter; unknown: boolean } {
	let unknown = false;
	const pick = (name: string, groups: readonly NamedGroup[]) => {
		const value = params.get(name);
		if (value === null || value === '') return null;
		if (groups.some((g) => g.id === value)) return value;
		unknown = true;
		return null;
	};
	const filter = {
		departmentId: pick(FILTER_PARAMS.departmentId, departments),
		roleLevelId: pick(FILTER_PARAMS.roleLevelId, roleLevels)
	};
	return { filter, unknown };
}

/** The query string of a filter, for links that keep it ('' for none). */
export function filterQuery(filter: DashboardFilter): string {
	const params = new URLSearchParams();
	if (filter.departmentId) params.set(FILTER_PARAMS.departmentId, filter.departmentId);
	if (filter.roleLevelId) params.set(FILTER_PARAMS.roleLevelId, filter.roleLevelId);
	const query = params.toString();
	return query ? `?${query}` : '';
}

/**
 * The dashboard of a round of this organisation, for the filter in `params`; its results check the
 * legal floors of the organisation's sector (docs/scoring.md rule 24b).
 */
export async function loadDashboard(
	db: Db,
	round: Round,
	params: URLSearchParams = new URLSearchParams()
) {
	const [stored, sums, departments, roleLevels, invited, importance, organisation] =
		await Promise.all([
			getModel(db, round.modelId),
			loadRoundSums(db, round),
			// Archived groups too: the round may hold their responses, and they keep their names.
			listGroups(db, 'departments', round.organisationId, { includeArchived: true }),
			listGroups(db, 'role_levels', round.organisationId, { includeArchived: true }),
			invitedPerDepartment(db, round.id),
			loadAreaImportance(db, round.id),
			getOrganisation(db, round.organisationId)
		]);
	const sector = organisation?.sector ?? null;
	if (!stored) error(500, { message: m.error_model_missing() });
	const { filter, unknown } = readFilter(params, departments, roleLevels);
	const dashboard = roundDashboard(stored.model, sums, {
		threshold: round.anonymityThreshold,
		filter,
		departmentOrder: departments.map((d) => d.id),
		roleLevelOrder: roleLevels.map((r) => r.id),
		invited,
		importance,
		sector
	});
	return {
		stored,
		sums,
		dashboard,
		departments,
		roleLevels,
		importance,
		sector,
		unknownFilter: unknown
	};
}
