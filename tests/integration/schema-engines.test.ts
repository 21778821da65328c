/**
 * The same migrations on both engines (docs/architecture.md, "Database engines"):
 * - on SQLite, migrations 0001-0018 write exactly the schema they wrote before PostgreSQL existed
 *   (installed databases ran them): sqlite_master of a fresh database equals the snapshot taken
 *   before the migrations learnt to branch on the engine;
 * - on PostgreSQL (when TEST_DATABASE_URL names a server), a fresh database ends with the same
 *   tables, columns (normalised types, nullability), primary keys, unique constraints, foreign keys
 *   and indexes as SQLite.
 */
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/postgres';

const modules = import.meta.glob<Migration>('../../db/migrations/*.ts', { eager: true });
const migrations = Object.fromEntries(
	Object.entries(modules).map(([path, migration]) => [
		path.split('/').pop()!.replace(/\.ts$/, ''),
		migration
	])
);
const provider = { getMigrations: async () => migrations };
/** The last migration the snapshot covers; later ones are new and have no installed databases. */
const SNAPSHOT_MIGRATION = '0018_practices';

const dir = mkdtempSync(join(tmpdir(), 'cx-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function migratedSqlite(file: string, to?: string) {
	const sqlite = new SQLite(file);
	sqlite.pragma('foreign_keys = ON');
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
	const migrator = new Migrator({ db, provider });
	const result = to ? await migrator.migrateTo(to) : await migrator.migrateToLatest();
	expect(result.error).toBeUndefined();
	return { sqlite, db };
}

interface Table {
	columns: string[];
	primaryKey: string[];
	uniques: string[];
	foreignKeys: string[];
	indexes: string[];
}
type Schema = Record<string, Table>;

const TYPES: Record<string, string> = {
	integer: 'integer',
	bigint: 'integer',
	text: 'text',
	blob: 'binary',
	bytea: 'binary',
	'double precision': 'real',
	real: 'real'
};
const normaliseType = (type: string) => TYPES[type.toLowerCase()] ?? `?${type}`;
const ON_DELETE: Record<string, string> = {
	a: 'no action',
	r: 'restrict',
	c: 'cascade',
	n: 'set null',
	d: 'set default'
};
const skipTable = (name: string) => name.startsWith('sqlite_') || name.startsWith('kysely_');

function describeSqlite(sqlite: SQLite.Database): Schema {
	const schema: Schema = {};
	const tables = sqlite
		.prepare("select name from sqlite_master where type = 'table' order by name")
		.all() as { name: string }[];
	for (const { name } of tables) {
		if (skipTable(name)) continue;
		const columns = sqlite.prepare(`select * from pragma_table_info(?)`).all(name) as {
			name: string;
			type: string;
			notnull: number;
			pk: number;
		}[];
		const indexList = sqlite.prepare(`select * from pragma_index_list(?)`).all(name) as {
			name: string;
			unique: number;
			origin: string;
			partial: number;
		}[];
		const indexColumns = (index: string) =>
			(
				sqlite.prepare(`select name from pragma_index_info(?) order by seqno`).all(index) as {
					name: string;
				}[]
			).map((c) => c.name);
		const foreignKeys = sqlite.prepare(`select * from pragma_foreign_key_list(?)`).all(name) as {
			id: number;
			table: string;
			from: string;
			to: string;
			on_delete: string;
		}[];
		schema[name] = {
			columns: columns
				.map((c) => `${c.name} ${normaliseType(c.type)}${c.notnull || c.pk ? ' not null' : ''}`)
				.sort(),
			primaryKey: columns
				.filter((c) => c.pk > 0)
				.sort((a, b) => a.pk - b.pk)
				.map((c) => c.name),
			uniques: indexList
				.filter((i) => i.origin === 'u')
				.map((i) => indexColumns(i.name).join(','))
				.sort(),
			foreignKeys: foreignKeys
				.map((f) => `${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`)
				.sort(),
			indexes: indexList
				.filter((i) => i.origin === 'c')
				.map(
					(i) =>
						`${i.name} (${indexColumns(i.name).join(',')})${i.unique ? ' unique' : ''}${i.partial ? ' partial' : ''}`
				)
				.sort()
		};
	}
	return schema;
}

async function describePostgres(client: pg.Client): Promise<Schema> {
	const schema: Schema = {};
	const { rows: tables } = await client.query<{ name: string }>(
		`select table_name as name from information_schema.tables
		 where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`
	);
	for (const { name } of tables) {
		if (skipTable(name)) continue;
		const { rows: columns } = await client.query<{
			name: string;
			type: string;
			nullable: string;
		}>(
			`select column_name as name, data_type as type, is_nullable as nullable
			 from information_schema.columns where table_schema = 'public' and table_name = $1`,
			[name]
		);
		const { rows: constraints } = await client.query<{
			type: string;
			columns: string[];
			target: string | null;
			target_columns: string[] | null;
			on_delete: string;
		}>(
			`select c.contype as type,
				array(select a.attname from unnest(c.conkey) with ordinality k(n, i)
					join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
				t.relname as target,
				array(select a.attname from unnest(c.confkey) with ordinality k(n, i)
					join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i)::text[] as target_columns,
				c.confdeltype as on_delete
			 from pg_constraint c left join pg_class t on t.oid = c.confrelid
			 where c.conrelid = $1::regclass`,
			[name]
		);
		const { rows: indexes } = await client.query<{
			name: string;
			columns: string[];
			unique: boolean;
			partial: boolean;
		}>(
			`select i.relname as name, x.indisunique as unique, x.indpred is not null as partial,
				array(select a.attname from unnest(x.indkey) with ordinality k(n, o)
					join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n order by k.o)::text[] as columns
			 from pg_index x join pg_class i on i.oid = x.indexrelid
			 where x.indrelid = $1::regclass
				and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
			[name]
		);
		schema[name] = {
			columns: columns
				.map((c) => `${c.name} ${normaliseType(c.type)}${c.nullable === 'NO' ? ' not null' : ''}`)
				.sort(),
			primaryKey: constraints.find((c) => c.type === 'p')?.columns ?? [],
			uniques: constraints
				.filter((c) => c.type === 'u')
				.map((c) => c.columns.join(','))
				.sort(),
			foreignKeys: constraints
				.filter((c) => c.type === 'f')
				.map(
					(c) =>
						`${c.columns[0]} -> ${c.target}.${c.target_columns?.[0]} on delete ${ON_DELETE[c.on_delete]}`
				)
				.sort(),
			indexes: indexes
				.map(
					(i) =>
						`${i.name} (${i.columns.join(',')})${i.unique ? ' unique' : ''}${i.partial ? ' partial' : ''}`
				)
				.sort()
		};
	}
	return schema;
}

describe('SQLite schema', () => {
	it('is what it was before the migrations learnt PostgreSQL (sqlite_master, 0001-0018)', async () => {
		const { sqlite, db } = await migratedSqlite(join(dir, 'snapshot.sqlite'), SNAPSHOT_MIGRATION);
		const rows = sqlite
			.prepare(
				"select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by type, name"
			)
			.all();
		await db.destroy();
		const snapshot = JSON.parse(
			readFileSync(new URL('./snapshots/sqlite-schema.json', import.meta.url), 'utf8')
		);
		expect(rows).toEqual(snapshot);
	});
});

const admin = adminUrl();

describe.skipIf(!admin)('PostgreSQL schema', () => {
	let database: TestDatabase;
	let client: pg.Client;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let db: Kysely<any>;

	beforeAll(async () => {
		database = await createTestDatabase(admin!, 'cx_schema');
		const pool = new pg.Pool({ connectionString: database.url, max: 2 });
		db = new Kysely({ dialect: new PostgresDialect({ pool }) });
		const result = await new Migrator({ db, provider }).migrateToLatest();
		expect(result.error).toBeUndefined();
		client = new pg.Client({ connectionString: database.url });
		await client.connect();
	});
	afterAll(async () => {
		await client?.end();
		await db?.destroy();
		await database?.drop();
	});

	it('has the tables, columns, keys and indexes SQLite has', async () => {
		const { sqlite, db: sqliteDb } = await migratedSqlite(join(dir, 'latest.sqlite'));
		const expected = describeSqlite(sqlite);
		await sqliteDb.destroy();
		const actual = await describePostgres(client);
		expect(Object.keys(expected).length).toBeGreaterThan(20);
		expect(Object.keys(actual)).toEqual(Object.keys(expected));
		for (const table of Object.keys(expected))
			expect([table, actual[table]]).toEqual([table, expected[table]]);
	});

	it('writes the creation time as SQLite does (UTC text to the second)', async () => {
		await client.query(
			`insert into maturity_models (id, model_key, version, name, content) values ('m@1', 'm', '1', 'M', '{}')`
		);
		const { rows } = await client.query<{ created_at: string }>(
			`select created_at from maturity_models where id = 'm@1'`
		);
		const createdAt = rows[0]?.created_at ?? '';
		expect(createdAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		expect(Math.abs(Date.parse(`${createdAt.replace(' ', 'T')}Z`) - Date.now())).toBeLessThan(
			120_000
		);
	});

	it('keeps the checks SQLite keeps (a due quarter is YYYY-Qn)', async () => {
		await client.query(
			`insert into organisations (id, name) values ('o1', 'O');
			 insert into rounds (id, organisation_id, model_id, name) values ('r1', 'o1', 'm@1', 'R')`
		);
		await expect(
			client.query(
				`insert into roadmap_items (round_id, recommendation_id, due_quarter) values ('r1', 'x', '2027-Q5')`
			)
		).rejects.toThrow(/check/);
		await client.query(
			`insert into roadmap_items (round_id, recommendation_id, due_quarter) values ('r1', 'x', '2027-Q4')`
		);
		expect((await client.query('select count(*)::int as n from roadmap_items')).rows[0].n).toBe(1);
	});
});
