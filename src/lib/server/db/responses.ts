/** Responses to a round: started from a respondent link or by a member, saved answer by answer. */
import type { StageId } from '$lib/domain/model';
import type { AnswerValue, ResponseInput } from '$lib/domain/scoring';
import { toSector, type Sector } from '$lib/domain/sectors';
import { answerOf, answerRow, type AnswerRow } from './answer-rows';
import type { Round } from './rounds';
import { sql } from 'kysely';
import { inTransaction, lockRow, onPostgres, type Db } from './connection';
import { changeResponse, changeResponseIn, noteRemoval } from './round-sums';
import { hashToken, newId, newToken } from './ids';
import { compiledQuery } from './compiled-query';

export interface ResponseRecord {
	id: string;
	roundId: string;
	userId: string | null;
	departmentId: string | null;
	departmentName: string | null;
	roleLevelId: string | null;
	roleLevelName: string | null;
	status: 'draft' | 'submitted';
	submittedAt: string | null;
	updatedAt: string;
}

/** A response's answers, targets and notes as saved. */
export interface SavedAnswers extends ResponseInput {
	notes: Record<string, string>;
}

/**
 * Starts a response and returns its resume token (shown to the respondent; only its hash is
 * stored). A member who already has a response to the round gets that one back, with a new
 * resume token. A link that has taken as many responses as the people it was sent to answers
 * 'full' and starts nothing (docs/scoring.md rule 45).
 */
export async function startResponse(
	db: Db,
	input: {
		roundId: string;
		userId: string | null;
		linkToken: string | null;
		departmentId: string | null;
		roleLevelId: string | null;
	}
): Promise<{ responseId: string; resumeToken: string } | 'full'> {
	const resumeToken = newToken();
	const resumeHash = hashToken(resumeToken);
	if (input.userId) {
		const existing = await db
			.selectFrom('responses')
			.select('id')
			.where('round_id', '=', input.roundId)
			.where('user_id', '=', input.userId)
			.executeTakeFirst();
		if (existing) {
			await db
				.updateTable('responses')
				.set({ resume_token_hash: resumeHash })
				.where('id', '=', existing.id)
				.execute();
			return { responseId: existing.id, resumeToken };
		}
	}
	const id = newId();
	// The count and the insert share a transaction, and the link's row is locked for it on
	// PostgreSQL, so parallel starts (on any instance) cannot pass the cap together.
	return db.transaction().execute(async (trx) => {
		if (input.linkToken) {
			await lockRow(trx, ['response_links', 'token'], input.linkToken);
			if (await linkIsFull(trx, input.linkToken)) return 'full' as const;
		}
		await trx
			.insertInto('responses')
			.values({
				id,
				round_id: input.roundId,
				user_id: input.userId,
				link_token: input.linkToken,
				department_id: input.departmentId,
				role_level_id: input.roleLevelId,
				resume_token_hash: resumeHash
			})
			.execute();
		return { responseId: id, resumeToken };
	});
}

/** Whether a link has taken as many responses as the people it was sent to (false without a cap). */
export async function linkIsFull(db: Db, linkToken: string): Promise<boolean> {
	const row = await db
		.selectFrom('response_links')
		.select((eb) => [
			'response_links.invited',
			eb
				.selectFrom('responses')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('responses.link_token', '=', 'response_links.token')
				.as('taken')
		])
		.where('response_links.token', '=', linkToken)
		.executeTakeFirst();
	return !!row && row.invited !== null && Number(row.taken ?? 0) >= row.invited;
}

