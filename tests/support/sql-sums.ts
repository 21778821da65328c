/**
 * Test oracle: a round's sums computed in SQL from every answer (four grouped queries over the
 * round's submitted, non-excluded responses), independently of `sumResponses`, which the app uses
 * both to keep the stored sums and to rebuild them. Integration tests hold the stored sums equal to
 * these. Only tests use this.
 */
import { sql } from 'kysely';
import type { AreaSums, CellKey, QuestionCounts, RoundSums } from '../../src/lib/domain/round-sums';
import type { Db } from '../../src/lib/server/db/connection';

const cellOf = (row: { department_id: string | null; role_level_id: string | null }): CellKey => ({
	departmentId: row.department_id,
	roleLevelId: row.role_level_id
});

/** The sums of a round's submitted, non-excluded responses, computed in SQL from every answer. */
export async function sumRoundInSql(
	db: Db,
	round: { id: string; modelId: string }
): Promise<RoundSums> {
	const submitted = db
		.selectFrom('responses as r')
		.where('r.round_id', '=', round.id)
		.where('r.status', '=', 'submitted')
		.where('r.excluded_at', 'is', null);

	// Each respondent's mean per area, then their count, sum and sum of squares per cell.
	const perRespondent = submitted
		.innerJoin('answers as a', 'a.response_id', 'r.id')
		.innerJoin('model_questions as mq', (join) =>
			join.onRef('mq.question_id', '=', 'a.question_id').on('mq.model_id', '=', round.modelId)
		)
		.select([
			'r.department_id',
			'r.role_level_id',
			'mq.area_id',
			sql<number | null>`cast(avg(a.level) as double precision)`.as('mean'),
			sql<number>`count(a.level)`.as('answered'),
			sql<number>`sum(a.not_applicable)`.as('not_applicable')
		])
		.groupBy(['r.id', 'r.department_id', 'r.role_level_id', 'mq.area_id']);

	const [cells, areas, targets, questions] = await Promise.all([
		submitted
			.select(['r.department_id', 'r.role_level_id', sql<number>`count(*)`.as('responses')])
			.groupBy(['r.department_id', 'r.role_level_id'])
			.execute(),
		db
			.selectFrom(perRespondent.as('p'))
			.select([
				'p.department_id',
				'p.role_level_id',
				'p.area_id',
				sql<number>`count(p.mean)`.as('scored'),
				sql<number>`coalesce(sum(p.mean), 0)`.as('sum'),
				sql<number>`coalesce(sum(p.mean * p.mean), 0)`.as('sum_sq'),
				sql<number>`sum(p.answered)`.as('answered'),
				sql<number>`sum(p.not_applicable)`.as('not_applicable')
			])
			.groupBy(['p.department_id', 'p.role_level_id', 'p.area_id'])
			.execute(),
		submitted
			.innerJoin('targets as t', 't.response_id', 'r.id')
			.select([
				'r.department_id',
				'r.role_level_id',
				't.area_id',
				sql<number>`sum(t.stage)`.as('target_sum'),
				sql<number>`count(*)`.as('target_count')
			])
			.groupBy(['r.department_id', 'r.role_level_id', 't.area_id'])
			.execute(),
		submitted
			.innerJoin('answers as a', 'a.response_id', 'r.id')
			.select([
				'r.department_id',
				'r.role_level_id',
				'a.question_id',
				'a.level',
				'a.not_applicable',
				sql<number>`count(*)`.as('count')
			])
			.groupBy([
				'r.department_id',
				'r.role_level_id',
				'a.question_id',
				'a.level',
				'a.not_applicable'
			])
			.execute()
	]);

	const areaSums = new Map<string, AreaSums>();
	const areaOf = (row: (typeof targets)[number] | (typeof areas)[number]) => {
		const key = `${row.department_id ?? ''}\u0000${row.role_level_id ?? ''}\u0000${row.area_id}`;
		let sums = areaSums.get(key);
		if (!sums) {
			sums = {
				...cellOf(row),
				areaId: row.area_id,
				scored: 0,
				sum: 0,
				sumSq: 0,
				answered: 0,
				notApplicable: 0,
				targetSum: 0,
				targetCount: 0
			};
			areaSums.set(key, sums);
		}
		return sums;
	};
	for (const row of areas) {
		const sums = areaOf(row);
		sums.scored = Number(row.scored);
		sums.sum = Number(row.sum);
		sums.sumSq = Number(row.sum_sq);
		sums.answered = Number(row.answered);
		sums.notApplicable = Number(row.not_applicable);
	}
	for (const row of targets) {
		const sums = areaOf(row);
		sums.targetSum = Number(row.target_sum);
		sums.targetCount = Number(row.target_count);
	}

	const questionCounts = new Map<string, QuestionCounts>();
	for (const row of questions) {
		const key = `${row.department_id ?? ''}\u0000${row.role_level_id ?? ''}\u0000${row.question_id}`;
		let counts = questionCounts.get(key);
		if (!counts) {
			counts = {
				...cellOf(row),
				questionId: row.question_id,
				levels: [0, 0, 0, 0],
				dontKnow: 0,
				notApplicable: 0
			};
			questionCounts.set(key, counts);
		}
		if (row.not_applicable === 1) counts.notApplicable += Number(row.count);
		else if (row.level === null) counts.dontKnow += Number(row.count);
		else counts.levels[row.level - 1] = Number(row.count);
	}

	return {
		cells: cells.map((c) => ({ ...cellOf(c), responses: Number(c.responses) })),
		areas: [...areaSums.values()],
		questions: [...questionCounts.values()]
	};
}
