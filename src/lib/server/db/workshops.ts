/**
 * Live workshops (issue 12) in the database, the truth of their state. Every change loads the
 * state, asks the pure state machine (`lib/domain/workshop.ts`) what a command or a vote does, and
 * writes the answer in the same transaction; a refused, replayed or stale command writes nothing.
 * `version` grows with every change (a join too); `applyAndAnnounce`, `joinAndAnnounce` and
 * `castVoteAndAnnounce` publish it after the transaction commits (contract in
 * `lib/server/pubsub.ts`). Every read by workshop id is scoped by its round, so another round's
 * workshop ids are not found.
 *
 * Changes to one workshop run one after the other, on any instance: each transaction locks the
 * workshop's row (`lockRow`) before it reads the state, so two facilitators' commands, or a
 * command and a room of votes, queue instead of both reading the same version (on SQLite every
 * write transaction already runs alone). The second of two commands then sees the first's result:
 * a command whose effect already holds (a second reveal) succeeds and changes nothing, a stale one
 * (a second "next" for the same step) is refused with `stale-position`.
 */
import { MAX_NAME } from '$lib/domain/limits';
import type { StageId } from '$lib/domain/model';
import {
	acceptVote,
	alreadyApplied,
	applyCommand,
	currentQuestions,
	startWorkshop,
	type QuestionRecord,
	type Refusal,
	type Vote,
	type VoteRound,
	type WorkshopCommand,
	type WorkshopOptions,
	type WorkshopState
} from '$lib/domain/workshop';
import type { Updateable } from 'kysely';
import type { Db } from './connection';
import { inTransaction, lockRow } from './connection';
import { hashToken, newId, newToken } from './ids';
import { getModel } from './models';
import type { WorkshopsTable } from './schema';
import type { PubSub } from '../pubsub';
import { workshopTopic } from '../pubsub';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** A random join code: 6 of 31 characters, about 30 bits. */
export function newJoinCode(): string {
	const bytes = crypto.getRandomValues(new Uint32Array(JOIN_CODE_LENGTH));
	return Array.from(bytes, (b) => JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length]).join('');
}

/** A typed code as stored: upper case, spaces and dashes dropped; undefined if it cannot be one. */
export function normaliseJoinCode(input: string): string | undefined {
	const code = input.replace(/[\s-]/g, '').toUpperCase();
	if (code.length !== JOIN_CODE_LENGTH) return undefined;
	for (const c of code) if (!JOIN_CODE_ALPHABET.includes(c)) return undefined;
	return code;
}

export interface Workshop {
	id: string;
	roundId: string;
	organisationId: string;
	joinCode: string;
	version: number;
	state: WorkshopState;
}

/** Refusals of the storage on top of the state machine's. */
export type WorkshopRefusal =
	Refusal | 'not-found' | 'group-required' | 'unknown-group' | 'name-too-long' | 'round-closed';

export type Result<T> = { ok: true; value: T } | { ok: false; reason: WorkshopRefusal };
const refuse = <T>(reason: WorkshopRefusal): Result<T> => ({ ok: false, reason });

const now = () => new Date().toISOString();

/**
 * Locks a workshop's row for the rest of the transaction `trx` (PostgreSQL; SQLite runs one
 * transaction at a time anyway): a change reads the workshop's state and version, then writes the
 * next version, so changes to one workshop (joins and votes arriving at once, on any instance) run
 * one after the other instead of failing on a version moved on meanwhile.
 */
const lockWorkshop = (trx: Db, workshopId: string) => lockRow(trx, ['workshops', 'id'], workshopId);

/**
 * Moves the workshop's version on by one (with `set`, the columns a command changed) and returns
 * the new version. Every change goes through here: a command, a join, a vote. The version must
 * still be the one read: the transaction locked the row before reading it (`lockRow`, PostgreSQL)
 * or holds SQLite's write lock, so a mismatch is a bug, not a race.
 */
