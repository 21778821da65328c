/**
 * The audit log of an organisation: who changed what, when, with the values before and after.
 * Record in the same transaction as the change (pass the transaction), so the log and the data
 * cannot disagree:
 *
 *   await db.transaction().execute(async (trx) => {
 *     await renameOrganisation(trx, orgId, name);
 *     await recordAudit(trx, { organisationId: orgId, actorId: user.id, action: 'org.settings',
 *       subjectType: 'organisation', subjectId: orgId, before: { name: old }, after: { name } });
 *   });
 */
import { byName } from '$lib/format';
import type { Transaction } from 'kysely';
import type { Db } from './connection';
import type { Database } from './schema';
import { newId } from './ids';

export interface AuditEntry {
	organisationId: string;
	actorId: string | null;
	/** 'round.status', 'round.settings', 'member.role', 'roadmap.item', … */
	action: string;
	subjectType: string;
	subjectId: string | null;
	/** What the subject was called at the time (a round's name, a member's name, …). */
	subjectLabel?: string | null;
	/** Anything JSON can hold; stored as JSON text. */
	before?: unknown;
	after?: unknown;
}

export interface AuditEvent {
	id: string;
	actorId: string | null;
	/** The actor's name when the change was made; null without an account. */
	actorName: string | null;
	action: string;
	subjectType: string;
	subjectId: string | null;
	subjectLabel: string | null;
	before: unknown;
	after: unknown;
	/** ISO-8601, UTC. */
	createdAt: string;
}

export interface AuditFilter {
	action?: string;
	actorId?: string;
	/** From this day (YYYY-MM-DD, UTC, inclusive) or this ISO time on. */
	from?: string;
	/** Up to this day (YYYY-MM-DD, UTC, inclusive) or this ISO time. */
	to?: string;
	/** Events per page: default 50, at most 200. */
	limit?: number;
	/** The `nextCursor` of the previous page: events older than its last one. */
	before?: string;
}

export interface AuditPage {
	/** Newest first. */
	events: AuditEvent[];
	/** Pass as `before` for the next (older) page; null on the last page. */
	nextCursor: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~([a-z0-9]+)$/;

const toJson = (value: unknown): string | null =>
	value === undefined ? null : JSON.stringify(value);
const fromJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** The day after a YYYY-MM-DD day, as an ISO time (the exclusive end of an inclusive range). */
function dayAfter(day: string): string | undefined {
	const time = Date.parse(`${day}T00:00:00.000Z`);
	return Number.isNaN(time) ? undefined : new Date(time + 86_400_000).toISOString();
}

export async function recordAudit(
	db: Db | Transaction<Database>,
	entry: AuditEntry
): Promise<void> {
	const actor = entry.actorId
		? await db
				.selectFrom('users')
				.select('display_name')
				.where('id', '=', entry.actorId)
				.executeTakeFirst()
		: undefined;
	await db
		.insertInto('audit_events')
		.values({
			id: newId(),
			organisation_id: entry.organisationId,
			actor_id: actor ? entry.actorId : null,
			actor_name: actor?.display_name ?? null,
			action: entry.action,
			subject_type: entry.subjectType,
			subject_id: entry.subjectId,
			subject_label: entry.subjectLabel ?? null,
			before_json: toJson(entry.before),
			after_json: toJson(entry.after),
			created_at: new Date().toISOString()
		})
		.execute();
}

/** One page of an organisation's audit events, newest first, filtered. */
export async function listAuditEvents(
	db: Db,
	organisationId: string,
	filter: AuditFilter
): Promise<AuditPage> {
	const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 50), 1), 200);
	let query = db
		.selectFrom('audit_events')
		.selectAll()
		.where('organisation_id', '=', organisationId);
	if (filter.action) query = query.where('action', '=', filter.action);
	if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
	if (filter.from) {
		const from = DAY.test(filter.from) ? `${filter.from}T00:00:00.000Z` : filter.from;
		query = query.where('created_at', '>=', from);
	}
	if (filter.to) {
		const end = DAY.test(filter.to) ? dayAfter(filter.to) : undefined;
		query = end ? query.where('created_at', '<', end) : query.where('created_at', '<=', filter.to);
	}
	const cursor = filter.before ? CURSOR.exec(filter.before) : null;
	if (cursor) {
		const [, time, id] = cursor as unknown as [string, string, string];
		query = query.where((eb) =>
			eb.or([eb('created_at', '<', time), eb.and([eb('created_at', '=', time), eb('id', '<', id)])])
		);
	}
	const rows = await query
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit + 1)
		.execute();
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		events: page.map((r) => ({
			id: r.id,
			actorId: r.actor_id,
			actorName: r.actor_name,
			action: r.action,
			subjectType: r.subject_type,
			subjectId: r.subject_id,
			subjectLabel: r.subject_label,
			before: fromJson(r.before_json),
			after: fromJson(r.after_json),
			createdAt: r.created_at
		})),
		nextCursor: rows.length > limit && last ? `${last.created_at}~${last.id}` : null
	};
}

