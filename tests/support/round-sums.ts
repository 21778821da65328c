/**
 * Holding a round's stored sums equal to a recomputation from every answer, for integration tests.
 */
import { expect } from 'vitest';
import type { RoundCube } from '../../src/lib/domain/cube';
import { sumRound } from '../../src/lib/server/db/aggregates';
import type { Db } from '../../src/lib/server/db/connection';
import { loadRoundCube } from '../../src/lib/server/db/round-sums';
import { testDb } from './flow';

/**
 * A cube in a comparable order, sums to 9 decimals. The stored groups also note responses that left
 * them (rule 44), which a recomputation cannot know, so that is left out.
 */
export const sortedCube = (cube: RoundCube) => ({
	groups: cube.groups
		.map(({ removed: _removed, ...g }) => g)
		.sort((a, b) =>
			`${a.departmentId}${a.roleLevelId}`.localeCompare(`${b.departmentId}${b.roleLevelId}`)
		),
	areas: cube.areas
		.map((a) => ({ ...a, sum: Number(a.sum.toFixed(9)), sumSq: Number(a.sumSq.toFixed(9)) }))
		.sort((a, b) => `${a.departmentId}${a.areaId}`.localeCompare(`${b.departmentId}${b.areaId}`)),
	questions: [...cube.questions].sort((a, b) =>
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

/** The round's stored sums equal the sums recomputed from every answer. */
export async function expectStoredSumsEqualRecomputed(db: Db, roundId: string): Promise<void> {
	const round = roundWithModel(roundId);
	expect(sortedCube(await loadRoundCube(db, round))).toEqual(sortedCube(await sumRound(db, round)));
}
