import { sql, type Kysely } from 'kysely';

// The newcomer's path (issue 14). `organisations.public_demo` marks the instance's public demo: the
// one organisation anyone may open read-only, as a viewer, from "Try the demo" (set by
// `npm run db:demo`; lib/server/guards.ts `requireReader`). A partial unique index keeps it to one.
// `users.guide_dismissed_at` is when the person hid the first-run guide; its progress is read from
// their organisations, rounds, links and answers, never stored.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('organisations')
		.addColumn('public_demo', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`public_demo in (0, 1)`)
		)
		.execute();
	await db.schema
		.createIndex('organisations_one_public_demo')
		.on('organisations')
		.column('public_demo')
		.unique()
		.where(sql.ref('public_demo'), '=', 1)
		.execute();
	await db.schema.alterTable('users').addColumn('guide_dismissed_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('users').dropColumn('guide_dismissed_at').execute();
	await db.schema.dropIndex('organisations_one_public_demo').execute();
	await db.schema.alterTable('organisations').dropColumn('public_demo').execute();
}
