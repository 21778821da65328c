import { sql, type Kysely } from 'kysely';
import { bigInteger, nowText } from '../dialect';

// Accounts, organisations, rounds and responses. Ids are random strings made by the app; times are
// ISO-8601 text except sessions.expires_at, which is Unix seconds for cheap comparisons.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const now = nowText(db);
	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute();
	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('expires_at', bigInteger(db), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('organisations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute();
	await db.schema
		.createTable('memberships')
		.addColumn('organisation_id', 'text', (c) =>
			c.notNull().references('organisations.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('owner', 'facilitator', 'member', 'viewer')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addPrimaryKeyConstraint('memberships_pk', ['organisation_id', 'user_id'])
		.execute();
	await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();
	await db.schema
		.createTable('member_invites')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) =>
			c.notNull().references('organisations.id').onDelete('cascade')
		)
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('owner', 'facilitator', 'member', 'viewer')`)
		)
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.addColumn('used_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.execute();

	for (const table of ['departments', 'role_levels']) {
		await db.schema
			.createTable(table)
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('organisation_id', 'text', (c) =>
				c.notNull().references('organisations.id').onDelete('cascade')
			)
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
			.addUniqueConstraint(`${table}_org_name`, ['organisation_id', 'name'])
			.execute();
	}

	await db.schema
		.createTable('assessments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', (c) =>
			c.notNull().references('organisations.id').onDelete('cascade')
		)
		.addColumn('model_id', 'text', (c) => c.notNull().references('maturity_models.id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft', 'open', 'closed')`)
		)
		.addColumn('anonymity_threshold', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(5)
				.check(sql`anonymity_threshold >= 3 and anonymity_threshold <= 50`)
		)
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('opened_at', 'text')
		.addColumn('closed_at', 'text')
		.execute();
	await db.schema
		.createIndex('assessments_org')
		.on('assessments')
		.column('organisation_id')
		.execute();

	await db.schema
		.createTable('response_links')
		.addColumn('token', 'text', (c) => c.primaryKey())
		.addColumn('assessment_id', 'text', (c) =>
			c.notNull().references('assessments.id').onDelete('cascade')
		)
		.addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('set null'))
		.addColumn('role_level_id', 'text', (c) => c.references('role_levels.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('revoked_at', 'text')
		.execute();
	await db.schema
		.createIndex('response_links_assessment')
		.on('response_links')
		.column('assessment_id')
		.execute();

	await db.schema
		.createTable('responses')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('assessment_id', 'text', (c) =>
			c.notNull().references('assessments.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('link_token', 'text', (c) =>
			c.references('response_links.token').onDelete('set null')
		)
		.addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('set null'))
		.addColumn('role_level_id', 'text', (c) => c.references('role_levels.id').onDelete('set null'))
		.addColumn('resume_token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft', 'submitted')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('submitted_at', 'text')
		.execute();
	await db.schema
		.createIndex('responses_assessment_status')
		.on('responses')
		.columns(['assessment_id', 'status'])
		.execute();
	await sql`create unique index responses_one_per_user on responses (assessment_id, user_id) where user_id is not null`.execute(
		db
	);

	await db.schema
		.createTable('answers')
		.addColumn('response_id', 'text', (c) =>
			c.notNull().references('responses.id').onDelete('cascade')
		)
		.addColumn('question_id', 'text', (c) => c.notNull())
		// null = "don't know"
		.addColumn('level', 'integer', (c) => c.check(sql`level between 1 and 4`))
		.addColumn('note', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addPrimaryKeyConstraint('answers_pk', ['response_id', 'question_id'])
		.execute();
	await db.schema
		.createTable('targets')
		.addColumn('response_id', 'text', (c) =>
			c.notNull().references('responses.id').onDelete('cascade')
		)
		.addColumn('area_id', 'text', (c) => c.notNull())
		.addColumn('stage', 'integer', (c) => c.notNull().check(sql`stage between 1 and 4`))
		.addPrimaryKeyConstraint('targets_pk', ['response_id', 'area_id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'targets',
		'answers',
		'responses',
		'response_links',
		'assessments',
		'role_levels',
		'departments',
		'member_invites',
		'memberships',
		'organisations',
		'sessions',
		'users'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
