/**
 * A round's sums per department × role level (domain/cube.ts), kept in three tables and updated in
 * the same transaction as every change to a submitted response: the response's contribution is
 * taken out before the change and put back after it. The dashboard then reads a few rows per group
 * instead of every answer. `rebuildRoundSums` recomputes them from the answers (aggregates.ts).
 */
import { cubeOf, type RoundCube } from '$lib/domain/cube';
import type { StageId } from '$lib/domain/model';
import { sumRound } from './aggregates';
import { inTransaction, type Db } from './connection';
import { getModel } from './models';

const keyOf = (id: string | null) => id ?? '';
const idOf = (key: string) => (key === '' ? null : key);

/** Adds (1) or takes out (-1) a response's contribution, if it is submitted. */
async function applyContribution(trx: Db, responseId: string, sign: 1 | -1): Promise<void> {
	const response = await trx
		.selectFrom('responses')
		.innerJoin('rounds', 'rounds.id', 'responses.round_id')
		.select([
			'responses.round_id',
			'responses.status',
			'responses.excluded_at',
			'responses.department_id',
			'responses.role_level_id',
			'rounds.model_id'
		])
		.where('responses.id', '=', responseId)
		.executeTakeFirst();
	// Drafts and excluded responses count in no result.
	if (!response || response.status !== 'submitted' || response.excluded_at !== null) return;
	const [stored, answers, targets] = await Promise.all([
		getModel(trx, response.model_id),
		trx
			.selectFrom('answers')
			.select(['question_id', 'level'])
			.where('response_id', '=', responseId)
			.execute(),
		trx
			.selectFrom('targets')
			.select(['area_id', 'stage'])
			.where('response_id', '=', responseId)
			.execute()
	]);
	if (!stored) return;
	const questionIds = new Set(stored.model.areas.flatMap((a) => a.questions.map((q) => q.id)));
	const areaIds = new Set(stored.model.areas.map((a) => a.id));
	const cube = cubeOf(stored.model, [
		{
			departmentId: response.department_id,
			roleLevelId: response.role_level_id,
			answers: Object.fromEntries(
				answers
					.filter((a) => questionIds.has(a.question_id))
					.map((a) => [a.question_id, a.level as StageId | null])
			),
			targets: Object.fromEntries(
				targets.filter((t) => areaIds.has(t.area_id)).map((t) => [t.area_id, t.stage as StageId])
			)
		}
	]);
	await addCube(trx, response.round_id, cube, sign);
}

/** Adds a cube's sums (times `sign`) to a round's stored sums. */
async function addCube(trx: Db, roundId: string, cube: RoundCube, sign: 1 | -1) {
	const key = (g: { departmentId: string | null; roleLevelId: string | null }) => ({
		round_id: roundId,
		department_key: keyOf(g.departmentId),
		role_level_key: keyOf(g.roleLevelId)
	});
	const keyColumns = ['round_id', 'department_key', 'role_level_key'] as const;
	if (cube.groups.length > 0)
		await trx
			.insertInto('round_group_sums')
			.values(cube.groups.map((g) => ({ ...key(g), responses: sign * g.responses })))
			.onConflict((oc) =>
				oc.columns(keyColumns).doUpdateSet((eb) => ({
					responses: eb('round_group_sums.responses', '+', eb.ref('excluded.responses'))
				}))
			)
			.execute();
	for (let i = 0; i < cube.areas.length; i += 200)
		await trx
			.insertInto('round_area_sums')
			.values(
				cube.areas.slice(i, i + 200).map((a) => ({
					...key(a),
					area_id: a.areaId,
					scored: sign * a.scored,
					sum: sign * a.sum,
					sum_sq: sign * a.sumSq,
					answered: sign * a.answered,
					target_sum: sign * a.targetSum,
					target_count: sign * a.targetCount
				}))
			)
			.onConflict((oc) =>
				oc.columns([...keyColumns, 'area_id']).doUpdateSet((eb) => ({
					scored: eb('round_area_sums.scored', '+', eb.ref('excluded.scored')),
					sum: eb('round_area_sums.sum', '+', eb.ref('excluded.sum')),
					sum_sq: eb('round_area_sums.sum_sq', '+', eb.ref('excluded.sum_sq')),
					answered: eb('round_area_sums.answered', '+', eb.ref('excluded.answered')),
					target_sum: eb('round_area_sums.target_sum', '+', eb.ref('excluded.target_sum')),
					target_count: eb('round_area_sums.target_count', '+', eb.ref('excluded.target_count'))
				}))
			)
			.execute();
	for (let i = 0; i < cube.questions.length; i += 200)
		await trx
			.insertInto('round_question_counts')
			.values(
				cube.questions.slice(i, i + 200).map((q) => ({
					...key(q),
					question_id: q.questionId,
					level_1: sign * q.levels[0],
					level_2: sign * q.levels[1],
					level_3: sign * q.levels[2],
					level_4: sign * q.levels[3],
					dont_know: sign * q.dontKnow
				}))
			)
			.onConflict((oc) =>
				oc.columns([...keyColumns, 'question_id']).doUpdateSet((eb) => ({
					level_1: eb('round_question_counts.level_1', '+', eb.ref('excluded.level_1')),
					level_2: eb('round_question_counts.level_2', '+', eb.ref('excluded.level_2')),
					level_3: eb('round_question_counts.level_3', '+', eb.ref('excluded.level_3')),
					level_4: eb('round_question_counts.level_4', '+', eb.ref('excluded.level_4')),
					dont_know: eb('round_question_counts.dont_know', '+', eb.ref('excluded.dont_know'))
				}))
			)
			.execute();
}