/** The response behind a resume token, its round and organisation. */
const selectResponseByToken = (db: Db, hash: string) =>
	db
		.selectFrom('responses')
		.innerJoin('rounds', 'rounds.id', 'responses.round_id')
		.innerJoin('organisations', 'organisations.id', 'rounds.organisation_id')
		.leftJoin('departments', 'departments.id', 'responses.department_id')
		.leftJoin('role_levels', 'role_levels.id', 'responses.role_level_id')
		.leftJoin('response_links', 'response_links.token', 'responses.link_token')
		.select([
			'responses.id',
			'responses.round_id',
			'responses.user_id',
			'responses.department_id',
			'departments.name as department_name',
			'responses.role_level_id',
			'role_levels.name as role_level_name',
			'responses.status',
			'responses.submitted_at',
			'responses.updated_at',
			'rounds.organisation_id',
			'rounds.model_id',
			'rounds.name as round_name',
			'rounds.status as round_status',
			'rounds.anonymity_threshold',
			'rounds.created_at as round_created_at',
			'rounds.opened_at',
			'rounds.closed_at',
			'organisations.name as organisation_name',
			'organisations.sector',
			'organisations.default_locale as organisation_locale',
			'response_links.locale as link_locale'
		])
		.where('responses.resume_token_hash', '=', hash);

/** Built once (compiled-query.ts): autosave runs it on every change. */
const responseByToken = compiledQuery<{ hash: string }, ResponseRow>((db, arg) =>
	selectResponseByToken(db, arg('hash'))
);

interface ResponseRow {
	id: string;
	round_id: string;
	user_id: string | null;
	department_id: string | null;
	department_name: string | null;
	role_level_id: string | null;
	role_level_name: string | null;
	status: 'draft' | 'submitted';
	submitted_at: string | null;
	updated_at: string;
	organisation_id: string;
	model_id: string;
	round_name: string;
	round_status: Round['status'];
	anonymity_threshold: number;
	round_created_at: string;
	opened_at: string | null;
	closed_at: string | null;
	organisation_name: string;
	sector: string | null;
	organisation_locale: string | null;
	link_locale: string | null;
}

/** What a resume token opens: the response, its round, organisation and the link's language. */
export interface FoundResponse {
	response: ResponseRecord;
	round: Round;
	organisationName: string;
	/** The organisation's sector, whose legal floors the respondent's results check. */
	sector: Sector | null;
	/** The languages of the link the response came through and of its organisation. */
	locales: { link: string | null; organisation: string | null };
}

function foundFrom(row: ResponseRow): FoundResponse {
	// The round comes from the same query: autosave runs this on every change.
	const round: Round = {
		id: row.round_id,
		organisationId: row.organisation_id,
		modelId: row.model_id,
		name: row.round_name,
		status: row.round_status,
		anonymityThreshold: row.anonymity_threshold,
		createdAt: row.round_created_at,
		openedAt: row.opened_at,
		closedAt: row.closed_at
	};
	return {
		response: {
			id: row.id,
			roundId: row.round_id,
			userId: row.user_id,
			departmentId: row.department_id,
			departmentName: row.department_name,
			roleLevelId: row.role_level_id,
			roleLevelName: row.role_level_name,
			status: row.status,
			submittedAt: row.submitted_at,
			updatedAt: row.updated_at
		},
		round,
		organisationName: row.organisation_name,
		sector: toSector(row.sector),
		locales: { link: row.link_locale, organisation: row.organisation_locale }
	};
}

/** The response a resume token opens, with its round; undefined for an unknown or forged token. */
export async function getResponseByResumeToken(
	db: Db,
	resumeToken: string
): Promise<FoundResponse | undefined> {
	const row = await responseByToken.first(db, { hash: hashToken(resumeToken) });
	return row ? foundFrom(row) : undefined;
}

/**
 * The response's answers and targets as JSON arrays in the same row (SQLite's json_group_array,
 * PostgreSQL's json_agg): the answer pages need them on every request, and one query costs less
 * than three (each goes through Kysely's connection lock and a round of promises).
 */
const responseWithAnswersByToken = compiledQuery<
	{ hash: string },
	ResponseRow & { answers_json: unknown; targets_json: unknown }
>((db, arg) => {
	const answers = onPostgres(db)
		? sql<unknown>`(select coalesce(json_agg(json_build_array(a.question_id, a.level, a.not_applicable, a.note)), '[]'::json) from answers a where a.response_id = responses.id)`
		: sql<unknown>`(select json_group_array(json_array(a.question_id, a.level, a.not_applicable, a.note)) from answers a where a.response_id = responses.id)`;
	const targets = onPostgres(db)
		? sql<unknown>`(select coalesce(json_agg(json_build_array(t.area_id, t.stage)), '[]'::json) from targets t where t.response_id = responses.id)`
		: sql<unknown>`(select json_group_array(json_array(t.area_id, t.stage)) from targets t where t.response_id = responses.id)`;
	return selectResponseByToken(db, arg('hash')).select([
		answers.as('answers_json'),
		targets.as('targets_json')
	]);
});

