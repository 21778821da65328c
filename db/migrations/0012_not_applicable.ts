import { sql, type Kysely } from 'kysely';

// "Not applicable" (model 1.1.0; docs/scoring.md rule 3): an answer that says the question does not
// fit the organisation. It is stored beside the level, which is then null, and counted in the round
// sums beside "don't know", so a question's distribution and an area's confidence leave it out.
// Existing rows hold no such answer, so 0 is right for all of them and no sums need rebuilding.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('answers')
		.addColumn('not_applicable', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`not_applicable in (0, 1)`)
		)
		.execute();
	for (const table of ['round_area_sums', 'round_question_counts'])
		await db.schema
			.alterTable(table)
			.addColumn('not_applicable', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['round_question_counts', 'round_area_sums', 'answers'])
		await db.schema.alterTable(table).dropColumn('not_applicable').execute();
}
