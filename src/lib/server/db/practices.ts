/**
 * Practices (consultancy accounts, migration 0018): their people (partner or consultant), their
 * client organisations, and the invitation links that add either (migration 0019). Who may reach a
 * client through its practice is decided in one place, `getMembership` (organisations.ts).
 */
import type { PracticeRole } from '$lib/domain/practice-permissions';
import type { Sector } from '$lib/domain/sectors';
import { toSector } from '$lib/domain/sectors';
import { toSizeBand, type SizeBand } from '$lib/domain/size-bands';
import { recordPracticeAudit } from './audit';
import { inTransaction, lockRow, type Db } from './connection';
import { hashToken, newId, newToken } from './ids';
import { insertOrganisation, type Organisation } from './organisations';
import type { PracticeInviteKind } from './schema';

export interface Practice {
	id: string;
	name: string;
	/** The line on the report's last page ("Call us: …"), or null. */
	contact: string | null;
}

/** Creates a practice with its first partner. */
export async function createPractice(
	db: Db,
	input: { name: string; partnerId: string }
): Promise<Practice> {
	const practice = { id: newId(), name: input.name.trim(), contact: null };
	await inTransaction(db, async (trx) => {
		await trx.insertInto('practices').values(practice).execute();
		await trx
			.insertInto('practice_members')
			.values({ practice_id: practice.id, user_id: input.partnerId, role: 'partner' })
			.execute();
	});
	return practice;
}

/** The practice and the user's role in it, or undefined when they are not one of its people. */
export async function getPracticeMembership(
	db: Db,
	practiceId: string,
	userId: string
): Promise<{ practice: Practice; role: PracticeRole } | undefined> {
	const row = await db
		.selectFrom('practice_members')
		.innerJoin('practices', 'practices.id', 'practice_members.practice_id')
		.select(['practices.id', 'practices.name', 'practices.contact', 'practice_members.role'])
		.where('practice_members.practice_id', '=', practiceId)
		.where('practice_members.user_id', '=', userId)
		.executeTakeFirst();
	return row && { practice: { id: row.id, name: row.name, contact: row.contact }, role: row.role };
}

/** The practices the user belongs to, by name. */
export async function listPracticesOfUser(
	db: Db,
	userId: string
): Promise<Array<{ id: string; name: string; role: PracticeRole }>> {
	return db
		.selectFrom('practice_members')
		.innerJoin('practices', 'practices.id', 'practice_members.practice_id')
		.select(['practices.id', 'practices.name', 'practice_members.role'])
		.where('practice_members.user_id', '=', userId)
		.orderBy('practices.name')
		.execute();
}

export async function renamePractice(db: Db, practiceId: string, name: string): Promise<void> {
	await db
		.updateTable('practices')
		.set({ name: name.trim() })
		.where('id', '=', practiceId)
		.execute();
}

export async function setPracticeContact(
	db: Db,
	practiceId: string,
	contact: string | null
): Promise<void> {
	await db.updateTable('practices').set({ contact }).where('id', '=', practiceId).execute();
}

export interface PracticeMember {
	userId: string;
	displayName: string;
	email: string;
	role: PracticeRole;
}

export async function listPracticeMembers(db: Db, practiceId: string): Promise<PracticeMember[]> {
	const rows = await db
		.selectFrom('practice_members')
		.innerJoin('users', 'users.id', 'practice_members.user_id')
		.select(['users.id', 'users.display_name', 'users.email', 'practice_members.role'])
		.where('practice_members.practice_id', '=', practiceId)
		.orderBy('users.display_name')
		.execute();
	return rows.map((r) => ({
		userId: r.id,
		displayName: r.display_name,
		email: r.email,
		role: r.role
	}));
}

