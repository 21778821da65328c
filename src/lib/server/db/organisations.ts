/**
 * Organisations and memberships: creating, listing, renaming, counting and deleting them, and the
 * one place that resolves someone's access to an organisation (`getMembership`): a membership, or
 * a role derived from their role in the organisation's practice (lib/domain/practice-permissions.ts).
 */
import type { Role } from '$lib/domain/permissions';
import { clientRoleOf, type PracticeRole } from '$lib/domain/practice-permissions';
import { toSector, type Sector } from '$lib/domain/sectors';
import type { Db } from './connection';
import { DEFAULT_ROLE_LEVELS } from './groups';
import { newId } from './ids';

export interface Organisation {
	id: string;
	name: string;
	/** The sector it works in, which decides the legal floors checked (migration 0017); null: not set. */
	sector: Sector | null;
}

export async function createOrganisation(
	db: Db,
	input: { name: string; ownerId: string }
): Promise<Organisation> {
	return db.transaction().execute(async (trx) => {
		const org = await insertOrganisation(trx, { name: input.name });
		await trx
			.insertInto('memberships')
			.values({ organisation_id: org.id, user_id: input.ownerId, role: 'owner' })
			.execute();
		return org;
	});
}

/**
 * Inserts an organisation with the default role levels and no members, inside the caller's
 * transaction: `createOrganisation` adds its owner, a practice's new client (practices.ts) has none.
 */
export async function insertOrganisation(
	trx: Db,
	input: { name: string; sector?: Sector | null; sizeBand?: string | null }
): Promise<Organisation> {
	const org = {
		id: newId(),
		name: input.name.trim(),
		sector: input.sector ?? null,
		size_band: input.sizeBand ?? null
	};
	await trx.insertInto('organisations').values(org).execute();
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
	return { id: org.id, name: org.name, sector: org.sector };
}

export async function listOrganisationsOfUser(
	db: Db,
	userId: string
): Promise<Array<Pick<Organisation, 'id' | 'name'> & { role: Role }>> {
	const rows = await db
		.selectFrom('memberships')
		.innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
		.select(['organisations.id', 'organisations.name', 'memberships.role'])
		.where('memberships.user_id', '=', userId)
		.orderBy('organisations.name')
		.execute();
	return rows;
}

/** How someone reaches a client organisation through its practice: the practice and their role there. */
export interface PracticeAccess {
	id: string;
	name: string;
	role: PracticeRole;
}

/**
 * The organisation and the user's role in it, or undefined when they have no access; `publicDemo`
 * says whether it is the instance's public demo (public-demo.ts). Access is a membership, or else
 * through the organisation's practice: a partner or consultant of the practice that has it as a
 * client acts with the derived role (`clientRoleOf`: owner or facilitator) and `practice` says so
 * (the guards then withhold `erase` and `endPracticeAccess`). A membership wins over a practice
 * role. A practice's people reach only their own practice's clients: the join goes through the
 * organisation's one `practice_clients` row.
 */
export async function getMembership(
	db: Db,
	organisationId: string,
	userId: string
): Promise<
	| { organisation: Organisation; role: Role; publicDemo: boolean; practice: PracticeAccess | null }
	| undefined
> {
	const row = await db
		.selectFrom('memberships')
		.innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
		.select([
			'organisations.id',
			'organisations.name',
			'organisations.sector',
			'organisations.public_demo',
			'memberships.role'
		])
		.where('memberships.organisation_id', '=', organisationId)
		.where('memberships.user_id', '=', userId)
		.executeTakeFirst();
	if (row)
		return {
			organisation: { id: row.id, name: row.name, sector: toSector(row.sector) },
			role: row.role,
			publicDemo: row.public_demo === 1,
			practice: null
		};
	const viaPractice = await db
		.selectFrom('practice_clients')
		.innerJoin('organisations', 'organisations.id', 'practice_clients.organisation_id')
		.innerJoin('practices', 'practices.id', 'practice_clients.practice_id')
		.innerJoin('practice_members', 'practice_members.practice_id', 'practice_clients.practice_id')
		.select([
			'organisations.id',
			'organisations.name',
			'organisations.sector',
			'organisations.public_demo',
			'practices.id as practiceId',
			'practices.name as practiceName',
			'practice_members.role'
		])
		.where('practice_clients.organisation_id', '=', organisationId)
		.where('practice_members.user_id', '=', userId)
		.executeTakeFirst();
	return (
		viaPractice && {
			organisation: {
				id: viaPractice.id,
				name: viaPractice.name,
				sector: toSector(viaPractice.sector)
			},
			role: clientRoleOf(viaPractice.role),
			publicDemo: viaPractice.public_demo === 1,
			practice: {
				id: viaPractice.practiceId,
				name: viaPractice.practiceName,
				role: viaPractice.role
			}
		}
	);
}

export async function getOrganisation(
	db: Db,
	organisationId: string
): Promise<Organisation | undefined> {
	const row = await db
		.selectFrom('organisations')
		.select(['id', 'name', 'sector'])
		.where('id', '=', organisationId)
		.executeTakeFirst();
	return row && { ...row, sector: toSector(row.sector) };
}

/** Sets the organisation's sector, or clears it with null. */
export async function setOrganisationSector(
	db: Db,
	organisationId: string,
	sector: Sector | null
): Promise<void> {
	await db.updateTable('organisations').set({ sector }).where('id', '=', organisationId).execute();
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
			'rounds' | 'memberships' | 'member_invites' | 'departments' | 'role_levels' | 'audit_events'
	) =>
		db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('organisation_id', '=', organisationId)
			.executeTakeFirst()
			.then((r) => Number(r?.n ?? 0));
	const [rounds, members, invites, departments, roleLevels, auditEvents, responses, logo] =
		await Promise.all([
			count('rounds'),
			count('memberships'),
			count('member_invites'),
			count('departments'),
			count('role_levels'),
			count('audit_events'),
			db
				.selectFrom('responses')
				.innerJoin('rounds', 'rounds.id', 'responses.round_id')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('rounds.organisation_id', '=', organisationId)
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