async function bumpVersion(
	trx: Db,
	workshop: Pick<Workshop, 'id' | 'version'>,
	at: string,
	set: Updateable<WorkshopsTable> = {}
): Promise<number> {
	const version = workshop.version + 1;
	const updated = await trx
		.updateTable('workshops')
		.set({ ...set, version, updated_at: at })
		.where('id', '=', workshop.id)
		.where('version', '=', workshop.version)
		.executeTakeFirst();
	if (Number(updated.numUpdatedRows) !== 1)
		throw new Error(`workshop ${workshop.id} changed during a change`);
	return version;
}

/** Creates a workshop in the lobby on a round of this organisation. */
export async function createWorkshop(
	db: Db,
	input: {
		organisationId: string;
		roundId: string;
		createdBy: string | null;
	} & Omit<WorkshopOptions, 'threshold'>
): Promise<Result<Workshop>> {
	return inTransaction(db, async (trx) => {
		const round = await trx
			.selectFrom('rounds')
			.select(['id', 'model_id', 'anonymity_threshold', 'status'])
			.where('id', '=', input.roundId)
			.where('organisation_id', '=', input.organisationId)
			.executeTakeFirst();
		if (!round) return refuse<Workshop>('not-found');
		if (round.status === 'closed') return refuse<Workshop>('round-closed');
		const stored = await getModel(trx, round.model_id);
		if (!stored) return refuse<Workshop>('not-found');
		const started = startWorkshop(stored.model, {
			areas: input.areas,
			pace: input.pace,
			threshold: round.anonymity_threshold,
			requireGroup: input.requireGroup,
			smallGroupOptIn: input.smallGroupOptIn
		});
		if (!started.ok) return refuse<Workshop>(started.reason);
		const state = started.value;
		const id = newId();
		const at = now();
		for (let attempt = 0; ; attempt++) {
			const joinCode = newJoinCode();
			const taken = await trx
				.selectFrom('workshops')
				.select('id')
				.where('join_code', '=', joinCode)
				.where('status', '!=', 'ended')
				.executeTakeFirst();
			if (taken) {
				if (attempt >= 20) throw new Error('no free join code after 20 attempts');
				continue;
			}
			await trx
				.insertInto('workshops')
				.values({
					id,
					round_id: round.id,
					join_code: joinCode,
					status: state.status,
					paused_from: null,
					pace: state.pace,
					areas: JSON.stringify(state.areas),
					position: state.position,
					vote_round: state.voteRound,
					require_group: state.requireGroup ? 1 : 0,
					small_group_opt_in: state.smallGroupOptIn ? 1 : 0,
					version: 1,
					created_by: input.createdBy,
					created_at: at,
					updated_at: at
				})
				.execute();
			return {
				ok: true,
				value: {
					id,
					roundId: round.id,
					organisationId: input.organisationId,
					joinCode,
					version: 1,
					state
				}
			};
		}
	});
}

