import { sql, type Kysely } from 'kysely';

// The live workshop (issue 12; src/lib/domain/workshop.ts): a facilitator runs a round's questions
// with a room. `workshops` holds the state machine's state (the database is the truth; `version`
// grows with every change and is what events announce); participants hold a random token (stored
// as its SHA-256) like respondents; votes are kept per vote round (1, and 2 after a re-opened vote);
// records hold what the room agreed, or did not, with the reason. Everything cascades from the round.
// The join code is unique among workshops not ended (a partial index), so codes can be reused later.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('workshops')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
		.addColumn('join_code', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('lobby', 'open', 'revealed', 'recorded', 'paused', 'ended')`)
		)
		.addColumn('paused_from', 'text', (c) => c.check(sql`paused_from in ('open', 'revealed')`))
		.addColumn('pace', 'text', (c) => c.notNull().check(sql`pace in ('question', 'area')`))
		.addColumn('areas', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`position >= 0`)
		)
		.addColumn('vote_round', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(1)
				.check(sql`vote_round in (1, 2)`)
		)
		.addColumn('require_group', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`require_group in (0, 1)`)
		)
		.addColumn('small_group_opt_in', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`small_group_opt_in in (0, 1)`)
		)
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('ended_at', 'text')
		.execute();
	await db.schema.createIndex('workshops_round').on('workshops').column('round_id').execute();
	await db.schema
		.createIndex('workshops_live_join_code')
		.on('workshops')
		.column('join_code')
		.unique()
		.where(sql.ref('status'), '!=', 'ended')
		.execute();

	await db.schema
		.createTable('workshop_participants')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('workshop_id', 'text', (c) =>
			c.notNull().references('workshops.id').onDelete('cascade')
		)
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text')
		.addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('set null'))
		.addColumn('role_level_id', 'text', (c) => c.references('role_levels.id').onDelete('set null'))
		.addColumn('joined_at', 'text', (c) => c.notNull())
		.addColumn('last_seen_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('workshop_participants_workshop')
		.on('workshop_participants')
		.column('workshop_id')
		.execute();

	await db.schema
		.createTable('workshop_votes')
		.addColumn('workshop_id', 'text', (c) =>
			c.notNull().references('workshops.id').onDelete('cascade')
		)
		.addColumn('participant_id', 'text', (c) =>
			c.notNull().references('workshop_participants.id').onDelete('cascade')
		)
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('vote_round', 'integer', (c) => c.notNull().check(sql`vote_round in (1, 2)`))
		.addColumn('level', 'integer', (c) => c.check(sql`level between 1 and 4`))
		.addColumn('at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('workshop_votes_pk', [
			'workshop_id',
			'participant_id',
			'question_id',
			'vote_round'
		])
		.execute();
	await db.schema
		.createIndex('workshop_votes_question')
		.on('workshop_votes')
		.columns(['workshop_id', 'question_id', 'vote_round'])
		.execute();

	await db.schema
		.createTable('workshop_records')
		.addColumn('workshop_id', 'text', (c) =>
			c.notNull().references('workshops.id').onDelete('cascade')
		)
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('outcome', 'text', (c) =>
			c.notNull().check(sql`outcome in ('agreed', 'no-agreement', 'skipped')`)
		)
		.addColumn('level', 'integer', (c) => c.check(sql`level between 1 and 4`))
		.addColumn('reason', 'text')
		.addColumn('vote_round', 'integer', (c) => c.notNull().check(sql`vote_round in (1, 2)`))
		.addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('workshop_records_pk', ['workshop_id', 'question_id'])
		.addCheckConstraint(
			'workshop_records_level',
			sql`(outcome = 'agreed') = (level is not null) and (outcome = 'skipped') = (reason is null)`
		)
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['workshop_records', 'workshop_votes', 'workshop_participants', 'workshops'])
		await db.schema.dropTable(table).execute();
}
