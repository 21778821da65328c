/** Rounds of an organisation and their respondent links. Every read is scoped by organisation. */
import { toLocale } from '$lib/domain/locale';
import type { Locale } from '$lib/domain/model';
import type { Db } from './connection';
import type { ExpressionBuilder } from 'kysely';
import type { RoundStatus, Database } from './schema';
import { newId, newToken } from './ids';

/** 1 for a response that counts in results (submitted, not excluded), else 0: summed as "submitted". */
const countsInResults = (eb: ExpressionBuilder<Database, 'responses'>) =>
	eb
		.case()
		.when(
			eb.and([eb('responses.status', '=', 'submitted'), eb('responses.excluded_at', 'is', null)])
		)
		.then(1)
		.else(0)
		.end();

export interface Round {
	id: string;
	organisationId: string;
	modelId: string;
	name: string;
	status: RoundStatus;
	anonymityThreshold: number;
	createdAt: string;
	openedAt: string | null;
	closedAt: string | null;
}

const columns = [
	'rounds.id',
	'rounds.organisation_id',
	'rounds.model_id',
	'rounds.name',
	'rounds.status',
	'rounds.anonymity_threshold',
	'rounds.created_at',
	'rounds.opened_at',
	'rounds.closed_at'
] as const;

type Row = {
	id: string;
	organisation_id: string;
	model_id: string;
	name: string;
	status: RoundStatus;
	anonymity_threshold: number;
	created_at: string;
	opened_at: string | null;
	closed_at: string | null;
};

const toRound = (r: Row): Round => ({
	id: r.id,
	organisationId: r.organisation_id,
	modelId: r.model_id,
	name: r.name,
	status: r.status,
	anonymityThreshold: r.anonymity_threshold,
	createdAt: r.created_at,
	openedAt: r.opened_at,
	closedAt: r.closed_at
});

export async function createRound(
	db: Db,
	input: {
		organisationId: string;
		modelId: string;
		name: string;
		anonymityThreshold: number;
		createdBy: string;
	}
): Promise<Round> {
	const id = newId();
	await db
		.insertInto('rounds')
		.values({
			id,
			organisation_id: input.organisationId,
			model_id: input.modelId,
			name: input.name.trim(),
			anonymity_threshold: input.anonymityThreshold,
			created_by: input.createdBy,
			// Milliseconds, so rounds created in the same second still have an order.
			created_at: new Date().toISOString()
		})
		.execute();
	return (await getRound(db, input.organisationId, id))!;
}

/** The round, only if it belongs to this organisation. */
export async function getRound(
	db: Db,
	organisationId: string,
	id: string
): Promise<Round | undefined> {
	const row = await db
		.selectFrom('rounds')
		.select(columns)
		.where('rounds.id', '=', id)
		.where('rounds.organisation_id', '=', organisationId)
		.executeTakeFirst();
	return row && toRound(row);
}

export async function listRounds(
	db: Db,
	organisationId: string
): Promise<Array<Round & { submitted: number; started: number }>> {
	const rows = await db
		.selectFrom('rounds')
		.leftJoin('responses', 'responses.round_id', 'rounds.id')
		.select(columns)
		.select((eb) => [
			eb.fn.count<number>('responses.id').as('started'),
			eb.fn.sum<number>(countsInResults(eb)).as('submitted')
		])
		.where('rounds.organisation_id', '=', organisationId)
		.groupBy('rounds.id')
		.orderBy('rounds.created_at', 'desc')
		.execute();
	return rows.map((r) => ({
		...toRound(r),
		started: Number(r.started),
		submitted: Number(r.submitted ?? 0)
	}));
}

/** The round of this organisation created last before this one, if any. */
export async function getPreviousRound(
	db: Db,
	organisationId: string,
	round: Pick<Round, 'id' | 'createdAt'>
): Promise<Round | undefined> {
	const row = await db
		.selectFrom('rounds')
		.select(columns)
		.where('rounds.organisation_id', '=', organisationId)
		.where('rounds.created_at', '<', round.createdAt)
		.orderBy('rounds.created_at', 'desc')
		.orderBy('rounds.id')
		.limit(1)
		.executeTakeFirst();
	return row && toRound(row);
}

