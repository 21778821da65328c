/**
 * Reads a round's workshop record (docs/scoring.md rule 46): the candidates, the chosen workshop's
 * state and votes, and the record built by the domain from counts only. The results page, the
 * dashboard, the PDF and the exports all start here, so they show the same record.
 */
import { consensusSummaryView } from '$lib/domain/dashboard-view';
import { recordWorkshopId, roundRecordOf, type RecordLine } from '$lib/domain/workshop-record';
import { currentLocale } from '$lib/i18n';
import { loadDashboard } from '$lib/server/dashboard';
import type { Db } from '$lib/server/db/connection';
import type { Round } from '$lib/server/db/rounds';
import { listRecordCandidates } from '$lib/server/db/workshop-records';
import { loadVotes, loadWorkshop } from '$lib/server/db/workshops';

export interface RoundRecord {
	workshopId: string;
	/** ISO time the workshop ended. */
	endedAt: string;
	lines: RecordLine[];
}

/** The round's workshop record, or null when no ended workshop recorded a question. */
export async function loadRoundRecord(db: Db, roundId: string): Promise<RoundRecord | null> {
	const candidates = await listRecordCandidates(db, roundId);
	const id = recordWorkshopId(candidates);
	if (id === null) return null;
	const [workshop, votes] = await Promise.all([loadWorkshop(db, roundId, id), loadVotes(db, id)]);
	if (!workshop) return null;
	const endedAt = candidates.find((c) => c.id === id)?.endedAt ?? '';
	return { workshopId: id, endedAt, lines: roundRecordOf(workshop.state, votes) };
}

/**
 * The consensus per area of a round with a record, beside the individual answers' stage of the
 * whole round (shown only when the round reaches its threshold); null without a record.
 */
export async function loadConsensusSummary(db: Db, round: Round) {
	const record = await loadRoundRecord(db, round.id);
	if (!record) return null;
	const { stored, dashboard } = await loadDashboard(db, round);
	return consensusSummaryView(stored.model, record, dashboard.results, currentLocale());
}
