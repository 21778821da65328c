/**
 * A round's sums per cell (domain/round-sums.ts), kept in three tables and updated in the same
 * transaction as every change to a submitted response: the sums of the response are read before
 * the change and after it, and the difference is added at the end of the transaction. The
 * dashboard then reads a few rows per cell instead of every answer. `rebuildRoundSums` sums all of
 * a round's responses afresh with the same function.
 */
import type { MaturityModel, StageId } from '$lib/domain/model';
import { answerOf, type AnswerRow } from './answer-rows';
import {
	EMPTY_SUMS,
	sumResponses,
	sumsDifference,
	type CellKey,
	type RoundSums
} from '$lib/domain/round-sums';
import type { ResponseInput } from '$lib/domain/scoring';
import { inTransaction, lockRow, type Db } from './connection';
import { compiledQuery } from './compiled-query';
import { getModel } from './models';

const keyOf = (id: string | null) => id ?? '';
const idOf = (key: string) => (key === '' ? null : key);

/**
 * Reads a response of the model from its rows as the domain sums it: answers to questions and
 * targets for areas the model does not have are left out.
 */
function responseReader(model: MaturityModel) {
	const questionIds = new Set(model.areas.flatMap((a) => a.questions.map((q) => q.id)));
	const areaIds = new Set(model.areas.map((a) => a.id));
	return (
		response: { department_id: string | null; role_level_id: string | null },
		answers: ReadonlyArray<{ question_id: string } & AnswerRow>,
		targets: ReadonlyArray<{ area_id: string; stage: number }>
	): ResponseInput & CellKey => ({
		departmentId: response.department_id,
		roleLevelId: response.role_level_id,
		answers: Object.fromEntries(
			answers.filter((a) => questionIds.has(a.question_id)).map((a) => [a.question_id, answerOf(a)])
		),
		targets: Object.fromEntries(
			targets.filter((t) => areaIds.has(t.area_id)).map((t) => [t.area_id, t.stage as StageId])
		)
	});
}

/** What `responseSums` asks first, on every change of a response (autosave): built once. */
const responseForSums = compiledQuery<
	{ id: string },
	{
		round_id: string;
		status: 'draft' | 'submitted';
		excluded_at: string | null;
		department_id: string | null;
		role_level_id: string | null;
		model_id: string;
	}
>((db, arg) =>
	db
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
		.where('responses.id', '=', arg('id'))
);

/**
 * The sums of a response as stored now, and its round; none for a draft, an excluded or a missing
 * response (they count in no result). Reads only: locks nothing.
 */
async function responseSums(
	trx: Db,
	responseId: string
): Promise<{ roundId: string; sums: RoundSums } | undefined> {
	const response = await responseForSums.first(trx, { id: responseId });
	if (!response || response.status !== 'submitted' || response.excluded_at !== null) return;
	const [stored, answers, targets] = await Promise.all([
		getModel(trx, response.model_id),
		trx
			.selectFrom('answers')
			.select(['question_id', 'level', 'not_applicable'])
			.where('response_id', '=', responseId)
			.execute(),
		trx
			.selectFrom('targets')
			.select(['area_id', 'stage'])
			.where('response_id', '=', responseId)
			.execute()
	]);
	if (!stored) return;
	const read = responseReader(stored.model);
	return {
		roundId: response.round_id,
		sums: sumResponses(stored.model, [read(response, answers, targets)])
	};
}

