/**
 * Migrations on a real file with rows in it: 0010 renames `assessments` to `rounds` and every
 * `assessment_id` to `round_id`; the rows, the foreign keys (with their cascades) and the one-answer-
 * per-member index must come through, and the migration must undo and redo cleanly. 0012 adds
 * "not applicable" beside the level and in the round sums; 0013 the importance rated per area; 0014
 * the live workshop tables; 0015 the public demo mark and the hidden first-run guide; 0016 the
 * workshop timer.
 */
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const modules = import.meta.glob<Migration>('../../db/migrations/*.ts', { eager: true });
const migrations = Object.fromEntries(
	Object.entries(modules).map(([path, migration]) => [
		path.split('/').pop()!.replace(/\.ts$/, ''),
		migration
	])
);

const dir = mkdtempSync(join(tmpdir(), 'cx-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function open(file: string) {
	const sqlite = new SQLite(file);
	sqlite.pragma('foreign_keys = ON');
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	return { sqlite, db, migrator };
}

const tableNames = (sqlite: SQLite.Database) =>
	(
		sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
			name: string;
		}[]
	).map((r) => r.name);

const indexSql = (sqlite: SQLite.Database) =>
	(
		sqlite
			.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null")
			.all() as { name: string; sql: string }[]
	).map((r) => `${r.name}: ${r.sql}`);

describe('migration 0010: one name for a round', () => {
	it('keeps every row and foreign key when assessments become rounds', async () => {
		const { sqlite, db, migrator } = open(join(dir, 'renamed.sqlite'));
		const before = await migrator.migrateTo('0009_health_probe');
		expect(before.error).toBeUndefined();
		sqlite.exec(`
			insert into organisations (id, name) values ('org1', 'Org');
			insert into maturity_models (id, model_key, version, name, content) values ('m@1', 'm', '1.0.0', 'M', '{}');
			insert into users (id, email, display_name, password_hash) values ('u1', 'a@example.com', 'A', 'x');
			insert into assessments (id, organisation_id, model_id, name, status) values ('r1', 'org1', 'm@1', 'Q1', 'open');
			insert into response_links (token, assessment_id) values ('t1', 'r1');
			insert into responses (id, assessment_id, user_id, link_token, resume_token_hash, status)
				values ('p1', 'r1', 'u1', 't1', 'h1', 'submitted');
			insert into answers (response_id, question_id, level) values ('p1', 'q1', 3);
			insert into roadmap_items (assessment_id, recommendation_id) values ('r1', 'rec1');
			insert into round_group_sums (assessment_id, department_key, role_level_key, responses) values ('r1', '', '', 1);
			insert into round_removals (assessment_id, department_key, role_level_key, removed) values ('r1', '', '', 0);
		`);

		const after = await migrator.migrateToLatest();
		expect(after.error).toBeUndefined();
		expect(tableNames(sqlite)).toContain('rounds');
		expect(tableNames(sqlite)).not.toContain('assessments');
		expect(sqlite.prepare('select id, name, status from rounds').all()).toEqual([
			{ id: 'r1', name: 'Q1', status: 'open' }
		]);
		for (const table of [
			'response_links',
			'responses',
			'roadmap_items',
			'round_group_sums',
			'round_removals'
		])
			expect(sqlite.prepare(`select round_id from ${table}`).all(), table).toEqual([
				{ round_id: 'r1' }
			]);
		expect(sqlite.pragma('foreign_key_check')).toEqual([]);
		expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(indexSql(sqlite).join('\n')).not.toMatch(/assessment/);

		// One response per member and round still holds under the new column name.
		expect(() =>
			sqlite
				.prepare(
					"insert into responses (id, round_id, user_id, resume_token_hash) values ('p2', 'r1', 'u1', 'h2')"
				)
				.run()
		).toThrow(/UNIQUE/);
		// The child tables still point at the renamed table: deleting the round cascades.
		sqlite.prepare("delete from rounds where id = 'r1'").run();
		for (const table of [
			'response_links',
			'responses',
			'answers',
			'roadmap_items',
			'round_removals'
		])
			expect(sqlite.prepare(`select count(*) as n from ${table}`).get(), table).toEqual({ n: 0 });
		await db.destroy();
	});

	it('undoes and redoes cleanly', async () => {
		const { sqlite, db, migrator } = open(join(dir, 'down-up.sqlite'));
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		const latest = indexSql(sqlite).sort();
		expect((await migrator.migrateTo('0009_health_probe')).error).toBeUndefined();
		expect(tableNames(sqlite)).toContain('assessments');
		expect(
			sqlite
				.prepare(
					"select count(*) as n from pragma_table_info('responses') where name = 'assessment_id'"
				)
				.get()
		).toEqual({ n: 1 });
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(indexSql(sqlite).sort()).toEqual(latest);
		expect(sqlite.pragma('foreign_key_check')).toEqual([]);
		await db.destroy();
	});
});