/** The workshop and its state as stored, by id; `roundId` given, only a workshop of that round. */
async function readWorkshop(
	db: Db,
	where: { workshopId: string; roundId?: string }
): Promise<Workshop | undefined> {
	let query = db
		.selectFrom('workshops')
		.innerJoin('rounds', 'rounds.id', 'workshops.round_id')
		.selectAll('workshops')
		.select(['rounds.model_id', 'rounds.anonymity_threshold', 'rounds.organisation_id'])
		.where('workshops.id', '=', where.workshopId);
	if (where.roundId !== undefined) query = query.where('workshops.round_id', '=', where.roundId);
	const row = await query.executeTakeFirst();
	if (!row) return undefined;
	const stored = await getModel(db, row.model_id);
	if (!stored) return undefined;
	const started = startWorkshop(stored.model, {
		areas: JSON.parse(row.areas) as string[],
		pace: row.pace,
		threshold: row.anonymity_threshold,
		requireGroup: row.require_group === 1,
		smallGroupOptIn: row.small_group_opt_in === 1
	});
	if (!started.ok) throw new Error(`workshop ${row.id} cannot be read: ${started.reason}`);
	const records = await db
		.selectFrom('workshop_records')
		.select(['question_id', 'outcome', 'level', 'reason', 'vote_round'])
		.where('workshop_id', '=', row.id)
		.execute();
	const state: WorkshopState = {
		...started.value,
		status: row.status,
		pausedFrom: row.paused_from,
		position: row.position,
		voteRound: row.vote_round as VoteRound,
		timer:
			row.timer_seconds !== null && row.timer_ends_at !== null
				? { seconds: row.timer_seconds, endsAt: row.timer_ends_at }
				: null,
		records: Object.fromEntries(
			records.map((r) => [
				r.question_id,
				{
					questionId: r.question_id,
					outcome: r.outcome,
					level: r.level as StageId | null,
					reason: r.reason,
					voteRound: r.vote_round as VoteRound
				}
			])
		)
	};
	return {
		id: row.id,
		roundId: row.round_id,
		organisationId: row.organisation_id,
		joinCode: row.join_code,
		version: row.version,
		state
	};
}

/** A workshop of this round, or undefined (also for another round's workshop id). */
export function loadWorkshop(
	db: Db,
	roundId: string,
	workshopId: string
): Promise<Workshop | undefined> {
	return readWorkshop(db, { roundId, workshopId });
}

/** The workshops of a round, newest first (ids and codes; load one for its state). */
export async function listWorkshops(
	db: Db,
	roundId: string
): Promise<
	Array<{ id: string; joinCode: string; status: WorkshopState['status']; createdAt: string }>
> {
	const rows = await db
		.selectFrom('workshops')
		.select(['id', 'join_code', 'status', 'created_at'])
		.where('round_id', '=', roundId)
		.orderBy('created_at', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		joinCode: r.join_code,
		status: r.status,
		createdAt: r.created_at
	}));
}

/** The workshop not ended with this join code (as typed: case, spaces and dashes do not matter). */
export async function findWorkshopByCode(
	db: Db,
	input: string
): Promise<{ workshopId: string; roundId: string } | undefined> {
	const code = normaliseJoinCode(input);
	if (!code) return undefined;
	const row = await db
		.selectFrom('workshops')
		.select(['id', 'round_id'])
		.where('join_code', '=', code)
		.where('status', '!=', 'ended')
		.executeTakeFirst();
	return row && { workshopId: row.id, roundId: row.round_id };
}

const sameRecord = (a: QuestionRecord | undefined, b: QuestionRecord | undefined) =>
	JSON.stringify(a) === JSON.stringify(b);

/** What a command changed, for the caller and the event. */
export interface Applied {
	workshop: Workshop;
	/** The state's fields that changed, and `records` when a record was written. */
	changed: string[];
	/** The command's effect already held (`alreadyApplied`): nothing was written. */
	alreadyApplied?: true;
}

/**
 * Applies a facilitator's command to a workshop of this round in one transaction; a refusal (or a
 * workshop of another round) writes nothing. A command whose effect already holds
 * (`alreadyApplied`: a second reveal, start or end) succeeds with nothing `changed` and writes
 * nothing either.
 */
