/**
 * The one way to open the database, and every migration in db/migrations applied before the first
 * query. Two engines (docs/architecture.md, "Database engines"):
 * - SQLite (the default): better-sqlite3 through Kysely, WAL mode, foreign keys on, a busy timeout;
 * - PostgreSQL, when given a `postgres://` URL (DATABASE_URL): Kysely's PostgreSQL dialect on a
 *   `pg` pool, for several instances behind one database.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
	Kysely,
	Migrator,
	PostgresDialect,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type Migration,
	type MigrationProvider,
	sql
} from 'kysely';
import { isPostgres } from '../../../../db/dialect';
import type { Database } from './schema';

// Bundled by Vite, so the built server carries its migrations and needs no folder at run time.
const migrationModules = import.meta.glob<Migration>('../../../../db/migrations/*.ts', {
	eager: true
});

class BundledMigrationProvider implements MigrationProvider {
	async getMigrations(): Promise<Record<string, Migration>> {
		return Object.fromEntries(
			Object.entries(migrationModules).map(([path, migration]) => [
				path.split('/').pop()!.replace(/\.ts$/, ''),
				migration
			])
		);
	}
}

export type Db = Kysely<Database>;

/**
 * Runs `work` in a transaction, or in the caller's transaction when `db` already is one, so a
 * function that needs a transaction can also take part in a larger one (a change and its audit
 * event).
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export type Engine = 'sqlite' | 'postgres';

/** Whether `db` (or a transaction on it) runs on PostgreSQL. */
export const onPostgres = (db: Db): boolean => isPostgres(db);

/** The rows `lockRow` can lock: a table and the column that names one row of it. */
type LockableRow =
	| ['responses' | 'organisations' | 'workshops', 'id']
	| ['response_links', 'token']
	| ['member_invites' | 'practice_invites', 'token_hash'];

/**
 * Locks the row of `table` whose `column` is `value` until the end of the transaction `trx`, so
 * that transactions that read and then write what depends on it run one after the other, on any
 * instance. On SQLite every transaction already does (one connection, one writer), so nothing is
 * sent.
 */
export async function lockRow(trx: Db, [table, column]: LockableRow, value: string): Promise<void> {
	if (!onPostgres(trx)) return;
	await sql`select 1 from ${sql.table(table)} where ${sql.ref(column)} = ${value} for update`.execute(
		trx
	);
}

/**
 * Locks a name (a counter that may not have a row yet) until the end of the transaction `trx`:
 * PostgreSQL's transaction-level advisory lock on the name's hash. Nothing on SQLite, as above.
 */
export async function lockName(trx: Db, name: string): Promise<void> {
	if (!onPostgres(trx)) return;
	await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx);
}

export interface OpenedDatabase {
	db: Db;
	engine: Engine;
	/** The SQLite handle; undefined on PostgreSQL. */
	sqlite?: SQLite.Database;
	/** The PostgreSQL pool; undefined on SQLite. */
	pool?: pg.Pool;
	close(): Promise<void>;
}

/** Whether `target` (DATABASE_URL or DATABASE_PATH) names a PostgreSQL database. */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/**
 * Kysely prepares every query anew; preparing was the largest single cost of a request in the
 * profile. Queries are built from a fixed set of shapes, so their prepared statements are kept and
 * reused by SQL text (bounded, in case a caller builds unbounded shapes such as long IN lists).
 */
function withStatementCache(sqlite: SQLite.Database) {
	const statements = new Map<string, SQLite.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql: string) {
			let statement = statements.get(sql);
			if (!statement) {
				if (statements.size >= 500) statements.clear();
				statement = sqlite.prepare(sql);
				statements.set(sql, statement);
			}
			return statement;
		}
	};
}

/**
 * Kysely's SQLite driver answers every failed transaction with a ROLLBACK. When the failure was
 * SQLITE_FULL or an I/O error, SQLite has already rolled the transaction back itself, so that
 * ROLLBACK throws "cannot rollback - no transaction is active", and that error, not the one that
 * names the cause (a full disk), is what reached the log. Roll back only a transaction that is
 * still open; the original error then propagates.
 */
class GuardedSqliteDriver extends SqliteDriver {
	constructor(
		private readonly sqlite: SQLite.Database,
		config: ConstructorParameters<typeof SqliteDriver>[0]
	) {
		super(config);
	}

	override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
	}
}

class GuardedSqliteDialect extends SqliteDialect {
	constructor(
		private readonly sqlite: SQLite.Database,
		private readonly config: ConstructorParameters<typeof SqliteDialect>[0]
	) {
		super(config);
	}

	override createDriver(): Driver {
		return new GuardedSqliteDriver(this.sqlite, this.config);
	}
}