describe('migration 0012: "not applicable"', () => {
	it('adds the columns with 0 for existing rows, refuses other values, and undoes cleanly', async () => {
		const { sqlite, db, migrator } = open(join(dir, 'not-applicable.sqlite'));
		expect((await migrator.migrateTo('0011_languages')).error).toBeUndefined();
		sqlite.exec(`
			insert into organisations (id, name) values ('org1', 'Org');
			insert into maturity_models (id, model_key, version, name, content) values ('m@1', 'm', '1.0.0', 'M', '{}');
			insert into rounds (id, organisation_id, model_id, name, status) values ('r1', 'org1', 'm@1', 'Q1', 'open');
			insert into responses (id, round_id, resume_token_hash, status) values ('p1', 'r1', 'h1', 'submitted');
			insert into answers (response_id, question_id, level) values ('p1', 'q1', 3), ('p1', 'q2', null);
			insert into round_question_counts (round_id, department_key, role_level_key, question_id, level_1, level_2, level_3, level_4, dont_know)
				values ('r1', '', '', 'q1', 0, 0, 1, 0, 0);
		`);
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(
			sqlite.prepare('select question_id, level, not_applicable from answers order by 1').all()
		).toEqual([
			{ question_id: 'q1', level: 3, not_applicable: 0 },
			{ question_id: 'q2', level: null, not_applicable: 0 }
		]);
		expect(sqlite.prepare('select not_applicable from round_question_counts').all()).toEqual([
			{ not_applicable: 0 }
		]);
		expect(() =>
			sqlite.prepare("update answers set not_applicable = 2 where question_id = 'q1'").run()
		).toThrow(/CHECK/);

		expect((await migrator.migrateTo('0011_languages')).error).toBeUndefined();
		const columns = (table: string) =>
			(
				sqlite.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]
			).map((c) => c.name);
		for (const table of ['answers', 'round_area_sums', 'round_question_counts'])
			expect(columns(table), table).not.toContain('not_applicable');
		expect(sqlite.prepare('select count(*) as n from answers').get()).toEqual({ n: 2 });
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
		await db.destroy();
	});
});

describe('migration 0013: importance per area', () => {
	it('adds the table with its checks and cascade, and drops it again', async () => {
		const { sqlite, db, migrator } = open(join(dir, 'area-importance.sqlite'));
		expect((await migrator.migrateTo('0012_not_applicable')).error).toBeUndefined();
		expect(tableNames(sqlite)).not.toContain('round_area_importance');
		sqlite.exec(`
			insert into organisations (id, name) values ('org1', 'Org');
			insert into maturity_models (id, model_key, version, name, content) values ('m@1', 'm', '1.0.0', 'M', '{}');
			insert into rounds (id, organisation_id, model_id, name, status) values ('r1', 'org1', 'm@1', 'Q1', 'open');
			insert into rounds (id, organisation_id, model_id, name, status) values ('r2', 'org1', 'm@1', 'Q2', 'open');
		`);
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		const insert = sqlite.prepare(
			'insert into round_area_importance (round_id, area_id, importance, updated_at) values (?, ?, ?, ?)'
		);
		insert.run('r1', 'governance', 'high', '2026-01-01T00:00:00.000Z');
		insert.run('r1', 'measurement', 'low', null);
		insert.run('r2', 'governance', 'medium', null);
		expect(() => insert.run('r1', 'culture', 'urgent', null)).toThrow(/CHECK/);
		expect(() => insert.run('r1', 'governance', 'low', null)).toThrow(/UNIQUE|PRIMARY/);
		expect(() => insert.run('nope', 'governance', 'low', null)).toThrow(/FOREIGN KEY/);
		expect(() =>
			sqlite
				.prepare("insert into round_area_importance (round_id, area_id) values ('r1', 'x')")
				.run()
		).toThrow(/NOT NULL/);

		// Deleting a round takes its ratings with it.
		sqlite.prepare("delete from rounds where id = 'r1'").run();
		expect(
			sqlite.prepare('select round_id, area_id, importance from round_area_importance').all()
		).toEqual([{ round_id: 'r2', area_id: 'governance', importance: 'medium' }]);

		expect((await migrator.migrateTo('0012_not_applicable')).error).toBeUndefined();
		expect(tableNames(sqlite)).not.toContain('round_area_importance');
		expect(sqlite.prepare('select count(*) as n from rounds').get()).toEqual({ n: 1 });
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(tableNames(sqlite)).toContain('round_area_importance');
		expect(sqlite.prepare('select count(*) as n from round_area_importance').get()).toEqual({
			n: 0
		});
		expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
		await db.destroy();
	});
});