export async function applyWorkshopCommand(
	db: Db,
	input: { roundId: string; workshopId: string; command: WorkshopCommand; actorId: string | null }
): Promise<Result<Applied>> {
	return inTransaction(db, async (trx) => {
		await lockWorkshop(trx, input.workshopId);
		const workshop = await readWorkshop(trx, input);
		if (!workshop) return refuse<Applied>('not-found');
		const result = applyCommand(workshop.state, input.command);
		if (!result.ok)
			return alreadyApplied(workshop.state, input.command)
				? { ok: true, value: { workshop, changed: [], alreadyApplied: true } }
				: refuse<Applied>(result.reason);
		const before = workshop.state;
		const after = result.value;
		const at = now();
		const changed = (['status', 'pausedFrom', 'position', 'voteRound'] as const).filter(
			(k) => before[k] !== after[k]
		) as string[];
		const writes = Object.values(after.records).filter(
			(r) => !sameRecord(r, before.records[r.questionId])
		);
		for (const r of writes) {
			const values = {
				outcome: r.outcome,
				level: r.level,
				reason: r.reason,
				vote_round: r.voteRound,
				recorded_by: input.actorId,
				at
			};
			await trx
				.insertInto('workshop_records')
				.values({ workshop_id: workshop.id, question_id: r.questionId, ...values })
				.onConflict((oc) => oc.columns(['workshop_id', 'question_id']).doUpdateSet(values))
				.execute();
		}
		if (writes.length > 0) changed.push('records');
		if (JSON.stringify(before.timer) !== JSON.stringify(after.timer)) changed.push('timer');
		const version = await bumpVersion(trx, workshop, at, {
			status: after.status,
			paused_from: after.pausedFrom,
			position: after.position,
			vote_round: after.voteRound,
			timer_seconds: after.timer?.seconds ?? null,
			timer_ends_at: after.timer?.endsAt ?? null,
			ended_at: after.status === 'ended' ? at : null
		});
		return { ok: true, value: { workshop: { ...workshop, version, state: after }, changed } };
	});
}

/** A participant as the participant's own screen needs it. */
export interface Participant {
	id: string;
	workshopId: string;
	name: string | null;
	departmentId: string | null;
	roleLevelId: string | null;
}

/**
 * Joins the workshop not ended with this code; returns the participant and the secret token that
 * brings them back (only its hash is stored). With `requireGroup`, a department and a role level
 * of the round's organisation are required; given ones must belong to it either way.
 */
export async function joinWorkshop(
	db: Db,
	input: {
		code: string;
		name?: string | null;
		departmentId?: string | null;
		roleLevelId?: string | null;
	}
): Promise<Result<{ participant: Participant; token: string; version: number }>> {
	type Joined = { participant: Participant; token: string; version: number };
	return inTransaction(db, async (trx) => {
		const found = await findWorkshopByCode(trx, input.code);
		if (!found) return refuse<Joined>('not-found');
		await lockWorkshop(trx, found.workshopId);
		const workshop = await readWorkshop(trx, found);
		// Ended while this join waited for the lock: the code no longer opens it.
		if (!workshop || workshop.state.status === 'ended') return refuse<Joined>('not-found');
		const name = input.name?.trim() || null;
		if (name && name.length > MAX_NAME) return refuse<Joined>('name-too-long');
		const departmentId = input.departmentId || null;
		const roleLevelId = input.roleLevelId || null;
		if (workshop.state.requireGroup && (!departmentId || !roleLevelId))
			return refuse<Joined>('group-required');
		for (const [table, id] of [
			['departments', departmentId],
			['role_levels', roleLevelId]
		] as const) {
			if (!id) continue;
			const group = await trx
				.selectFrom(table)
				.select('id')
				.where('id', '=', id)
				.where('organisation_id', '=', workshop.organisationId)
				.where('archived', '=', 0)
				.executeTakeFirst();
			if (!group) return refuse<Joined>('unknown-group');
		}
		const token = newToken();
		const at = now();
		const participant: Participant = {
			id: newId(),
			workshopId: workshop.id,
			name,
			departmentId,
			roleLevelId
		};
		await trx
			.insertInto('workshop_participants')
			.values({
				id: participant.id,
				workshop_id: workshop.id,
				token_hash: hashToken(token),
				name,
				department_id: departmentId,
				role_level_id: roleLevelId,
				joined_at: at,
				last_seen_at: at
			})
			.execute();
		// The room changed (one more has joined): screens showing the count re-read it.
		const version = await bumpVersion(trx, workshop, at);
		return { ok: true, value: { participant, token, version } };
	});
}

