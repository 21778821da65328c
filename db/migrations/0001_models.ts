import type { Kysely } from 'kysely';
import { nowText } from '../dialect';

// Migrations take Kysely<any>: they must keep working whatever the schema becomes later.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('maturity_models')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('model_key', 'text', (c) => c.notNull())
		.addColumn('version', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('content', 'text', (c) => c.notNull())
		.addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addUniqueConstraint('maturity_models_key_version', ['model_key', 'version'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('maturity_models').execute();
}
