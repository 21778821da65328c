import type { Kysely } from 'kysely';

// The sector an organisation works in (issue 16): it decides which legal floors of the model its
// answers are checked against, and will group a later benchmark by sector. Optional: null until an
// owner sets it. No check constraint on the values: the list lives in lib/domain/sectors.ts, is
// validated on every write and read back through `toSector`, and can grow without rebuilding the
// table (SQLite cannot change a check constraint in place).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('organisations').addColumn('sector', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('organisations').dropColumn('sector').execute();
}
