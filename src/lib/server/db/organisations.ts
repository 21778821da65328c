/** Organisations, their members and member invites, departments and role levels. */
import type { Role } from '$lib/domain/permissions';
import { inTransaction, type Db } from './connection';
import { hashToken, newId, newToken } from './ids';

export interface Organisation {
	id: string;
	name: string;
}

export interface NamedGroup {
	id: string;
	name: string;
	position: number;
}

/** The role levels every new organisation starts with; owners can rename and add to them. */
export const DEFAULT_ROLE_LEVELS = ['Executive', 'Manager', 'Frontline', 'Support / back office'];

export async function createOrganisation(
	db: Db,
	input: { name: string; ownerId: string }
): Promise<Organisation> {
	const org = { id: newId(), name: input.name.trim() };
	await db.transaction().execute(async (trx) => {
		await trx.insertInto('organisations').values(org).execute();
		await trx
			.insertInto('memberships')
			.values({ organisation_id: org.id, user_id: input.ownerId, role: 'owner' })
			.execute();
		await trx
			.insertInto('role_levels')
			.values(
				DEFAULT_ROLE_LEVELS.map((name, position) => ({
					id: newId(),
					organisation_id: org.id,
					name,
					position
				}))
			)
			.execute();
	});
	return org;
}

export async function listOrganisationsOfUser(
	db: Db,
	userId: string
): Promise<Array<Organisation & { role: Role }>> {
	const rows = await db
		.selectFrom('memberships')
		.innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
		.select(['organisations.id', 'organisations.name', 'memberships.role'])
		.where('memberships.user_id', '=', userId)
		.orderBy('organisations.name')
		.execute();
	return rows;
}

/** The organisation and the user's role in it, or undefined when the user is not a member. */
export async function getMembership(
	db: Db,
	organisationId: string,
	userId: string
): Promise<{ organisation: Organisation; role: Role } | undefined> {
	const row = await db
		.selectFrom('memberships')
		.innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
		.select(['organisations.id', 'organisations.name', 'memberships.role'])
		.where('memberships.organisation_id', '=', organisationId)
		.where('memberships.user_id', '=', userId)
		.executeTakeFirst();
	return row && { organisation: { id: row.id, name: row.name }, role: row.role };
}

export async function getOrganisation(
	db: Db,
	organisationId: string
): Promise<Organisation | undefined> {
	return db
		.selectFrom('organisations')
		.select(['id', 'name'])
		.where('id', '=', organisationId)
		.executeTakeFirst();
}

export interface Branding {
	logo: { data: Uint8Array; type: 'png' | 'jpeg' } | null;
	accentColor: string;
}

export async function getBranding(db: Db, organisationId: string): Promise<Branding | undefined> {
	const row = await db
		.selectFrom('organisations')
		.select(['logo', 'logo_type', 'accent_color'])
		.where('id', '=', organisationId)
		.executeTakeFirst();
	if (!row) return undefined;
	return {
		logo:
			row.logo && row.logo_type ? { data: new Uint8Array(row.logo), type: row.logo_type } : null,
		accentColor: row.accent_color
	};
}

export async function setLogo(
	db: Db,
	organisationId: string,
	logo: { data: Uint8Array; type: 'png' | 'jpeg' } | null
): Promise<void> {
	await db
		.updateTable('organisations')
		.set({ logo: logo ? Buffer.from(logo.data) : null, logo_type: logo?.type ?? null })
		.where('id', '=', organisationId)
		.execute();
}

export async function setAccentColor(db: Db, organisationId: string, color: string): Promise<void> {
	await db
		.updateTable('organisations')
		.set({ accent_color: color })
		.where('id', '=', organisationId)
		.execute();
}