/** SQLite answers JSON as text, PostgreSQL's driver parses it already. */
const jsonRows = <T>(value: unknown): T[] =>
	(typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as T[];

/**
 * The response a resume token opens with its saved answers, targets and notes, in one query (the
 * answer pages); undefined for an unknown or forged token. The same as getResponseByResumeToken
 * followed by loadAnswers.
 */
export async function getResponseWithAnswersByResumeToken(
	db: Db,
	resumeToken: string
): Promise<(FoundResponse & { saved: SavedAnswers }) | undefined> {
	const row = await responseWithAnswersByToken.first(db, { hash: hashToken(resumeToken) });
	if (!row) return undefined;
	const saved: SavedAnswers = { answers: {}, targets: {}, notes: {} };
	for (const [questionId, level, notApplicable, note] of jsonRows<
		[string, number | null, number, string | null]
	>(row.answers_json)) {
		saved.answers[questionId] = answerOf({ level, not_applicable: notApplicable });
		if (note) saved.notes[questionId] = note;
	}
	for (const [areaId, stage] of jsonRows<[string, number]>(row.targets_json))
		saved.targets[areaId] = stage as StageId;
	return { ...foundFrom(row), saved };
}

const touchQuery = compiledQuery<{ id: string; now: string }, never>((db, arg) =>
	db
		.updateTable('responses')
		.set({ updated_at: arg('now') })
		.where('id', '=', arg('id'))
);

const touch = (db: Db, responseId: string, now: string) =>
	touchQuery.all(db, { id: responseId, now });

/**
 * Saves one answer (level 1-4, null for "don't know", or "not applicable"), replacing any earlier one: saving the
 * same answer twice leaves the same state, so retried requests are harmless. A note of undefined
 * keeps the stored note; an empty note removes it.
 */
export async function saveAnswer(
	db: Db,
	responseId: string,
	answer: { questionId: string; level: AnswerValue; note?: string }
): Promise<void> {
	const now = new Date().toISOString();
	await changeResponse(db, responseId, async (trx) => {
		await writeAnswer(trx, responseId, answer, now);
		await touch(trx, responseId, now);
	});
}

/** The whole of one step of the questionnaire, already validated: see `saveStep`. */
export interface StepInput {
	/** Answers to save, each with its note (an empty note removes the stored one). */
	answers: Array<{ questionId: string; level: AnswerValue; note: string }>;
	/** The area's target, when one was chosen. */
	target?: { areaId: string; stage: StageId };
	/** A question whose answer is removed after the others are saved. */
	clear?: string;
}

/**
 * Saves a step of the questionnaire (its answers and notes, the area's target, a cleared answer)
 * in one transaction, through `changeResponse` once: all of it is stored, or none of it. A step
 * with nothing to save writes nothing.
 */
export async function saveStep(db: Db, responseId: string, step: StepInput): Promise<void> {
	if (step.answers.length === 0 && !step.target && step.clear === undefined) return;
	const now = new Date().toISOString();
	await changeResponse(db, responseId, async (trx) => {
		for (const answer of step.answers) await writeAnswer(trx, responseId, answer, now);
		if (step.target) await writeTarget(trx, responseId, step.target.areaId, step.target.stage);
		if (step.clear !== undefined) await deleteAnswer(trx, responseId, step.clear);
		await touch(trx, responseId, now);
	});
}

interface AnswerArgs extends Record<string, unknown> {
	responseId: string;
	questionId: string;
	level: number | null;
	notApplicable: number;
	note: string | null;
	now: string;
}

/** The autosave upsert, in its two shapes: with a note to store, and keeping the stored note. */
const upsertAnswer = (withNote: boolean) =>
	compiledQuery<AnswerArgs, never>((db, arg) =>
		db
			.insertInto('answers')
			.values({
				response_id: arg('responseId'),
				question_id: arg('questionId'),
				level: arg('level'),
				not_applicable: arg('notApplicable'),
				note: arg('note'),
				updated_at: arg('now')
			})
			.onConflict((oc) =>
				oc.columns(['response_id', 'question_id']).doUpdateSet({
					level: arg('level'),
					not_applicable: arg('notApplicable'),
					...(withNote ? { note: arg('note') } : {}),
					updated_at: arg('now')
				})
			)
	);
const upsertAnswerWithNote = upsertAnswer(true);
const upsertAnswerKeepingNote = upsertAnswer(false);

const writeAnswer = async (
	trx: Db,
	responseId: string,
	answer: { questionId: string; level: AnswerValue; note?: string },
	now: string
) => {
	const note = answer.note === undefined ? undefined : answer.note.trim() || null;
	const row = answerRow(answer.level);
	await (note === undefined ? upsertAnswerKeepingNote : upsertAnswerWithNote).all(trx, {
		responseId,
		questionId: answer.questionId,
		level: row.level,
		notApplicable: row.not_applicable,
		note: note ?? null,
		now
	});
};

const deleteAnswer = (trx: Db, responseId: string, questionId: string) =>
	trx
		.deleteFrom('answers')
		.where('response_id', '=', responseId)
		.where('question_id', '=', questionId)
		.execute();

const writeTarget = async (trx: Db, responseId: string, areaId: string, stage: StageId | null) => {
	if (stage === null)
		await trx
			.deleteFrom('targets')
			.where('response_id', '=', responseId)
			.where('area_id', '=', areaId)
			.execute();
	else
		await trx
			.insertInto('targets')
			.values({ response_id: responseId, area_id: areaId, stage })
			.onConflict((oc) => oc.columns(['response_id', 'area_id']).doUpdateSet({ stage }))
			.execute();
};

/** Saves only the note of an answered question; false (and nothing saved) when it has no answer yet. */
export async function saveNote(
	db: Db,
	responseId: string,
	questionId: string,
	note: string
): Promise<boolean> {
	const now = new Date().toISOString();
	return db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('answers')
			.select('question_id')
			.where('response_id', '=', responseId)
			.where('question_id', '=', questionId)
			.executeTakeFirst();
		if (!existing) return false;
		await trx
			.updateTable('answers')
			.set({ note: note.trim() || null, updated_at: now })
			.where('response_id', '=', responseId)
			.where('question_id', '=', questionId)
			.execute();
		await touch(trx, responseId, now);
		return true;
	});
}

