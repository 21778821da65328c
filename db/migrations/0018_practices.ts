import { sql, type Kysely } from 'kysely';
import { binary, nowText } from '../dialect';

// The consultant's practice (issue 13): one schema that the practice, custom models, branding and
// benchmark build on.
// - `practices`: a consultancy account with its own brand (name, logo, accent colour, contact line
//   for the report's last page).
// - `practice_members`: its people, as partner or consultant.
// - `practice_clients`: the client organisations it serves. An organisation has at most one practice
//   (unique); a client ends the practice's access by deleting the row (the practice keeps nothing).
// - `organisations.size_band` and `organisations.benchmark_opt_out`: the benchmark's grouping and a
//   client's refusal to contribute to it.
// - `rounds.cover_note`: the consultant's note on a round's report cover.
// - `maturity_models` gain an owner practice (null: the instance's models), a status (a draft can
//   change, a published version never does), the version it was forked from, a changelog and when
//   it was published. Existing rows are the instance's published models.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('practices')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('logo', binary(db))
		.addColumn('logo_type', 'text', (c) => c.check(sql`logo_type in ('png', 'jpeg')`))
		.addColumn('accent_color', 'text', (c) => c.notNull().defaultTo('#1f4e79'))
		.addColumn('contact', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.execute();
	await db.schema
		.createTable('practice_members')
		.addColumn('practice_id', 'text', (c) =>
			c.notNull().references('practices.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('partner', 'consultant')`))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addPrimaryKeyConstraint('practice_members_pk', ['practice_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('practice_members_user')
		.on('practice_members')
		.column('user_id')
		.execute();
	await db.schema
		.createTable('practice_clients')
		.addColumn('practice_id', 'text', (c) =>
			c.notNull().references('practices.id').onDelete('cascade')
		)
		.addColumn('organisation_id', 'text', (c) =>
			c.notNull().unique().references('organisations.id').onDelete('cascade')
		)
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addPrimaryKeyConstraint('practice_clients_pk', ['practice_id', 'organisation_id'])
		.execute();
	await db.schema.alterTable('organisations').addColumn('size_band', 'text').execute();
	await db.schema
		.alterTable('organisations')
		.addColumn('benchmark_opt_out', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`benchmark_opt_out in (0, 1)`)
		)
		.execute();
	await db.schema.alterTable('rounds').addColumn('cover_note', 'text').execute();
	await db.schema
		.alterTable('maturity_models')
		.addColumn('owner_practice_id', 'text', (c) => c.references('practices.id').onDelete('cascade'))
		.execute();
	await db.schema
		.alterTable('maturity_models')
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('published')
				.check(sql`status in ('draft', 'published')`)
		)
		.execute();
	await db.schema.alterTable('maturity_models').addColumn('based_on_id', 'text').execute();
	await db.schema.alterTable('maturity_models').addColumn('changelog', 'text').execute();
	await db.schema.alterTable('maturity_models').addColumn('published_at', 'text').execute();
	await db.schema
		.createIndex('maturity_models_owner')
		.on('maturity_models')
		.column('owner_practice_id')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('maturity_models_owner').execute();
	for (const column of ['published_at', 'changelog', 'based_on_id', 'status', 'owner_practice_id'])
		await db.schema.alterTable('maturity_models').dropColumn(column).execute();
	await db.schema.alterTable('rounds').dropColumn('cover_note').execute();
	await db.schema.alterTable('organisations').dropColumn('benchmark_opt_out').execute();
	await db.schema.alterTable('organisations').dropColumn('size_band').execute();
	await db.schema.dropTable('practice_clients').execute();
	await db.schema.dropTable('practice_members').execute();
	await db.schema.dropTable('practices').execute();
}
