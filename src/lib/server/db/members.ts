/** The members of an organisation and their roles; the last owner cannot be demoted or removed. */
import type { Role } from '$lib/domain/permissions';
import { inTransaction, lockRow, type Db } from './connection';

export interface Member {
	userId: string;
	displayName: string;
	email: string;
	role: Role;
}

export async function listMembers(db: Db, organisationId: string): Promise<Member[]> {
	const rows = await db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.user_id')
		.select(['users.id', 'users.display_name', 'users.email', 'memberships.role'])
		.where('memberships.organisation_id', '=', organisationId)
		.orderBy('users.display_name')
		.execute();
	return rows.map((r) => ({
		userId: r.id,
		displayName: r.display_name,
		email: r.email,
		role: r.role
	}));
}

/** One member of the organisation, or undefined when the user is not one. */
export async function getMember(
	db: Db,
	organisationId: string,
	userId: string
): Promise<Member | undefined> {
	const r = await db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.user_id')
		.select(['users.id', 'users.display_name', 'users.email', 'memberships.role'])
		.where('memberships.organisation_id', '=', organisationId)
		.where('memberships.user_id', '=', userId)
		.executeTakeFirst();
	return r && { userId: r.id, displayName: r.display_name, email: r.email, role: r.role };
}

async function ownerCount(db: Db, organisationId: string): Promise<number> {
	const row = await db
		.selectFrom('memberships')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('organisation_id', '=', organisationId)
		.where('role', '=', 'owner')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The member's role in the organisation, if they are a member. */
function membershipRole(db: Db, organisationId: string, userId: string) {
	return db
		.selectFrom('memberships')
		.select('role')
		.where('organisation_id', '=', organisationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

/**
 * Changes a member's role. Refuses (returns false) to demote the last owner, so an organisation
 * always has someone who can manage it.
 */
export async function setMemberRole(
	db: Db,
	organisationId: string,
	userId: string,
	role: Role
): Promise<'ok' | 'not-found' | 'last-owner'> {
	return inTransaction(db, async (trx) => {
		// Two owners demoting or removing each other at once must not leave none.
		await lockRow(trx, ['organisations', 'id'], organisationId);
		const current = await membershipRole(trx, organisationId, userId);
		if (!current) return 'not-found';
		if (
			current.role === 'owner' &&
			role !== 'owner' &&
			(await ownerCount(trx, organisationId)) <= 1
		)
			return 'last-owner';
		await trx
			.updateTable('memberships')
			.set({ role })
			.where('organisation_id', '=', organisationId)
			.where('user_id', '=', userId)
			.execute();
		return 'ok';
	});
}

export async function removeMember(
	db: Db,
	organisationId: string,
	userId: string
): Promise<'ok' | 'not-found' | 'last-owner'> {
	return inTransaction(db, async (trx) => {
		// Two owners demoting or removing each other at once must not leave none.
		await lockRow(trx, ['organisations', 'id'], organisationId);
		const current = await membershipRole(trx, organisationId, userId);
		if (!current) return 'not-found';
		if (current.role === 'owner' && (await ownerCount(trx, organisationId)) <= 1)
			return 'last-owner';
		await trx
			.deleteFrom('memberships')
			.where('organisation_id', '=', organisationId)
			.where('user_id', '=', userId)
			.execute();
		return 'ok';
	});
}
