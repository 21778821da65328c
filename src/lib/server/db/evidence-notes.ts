/**
 * The evidence notes of a round: what respondents wrote next to their answers, picked at random and
 * without anything that says whose they are.
 */
import { sql } from 'kysely';
import type { Db } from './connection';

export interface EvidenceNote {
	questionId: string;
	note: string;
}

/**
 * Evidence notes of a round's submitted responses in the chosen department and role level (null:
 * every one; '' the responses without one): at most `perQuestion` per question, picked at random,
 * in question order. The caller decides whether the selection is large enough to show them.
 */
export async function listEvidenceNotes(
	db: Db,
	roundId: string,
	filter: { departmentId: string | null; roleLevelId: string | null },
	perQuestion = 3
): Promise<EvidenceNote[]> {
	let notes = db
		.selectFrom('answers as a')
		.innerJoin('responses as r', 'r.id', 'a.response_id')
		.select([
			'a.question_id',
			'a.note',
			sql<number>`row_number() over (partition by a.question_id order by random())`.as('pick')
		])
		.where('r.round_id', '=', roundId)
		.where('r.status', '=', 'submitted')
		.where('r.excluded_at', 'is', null)
		.where('a.note', 'is not', null);
	for (const [column, value] of [
		['r.department_id', filter.departmentId],
		['r.role_level_id', filter.roleLevelId]
	] as const) {
		if (value === '') notes = notes.where(column, 'is', null);
		else if (value !== null) notes = notes.where(column, '=', value);
	}
	const rows = await db
		.selectFrom(notes.as('n'))
		.select(['n.question_id', 'n.note'])
		.where('n.pick', '<=', perQuestion)
		.orderBy('n.question_id')
		.orderBy('n.pick')
		.execute();
	return rows.map((r) => ({ questionId: r.question_id, note: r.note ?? '' }));
}
