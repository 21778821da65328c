/**
 * The reads of the practice overview, a fixed number of queries whatever the number of clients:
 * the clients, all their rounds, the stored sums of each client's two latest rounds (one query per
 * kind of sum), the models those rounds used, and the open roadmap items per client. The pure
 * `overviewRow` (lib/domain/practice-overview.ts) builds each row.
 */
import { overviewRow, type OverviewRound, type OverviewRow } from '$lib/domain/practice-overview';
import type { Db } from '$lib/server/db/connection';
import { getModel } from '$lib/server/db/models';
import { listPracticeClients } from '$lib/server/db/practices';
import { loadRoundSumsOf } from '$lib/server/db/round-sums';
import { countOpenItemsOf, listRoundsOf } from '$lib/server/db/practice-rounds';

export async function loadPracticeOverview(db: Db, practiceId: string): Promise<OverviewRow[]> {
	const clients = await listPracticeClients(db, [practiceId]);
	const ids = clients.map((c) => c.id);
	const [rounds, openItems] = await Promise.all([listRoundsOf(db, ids), countOpenItemsOf(db, ids)]);
	// Newest first per client: the latest round and the one before it.
	const lastTwo = new Map<string, typeof rounds>();
	for (const round of rounds) {
		const list = lastTwo.get(round.organisationId) ?? [];
		if (list.length < 2) list.push(round);
		lastTwo.set(round.organisationId, list);
	}
	const wanted = [...lastTwo.values()].flat();
	const [sums, models] = await Promise.all([
		loadRoundSumsOf(
			db,
			wanted.map((r) => r.id)
		),
		Promise.all([...new Set(wanted.map((r) => r.modelId))].map((id) => getModel(db, id)))
	]);
	const modelOf = new Map(models.filter((s) => s !== undefined).map((s) => [s.id, s.model]));
	const side = (round: (typeof rounds)[number] | undefined): OverviewRound | null => {
		const model = round && modelOf.get(round.modelId);
		if (!round || !model) return null;
		return {
			id: round.id,
			name: round.name,
			status: round.status,
			date: round.closedAt ?? round.openedAt ?? round.createdAt,
			threshold: round.anonymityThreshold,
			model,
			sums: sums.get(round.id)!
		};
	};
	return clients.map((client) => {
		const [latest, previous] = lastTwo.get(client.id) ?? [];
		return overviewRow({
			id: client.id,
			name: client.name,
			sector: client.sector,
			sizeBand: client.sizeBand,
			latest: side(latest),
			previous: side(previous),
			openItems: openItems.get(client.id) ?? 0
		});
	});
}
