import type { Kysely } from 'kysely';
import { binary } from '../dialect';

// An organisation's logo and accent colour, used on its PDF reports.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('organisations').addColumn('logo', binary(db)).execute();
	await db.schema.alterTable('organisations').addColumn('logo_type', 'text').execute();
	await db.schema
		.alterTable('organisations')
		.addColumn('accent_color', 'text', (c) => c.notNull().defaultTo('#0f3d5e'))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const column of ['logo', 'logo_type', 'accent_color'])
		await db.schema.alterTable('organisations').dropColumn(column).execute();
}
