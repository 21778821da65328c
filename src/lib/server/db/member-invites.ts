/** Member invite links: created with a role, usable once within 14 days. */
import type { Role } from '$lib/domain/permissions';
import { lockRow, type Db } from './connection';
import { hashToken, newToken } from './ids';
import type { Organisation } from './organisations';

const INVITE_DAYS = 14;

/** Creates a member invite link token (shown once; only its hash is stored), valid for 14 days. */
export async function createMemberInvite(
	db: Db,
	input: { organisationId: string; role: Role; createdBy: string }
): Promise<{ token: string; expiresAt: string }> {
	const token = newToken();
	const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000).toISOString();
	await db
		.insertInto('member_invites')
		.values({
			token_hash: hashToken(token),
			organisation_id: input.organisationId,
			role: input.role,
			created_by: input.createdBy,
			expires_at: expiresAt
		})
		.execute();
	return { token, expiresAt };
}

export async function getMemberInvite(
	db: Db,
	token: string
): Promise<
	{ organisation: Pick<Organisation, 'id' | 'name'>; role: Role; usable: boolean } | undefined
> {
	const row = await db
		.selectFrom('member_invites')
		.innerJoin('organisations', 'organisations.id', 'member_invites.organisation_id')
		.select([
			'organisations.id',
			'organisations.name',
			'member_invites.role',
			'member_invites.expires_at',
			'member_invites.used_at'
		])
		.where('member_invites.token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row) return undefined;
	const usable = row.used_at === null && row.expires_at > new Date().toISOString();
	return { organisation: { id: row.id, name: row.name }, role: row.role, usable };
}

/** Uses an invite once: the user joins with its role; an existing member keeps their role. */
export async function acceptMemberInvite(
	db: Db,
	token: string,
	userId: string
): Promise<{ organisationId: string } | 'invalid'> {
	return db.transaction().execute(async (trx) => {
		const now = new Date().toISOString();
		// Two people (or one twice, on two instances) cannot both use it.
		await lockRow(trx, ['member_invites', 'token_hash'], hashToken(token));
		const invite = await trx
			.selectFrom('member_invites')
			.select(['organisation_id', 'role', 'expires_at', 'used_at'])
			.where('token_hash', '=', hashToken(token))
			.executeTakeFirst();
		if (!invite || invite.used_at !== null || invite.expires_at <= now) return 'invalid';
		await trx
			.updateTable('member_invites')
			.set({ used_at: now, used_by: userId })
			.where('token_hash', '=', hashToken(token))
			.execute();
		await trx
			.insertInto('memberships')
			.values({ organisation_id: invite.organisation_id, user_id: userId, role: invite.role })
			.onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doNothing())
			.execute();
		return { organisationId: invite.organisation_id };
	});
}
