/** An organisation's groups: its departments and role levels, ordered, renamed and archived. */
import type { Db } from './connection';
import { newId } from './ids';

export interface NamedGroup {
	id: string;
	name: string;
	position: number;
}

/** The role levels every new organisation starts with; owners can rename and add to them. */
export const DEFAULT_ROLE_LEVELS = ['Executive', 'Manager', 'Frontline', 'Support / back office'];

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
