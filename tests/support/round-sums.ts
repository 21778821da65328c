/**
 * Holding a round's stored sums equal to a recomputation from every answer, for integration tests.
 */
import { expect } from 'vitest';
import type { RoundSums } from '../../src/lib/domain/round-sums';
import type { Db } from '../../src/lib/server/db/connection';
import { loadRoundSums } from '../../src/lib/server/db/round-sums';
import { testDb } from './flow';
import { sumRoundInSql } from './sql-sums';

/**
 * Sums in a comparable order, to 9 decimals. The stored cells also note responses that left them
 * (rule 44), which a recomputation cannot know, so that is left out.
 */
export const sortedSums = (sums: RoundSums) => ({
	cells: sums.cells
		.map(({ removed: _removed, ...c }) => c)
		.sort((a, b) =>
			`${a.departmentId}${a.roleLevelId}`.localeCompare(`${b.departmentId}${b.roleLevelId}`)
		),
	areas: sums.areas
		.map((a) => ({ ...a, sum: Number(a.sum.toFixed(9)), sumSq: Number(a.sumSq.toFixed(9)) }))
		.sort((a, b) => `${a.departmentId}${a.areaId}`.localeCompare(`${b.departmentId}${b.areaId}`)),
	questions: [...sums.questions].sort((a, b) =>
		`${a.departmentId}${a.questionId}`.localeCompare(`${b.departmentId}${b.questionId}`)
	)
});

/** The round with its model, as the sums functions take it. */
export function roundWithModel(roundId: string) {
	const row = testDb().prepare('select model_id from rounds where id = ?').get(roundId) as {
		model_id: string;
	};
	return { id: roundId, modelId: row.model_id };
}

/** The round's stored sums equal the sums recomputed in SQL from every answer (the oracle). */
export async function expectStoredSumsEqualRecomputed(db: Db, roundId: string): Promise<void> {
	const round = roundWithModel(roundId);
	expect(sortedSums(await loadRoundSums(db, round))).toEqual(
		sortedSums(await sumRoundInSql(db, round))
	);
}
