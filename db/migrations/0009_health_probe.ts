import type { Kysely } from 'kysely';

// One row that /healthz overwrites with the time on every check: a real write, so the health check
// fails when no write can succeed (disk full, read-only file or file system). Portable types and a
// plain primary key, so the same upsert runs on PostgreSQL.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('health_probe')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('checked_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('health_probe').execute();
}