/** Adds sums (times `sign`) to a round's stored sums. */
async function addSums(trx: Db, roundId: string, sums: RoundSums, sign: 1 | -1) {
	const key = (c: CellKey) => ({
		round_id: roundId,
		department_key: keyOf(c.departmentId),
		role_level_key: keyOf(c.roleLevelId)
	});
	const keyColumns = ['round_id', 'department_key', 'role_level_key'] as const;
	// round_group_sums holds the responses per cell (named before the cells were).
	if (sums.cells.length > 0)
		await trx
			.insertInto('round_group_sums')
			.values(sums.cells.map((c) => ({ ...key(c), responses: sign * c.responses })))
			.onConflict((oc) =>
				oc.columns(keyColumns).doUpdateSet((eb) => ({
					responses: eb('round_group_sums.responses', '+', eb.ref('excluded.responses'))
				}))
			)
			.execute();
	for (let i = 0; i < sums.areas.length; i += 200)
		await trx
			.insertInto('round_area_sums')
			.values(
				sums.areas.slice(i, i + 200).map((a) => ({
					...key(a),
					area_id: a.areaId,
					scored: sign * a.scored,
					sum: sign * a.sum,
					sum_sq: sign * a.sumSq,
					answered: sign * a.answered,
					not_applicable: sign * a.notApplicable,
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
					not_applicable: eb(
						'round_area_sums.not_applicable',
						'+',
						eb.ref('excluded.not_applicable')
					),
					target_sum: eb('round_area_sums.target_sum', '+', eb.ref('excluded.target_sum')),
					target_count: eb('round_area_sums.target_count', '+', eb.ref('excluded.target_count'))
				}))
			)
			.execute();
	for (let i = 0; i < sums.questions.length; i += 200)
		await trx
			.insertInto('round_question_counts')
			.values(
				sums.questions.slice(i, i + 200).map((q) => ({
					...key(q),
					question_id: q.questionId,
					level_1: sign * q.levels[0],
					level_2: sign * q.levels[1],
					level_3: sign * q.levels[2],
					level_4: sign * q.levels[3],
					dont_know: sign * q.dontKnow,
					not_applicable: sign * q.notApplicable
				}))
			)
			.onConflict((oc) =>
				oc.columns([...keyColumns, 'question_id']).doUpdateSet((eb) => ({
					level_1: eb('round_question_counts.level_1', '+', eb.ref('excluded.level_1')),
					level_2: eb('round_question_counts.level_2', '+', eb.ref('excluded.level_2')),
					level_3: eb('round_question_counts.level_3', '+', eb.ref('excluded.level_3')),
					level_4: eb('round_question_counts.level_4', '+', eb.ref('excluded.level_4')),
					dont_know: eb('round_question_counts.dont_know', '+', eb.ref('excluded.dont_know')),
					not_applicable: eb(
						'round_question_counts.not_applicable',
						'+',
						eb.ref('excluded.not_applicable')
					)
				}))
			)
			.execute();
}

/**
 * Runs a change to a response in one transaction that keeps its round's sums right: the sums of
 * the response after the change minus those before are added to the round's (a draft or an
 * excluded response counts nowhere, so submitting or including it adds its sums, and excluding or
 * deleting it takes them out).
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
 * of a person's responses in one transaction). Deleting the response in `change` takes its sums
 * out for good.
 */
export async function changeResponseIn<T>(
	trx: Db,
	responseId: string,
	change: (trx: Db) => Promise<T>
): Promise<T> {
	// Two changes to one response (two tabs, two instances) must not both read the same earlier
	// state: the second waits for the first on PostgreSQL.
	await lockRow(trx, ['responses', 'id'], responseId);
	const before = await responseSums(trx, responseId);
	const result = await change(trx);
	const after = await responseSums(trx, responseId);
	// The round's sums rows are shared by every response of a group: they are written last, once,
	// and only those that changed (an autosave moves one question's and one area's), so each is
	// locked from this write to the commit and not while the change and the reads run. Adding a
	// difference commutes with the other changes to the group made meanwhile.
	const roundId = after?.roundId ?? before?.roundId;
	if (roundId)
		await addSums(
			trx,
			roundId,
			sumsDifference(after?.sums ?? EMPTY_SUMS, before?.sums ?? EMPTY_SUMS),
			1
		);
	return result;
}

/**
 * Notes that a submitted response left its cell (excluded or deleted), in the transaction that
 * removes it, so that the anonymity rules can ask more of that cell (docs/scoring.md rule 44).
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
export async function loadRoundSums(db: Db, round: { id: string }): Promise<RoundSums> {
	return (await loadRoundSumsOf(db, [round.id])).get(round.id) ?? EMPTY_SUMS;
}

/**
 * The stored sums of several rounds, by round id, in one query per kind of sum (the practice
 * overview reads its clients' rounds at once). The caller has checked the rounds' organisations.
 */