/**
 * The participant holding `token` in this workshop, and the workshop; undefined for a token of no
 * participant of it. Rejoining and voting start here; neither writes before it is accepted.
 */
async function readParticipant(
	db: Db,
	input: { workshopId: string; token: string }
): Promise<{ participant: Participant; workshop: Workshop } | undefined> {
	const row = await db
		.selectFrom('workshop_participants')
		.select(['id', 'workshop_id', 'name', 'department_id', 'role_level_id'])
		.where('token_hash', '=', hashToken(input.token))
		.where('workshop_id', '=', input.workshopId)
		.executeTakeFirst();
	if (!row) return undefined;
	const workshop = await readWorkshop(db, { workshopId: input.workshopId });
	if (!workshop) return undefined;
	return {
		workshop,
		participant: {
			id: row.id,
			workshopId: row.workshop_id,
			name: row.name,
			departmentId: row.department_id,
			roleLevelId: row.role_level_id
		}
	};
}

/** The participant was seen at `at` (a rejoin, an accepted vote). */
async function markSeen(db: Db, participantId: string, at: string): Promise<void> {
	await db
		.updateTable('workshop_participants')
		.set({ last_seen_at: at })
		.where('id', '=', participantId)
		.execute();
}

/** What a returning participant gets back: the room and their own votes (only to them). */
interface Rejoined {
	participant: Participant;
	workshop: Workshop;
	myVotes: Record<string, StageId | null>;
}

/**
 * A participant coming back with their token (a locked phone, a lost network): the workshop where
 * the room is and their own votes on the current step in the current vote round (only to them).
 */
export async function rejoinWorkshop(
	db: Db,
	input: { workshopId: string; token: string }
): Promise<Result<Rejoined>> {
	const found = await readParticipant(db, input);
	if (!found) return refuse<Rejoined>('not-found');
	const { participant, workshop } = found;
	await markSeen(db, participant.id, now());
	const questions = currentQuestions(workshop.state);
	const rows =
		questions.length === 0
			? []
			: await db
					.selectFrom('workshop_votes')
					.select(['question_id', 'level'])
					.where('workshop_id', '=', workshop.id)
					.where('participant_id', '=', participant.id)
					.where('vote_round', '=', workshop.state.voteRound)
					.where('question_id', 'in', questions)
					.execute();
	return {
		ok: true,
		value: {
			participant,
			workshop,
			myVotes: Object.fromEntries(rows.map((r) => [r.question_id, r.level as StageId | null]))
		}
	};
}

/**
 * A participant's vote (a level 1-4 or null for "don't know") on a question of the current step,
 * in the current vote round; a second vote replaces the first. Refused after the reveal, for
 * another question, for an unknown token: nothing is written then.
 */
export async function castVote(
	db: Db,
	input: { workshopId: string; token: string; questionId: string; level: unknown }
): Promise<Result<{ workshop: Workshop; vote: Vote }>> {
	type Cast = { workshop: Workshop; vote: Vote };
	return inTransaction(db, async (trx) => {
		await lockWorkshop(trx, input.workshopId);
		const found = await readParticipant(trx, input);
		if (!found) return refuse<Cast>('not-found');
		const { participant, workshop } = found;
		const accepted = acceptVote(workshop.state, {
			participantId: participant.id,
			questionId: input.questionId,
			level: input.level
		});
		if (!accepted.ok) return refuse<Cast>(accepted.reason);
		const vote = accepted.value;
		const at = now();
		await trx
			.insertInto('workshop_votes')
			.values({
				workshop_id: workshop.id,
				participant_id: vote.participantId,
				question_id: vote.questionId,
				vote_round: vote.voteRound,
				level: vote.level,
				at
			})
			.onConflict((oc) =>
				oc
					.columns(['workshop_id', 'participant_id', 'question_id', 'vote_round'])
					.doUpdateSet({ level: vote.level, at })
			)
			.execute();
		await markSeen(trx, participant.id, at);
		const version = await bumpVersion(trx, workshop, at);
		return { ok: true, value: { workshop: { ...workshop, version }, vote } };
	});
}

