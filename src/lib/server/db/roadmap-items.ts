/** Tracking of a round's roadmap: an owner, a due quarter and a status per recommendation. */
import { inTransaction, type Db } from './connection';
import type { RoadmapStatus } from '$lib/domain/roadmap';

export interface TrackedItem {
	recommendationId: string;
	ownerId: string | null;
	ownerName: string | null;
	/** "2027-Q1" */
	dueQuarter: string | null;
	status: RoadmapStatus;
	updatedAt: string;
}

/** The tracked items of a round of this organisation, by recommendation id. */
export async function listTrackedItems(
	db: Db,
	organisationId: string,
	roundId: string
): Promise<Map<string, TrackedItem>> {
	const rows = await db
		.selectFrom('roadmap_items')
		.innerJoin('rounds', 'rounds.id', 'roadmap_items.round_id')
		.leftJoin('users', 'users.id', 'roadmap_items.owner_id')
		.select([
			'roadmap_items.recommendation_id',
			'roadmap_items.owner_id',
			'users.display_name',
			'roadmap_items.due_quarter',
			'roadmap_items.status',
			'roadmap_items.updated_at'
		])
		.where('roadmap_items.round_id', '=', roundId)
		.where('rounds.organisation_id', '=', organisationId)
		.execute();
	return new Map(
		rows.map((r) => [
			r.recommendation_id,
			{
				recommendationId: r.recommendation_id,
				ownerId: r.owner_id,
				ownerName: r.display_name,
				dueQuarter: r.due_quarter,
				status: r.status,
				updatedAt: r.updated_at
			}
		])
	);
}

/**
 * Sets the owner, due quarter and status of a roadmap item of a round of this organisation.
 * Returns 'not-found' when the round is not this organisation's, 'not-member' when the owner is not
 * a member of it. The caller has checked that the recommendation belongs to the round's model.
 */
export async function trackItem(
	db: Db,
	organisationId: string,
	roundId: string,
	item: {
		recommendationId: string;
		ownerId: string | null;
		dueQuarter: string | null;
		status: RoadmapStatus;
	}
): Promise<'ok' | 'not-found' | 'not-member'> {
	return inTransaction(db, async (trx) => {
		const round = await trx
			.selectFrom('rounds')
			.select('id')
			.where('id', '=', roundId)
			.where('organisation_id', '=', organisationId)
			.executeTakeFirst();
		if (!round) return 'not-found';
		if (item.ownerId) {
			const member = await trx
				.selectFrom('memberships')
				.select('user_id')
				.where('organisation_id', '=', organisationId)
				.where('user_id', '=', item.ownerId)
				.executeTakeFirst();
			if (!member) return 'not-member';
		}
		const values = {
			owner_id: item.ownerId,
			due_quarter: item.dueQuarter,
			status: item.status,
			updated_at: new Date().toISOString()
		};
		await trx
			.insertInto('roadmap_items')
			.values({ round_id: roundId, recommendation_id: item.recommendationId, ...values })
			.onConflict((oc) => oc.columns(['round_id', 'recommendation_id']).doUpdateSet(values))
			.execute();
		return 'ok';
	});
}