async function partnerCount(trx: Db, practiceId: string): Promise<number> {
	const row = await trx
		.selectFrom('practice_members')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('practice_id', '=', practiceId)
		.where('role', '=', 'partner')
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** The person's role in the practice and their name, or undefined when they are not in it. */
async function memberOf(trx: Db, practiceId: string, userId: string) {
	return trx
		.selectFrom('practice_members')
		.innerJoin('users', 'users.id', 'practice_members.user_id')
		.select(['practice_members.role', 'users.display_name as name'])
		.where('practice_members.practice_id', '=', practiceId)
		.where('practice_members.user_id', '=', userId)
		.executeTakeFirst();
}

/**
 * Changes a person's role in the practice; the last partner stays a partner. A change is recorded
 * in the practice's log (by `actorId`) in the same transaction; setting the role they have is none.
 */
export async function setPracticeMemberRole(
	db: Db,
	practiceId: string,
	userId: string,
	role: PracticeRole,
	actorId: string
): Promise<'ok' | 'not-found' | 'last-partner'> {
	return inTransaction(db, async (trx) => {
		const current = await memberOf(trx, practiceId, userId);
		if (!current) return 'not-found';
		if (current.role === role) return 'ok';
		if (current.role === 'partner' && (await partnerCount(trx, practiceId)) <= 1)
			return 'last-partner';
		await trx
			.updateTable('practice_members')
			.set({ role })
			.where('practice_id', '=', practiceId)
			.where('user_id', '=', userId)
			.execute();
		await recordPracticeAudit(trx, {
			practiceId,
			actorId,
			action: 'practice.member.role',
			subjectId: userId,
			before: { person: current.name, role: current.role },
			after: { person: current.name, role }
		});
		return 'ok';
	});
}

/**
 * Removes a person from the practice (and so from all its clients); the last partner stays. The
 * removal is recorded in the practice's log (by `actorId`) in the same transaction.
 */
export async function removePracticeMember(
	db: Db,
	practiceId: string,
	userId: string,
	actorId: string
): Promise<'ok' | 'not-found' | 'last-partner'> {
	return inTransaction(db, async (trx) => {
		const current = await memberOf(trx, practiceId, userId);
		if (!current) return 'not-found';
		if (current.role === 'partner' && (await partnerCount(trx, practiceId)) <= 1)
			return 'last-partner';
		await trx
			.deleteFrom('practice_members')
			.where('practice_id', '=', practiceId)
			.where('user_id', '=', userId)
			.execute();
		await recordPracticeAudit(trx, {
			practiceId,
			actorId,
			action: 'practice.member.remove',
			subjectId: userId,
			before: { person: current.name, role: current.role },
			after: null
		});
		return 'ok';
	});
}

export interface PracticeClient extends Organisation {
	practiceId: string;
	sizeBand: SizeBand | null;
}

/** The clients of these practices, by name, in one query. */
export async function listPracticeClients(
	db: Db,
	practiceIds: readonly string[]
): Promise<PracticeClient[]> {
	if (practiceIds.length === 0) return [];
	const rows = await db
		.selectFrom('practice_clients')
		.innerJoin('organisations', 'organisations.id', 'practice_clients.organisation_id')
		.select([
			'practice_clients.practice_id',
			'organisations.id',
			'organisations.name',
			'organisations.sector',
			'organisations.size_band'
		])
		.where('practice_clients.practice_id', 'in', practiceIds)
		.orderBy('organisations.name')
		.orderBy('organisations.id')
		.execute();
	return rows.map((r) => ({
		practiceId: r.practice_id,
		id: r.id,
		name: r.name,
		sector: toSector(r.sector),
		sizeBand: toSizeBand(r.size_band)
	}));
}

/** Creates an organisation as a client of the practice. It has no members: the practice's people act in it. */
export async function createClientOrganisation(
	db: Db,
	input: { practiceId: string; name: string; sector: Sector | null; sizeBand: SizeBand | null }
): Promise<Organisation> {
	return inTransaction(db, async (trx) => {
		const organisation = await insertOrganisation(trx, input);
		await trx
			.insertInto('practice_clients')
			.values({ practice_id: input.practiceId, organisation_id: organisation.id })
			.execute();
		return organisation;
	});
}

/** The practice an organisation is a client of, if any. */
export async function getPracticeOfOrganisation(
	db: Db,
	organisationId: string
): Promise<Pick<Practice, 'id' | 'name'> | undefined> {
	return db
		.selectFrom('practice_clients')
		.innerJoin('practices', 'practices.id', 'practice_clients.practice_id')
		.select(['practices.id', 'practices.name'])
		.where('practice_clients.organisation_id', '=', organisationId)
		.executeTakeFirst();
}

/**
 * Ends the practice's access to the organisation: it stops being a client, and the practice's
 * people, who had no membership, reach it no more. Returns the practice that had it, if any.
 */
export async function endPracticeAccess(
	db: Db,
	organisationId: string
): Promise<Pick<Practice, 'id' | 'name'> | undefined> {
	return inTransaction(db, async (trx) => {
		const practice = await getPracticeOfOrganisation(trx, organisationId);
		if (!practice) return undefined;
		await trx
			.deleteFrom('practice_clients')
			.where('organisation_id', '=', organisationId)
			.execute();
		return practice;
	});
}

const INVITE_DAYS = 14;

/**
 * Creates a practice invitation (shown once; only its hash is stored), valid for 14 days, and
 * records it in the practice's log (by its creator) in the same transaction.
 */
export async function createPracticeInvite(
	db: Db,
	input: { practiceId: string; kind: PracticeInviteKind; createdBy: string }
): Promise<{ token: string; expiresAt: string }> {
	const token = newToken();
	const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000).toISOString();
	await inTransaction(db, async (trx) => {
		await trx
			.insertInto('practice_invites')
			.values({
				token_hash: hashToken(token),
				practice_id: input.practiceId,
				kind: input.kind,
				created_by: input.createdBy,
				expires_at: expiresAt
			})
			.execute();
		await recordPracticeAudit(trx, {
			practiceId: input.practiceId,
			actorId: input.createdBy,
			action: 'practice.invite',
			before: null,
			after: { invitation: input.kind }
		});
	});
	return { token, expiresAt };
}

