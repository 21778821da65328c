import type { Kysely } from 'kysely';

// A practice's own audit log (issue 13): changes of its settings (name, logo, accent colour,
// contact line), which appear on every client's report. The organisation's `audit_events` needs an
// organisation; this table has the same columns with the practice instead, and goes with it. The
// actor's name is blanked when their account is deleted, as in `audit_events`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('practice_audit_events')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('practice_id', 'text', (c) =>
			c.notNull().references('practices.id').onDelete('cascade')
		)
		.addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('actor_name', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('before_json', 'text')
		.addColumn('after_json', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('practice_audit_events_practice_time')
		.on('practice_audit_events')
		.columns(['practice_id', 'created_at'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('practice_audit_events').execute();
}
