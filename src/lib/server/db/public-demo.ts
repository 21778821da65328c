/**
 * The instance's public demo (migration 0015): at most one organisation, marked by
 * `npm run db:demo`, that anyone may open read-only as a viewer from "Try the demo"
 * (`requireReader` in lib/server/guards.ts). No page or action can set the mark.
 */
import { toSector } from '$lib/domain/sectors';
import { inTransaction, type Db } from './connection';
import type { Organisation } from './organisations';

/** The public demo with its latest round, or undefined when the instance has none. */
export async function getPublicDemo(
	db: Db
): Promise<(Organisation & { latestRoundId: string | null }) | undefined> {
	const row = await db
		.selectFrom('organisations')
		.select((eb) => [
			'organisations.id',
			'organisations.name',
			'organisations.sector',
			eb
				.selectFrom('rounds')
				.select('rounds.id')
				.whereRef('rounds.organisation_id', '=', 'organisations.id')
				.orderBy('rounds.created_at', 'desc')
				.orderBy('rounds.id')
				.limit(1)
				.as('latestRoundId')
		])
		.where('organisations.public_demo', '=', 1)
		.executeTakeFirst();
	return (
		row && {
			id: row.id,
			name: row.name,
			sector: toSector(row.sector),
			latestRoundId: row.latestRoundId ?? null
		}
	);
}

/** The organisation when it is the public demo; undefined for any other id. */
export async function getPublicDemoById(
	db: Db,
	organisationId: string
): Promise<Organisation | undefined> {
	const row = await db
		.selectFrom('organisations')
		.select(['id', 'name', 'sector'])
		.where('id', '=', organisationId)
		.where('public_demo', '=', 1)
		.executeTakeFirst();
	return row && { id: row.id, name: row.name, sector: toSector(row.sector) };
}

/** Makes this organisation the public demo (and no other), or none with null. */
export async function setPublicDemo(db: Db, organisationId: string | null): Promise<void> {
	await inTransaction(db, async (trx) => {
		await trx
			.updateTable('organisations')
			.set({ public_demo: 0 })
			.where('public_demo', '=', 1)
			.execute();
		if (organisationId)
			await trx
				.updateTable('organisations')
				.set({ public_demo: 1 })
				.where('id', '=', organisationId)
				.execute();
	});
}