/** The kinds of action and the people in an organisation's log, for its filters. */
export async function listAuditFacets(
	db: Db,
	organisationId: string
): Promise<{ actions: string[]; actors: Array<{ id: string; name: string }> }> {
	const [actions, actors] = await Promise.all([
		db
			.selectFrom('audit_events')
			.select('action')
			.distinct()
			.where('organisation_id', '=', organisationId)
			.orderBy('action')
			.execute(),
		// One name per person (the names they acted under can differ after a rename).
		db
			.selectFrom('audit_events')
			.select((eb) => ['actor_id', eb.fn.max('actor_name').as('name')])
			.where('organisation_id', '=', organisationId)
			.where('actor_id', 'is not', null)
			.groupBy('actor_id')
			.execute()
	]);
	return {
		actions: actions.map((r) => r.action),
		actors: actors
			.map((r) => ({ id: r.actor_id!, name: r.name ?? '' }))
			.sort((a, b) => byName()(a.name, b.name))
	};
}

/**
 * What a practice's own log records: its settings, and its people (invitations made, revoked and
 * accepted, roles changed, people removed). A person's name is under `person` on the side(s) where
 * they are one of the practice's people; a client that joined by invitation is under `client`.
 */
export type PracticeAuditAction =
	| 'practice.settings'
	| 'practice.invite'
	| 'practice.invite.revoke'
	| 'practice.member.join'
	| 'practice.member.role'
	| 'practice.member.remove'
	| 'practice.client.join';

/** A change of a practice, for its own log; null on a side where the subject did not exist. */
export interface PracticeAuditEntry {
	practiceId: string;
	actorId: string;
	action: PracticeAuditAction;
	/** The user id of the person named under `person` in the values, for a people event. */
	subjectId?: string;
	before: Record<string, unknown> | null;
	after: Record<string, unknown> | null;
}

/** Records a change of a practice; pass the transaction that makes the change. */
export async function recordPracticeAudit(
	db: Db | Transaction<Database>,
	entry: PracticeAuditEntry
): Promise<void> {
	const actor = await db
		.selectFrom('users')
		.select('display_name')
		.where('id', '=', entry.actorId)
		.executeTakeFirst();
	await db
		.insertInto('practice_audit_events')
		.values({
			id: newId(),
			practice_id: entry.practiceId,
			actor_id: actor ? entry.actorId : null,
			actor_name: actor?.display_name ?? null,
			action: entry.action,
			subject_id: entry.subjectId ?? null,
			before_json: toJson(entry.before),
			after_json: toJson(entry.after),
			created_at: new Date().toISOString()
		})
		.execute();
}

/** The latest `limit` (at most 200) changes of a practice (settings and people), newest first. */
export async function listPracticeAuditEvents(
	db: Db,
	practiceId: string,
	limit = 20
): Promise<AuditEvent[]> {
	const rows = await db
		.selectFrom('practice_audit_events')
		.selectAll()
		.where('practice_id', '=', practiceId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(Math.min(Math.max(Math.trunc(limit), 1), 200))
		.execute();
	return rows.map((r) => ({
		id: r.id,
		actorId: r.actor_id,
		actorName: r.actor_name,
		action: r.action,
		subjectType: 'practice',
		subjectId: r.practice_id,
		subjectLabel: null,
		before: fromJson(r.before_json),
		after: fromJson(r.after_json),
		createdAt: r.created_at
	}));
}
