import { sql, type Kysely } from 'kysely';

// The workshop timer (issue 12): the facilitator starts a timer of 15 s to 30 min for the current
// step, and every screen counts down to the same deadline, also after a reload. Both columns are
// null while no timer runs; the state machine (src/lib/domain/workshop.ts) sets and clears them
// together.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('workshops')
		.addColumn('timer_seconds', 'integer', (c) => c.check(sql`timer_seconds between 15 and 1800`))
		.execute();
	await db.schema.alterTable('workshops').addColumn('timer_ends_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('workshops').dropColumn('timer_ends_at').execute();
	await db.schema.alterTable('workshops').dropColumn('timer_seconds').execute();
}