describe('migration 0014: workshops', () => {
	it('adds the workshop tables with their checks and cascades, and undoes cleanly', async () => {
		const { sqlite, db, migrator } = open(join(dir, 'workshops.sqlite'));
		expect((await migrator.migrateTo('0013_area_importance')).error).toBeUndefined();
		sqlite.exec(`
			insert into organisations (id, name) values ('org1', 'Org');
			insert into maturity_models (id, model_key, version, name, content) values ('m@1', 'm', '1.0.0', 'M', '{}');
			insert into rounds (id, organisation_id, model_id, name, status) values ('r1', 'org1', 'm@1', 'Q1', 'open');
		`);
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		const at = "'2026-12-01T00:00:00.000Z'";
		const workshop = (id: string, code: string, status = 'lobby') =>
			`insert into workshops (id, round_id, join_code, status, pace, areas, created_at, updated_at)
				values ('${id}', 'r1', '${code}', '${status}', 'question', '["a"]', ${at}, ${at})`;
		sqlite.exec(`
			${workshop('w1', 'ABCDEF')};
			insert into workshop_participants (id, workshop_id, token_hash, joined_at, last_seen_at)
				values ('p1', 'w1', 'h1', ${at}, ${at});
			insert into workshop_votes (workshop_id, participant_id, question_id, vote_round, level, at)
				values ('w1', 'p1', 'q1', 1, 2, ${at}), ('w1', 'p1', 'q1', 2, null, ${at});
			insert into workshop_records (workshop_id, question_id, outcome, level, reason, vote_round, at)
				values ('w1', 'q1', 'agreed', 3, 'Because', 2, ${at}), ('w1', 'q2', 'skipped', null, null, 1, ${at});
		`);
		// The checks: statuses, levels, vote rounds, outcomes with their level and reason.
		for (const bad of [
			workshop('w2', 'ZZZZZZ', 'running'),
			`insert into workshop_votes (workshop_id, participant_id, question_id, vote_round, level, at) values ('w1', 'p1', 'q2', 1, 5, ${at})`,
			`insert into workshop_votes (workshop_id, participant_id, question_id, vote_round, level, at) values ('w1', 'p1', 'q2', 3, 1, ${at})`,
			`insert into workshop_records (workshop_id, question_id, outcome, level, reason, vote_round, at) values ('w1', 'q3', 'agreed', null, 'r', 1, ${at})`,
			`insert into workshop_records (workshop_id, question_id, outcome, level, reason, vote_round, at) values ('w1', 'q3', 'no-agreement', 2, 'r', 1, ${at})`,
			`insert into workshop_records (workshop_id, question_id, outcome, level, reason, vote_round, at) values ('w1', 'q3', 'no-agreement', null, null, 1, ${at})`
		])
			expect(() => sqlite.exec(bad), bad).toThrow(/CHECK/);
		// One vote per participant, question and vote round.
		expect(() =>
			sqlite.exec(
				`insert into workshop_votes (workshop_id, participant_id, question_id, vote_round, level, at) values ('w1', 'p1', 'q1', 1, 4, ${at})`
			)
		).toThrow(/UNIQUE|PRIMARY/);
		// A join code is unique among workshops not ended, and free again once one has ended.
		expect(() => sqlite.exec(workshop('w2', 'ABCDEF'))).toThrow(/UNIQUE/);
		sqlite.exec("update workshops set status = 'ended' where id = 'w1'");
		sqlite.exec(workshop('w2', 'ABCDEF'));
		expect(sqlite.pragma('foreign_key_check')).toEqual([]);

		// Deleting the round cascades to everything of its workshops.
		sqlite.prepare("delete from rounds where id = 'r1'").run();
		for (const table of [
			'workshops',
			'workshop_participants',
			'workshop_votes',
			'workshop_records'
		])
			expect(sqlite.prepare(`select count(*) as n from ${table}`).get(), table).toEqual({ n: 0 });

		expect((await migrator.migrateTo('0013_area_importance')).error).toBeUndefined();
		expect(tableNames(sqlite).filter((t) => t.startsWith('workshop'))).toEqual([]);
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(tableNames(sqlite)).toEqual(
			expect.arrayContaining([
				'workshops',
				'workshop_participants',
				'workshop_votes',
				'workshop_records'
			])
		);
		expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
		await db.destroy();
	});
});

