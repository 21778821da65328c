import { sql, type Kysely } from 'kysely';
import { isPostgres, nowText } from '../dialect';

// Comparing across the organisation:
// - model_questions: which area each question of a stored model belongs to, so that the round
//   dashboard aggregates answers per area in SQL (filled here for the models already stored, and
//   by lib/server/db/models.ts for models stored later);
// - response_links.invited: how many people a link was sent to, for response rates;
// - roadmap_items: the tracking of a round's roadmap (owner, due quarter, status).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('model_questions')
		.addColumn('model_id', 'text', (c) =>
			c.notNull().references('maturity_models.id').onDelete('cascade')
		)
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('area_id', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('model_questions_pk', ['model_id', 'question_id'])
		.execute();
	const models = await db.selectFrom('maturity_models').select(['id', 'content']).execute();
	for (const model of models as Array<{ id: string; content: string }>) {
		const content = JSON.parse(model.content) as {
			areas: Array<{ id: string; questions: Array<{ id: string }> }>;
		};
		const rows = content.areas.flatMap((area) =>
			area.questions.map((q) => ({ model_id: model.id, question_id: q.id, area_id: area.id }))
		);
		if (rows.length > 0) await db.insertInto('model_questions').values(rows).execute();
	}

	// Covers the dashboard's check whether a round's responses changed since they were summed.
	await db.schema
		.createIndex('responses_assessment_status_updated')
		.on('responses')
		.columns(['assessment_id', 'status', 'updated_at'])
		.execute();

	await db.schema
		.alterTable('response_links')
		.addColumn('invited', 'integer', (c) => c.check(sql`invited between 1 and 100000`))
		.execute();

	await db.schema
		.createTable('roadmap_items')
		.addColumn('assessment_id', 'text', (c) =>
			c.notNull().references('assessments.id').onDelete('cascade')
		)
		.addColumn('recommendation_id', 'text', (c) => c.notNull())
		.addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		// "2027-Q1"
		.addColumn('due_quarter', 'text', (c) =>
			c.check(
				isPostgres(db)
					? sql`due_quarter ~ '^[0-9]{4}-Q[1-4]$'`
					: sql`due_quarter glob '[0-9][0-9][0-9][0-9]-Q[1-4]'`
			)
		)
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('planned')
				.check(sql`status in ('planned', 'in_progress', 'done', 'dropped')`)
		)
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addPrimaryKeyConstraint('roadmap_items_pk', ['assessment_id', 'recommendation_id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('roadmap_items').execute();
	await db.schema.dropIndex('responses_assessment_status_updated').execute();
	await db.schema.alterTable('response_links').dropColumn('invited').execute();
	await db.schema.dropTable('model_questions').execute();
}