/** Opens or closes a round of this organisation; false when it is not this organisation's. */
export async function setRoundStatus(
	db: Db,
	organisationId: string,
	id: string,
	status: RoundStatus
): Promise<boolean> {
	const now = new Date().toISOString();
	const result = await db
		.updateTable('rounds')
		.set({
			status,
			...(status === 'open' ? { opened_at: now, closed_at: null } : {}),
			...(status === 'closed' ? { closed_at: now } : {})
		})
		.where('id', '=', id)
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function updateRoundSettings(
	db: Db,
	organisationId: string,
	id: string,
	settings: { name: string; anonymityThreshold: number }
): Promise<boolean> {
	const result = await db
		.updateTable('rounds')
		.set({ name: settings.name.trim(), anonymity_threshold: settings.anonymityThreshold })
		.where('id', '=', id)
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** The round's cover note (plain text), or null; undefined when the round is not this organisation's. */
export async function getCoverNote(
	db: Db,
	organisationId: string,
	id: string
): Promise<string | null | undefined> {
	const row = await db
		.selectFrom('rounds')
		.select('cover_note')
		.where('id', '=', id)
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return row && row.cover_note;
}

export async function setCoverNote(
	db: Db,
	organisationId: string,
	id: string,
	note: string | null
): Promise<boolean> {
	const result = await db
		.updateTable('rounds')
		.set({ cover_note: note })
		.where('id', '=', id)
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export interface ResponseLink {
	token: string;
	departmentId: string | null;
	departmentName: string | null;
	roleLevelId: string | null;
	roleLevelName: string | null;
	createdAt: string;
	revoked: boolean;
	/** How many people the link was sent to, when given. */
	invited: number | null;
	/** The questionnaire's language for the link's respondents, or null (their own). */
	locale: Locale | null;
	started: number;
	submitted: number;
}

/**
 * Creates a respondent link for a round, optionally carrying a department and role level, which
 * must belong to the same organisation (checked here, in the same query as the insert's inputs).
 */
export async function createResponseLink(
	db: Db,
	input: {
		organisationId: string;
		roundId: string;
		departmentId: string | null;
		roleLevelId: string | null;
		invited?: number | null;
		/** The language the link's respondents read the questionnaire in, or null (their own). */
		locale?: Locale | null;
	}
): Promise<string | 'invalid'> {
	const round = await getRound(db, input.organisationId, input.roundId);
	if (!round) return 'invalid';
	if (input.departmentId) {
		const dep = await db
			.selectFrom('departments')
			.select('id')
			.where('id', '=', input.departmentId)
			.where('organisation_id', '=', input.organisationId)
			.where('archived', '=', 0)
			.executeTakeFirst();
		if (!dep) return 'invalid';
	}
	if (input.roleLevelId) {
		const level = await db
			.selectFrom('role_levels')
			.select('id')
			.where('id', '=', input.roleLevelId)
			.where('organisation_id', '=', input.organisationId)
			.where('archived', '=', 0)
			.executeTakeFirst();
		if (!level) return 'invalid';
	}
	const token = newToken();
	await db
		.insertInto('response_links')
		.values({
			token,
			round_id: input.roundId,
			department_id: input.departmentId,
			role_level_id: input.roleLevelId,
			invited: input.invited ?? null,
			locale: input.locale ?? null
		})
		.execute();
	return token;
}

export async function listResponseLinks(
	db: Db,
	organisationId: string,
	roundId: string
): Promise<ResponseLink[]> {
	const rows = await db
		.selectFrom('response_links')
		.innerJoin('rounds', 'rounds.id', 'response_links.round_id')
		.leftJoin('departments', 'departments.id', 'response_links.department_id')
		.leftJoin('role_levels', 'role_levels.id', 'response_links.role_level_id')
		.leftJoin('responses', 'responses.link_token', 'response_links.token')
		.select([
			'response_links.token',
			'response_links.department_id',
			'departments.name as department_name',
			'response_links.role_level_id',
			'role_levels.name as role_level_name',
			'response_links.created_at',
			'response_links.revoked_at',
			'response_links.invited',
			'response_links.locale'
		])
		.select((eb) => [
			eb.fn.count<number>('responses.id').as('started'),
			eb.fn.sum<number>(countsInResults(eb)).as('submitted')
		])
		.where('response_links.round_id', '=', roundId)
		.where('rounds.organisation_id', '=', organisationId)
		.groupBy(['response_links.token', 'departments.name', 'role_levels.name'])
		.orderBy('response_links.created_at')
		.execute();
	return rows.map((r) => ({
		token: r.token,
		departmentId: r.department_id,
		departmentName: r.department_name,
		roleLevelId: r.role_level_id,
		roleLevelName: r.role_level_name,
		createdAt: r.created_at,
		revoked: r.revoked_at !== null,
		invited: r.invited,
		locale: toLocale(r.locale) ?? null,
		started: Number(r.started),
		submitted: Number(r.submitted ?? 0)
	}));
}

/**
 * How many people the round's links were sent to, per department (null: links for any department),
 * counting only links whose invited number was given.
 */
export async function invitedPerDepartment(
	db: Db,
	roundId: string
): Promise<Map<string | null, number>> {
	const rows = await db
		.selectFrom('response_links')
		.select(['department_id', (eb) => eb.fn.sum<number>('invited').as('invited')])
		.where('round_id', '=', roundId)
		.where('invited', 'is not', null)
		.groupBy('department_id')
		.execute();
	return new Map(rows.map((r) => [r.department_id, Number(r.invited)]));
}

/** The link, only if it belongs to this round of this organisation. */
async function ownedLink(db: Db, organisationId: string, roundId: string, token: string) {
	return db
		.selectFrom('response_links')
		.innerJoin('rounds', 'rounds.id', 'response_links.round_id')
		.select('response_links.token')
		.where('response_links.token', '=', token)
		.where('response_links.round_id', '=', roundId)
		.where('rounds.organisation_id', '=', organisationId)
		.executeTakeFirst();
}

export async function revokeResponseLink(
	db: Db,
	organisationId: string,
	roundId: string,
	token: string
): Promise<boolean> {
	if (!(await ownedLink(db, organisationId, roundId, token))) return false;
	await db
		.updateTable('response_links')
		.set({ revoked_at: new Date().toISOString() })
		.where('token', '=', token)
		.execute();
	return true;
}

/** Sets (or clears, with null) how many people a link of this round was sent to. */
export async function setLinkInvited(
	db: Db,
	organisationId: string,
	roundId: string,
	token: string,
	invited: number | null
): Promise<boolean> {
	if (!(await ownedLink(db, organisationId, roundId, token))) return false;
	await db.updateTable('response_links').set({ invited }).where('token', '=', token).execute();
	return true;
}

export interface LinkContext {
	token: string;
	revoked: boolean;
	round: Round;
	organisationName: string;
	departmentId: string | null;
	departmentName: string | null;
	roleLevelId: string | null;
	roleLevelName: string | null;
}

/** What a respondent link leads to, for the join page. */
export async function getLinkContext(db: Db, token: string): Promise<LinkContext | undefined> {
	const row = await db
		.selectFrom('response_links')
		.innerJoin('rounds', 'rounds.id', 'response_links.round_id')
		.innerJoin('organisations', 'organisations.id', 'rounds.organisation_id')
		.leftJoin('departments', 'departments.id', 'response_links.department_id')
		.leftJoin('role_levels', 'role_levels.id', 'response_links.role_level_id')
		.select(columns)
		.select([
			'response_links.token',
			'response_links.revoked_at',
			'organisations.name as organisation_name',
			'response_links.department_id',
			'departments.name as department_name',
			'response_links.role_level_id',
			'role_levels.name as role_level_name'
		])
		.where('response_links.token', '=', token)
		.executeTakeFirst();
	if (!row) return undefined;
	return {
		token: row.token,
		revoked: row.revoked_at !== null,
		round: toRound(row),
		organisationName: row.organisation_name,
		departmentId: row.department_id,
		departmentName: row.department_name,
		roleLevelId: row.role_level_id,
		roleLevelName: row.role_level_name
	};
}

/** What deleting a round removes, counted, for the confirmation page. */
export interface RoundContents {
	/** Responses started, submitted or not. */
	responses: number;
	submitted: number;
	answers: number;
	targets: number;
	links: number;
	trackedItems: number;
	/** Areas whose importance was rated (docs/scoring.md rule 26). */
	importanceRatings: number;
	/** Rows of the round's stored sums (per cell: department × role level). */
	storedSums: number;
}

/** Counts what belongs to a round of this organisation (zeros when it is not this organisation's). */
export async function countRoundContents(
	db: Db,
	organisationId: string,
	id: string
): Promise<RoundContents> {
	const scoped = (
		table:
			| 'responses'
			| 'response_links'
			| 'roadmap_items'
			| 'round_area_importance'
			| 'round_group_sums'
			| 'round_area_sums'
			| 'round_question_counts'
	) =>
		db
			.selectFrom(table)
			.innerJoin('rounds', 'rounds.id', `${table}.round_id`)
			.where('rounds.id', '=', id)
			.where('rounds.organisation_id', '=', organisationId);
	const count = async (query: {
		executeTakeFirst(): Promise<{ n: number | string | bigint } | undefined>;
	}) => Number((await query.executeTakeFirst())?.n ?? 0);
	const perResponse = (table: 'answers' | 'targets') =>
		db
			.selectFrom(table)
			.innerJoin('responses', 'responses.id', `${table}.response_id`)
			.innerJoin('rounds', 'rounds.id', 'responses.round_id')
			.where('rounds.id', '=', id)
			.where('rounds.organisation_id', '=', organisationId)
			.select((eb) => eb.fn.countAll<number>().as('n'));
	const [
		responses,
		submitted,
		answers,
		targets,
		links,
		trackedItems,
		importanceRatings,
		groups,
		areas,
		questions
	] = await Promise.all([
		count(scoped('responses').select((eb) => eb.fn.countAll<number>().as('n'))),
		count(
			scoped('responses')
				.where('responses.status', '=', 'submitted')
				.select((eb) => eb.fn.countAll<number>().as('n'))
		),
		count(perResponse('answers')),
		count(perResponse('targets')),
		count(scoped('response_links').select((eb) => eb.fn.countAll<number>().as('n'))),
		count(scoped('roadmap_items').select((eb) => eb.fn.countAll<number>().as('n'))),
		count(scoped('round_area_importance').select((eb) => eb.fn.countAll<number>().as('n'))),
		count(scoped('round_group_sums').select((eb) => eb.fn.countAll<number>().as('n'))),
		count(scoped('round_area_sums').select((eb) => eb.fn.countAll<number>().as('n'))),
		count(scoped('round_question_counts').select((eb) => eb.fn.countAll<number>().as('n')))
	]);
	return {
		responses,
		submitted,
		answers,
		targets,
		links,
		trackedItems,
		importanceRatings,
		storedSums: groups + areas + questions
	};
}

/**
 * Deletes a round of this organisation with everything that belongs to it: its links, responses
 * with their answers and targets, roadmap tracking, importance ratings and stored sums (the
 * foreign keys cascade).
 * False when it is not this organisation's round.
 */
export async function deleteRound(db: Db, organisationId: string, id: string): Promise<boolean> {
	const result = await db
		.deleteFrom('rounds')
		.where('id', '=', id)
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}
