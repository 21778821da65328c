/**
 * Reads across a practice's client organisations at once (the practice overview): their rounds and
 * their open roadmap items, one query each, whatever the number of clients.
 */
import type { Db } from './connection';
import type { Round } from './rounds';

/** Every round of these organisations, newest first within each. */
export async function listRoundsOf(db: Db, organisationIds: readonly string[]): Promise<Round[]> {
	if (organisationIds.length === 0) return [];
	const rows = await db
		.selectFrom('rounds')
		.select([
			'id',
			'organisation_id',
			'model_id',
			'name',
			'status',
			'anonymity_threshold',
			'created_at',
			'opened_at',
			'closed_at'
		])
		.where('organisation_id', 'in', organisationIds)
		.orderBy('organisation_id')
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		organisationId: r.organisation_id,
		modelId: r.model_id,
		name: r.name,
		status: r.status,
		anonymityThreshold: r.anonymity_threshold,
		createdAt: r.created_at,
		openedAt: r.opened_at,
		closedAt: r.closed_at
	}));
}

/** Per organisation, its roadmap items planned or in progress (done and dropped ones are not open). */
export async function countOpenItemsOf(
	db: Db,
	organisationIds: readonly string[]
): Promise<Map<string, number>> {
	if (organisationIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('roadmap_items')
		.innerJoin('rounds', 'rounds.id', 'roadmap_items.round_id')
		.select(['rounds.organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('rounds.organisation_id', 'in', organisationIds)
		.where('roadmap_items.status', 'in', ['planned', 'in_progress'])
		.groupBy('rounds.organisation_id')
		.execute();
	return new Map(rows.map((r) => [r.organisation_id, Number(r.n)]));
}
