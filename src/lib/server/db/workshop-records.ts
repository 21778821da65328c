/**
 * What the round's workshop record needs from the database (docs/scoring.md rule 46): the round's
 * workshops with their end time and how many questions each recorded as agreed or "no agreement".
 * The record itself is read through `loadWorkshop` and `loadVotes` (`db/workshops.ts`).
 */
import type { RecordCandidate } from '$lib/domain/workshop-record';
import type { Db } from './connection';

/** The round's workshops, each with the number of questions it recorded (skipped ones not). */
export async function listRecordCandidates(db: Db, roundId: string): Promise<RecordCandidate[]> {
	const rows = await db
		.selectFrom('workshops')
		.leftJoin('workshop_records', (join) =>
			join
				.onRef('workshop_records.workshop_id', '=', 'workshops.id')
				.on('workshop_records.outcome', 'in', ['agreed', 'no-agreement'])
		)
		.select((eb) => [
			'workshops.id',
			'workshops.status',
			'workshops.ended_at',
			eb.fn.count<number>('workshop_records.question_id').as('recorded')
		])
		.where('workshops.round_id', '=', roundId)
		.groupBy(['workshops.id', 'workshops.status', 'workshops.ended_at'])
		.execute();
	return rows.map((r) => ({
		id: r.id,
		status: r.status,
		endedAt: r.ended_at,
		recorded: Number(r.recorded)
	}));
}
