/**
 * Importance per area of a round (docs/scoring.md rule 26): how much each area matters for the next
 * 12 months, as an owner or facilitator rated it on the round page. A row per rated area; "not
 * rated" is no row. The roadmap of the round's results, PDF and exports is ranked with them.
 */
import type { Importance, ImportanceRatings } from '$lib/domain/roadmap';
import { inTransaction, type Db } from './connection';

/** The ratings of a round, by area id; {} when none is rated. */
export async function loadAreaImportance(db: Db, roundId: string): Promise<ImportanceRatings> {
	const rows = await db
		.selectFrom('round_area_importance')
		.select(['area_id', 'importance'])
		.where('round_id', '=', roundId)
		.orderBy('area_id')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.area_id, r.importance]));
}

/** What changed when ratings were saved: per changed area id, its rating before and after. */
export interface ImportanceChange {
	before: Record<string, Importance | null>;
	after: Record<string, Importance | null>;
}

/**
 * Saves the ratings of every area of a round in one transaction (the caller's, when it is one):
 * `null` is "not rated" and deletes the area's row. Areas not named keep their rows. The caller has
 * checked that the round is the organisation's and the area ids are its model's. Returns what
 * changed (empty objects when nothing did).
 */
export async function saveAreaImportance(
	db: Db,
	roundId: string,
	ratings: Readonly<Record<string, Importance | null>>
): Promise<ImportanceChange> {
	return inTransaction(db, async (trx) => {
		const current = await loadAreaImportance(trx, roundId);
		const change: ImportanceChange = { before: {}, after: {} };
		const now = new Date().toISOString();
		for (const [areaId, importance] of Object.entries(ratings)) {
			const was = (Object.hasOwn(current, areaId) ? current[areaId] : undefined) ?? null;
			if (was === importance) continue;
			change.before[areaId] = was;
			change.after[areaId] = importance;
			if (importance === null)
				await trx
					.deleteFrom('round_area_importance')
					.where('round_id', '=', roundId)
					.where('area_id', '=', areaId)
					.execute();
			else
				await trx
					.insertInto('round_area_importance')
					.values({ round_id: roundId, area_id: areaId, importance, updated_at: now })
					.onConflict((oc) =>
						oc.columns(['round_id', 'area_id']).doUpdateSet({ importance, updated_at: now })
					)
					.execute();
		}
		return change;
	});
}