/**
 * The database cannot be opened or migrated for a reason an operator can fix (a read-only file or
 * directory, a directory that cannot be created). `message` is one sentence saying what to do;
 * scripts/serve.js prints it alone and exits with 1.
 */
export class DatabaseOpenError extends Error {
	override readonly name = 'DatabaseOpenError';
	readonly code = 'CX_DATABASE_OPEN';
}

const ADVICE = 'Set DATABASE_PATH to a writable file.';

/** A code such as EACCES or SQLITE_READONLY, read from the error or its causes. */
function errorCode(error: unknown): string {
	for (let e = error; e instanceof Error; e = e.cause)
		if ('code' in e && typeof e.code === 'string') return e.code;
	return '';
}

/** Why opening the file at `path` failed, as one sentence, or undefined for an unexpected error. */
function openFailure(path: string, error: unknown, step: 'directory' | 'file'): string | undefined {
	const code = errorCode(error);
	const where = `Cannot open the database at ${path}`;
	const directory = dirname(resolve(path));
	if (step === 'directory') {
		const reason =
			code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
				? 'a parent directory is read-only'
				: code === 'ENOTDIR' || code === 'EEXIST'
					? 'part of the path is a file, not a directory'
					: code || 'unknown error';
		return `${where}: the directory ${directory} cannot be created (${reason}). ${ADVICE}`;
	}
	if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_'))
		return `${where}: the file or its directory ${directory} is read-only. ${ADVICE}`;
	if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_'))
		return `${where}: the file cannot be opened or created in ${directory} (missing permission or a read-only directory). ${ADVICE}`;
	if (code === 'SQLITE_FULL')
		return `${where}: the disk is full. Free some space or set DATABASE_PATH to a file on another disk.`;
	if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
		return `${where}: the file is not a valid SQLite database. Restore it from a backup or set DATABASE_PATH to another file.`;
	return undefined;
}

/**
 * Opens the database `target` names and migrates it to the latest version: a `postgres://` URL, or
 * a SQLite file (created if needed).
 */
export async function openDatabase(target: string): Promise<OpenedDatabase> {
	return isPostgresUrl(target) ? openPostgres(target) : openSqliteDatabase(target);
}

async function migrate(db: Db, failure: (error: unknown) => string | undefined): Promise<void> {
	const migrator = new Migrator({ db, provider: new BundledMigrationProvider() });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		await db.destroy();
		const sentence = failure(error);
		if (sentence) throw new DatabaseOpenError(sentence, { cause: error });
		throw new Error(
			`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`,
			{ cause: error }
		);
	}
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'the PostgreSQL URL';
	}
}

/**
 * PostgreSQL returns 64-bit integers (count(*), sum of integers, bigint columns) and numerics (avg)
 * as strings, to keep their precision; the app's numbers fit a double, and SQLite returns numbers,
 * so both engines answer the same shapes. Booleans come back as 1 and 0 for the same reason.
 */
const pgTypes = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === 20 || oid === 1700) return (value: string) => Number(value);
		// A comparison or `exists` answers 1 or 0, as on SQLite (no column is of type boolean).
		if (oid === 16) return (value: string) => (value === 't' ? 1 : 0);
		return pg.types.getTypeParser(oid, format);
	}
} as pg.CustomTypesConfig;

/** Why connecting to PostgreSQL failed, as one sentence, or undefined for an unexpected error. */
function postgresFailure(url: string, error: unknown): string | undefined {
	const code = errorCode(error);
	const where = `Cannot use the PostgreSQL database at ${redactUrl(url)}`;
	const advice = 'Check DATABASE_URL and that the server runs.';
	if (
		code === 'ECONNREFUSED' ||
		code === 'ENOTFOUND' ||
		code === 'ETIMEDOUT' ||
		code === 'EAI_AGAIN'
	)
		return `${where}: the server does not answer (${code}). ${advice}`;
	if (code === '3D000') return `${where}: the database does not exist. Create it, or ${advice}`;
	if (code === '28P01' || code === '28000')
		return `${where}: the server refused the user or password (${code}). ${advice}`;
	return undefined;
}

async function openPostgres(url: string): Promise<OpenedDatabase> {
	const pool = new pg.Pool({
		connectionString: url,
		max: Number(process.env.DATABASE_POOL_SIZE) || 10,
		types: pgTypes,
		// A statement never waits for a lock for ever (SQLite's busy timeout is 5 s).
		options: '-c lock_timeout=5000'
	});
	// An idle client that loses its connection (server restart) must not crash the process; the
	// pool drops it and opens another on the next query.
	pool.on('error', (error) => console.error(`PostgreSQL pool: ${error.message}`));
	try {
		const client = await pool.connect();
		client.release();
	} catch (error) {
		await pool.end();
		const sentence = postgresFailure(url, error);
		if (sentence) throw new DatabaseOpenError(sentence, { cause: error });
		throw error;
	}
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	await migrate(db, (error) => postgresFailure(url, error));
	return { db, engine: 'postgres', pool, close: () => db.destroy() };
}