export async function renameOrganisation(
	db: Db,
	organisationId: string,
	name: string
): Promise<void> {
	await db
		.updateTable('organisations')
		.set({ name: name.trim() })
		.where('id', '=', organisationId)
		.execute();
}

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
		const current = await trx
			.selectFrom('memberships')
			.select('role')
			.where('organisation_id', '=', organisationId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
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
		const current = await trx
			.selectFrom('memberships')
			.select('role')
			.where('organisation_id', '=', organisationId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
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
): Promise<{ organisation: Organisation; role: Role; usable: boolean } | undefined> {
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

export type GroupTable = 'departments' | 'role_levels';

/**
 * The organisation's departments or role levels in their order. Archived ones are left out unless
 * asked for (then they come last): a past round may still hold their responses.
 */
export async function listGroups(
	db: Db,
	table: GroupTable,
	organisationId: string,
	options: { includeArchived?: boolean } = {}
): Promise<NamedGroup[]> {
	let query = db
		.selectFrom(table)
		.select(['id', 'name', 'position'])
		.where('organisation_id', '=', organisationId);
	if (!options.includeArchived) query = query.where('archived', '=', 0);
	return query.orderBy('archived').orderBy('position').orderBy('name').execute();
}

/** Adds a department or role level; returns undefined when the name is already taken. */
export async function addGroup(
	db: Db,
	table: GroupTable,
	organisationId: string,
	name: string
): Promise<NamedGroup | undefined> {
	const max = await db
		.selectFrom(table)
		.select((eb) => eb.fn.max<number>('position').as('p'))
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	const group = { id: newId(), name: name.trim(), position: Number(max?.p ?? -1) + 1 };
	const result = await db
		.insertInto(table)
		.values({ ...group, organisation_id: organisationId })
		.onConflict((oc) => oc.columns(['organisation_id', 'name']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? group : undefined;
}

/** Renames a group of this organisation; false when it is not this organisation's or the name is taken. */
export async function renameGroup(
	db: Db,
	table: GroupTable,
	organisationId: string,
	id: string,
	name: string
): Promise<boolean> {
	try {
		const result = await db
			.updateTable(table)
			.set({ name: name.trim() })
			.where('id', '=', id)
			.where('organisation_id', '=', organisationId)
			.executeTakeFirst();
		return Number(result.numUpdatedRows) === 1;
	} catch {
		return false; // unique name
	}
}

/** A department or role level of this organisation, archived or not. */
export async function getGroup(
	db: Db,
	table: GroupTable,
	organisationId: string,
	id: string
): Promise<(NamedGroup & { archived: boolean }) | undefined> {
	const row = await db
		.selectFrom(table)
		.select(['id', 'name', 'position', 'archived'])
		.where('id', '=', id)
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return (
		row && { id: row.id, name: row.name, position: row.position, archived: row.archived === 1 }
	);
}

/** Archives a group: hidden from new links, kept for the rounds that used it. */
export async function archiveGroup(
	db: Db,
	table: GroupTable,
	organisationId: string,
	id: string
): Promise<boolean> {
	const result = await db
		.updateTable(table)
		.set({ archived: 1 })
		.where('id', '=', id)
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** What deleting an organisation removes, counted, for the confirmation page. */
export interface OrganisationContents {
	rounds: number;
	responses: number;
	members: number;
	invites: number;
	departments: number;
	roleLevels: number;
	auditEvents: number;
	hasLogo: boolean;
}

export async function countOrganisationContents(
	db: Db,
	organisationId: string
): Promise<OrganisationContents> {
	const count = (
		table:
			| 'assessments'
			| 'memberships'
			| 'member_invites'
			| 'departments'
			| 'role_levels'
			| 'audit_events'
	) =>
		db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('organisation_id', '=', organisationId)
			.executeTakeFirst()
			.then((r) => Number(r?.n ?? 0));
	const [rounds, members, invites, departments, roleLevels, auditEvents, responses, logo] =
		await Promise.all([
			count('assessments'),
			count('memberships'),
			count('member_invites'),
			count('departments'),
			count('role_levels'),
			count('audit_events'),
			db
				.selectFrom('responses')
				.innerJoin('assessments', 'assessments.id', 'responses.assessment_id')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('assessments.organisation_id', '=', organisationId)
				.executeTakeFirst()
				.then((r) => Number(r?.n ?? 0)),
			db
				.selectFrom('organisations')
				.select('logo_type')
				.where('id', '=', organisationId)
				.executeTakeFirst()
		]);
	return {
		rounds,
		responses,
		members,
		invites,
		departments,
		roleLevels,
		auditEvents,
		hasLogo: !!logo?.logo_type
	};
}

/**
 * Deletes an organisation with everything in it: rounds (with their links, responses, answers,
 * targets, roadmap tracking and stored sums), memberships, invites, departments, role levels, the
 * logo and the audit log (the foreign keys cascade). Accounts stay. False when there is none.
 */
export async function deleteOrganisation(db: Db, organisationId: string): Promise<boolean> {
	const result = await db
		.deleteFrom('organisations')
		.where('id', '=', organisationId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}
