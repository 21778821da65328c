import { sql, type Kysely } from 'kysely';

// A round's answers summed per department × role level, kept up to date in the same transaction as
// every change to a submitted response (lib/server/db/round-sums.ts), so the round dashboard reads a
// few hundred rows instead of every answer. '' stands for "no department" / "no role level" (key
// columns cannot be null). Filled here from the responses already submitted.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const keyColumns = (table: string) =>
		db.schema
			.createTable(table)
			.addColumn('assessment_id', 'text', (c) =>
				c.notNull().references('assessments.id').onDelete('cascade')
			)
			.addColumn('department_key', 'text', (c) => c.notNull())
			.addColumn('role_level_key', 'text', (c) => c.notNull());
	await keyColumns('round_group_sums')
		.addColumn('responses', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('round_group_sums_pk', [
			'assessment_id',
			'department_key',
			'role_level_key'
		])
		.execute();
	await keyColumns('round_area_sums')
		.addColumn('area_id', 'text', (c) => c.notNull())
		.addColumn('scored', 'integer', (c) => c.notNull())
		.addColumn('sum', 'double precision', (c) => c.notNull())
		.addColumn('sum_sq', 'double precision', (c) => c.notNull())
		.addColumn('answered', 'integer', (c) => c.notNull())
		.addColumn('target_sum', 'integer', (c) => c.notNull())
		.addColumn('target_count', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('round_area_sums_pk', [
			'assessment_id',
			'department_key',
			'role_level_key',
			'area_id'
		])
		.execute();
	await keyColumns('round_question_counts')
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('level_1', 'integer', (c) => c.notNull())
		.addColumn('level_2', 'integer', (c) => c.notNull())
		.addColumn('level_3', 'integer', (c) => c.notNull())
		.addColumn('level_4', 'integer', (c) => c.notNull())
		.addColumn('dont_know', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('round_question_counts_pk', [
			'assessment_id',
			'department_key',
			'role_level_key',
			'question_id'
		])
		.execute();

	// Backfill from the submitted responses (a snapshot of what round-sums.ts computes).
	await sql`insert into round_group_sums (assessment_id, department_key, role_level_key, responses)
		select assessment_id, coalesce(department_id, ''), coalesce(role_level_id, ''), count(*)
		from responses where status = 'submitted'
		group by assessment_id, coalesce(department_id, ''), coalesce(role_level_id, '')`.execute(db);
	await sql`insert into round_area_sums (assessment_id, department_key, role_level_key, area_id,
			scored, sum, sum_sq, answered, target_sum, target_count)
		select p.assessment_id, p.dk, p.rk, p.area_id, count(p.mean), coalesce(sum(p.mean), 0),
			coalesce(sum(p.mean * p.mean), 0), sum(p.answered), 0, 0
		from (
			select r.assessment_id, coalesce(r.department_id, '') as dk,
				coalesce(r.role_level_id, '') as rk, mq.area_id,
				cast(avg(a.level) as double precision) as mean, count(a.level) as answered
			from responses r
			join assessments s on s.id = r.assessment_id
			join answers a on a.response_id = r.id
			join model_questions mq on mq.model_id = s.model_id and mq.question_id = a.question_id
			where r.status = 'submitted'
			group by r.id, r.assessment_id, r.department_id, r.role_level_id, mq.area_id
		) p
		group by p.assessment_id, p.dk, p.rk, p.area_id`.execute(db);
	await sql`insert into round_area_sums (assessment_id, department_key, role_level_key, area_id,
			scored, sum, sum_sq, answered, target_sum, target_count)
		select r.assessment_id, coalesce(r.department_id, ''), coalesce(r.role_level_id, ''),
			t.area_id, 0, 0, 0, 0, sum(t.stage), count(*)
		from responses r join targets t on t.response_id = r.id
		where r.status = 'submitted'
		group by r.assessment_id, coalesce(r.department_id, ''), coalesce(r.role_level_id, ''), t.area_id
		on conflict (assessment_id, department_key, role_level_key, area_id) do update set
			target_sum = excluded.target_sum, target_count = excluded.target_count`.execute(db);
	await sql`insert into round_question_counts (assessment_id, department_key, role_level_key,
			question_id, level_1, level_2, level_3, level_4, dont_know)
		select r.assessment_id, coalesce(r.department_id, ''), coalesce(r.role_level_id, ''),
			a.question_id,
			sum(case when a.level = 1 then 1 else 0 end), sum(case when a.level = 2 then 1 else 0 end),
			sum(case when a.level = 3 then 1 else 0 end), sum(case when a.level = 4 then 1 else 0 end),
			sum(case when a.level is null then 1 else 0 end)
		from responses r join answers a on a.response_id = r.id
		where r.status = 'submitted'
		group by r.assessment_id, coalesce(r.department_id, ''), coalesce(r.role_level_id, ''),
			a.question_id`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['round_question_counts', 'round_area_sums', 'round_group_sums'])
		await db.schema.dropTable(table).execute();
}