/** Every vote of a workshop (for the domain's distributions and record; never shown as such). */
export async function loadVotes(db: Db, workshopId: string): Promise<Vote[]> {
	const rows = await db
		.selectFrom('workshop_votes')
		.select(['participant_id', 'question_id', 'vote_round', 'level'])
		.where('workshop_id', '=', workshopId)
		.orderBy('at')
		.execute();
	return rows.map((r) => ({
		participantId: r.participant_id,
		questionId: r.question_id,
		voteRound: r.vote_round as VoteRound,
		level: r.level as StageId | null
	}));
}

/** How many have joined, and how many have voted on each question of the current step and round. */
export async function countWorkshop(
	db: Db,
	workshop: Workshop
): Promise<{ participants: number; voted: Record<string, number> }> {
	const joined = await db
		.selectFrom('workshop_participants')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('workshop_id', '=', workshop.id)
		.executeTakeFirstOrThrow();
	const questions = currentQuestions(workshop.state);
	const rows =
		questions.length === 0
			? []
			: await db
					.selectFrom('workshop_votes')
					.select(['question_id', (eb) => eb.fn.countAll<number>().as('n')])
					.where('workshop_id', '=', workshop.id)
					.where('vote_round', '=', workshop.state.voteRound)
					.where('question_id', 'in', questions)
					.groupBy('question_id')
					.execute();
	const voted = Object.fromEntries(questions.map((q) => [q, 0]));
	for (const r of rows) voted[r.question_id] = Number(r.n);
	return { participants: Number(joined.n), voted };
}

/**
 * The names participants gave when they joined (those who gave none are left out), for the
 * facilitator's list of who joined; never read together with votes.
 */
export async function listParticipantNames(db: Db, workshopId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('workshop_participants')
		.select('name')
		.where('workshop_id', '=', workshopId)
		.where('name', 'is not', null)
		.execute();
	return rows.flatMap((r) => (r.name ? [r.name] : []));
}

/** `applyWorkshopCommand`, then the change announced on the workshop's topic once committed. */
export async function applyAndAnnounce(
	db: Db,
	bus: PubSub,
	input: Parameters<typeof applyWorkshopCommand>[1]
): Promise<Result<Applied>> {
	if (db.isTransaction) throw new Error('applyAndAnnounce announces after its own commit');
	const result = await applyWorkshopCommand(db, input);
	// A command already applied wrote nothing: there is nothing to announce.
	if (result.ok && !result.value.alreadyApplied) {
		const { id, version } = result.value.workshop;
		bus.publish(workshopTopic(id), { workshopId: id, version });
	}
	return result;
}

/** `joinWorkshop`, then the new count announced on the workshop's topic once committed. */
export async function joinAndAnnounce(
	db: Db,
	bus: PubSub,
	input: Parameters<typeof joinWorkshop>[1]
): ReturnType<typeof joinWorkshop> {
	if (db.isTransaction) throw new Error('joinAndAnnounce announces after its own commit');
	const result = await joinWorkshop(db, input);
	if (result.ok) {
		const { participant, version } = result.value;
		bus.publish(workshopTopic(participant.workshopId), {
			workshopId: participant.workshopId,
			version
		});
	}
	return result;
}

/** `castVote`, then the change announced on the workshop's topic once committed. */
export async function castVoteAndAnnounce(
	db: Db,
	bus: PubSub,
	input: Parameters<typeof castVote>[1]
): Promise<Result<{ workshop: Workshop; vote: Vote }>> {
	if (db.isTransaction) throw new Error('castVoteAndAnnounce announces after its own commit');
	const result = await castVote(db, input);
	if (result.ok) {
		const { id, version } = result.value.workshop;
		bus.publish(workshopTopic(id), { workshopId: id, version });
	}
	return result;
}
