import type { Kysely } from 'kysely';

// Reviewing responses that came through respondent links:
// - responses.excluded_at: an owner excluded the response (it keeps its answers, counts in no result,
//   and can be included again);
// - round_removals: how many submitted responses left each department × role level of a round
//   (excluded or deleted). The anonymity rules ask more of a group whose membership changed during
//   the round (docs/scoring.md rule 44), so the count survives the response itself and a rebuild of
//   the round's sums.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('responses').addColumn('excluded_at', 'text').execute();
	await db.schema
		.createTable('round_removals')
		.addColumn('assessment_id', 'text', (c) =>
			c.notNull().references('assessments.id').onDelete('cascade')
		)
		.addColumn('department_key', 'text', (c) => c.notNull())
		.addColumn('role_level_key', 'text', (c) => c.notNull())
		.addColumn('removed', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('round_removals_pk', [
			'assessment_id',
			'department_key',
			'role_level_key'
		])
		.execute();
	// Counts how many responses each link has taken, for its cap.
	await db.schema
		.createIndex('responses_link_token')
		.on('responses')
		.column('link_token')
		.ifNotExists()
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('responses_link_token').ifExists().execute();
	await db.schema.dropTable('round_removals').execute();
	await db.schema.alterTable('responses').dropColumn('excluded_at').execute();
}