export async function clearAnswer(db: Db, responseId: string, questionId: string): Promise<void> {
	await changeResponse(db, responseId, async (trx) => {
		await deleteAnswer(trx, responseId, questionId);
		await touch(trx, responseId, new Date().toISOString());
	});
}

/** Saves the target stage for an area, or removes it with null. */
export async function saveTarget(
	db: Db,
	responseId: string,
	areaId: string,
	stage: StageId | null
): Promise<void> {
	await changeResponse(db, responseId, async (trx) => {
		await writeTarget(trx, responseId, areaId, stage);
		await touch(trx, responseId, new Date().toISOString());
	});
}

const answersOf = compiledQuery<
	{ id: string },
	AnswerRow & { question_id: string; note: string | null }
>((db, arg) =>
	db
		.selectFrom('answers')
		.select(['question_id', 'level', 'not_applicable', 'note'])
		.where('response_id', '=', arg('id'))
);

const targetsOf = compiledQuery<{ id: string }, { area_id: string; stage: number }>((db, arg) =>
	db.selectFrom('targets').select(['area_id', 'stage']).where('response_id', '=', arg('id'))
);

export async function loadAnswers(db: Db, responseId: string): Promise<SavedAnswers> {
	const [answers, targets] = await Promise.all([
		answersOf.all(db, { id: responseId }),
		targetsOf.all(db, { id: responseId })
	]);
	const result: SavedAnswers = { answers: {}, targets: {}, notes: {} };
	for (const a of answers) {
		result.answers[a.question_id] = answerOf(a);
		if (a.note) result.notes[a.question_id] = a.note;
	}
	for (const t of targets) result.targets[t.area_id] = t.stage as StageId;
	return result;
}