export type OpenedSqlite = OpenedDatabase & { engine: 'sqlite'; sqlite: SQLite.Database };

/** Opens (creating if needed) the SQLite file at `path` and migrates it to the latest version. */
export async function openSqliteDatabase(path: string): Promise<OpenedSqlite> {
	if (path !== ':memory:') {
		try {
			mkdirSync(dirname(path), { recursive: true });
		} catch (error) {
			throw new DatabaseOpenError(openFailure(path, error, 'directory'), { cause: error });
		}
	}
	let sqlite: SQLite.Database | undefined;
	try {
		sqlite = new SQLite(path);
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma('busy_timeout = 5000');
		sqlite.pragma('synchronous = NORMAL');
	} catch (error) {
		sqlite?.close();
		const sentence = openFailure(path, error, 'file');
		if (sentence) throw new DatabaseOpenError(sentence, { cause: error });
		throw error;
	}
	const db = new Kysely<Database>({
		dialect: new GuardedSqliteDialect(sqlite, { database: withStatementCache(sqlite) })
	});
	await migrate(db, (error) => openFailure(path, error, 'file'));
	return { db, engine: 'sqlite', sqlite, close: () => db.destroy() };
}

export interface DatabaseHealth {
	engine: Engine;
	/** The database answers reads and accepts a write. */
	ok: boolean;
	canWrite: boolean;
	journalMode?: string;
	/** PostgreSQL: the server's version and the pool's connections (open, idle, waiting clients). */
	serverVersion?: string;
	pool?: { total: number; idle: number; waiting: number };
	/** What failed, with SQLite's code: `SQLITE_FULL: database or disk is full`. */
	error?: string;
}

const describeError = (error: unknown) => {
	const code = errorCode(error);
	const message = error instanceof Error ? error.message : String(error);
	return code && !message.startsWith(code) ? `${code}: ${message}` : message;
};

/**
 * Whether the database answers and can write, for /healthz. A read (`select 1`) succeeds on a full
 * disk and on a read-only file, so the probe also writes: it upserts the one row of `health_probe`
 * with the time, in a transaction through Kysely (so it waits for, and never interleaves with, a
 * transaction in progress). The write goes through SQLite's journal like every other write: it
 * needs the write lock, a writable file and directory and room on the disk, and fails with
 * SQLITE_READONLY, SQLITE_FULL or an I/O error otherwise. (A `BEGIN IMMEDIATE … ROLLBACK` would
 * only take the lock and write nothing, so it passes on a full disk.)
 */
export async function databaseHealth(
	opened: Pick<OpenedDatabase, 'db' | 'sqlite' | 'pool'> & { engine?: Engine }
): Promise<DatabaseHealth> {
	const engine = opened.engine ?? (opened.sqlite ? 'sqlite' : 'postgres');
	const state: Pick<DatabaseHealth, 'journalMode' | 'serverVersion' | 'pool'> = {};
	try {
		if (opened.sqlite) {
			const row = opened.sqlite.prepare('select 1 as ok').get() as { ok: number } | undefined;
			if (row?.ok !== 1)
				return { engine, ok: false, canWrite: false, error: 'select 1 returned nothing' };
			state.journalMode = String(opened.sqlite.pragma('journal_mode', { simple: true }));
		} else {
			const { rows } = await sql<{
				version: string;
			}>`select current_setting('server_version') as version`.execute(opened.db);
			state.serverVersion = rows[0]?.version;
			if (opened.pool)
				state.pool = {
					total: opened.pool.totalCount,
					idle: opened.pool.idleCount,
					waiting: opened.pool.waitingCount
				};
		}
	} catch (error) {
		return { engine, ok: false, canWrite: false, ...state, error: describeError(error) };
	}
	try {
		const checkedAt = new Date().toISOString();
		await opened.db
			.withTables<{ health_probe: { id: number; checked_at: string } }>()
			.transaction()
			.execute((trx) =>
				trx
					.insertInto('health_probe')
					.values({ id: 1, checked_at: checkedAt })
					.onConflict((oc) => oc.column('id').doUpdateSet({ checked_at: checkedAt }))
					.execute()
			);
		return { engine, ok: true, canWrite: true, ...state };
	} catch (error) {
		return { engine, ok: false, canWrite: false, ...state, error: describeError(error) };
	}
}
