import { sql, type Kysely } from 'kysely';

// Importance per area (docs/scoring.md rule 26): how much each area of a round matters for the next
// 12 months, as an owner or facilitator rated it on the round page. A row per rated area; an area
// without a row is not rated (counts as medium). The rows go with their round.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('round_area_importance')
		.addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
		.addColumn('area_id', 'text', (c) => c.notNull())
		.addColumn('importance', 'text', (c) =>
			c.notNull().check(sql`importance in ('low', 'medium', 'high')`)
		)
		.addColumn('updated_at', 'text')
		.addPrimaryKeyConstraint('round_area_importance_pk', ['round_id', 'area_id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('round_area_importance').execute();
}
