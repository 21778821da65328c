import { sql, type Kysely } from 'kysely';

// One name per concept: what the code, the pages and the docs call a round, the database called an
// assessment. Renames the table, every `assessment_id` column and the indexes named after them.
// RENAME TO / RENAME COLUMN keep the rows, the foreign keys (SQLite rewrites the references in the
// child tables) and the indexes' columns; the indexes are renamed by dropping and creating them,
// which SQLite needs and PostgreSQL accepts. Both engines run the same statements.
const CHILD_TABLES = [
	'response_links',
	'responses',
	'roadmap_items',
	'round_group_sums',
	'round_area_sums',
	'round_question_counts',
	'round_removals'
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('assessments').renameTo('rounds').execute();
	for (const table of CHILD_TABLES)
		await db.schema.alterTable(table).renameColumn('assessment_id', 'round_id').execute();
	await db.schema.dropIndex('assessments_org').execute();
	await db.schema
		.createIndex('rounds_organisation')
		.on('rounds')
		.column('organisation_id')
		.execute();
	await db.schema.dropIndex('response_links_assessment').execute();
	await db.schema
		.createIndex('response_links_round')
		.on('response_links')
		.column('round_id')
		.execute();
	await db.schema.dropIndex('responses_assessment_status').execute();
	await db.schema
		.createIndex('responses_round_status')
		.on('responses')
		.columns(['round_id', 'status'])
		.execute();
	await db.schema.dropIndex('responses_assessment_status_updated').execute();
	await db.schema
		.createIndex('responses_round_status_updated')
		.on('responses')
		.columns(['round_id', 'status', 'updated_at'])
		.execute();
	await db.schema.dropIndex('responses_one_per_user').execute();
	await sql`create unique index responses_one_per_user on responses (round_id, user_id) where user_id is not null`.execute(
		db
	);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('responses_one_per_user').execute();
	await db.schema.dropIndex('responses_round_status_updated').execute();
	await db.schema.dropIndex('responses_round_status').execute();
	await db.schema.dropIndex('response_links_round').execute();
	await db.schema.dropIndex('rounds_organisation').execute();
	for (const table of CHILD_TABLES)
		await db.schema.alterTable(table).renameColumn('round_id', 'assessment_id').execute();
	await db.schema.alterTable('rounds').renameTo('assessments').execute();
	await db.schema
		.createIndex('assessments_org')
		.on('assessments')
		.column('organisation_id')
		.execute();
	await db.schema
		.createIndex('response_links_assessment')
		.on('response_links')
		.column('assessment_id')
		.execute();
	await db.schema
		.createIndex('responses_assessment_status')
		.on('responses')
		.columns(['assessment_id', 'status'])
		.execute();
	await db.schema
		.createIndex('responses_assessment_status_updated')
		.on('responses')
		.columns(['assessment_id', 'status', 'updated_at'])
		.execute();
	await sql`create unique index responses_one_per_user on responses (assessment_id, user_id) where user_id is not null`.execute(
		db
	);
}