/** The status of a member's own response to a round, or null when they have not started one. */
export async function getOwnResponseStatus(
	db: Db,
	roundId: string,
	userId: string
): Promise<'draft' | 'submitted' | null> {
	const row = await db
		.selectFrom('responses')
		.select('status')
		.where('round_id', '=', roundId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.status ?? null;
}

/** Submits a response; its answers then count in the round's sums. Submitting again changes nothing. */
export async function submitResponse(db: Db, responseId: string): Promise<void> {
	const now = new Date().toISOString();
	await changeResponse(db, responseId, (trx) =>
		trx
			.updateTable('responses')
			.set({ status: 'submitted', submitted_at: now, updated_at: now })
			.where('id', '=', responseId)
			.execute()
	);
}

export interface SubmittedResponse extends ResponseInput {
	responseId: string;
	departmentId: string | null;
	roleLevelId: string | null;
}

/** The submitted responses of a round of this organisation, one by one (the exports list them). */
export async function listSubmittedResponses(
	db: Db,
	organisationId: string,
	roundId: string
): Promise<SubmittedResponse[]> {
	const responses = await db
		.selectFrom('responses')
		.innerJoin('rounds', 'rounds.id', 'responses.round_id')
		.select(['responses.id', 'responses.department_id', 'responses.role_level_id'])
		.where('responses.round_id', '=', roundId)
		.where('rounds.organisation_id', '=', organisationId)
		.where('responses.status', '=', 'submitted')
		.where('responses.excluded_at', 'is', null)
		.orderBy('responses.submitted_at')
		.execute();
	const byId = new Map<string, SubmittedResponse>(
		responses.map((r) => [
			r.id,
			{
				responseId: r.id,
				departmentId: r.department_id,
				roleLevelId: r.role_level_id,
				answers: {},
				targets: {}
			}
		])
	);
	if (byId.size === 0) return [];
	const [answers, targets] = await Promise.all([
		db
			.selectFrom('answers')
			.innerJoin('responses', 'responses.id', 'answers.response_id')
			.select([
				'answers.response_id',
				'answers.question_id',
				'answers.level',
				'answers.not_applicable'
			])
			.where('responses.round_id', '=', roundId)
			.where('responses.status', '=', 'submitted')
			.where('responses.excluded_at', 'is', null)
			.execute(),
		db
			.selectFrom('targets')
			.innerJoin('responses', 'responses.id', 'targets.response_id')
			.select(['targets.response_id', 'targets.area_id', 'targets.stage'])
			.where('responses.round_id', '=', roundId)
			.where('responses.status', '=', 'submitted')
			.where('responses.excluded_at', 'is', null)
			.execute()
	]);
	for (const a of answers) {
		const r = byId.get(a.response_id);
		if (r) r.answers[a.question_id] = answerOf(a);
	}
	for (const t of targets) {
		const r = byId.get(t.response_id);
		if (r) r.targets[t.area_id] = t.stage as StageId;
	}
	return [...byId.values()];
}

/** A response of a round as an owner reviews it: where it came from and its state, never its answers. */
export interface ReviewedResponse {
	id: string;
	/** The link it came through (null: a member answering with their account). */
	linkToken: string | null;
	departmentId: string | null;
	roleLevelId: string | null;
	status: 'draft' | 'submitted';
	/** The day it was started and submitted (YYYY-MM-DD): days, not times, say less about who. */
	startedOn: string;
	submittedOn: string | null;
	answered: number;
	excluded: boolean;
}

/**
 * One page of the responses of a round of this organisation, for an owner's review, oldest first,
 * optionally only those through one link; with how many there are in all.
 */
export async function listResponsesForReview(
	db: Db,
	organisationId: string,
	roundId: string,
	options: { linkToken: string | null; limit: number; offset: number }
): Promise<{ rows: ReviewedResponse[]; total: number }> {
	let query = roundResponses(db, organisationId, roundId);
	if (options.linkToken) query = query.where('responses.link_token', '=', options.linkToken);
	const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
	const rows = await withReviewColumns(query)
		.orderBy('responses.created_at')
		.orderBy('responses.id')
		.limit(options.limit)
		.offset(options.offset)
		.execute();
	return { rows: rows.map(toReviewed), total: Number(total?.n ?? 0) };
}

/** One response of this round of this organisation, as reviewed; undefined when it is not one. */
export async function getReviewedResponse(
	db: Db,
	organisationId: string,
	roundId: string,
	responseId: string
): Promise<ReviewedResponse | undefined> {
	const row = await withReviewColumns(
		roundResponses(db, organisationId, roundId).where('responses.id', '=', responseId)
	).executeTakeFirst();
	return row && toReviewed(row);
}

const roundResponses = (db: Db, organisationId: string, roundId: string) =>
	db
		.selectFrom('responses')
		.innerJoin('rounds', 'rounds.id', 'responses.round_id')
		.where('responses.round_id', '=', roundId)
		.where('rounds.organisation_id', '=', organisationId);

const withReviewColumns = (query: ReturnType<typeof roundResponses>) =>
	query.select((eb) => [
		'responses.id',
		'responses.link_token',
		'responses.department_id',
		'responses.role_level_id',
		'responses.status',
		'responses.created_at',
		'responses.submitted_at',
		'responses.excluded_at',
		eb
			.selectFrom('answers')
			.select(eb.fn.countAll<number>().as('n'))
			.whereRef('answers.response_id', '=', 'responses.id')
			.as('answered')
	]);

function toReviewed(r: {
	id: string;
	link_token: string | null;
	department_id: string | null;
	role_level_id: string | null;
	status: 'draft' | 'submitted';
	created_at: string;
	submitted_at: string | null;
	excluded_at: string | null;
	answered: number | null;
}): ReviewedResponse {
	return {
		id: r.id,
		linkToken: r.link_token,
		departmentId: r.department_id,
		roleLevelId: r.role_level_id,
		status: r.status,
		startedOn: r.created_at.slice(0, 10),
		submittedOn: r.submitted_at?.slice(0, 10) ?? null,
		answered: Number(r.answered ?? 0),
		excluded: r.excluded_at !== null
	};
}

/**
 * Excludes a response from every result (true), or includes it again (false); its answers are
 * kept. Returns the state before, or undefined for a response that is not this round's.
 */
export async function setResponseExcluded(
	db: Db,
	organisationId: string,
	roundId: string,
	responseId: string,
	excluded: boolean
): Promise<{ excluded: boolean } | undefined> {
	const found = await getReviewedResponse(db, organisationId, roundId, responseId);
	if (!found) return undefined;
	const before = { excluded: found.excluded };
	if (before.excluded === excluded) return before;
	await changeResponse(db, responseId, async (trx) => {
		if (excluded) await noteRemoval(trx, responseId);
		await trx
			.updateTable('responses')
			.set({ excluded_at: excluded ? new Date().toISOString() : null })
			.where('id', '=', responseId)
			.execute();
	});
	return before;
}

/**
 * Deletes a response of this round with its answers, notes and targets, taking it out of the
 * round's sums in the same transaction. False for a response that is not this round's.
 */
export async function deleteResponse(
	db: Db,
	organisationId: string,
	roundId: string,
	responseId: string
): Promise<boolean> {
	if (!(await getReviewedResponse(db, organisationId, roundId, responseId))) return false;
	await inTransaction(db, (trx) => deleteResponseIn(trx, responseId));
	return true;
}

/**
 * Deletes a response inside a transaction the caller holds: its sums leave the round's sums, and
 * its cell's removal is noted (rule 44). Answers and targets go with it (cascade).
 */
export async function deleteResponseIn(trx: Db, responseId: string): Promise<void> {
	await changeResponseIn(trx, responseId, async (t) => {
		await noteRemoval(t, responseId);
		await t.deleteFrom('responses').where('id', '=', responseId).execute();
	});
}