describe('migration 0015: the public demo and the first-run guide', () => {
	it('adds the columns with defaults for existing rows, allows one public demo, and undoes cleanly', async () => {
		const { sqlite, db, migrator } = open(join(dir, 'newcomer.sqlite'));
		expect((await migrator.migrateTo('0014_workshops')).error).toBeUndefined();
		sqlite.exec(`
			insert into organisations (id, name) values ('org1', 'Org'), ('org2', 'Other');
			insert into users (id, email, display_name, password_hash) values ('u1', 'a@example.com', 'A', 'h');
		`);
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(sqlite.prepare('select id, public_demo from organisations order by id').all()).toEqual([
			{ id: 'org1', public_demo: 0 },
			{ id: 'org2', public_demo: 0 }
		]);
		expect(sqlite.prepare('select guide_dismissed_at from users').all()).toEqual([
			{ guide_dismissed_at: null }
		]);
		sqlite.prepare("update organisations set public_demo = 1 where id = 'org1'").run();
		expect(() =>
			sqlite.prepare("update organisations set public_demo = 1 where id = 'org2'").run()
		).toThrow(/UNIQUE/);
		expect(() =>
			sqlite.prepare("update organisations set public_demo = 2 where id = 'org2'").run()
		).toThrow(/CHECK/);

		expect((await migrator.migrateTo('0014_workshops')).error).toBeUndefined();
		const columns = (table: string) =>
			(
				sqlite.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]
			).map((c) => c.name);
		expect(columns('organisations')).not.toContain('public_demo');
		expect(columns('users')).not.toContain('guide_dismissed_at');
		expect(sqlite.prepare('select count(*) as n from organisations').get()).toEqual({ n: 2 });
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
		await db.destroy();
	});
});

describe('migration 0016: the workshop timer', () => {
	it('adds the timer columns, empty on a workshop with rows, checked, and undoes cleanly', async () => {
		const { sqlite, db, migrator } = open(join(dir, 'workshop-timer.sqlite'));
		expect((await migrator.migrateTo('0014_workshops')).error).toBeUndefined();
		const at = "'2026-12-01T00:00:00.000Z'";
		sqlite.exec(`
			insert into organisations (id, name) values ('org1', 'Org');
			insert into maturity_models (id, model_key, version, name, content) values ('m@1', 'm', '1.0.0', 'M', '{}');
			insert into rounds (id, organisation_id, model_id, name, status) values ('r1', 'org1', 'm@1', 'Q1', 'open');
			insert into workshops (id, round_id, join_code, status, pace, areas, version, created_at, updated_at)
				values ('w1', 'r1', 'ABCDEF', 'open', 'question', '["a"]', 7, ${at}, ${at});
		`);
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(
			sqlite.prepare('select version, timer_seconds, timer_ends_at from workshops').get()
		).toEqual({ version: 7, timer_seconds: null, timer_ends_at: null });
		sqlite.exec(
			"update workshops set timer_seconds = 90, timer_ends_at = '2026-12-01T00:01:30.000Z'"
		);
		for (const seconds of [14, 1801])
			expect(() => sqlite.exec(`update workshops set timer_seconds = ${seconds}`)).toThrow(/CHECK/);
		expect((await migrator.migrateTo('0014_workshops')).error).toBeUndefined();
		const columns = (
			sqlite.prepare('pragma table_info(workshops)').all() as { name: string }[]
		).map((c) => c.name);
		expect(columns).not.toContain('timer_seconds');
		expect(sqlite.prepare('select id, version from workshops').get()).toEqual({
			id: 'w1',
			version: 7
		});
		expect((await migrator.migrateToLatest()).error).toBeUndefined();
		expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
		await db.destroy();
	});
});
