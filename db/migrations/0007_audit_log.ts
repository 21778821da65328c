import type { Kysely } from 'kysely';

// The audit log: who changed what in an organisation, when, with the values before and after.
// Portable to PostgreSQL: text and integer columns only, times as ISO-8601 text (UTC, milliseconds),
// before/after as JSON text. The actor's name is a snapshot, so the log still reads after the
// account is gone (actor_id then becomes null); an organisation's log goes with it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('audit_events')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) =>
			c.notNull().references('organisations.id').onDelete('cascade')
		)
		.addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('actor_name', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('subject_type', 'text', (c) => c.notNull())
		.addColumn('subject_id', 'text')
		.addColumn('subject_label', 'text')
		.addColumn('before_json', 'text')
		.addColumn('after_json', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('audit_events_org_time')
		.on('audit_events')
		.columns(['organisation_id', 'created_at'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('audit_events').execute();
}