/** An invitation not used yet and not expired, as its practice's people see it (never its token). */
export interface OpenPracticeInvite {
	/** The stored hash of the token: names the invitation for revoking; cannot be used to accept it. */
	id: string;
	kind: PracticeInviteKind;
	createdAt: string;
	expiresAt: string;
	createdByName: string | null;
}

/** The practice's open invitations of these kinds, newest first. */
export async function listOpenPracticeInvites(
	db: Db,
	practiceId: string,
	kinds: readonly PracticeInviteKind[]
): Promise<OpenPracticeInvite[]> {
	if (kinds.length === 0) return [];
	const rows = await db
		.selectFrom('practice_invites')
		.leftJoin('users', 'users.id', 'practice_invites.created_by')
		.select([
			'practice_invites.token_hash',
			'practice_invites.kind',
			'practice_invites.created_at',
			'practice_invites.expires_at',
			'users.display_name'
		])
		.where('practice_invites.practice_id', '=', practiceId)
		.where('practice_invites.kind', 'in', kinds)
		.where('practice_invites.used_at', 'is', null)
		.where('practice_invites.expires_at', '>', new Date().toISOString())
		.orderBy('practice_invites.created_at', 'desc')
		.orderBy('practice_invites.token_hash')
		.execute();
	return rows.map((r) => ({
		id: r.token_hash,
		kind: r.kind,
		createdAt: r.created_at,
		expiresAt: r.expires_at,
		createdByName: r.display_name
	}));
}

/**
 * Revokes an open invitation of the practice (of one of these kinds): its link stops working at
 * once (it reads as expired). Recorded in the practice's log (by `actorId`) in the same transaction.
 */
export async function revokePracticeInvite(
	db: Db,
	input: {
		practiceId: string;
		inviteId: string;
		kinds: readonly PracticeInviteKind[];
		actorId: string;
	}
): Promise<'ok' | 'not-found'> {
	return inTransaction(db, async (trx) => {
		const now = new Date().toISOString();
		const invite = await trx
			.selectFrom('practice_invites')
			.select('kind')
			.where('token_hash', '=', input.inviteId)
			.where('practice_id', '=', input.practiceId)
			.where('used_at', 'is', null)
			.where('expires_at', '>', now)
			.executeTakeFirst();
		if (!invite || !input.kinds.includes(invite.kind)) return 'not-found';
		await trx
			.updateTable('practice_invites')
			.set({ expires_at: now })
			.where('token_hash', '=', input.inviteId)
			.execute();
		await recordPracticeAudit(trx, {
			practiceId: input.practiceId,
			actorId: input.actorId,
			action: 'practice.invite.revoke',
			before: { invitation: invite.kind },
			after: null
		});
		return 'ok';
	});
}

export async function getPracticeInvite(
	db: Db,
	token: string
): Promise<
	{ practice: Pick<Practice, 'id' | 'name'>; kind: PracticeInviteKind; usable: boolean } | undefined