/**
 * Runs a change to a response in one transaction that keeps its round's sums right: a submitted
 * response's contribution is taken out before and added back after (a draft contributes nothing,
 * so submitting adds it).
 */
export function changeResponse<T>(
	db: Db,
	responseId: string,
	change: (trx: Db) => Promise<T>
): Promise<T> {
	return inTransaction(db, (trx) => changeResponseIn(trx, responseId, change));
}

/**
 * `changeResponse` inside a transaction the caller already holds (deleting an account changes all
 * of a person's responses in one transaction). Deleting the response in `change` takes its
 * contribution out for good.
 */
export async function changeResponseIn<T>(
	trx: Db,
	responseId: string,
	change: (trx: Db) => Promise<T>
): Promise<T> {
	await applyContribution(trx, responseId, -1);
	const result = await change(trx);
	await applyContribution(trx, responseId, 1);
	return result;
}

/**
 * Notes that a submitted response left its group (excluded or deleted), in the transaction that
 * removes it, so that the anonymity rules can ask more of that group (docs/scoring.md rule 44).
 * Nothing is noted for a draft or an already excluded response: they were never counted.
 */
export async function noteRemoval(trx: Db, responseId: string): Promise<void> {
	const response = await trx
		.selectFrom('responses')
		.select(['round_id', 'status', 'excluded_at', 'department_id', 'role_level_id'])
		.where('id', '=', responseId)
		.executeTakeFirst();
	if (!response || response.status !== 'submitted' || response.excluded_at !== null) return;
	await trx
		.insertInto('round_removals')
		.values({
			round_id: response.round_id,
			department_key: keyOf(response.department_id),
			role_level_key: keyOf(response.role_level_id),
			removed: 1
		})
		.onConflict((oc) =>
			oc
				.columns(['round_id', 'department_key', 'role_level_key'])
				.doUpdateSet((eb) => ({ removed: eb('round_removals.removed', '+', 1) }))
		)
		.execute();
}

/** The stored sums of a round. The caller has checked the round's organisation. */
export async function loadRoundCube(db: Db, round: { id: string }): Promise<RoundCube> {
	const [groups, areas, questions, removals] = await Promise.all([
		db
			.selectFrom('round_group_sums')
			.selectAll()
			.where('round_id', '=', round.id)
			.where('responses', '>', 0)
			.execute(),
		db.selectFrom('round_area_sums').selectAll().where('round_id', '=', round.id).execute(),
		db.selectFrom('round_question_counts').selectAll().where('round_id', '=', round.id).execute(),
		db.selectFrom('round_removals').selectAll().where('round_id', '=', round.id).execute()
	]);
	const removed = new Map(
		removals.map((r) => [`${r.department_key}\u0000${r.role_level_key}`, r.removed])
	);
	const group = (r: { department_key: string; role_level_key: string }) => ({
		departmentId: idOf(r.department_key),
		roleLevelId: idOf(r.role_level_key)
	});
	return {
		groups: groups.map((g) => {
			const removedHere = removed.get(`${g.department_key}\u0000${g.role_level_key}`) ?? 0;
			return {
				...group(g),
				responses: g.responses,
				...(removedHere ? { removed: removedHere } : {})
			};
		}),
		areas: areas
			.filter((a) => a.scored > 0 || a.answered > 0 || a.target_count > 0)
			.map((a) => ({
				...group(a),
				areaId: a.area_id,
				scored: a.scored,
				sum: a.sum,
				sumSq: a.sum_sq,
				answered: a.answered,
				targetSum: a.target_sum,
				targetCount: a.target_count
			})),
		questions: questions
			.filter((q) => q.level_1 + q.level_2 + q.level_3 + q.level_4 + q.dont_know > 0)
			.map((q) => ({
				...group(q),
				questionId: q.question_id,
				levels: [q.level_1, q.level_2, q.level_3, q.level_4] as [number, number, number, number],
				dontKnow: q.dont_know
			}))
	};
}

/** Recomputes a round's stored sums from its answers (after bulk loading, or to repair them). */
export async function rebuildRoundSums(
	db: Db,
	round: { id: string; modelId: string }
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const cube = await sumRound(trx, round);
		for (const table of ['round_group_sums', 'round_area_sums', 'round_question_counts'] as const)
			await trx.deleteFrom(table).where('round_id', '=', round.id).execute();
		await addCube(trx, round.id, cube, 1);
	});
}