export async function loadRoundSumsOf(
	db: Db,
	roundIds: readonly string[]
): Promise<Map<string, RoundSums>> {
	const result = new Map<string, RoundSums>();
	if (roundIds.length === 0) return result;
	const ids = [...new Set(roundIds)];
	const [cells, areas, questions, removals] = await Promise.all([
		db
			.selectFrom('round_group_sums')
			.selectAll()
			.where('round_id', 'in', ids)
			.where('responses', '>', 0)
			.execute(),
		db.selectFrom('round_area_sums').selectAll().where('round_id', 'in', ids).execute(),
		db.selectFrom('round_question_counts').selectAll().where('round_id', 'in', ids).execute(),
		db.selectFrom('round_removals').selectAll().where('round_id', 'in', ids).execute()
	]);
	for (const id of ids) result.set(id, { cells: [], areas: [], questions: [] });
	const removed = new Map(
		removals.map((r) => [
			`${r.round_id}\u0000${r.department_key}\u0000${r.role_level_key}`,
			r.removed
		])
	);
	const cell = (r: { department_key: string; role_level_key: string }): CellKey => ({
		departmentId: idOf(r.department_key),
		roleLevelId: idOf(r.role_level_key)
	});
	for (const c of cells) {
		const removedHere =
			removed.get(`${c.round_id}\u0000${c.department_key}\u0000${c.role_level_key}`) ?? 0;
		result.get(c.round_id)!.cells.push({
			...cell(c),
			responses: c.responses,
			...(removedHere ? { removed: removedHere } : {})
		});
	}
	for (const a of areas) {
		if (!(a.scored > 0 || a.answered > 0 || a.not_applicable > 0 || a.target_count > 0)) continue;
		result.get(a.round_id)!.areas.push({
			...cell(a),
			areaId: a.area_id,
			scored: a.scored,
			sum: a.sum,
			sumSq: a.sum_sq,
			answered: a.answered,
			notApplicable: a.not_applicable,
			targetSum: a.target_sum,
			targetCount: a.target_count
		});
	}
	for (const q of questions) {
		if (q.level_1 + q.level_2 + q.level_3 + q.level_4 + q.dont_know + q.not_applicable === 0)
			continue;
		result.get(q.round_id)!.questions.push({
			...cell(q),
			questionId: q.question_id,
			levels: [q.level_1, q.level_2, q.level_3, q.level_4] as [number, number, number, number],
			dontKnow: q.dont_know,
			notApplicable: q.not_applicable
		});
	}
	return result;
}

/** Responses read at a time by `rebuildRoundSums`, so a large round is never held whole. */
const REBUILD_PAGE = 1000;

/**
 * Sums a round's submitted, non-excluded responses afresh and stores the sums in place of the kept
 * ones (after bulk loading, or to repair them): the answers are read a page of responses at a time
 * and summed by `sumResponses`, the function that keeps the sums up to date response by response.
 * The removals of the round (`noteRemoval`) are not sums and stay as they are.
 */
export async function rebuildRoundSums(
	db: Db,
	round: { id: string; modelId: string }
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const stored = await getModel(trx, round.modelId);
		if (!stored) throw new Error(`round ${round.id}: model ${round.modelId} is missing`);
		const read = responseReader(stored.model);
		let sums = EMPTY_SUMS;
		for (let after = ''; ;) {
			const page = await trx
				.selectFrom('responses')
				.select(['id', 'department_id', 'role_level_id'])
				.where('round_id', '=', round.id)
				.where('status', '=', 'submitted')
				.where('excluded_at', 'is', null)
				.where('id', '>', after)
				.orderBy('id')
				.limit(REBUILD_PAGE)
				.execute();
			if (page.length === 0) break;
			const ids = page.map((r) => r.id);
			const [answers, targets] = await Promise.all([
				trx
					.selectFrom('answers')
					.select(['response_id', 'question_id', 'level', 'not_applicable'])
					.where('response_id', 'in', ids)
					.execute(),
				trx
					.selectFrom('targets')
					.select(['response_id', 'area_id', 'stage'])
					.where('response_id', 'in', ids)
					.execute()
			]);
			const answersOf = byResponse(answers);
			const targetsOf = byResponse(targets);
			sums = sumResponses(
				stored.model,
				page.map((r) => read(r, answersOf.get(r.id) ?? [], targetsOf.get(r.id) ?? [])),
				sums
			);
			if (page.length < REBUILD_PAGE) break;
			after = ids[ids.length - 1]!;
		}
		for (const table of ['round_group_sums', 'round_area_sums', 'round_question_counts'] as const)
			await trx.deleteFrom(table).where('round_id', '=', round.id).execute();
		await addSums(trx, round.id, sums, 1);
	});
}

/** Rows by the response they belong to. */
function byResponse<T extends { response_id: string }>(rows: readonly T[]): Map<string, T[]> {
	const found = new Map<string, T[]>();
	for (const row of rows) {
		const list = found.get(row.response_id);
		if (list) list.push(row);
		else found.set(row.response_id, [row]);
	}
	return found;
}