> {
	const row = await db
		.selectFrom('practice_invites')
		.innerJoin('practices', 'practices.id', 'practice_invites.practice_id')
		.select([
			'practices.id',
			'practices.name',
			'practice_invites.kind',
			'practice_invites.expires_at',
			'practice_invites.used_at'
		])
		.where('practice_invites.token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row) return undefined;
	const usable = row.used_at === null && row.expires_at > new Date().toISOString();
	return { practice: { id: row.id, name: row.name }, kind: row.kind, usable };
}

export type AcceptResult =
	| { practiceId: string; organisationId: string | null }
	| 'invalid'
	| 'wrong-kind'
	| 'not-owner'
	| 'taken';

/**
 * Uses a practice invitation once. A partner or consultant invitation (no `organisationId`) makes
 * the user one of the practice's people (someone already in it keeps their role). A client
 * invitation (with the `organisationId` the user owns) makes that organisation a client, unless it
 * already is one of any practice (`taken`). An invitation of the other kind is `wrong-kind`, one
 * used or expired `invalid`; a refused one stays unused.
 */
export async function acceptPracticeInvite(
	db: Db,
	token: string,
	userId: string,
	organisationId: string | null
): Promise<AcceptResult> {
	return inTransaction(db, async (trx) => {
		const now = new Date().toISOString();
		// Two people (or one twice, on two instances) cannot both use it.
		await lockRow(trx, ['practice_invites', 'token_hash'], hashToken(token));
		const invite = await trx
			.selectFrom('practice_invites')
			.select(['practice_id', 'kind', 'expires_at', 'used_at'])
			.where('token_hash', '=', hashToken(token))
			.executeTakeFirst();
		if (!invite || invite.used_at !== null || invite.expires_at <= now) return 'invalid';
		if ((invite.kind === 'client') !== (organisationId !== null)) return 'wrong-kind';
		if (organisationId !== null) {
			const owner = await trx
				.selectFrom('memberships')
				.select('role')
				.where('organisation_id', '=', organisationId)
				.where('user_id', '=', userId)
				.where('role', '=', 'owner')
				.executeTakeFirst();
			if (!owner) return 'not-owner';
			const existing = await trx
				.selectFrom('practice_clients')
				.select('practice_id')
				.where('organisation_id', '=', organisationId)
				.executeTakeFirst();
			if (existing) return 'taken';
			await trx
				.insertInto('practice_clients')
				.values({ practice_id: invite.practice_id, organisation_id: organisationId })
				.execute();
			const client = await trx
				.selectFrom('organisations')
				.select('name')
				.where('id', '=', organisationId)
				.executeTakeFirstOrThrow();
			await recordPracticeAudit(trx, {
				practiceId: invite.practice_id,
				actorId: userId,
				action: 'practice.client.join',
				before: null,
				after: { client: client.name }
			});
		} else {
			const role = invite.kind as PracticeRole;
			// Someone already in the practice keeps their role: nothing about its people changes.
			if (!(await memberOf(trx, invite.practice_id, userId))) {
				await trx
					.insertInto('practice_members')
					.values({ practice_id: invite.practice_id, user_id: userId, role })
					.execute();
				const person = await memberOf(trx, invite.practice_id, userId);
				await recordPracticeAudit(trx, {
					practiceId: invite.practice_id,
					actorId: userId,
					action: 'practice.member.join',
					subjectId: userId,
					before: null,
					after: { person: person?.name ?? null, role }
				});
			}
		}
		await trx
			.updateTable('practice_invites')
			.set({ used_at: now, used_by: userId })
			.where('token_hash', '=', hashToken(token))
			.execute();
		return { practiceId: invite.practice_id, organisationId };
	});
}

/** The organisations the user owns (by membership) that no practice has: what a client invitation can bring. */
export async function listOwnedOrganisationsWithoutPractice(
	db: Db,
	userId: string
): Promise<Array<{ id: string; name: string }>> {
	return db
		.selectFrom('memberships')
		.innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
		.leftJoin('practice_clients', 'practice_clients.organisation_id', 'organisations.id')
		.select(['organisations.id', 'organisations.name'])
		.where('memberships.user_id', '=', userId)
		.where('memberships.role', '=', 'owner')
		.where('practice_clients.practice_id', 'is', null)
		.orderBy('organisations.name')
		.execute();
}

/** Adds a person to a practice with a role (or changes it): for scripts such as the demo. */
export async function addPracticeMember(
	db: Db,
	practiceId: string,
	userId: string,
	role: PracticeRole
): Promise<void> {
	await db
		.insertInto('practice_members')
		.values({ practice_id: practiceId, user_id: userId, role })
		.onConflict((oc) => oc.columns(['practice_id', 'user_id']).doUpdateSet({ role }))
		.execute();
}

/** Deletes the practices of this name (their people and client links cascade; the clients stay). */
export async function deletePracticesNamed(db: Db, name: string): Promise<number> {
	const result = await db.deleteFrom('practices').where('name', '=', name).executeTakeFirst();
	return Number(result.numDeletedRows);
}
