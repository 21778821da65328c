/**
 * The one way to open the database: better-sqlite3 through Kysely, WAL mode, foreign keys on, a
 * busy timeout, and every migration in db/migrations applied before the first query.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
	Kysely,
	Migrator,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type Migration,
	type MigrationProvider
} from 'kysely';
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

export interface OpenedDatabase {
	db: Db;
	sqlite: SQLite.Database;
	close(): Promise<void>;
}

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

/** Opens (creating if needed) the SQLite file at `path` and migrates it to the latest version. */
export async function openDatabase(path: string): Promise<OpenedDatabase> {
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
	const migrator = new Migrator({ db, provider: new BundledMigrationProvider() });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		await db.destroy();
		const sentence = openFailure(path, error, 'file');
		if (sentence) throw new DatabaseOpenError(sentence, { cause: error });
		throw new Error(
			`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`,
			{ cause: error }
		);
	}
	return { db, sqlite, close: () => db.destroy() };
}

export interface DatabaseHealth {
	/** The database answers reads and accepts a write. */
	ok: boolean;
	canWrite: boolean;
	journalMode?: string;
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
	opened: Pick<OpenedDatabase, 'db' | 'sqlite'>
): Promise<DatabaseHealth> {
	let journalMode: string | undefined;
	try {
		const row = opened.sqlite.prepare('select 1 as ok').get() as { ok: number } | undefined;
		if (row?.ok !== 1) return { ok: false, canWrite: false, error: 'select 1 returned nothing' };
		journalMode = String(opened.sqlite.pragma('journal_mode', { simple: true }));
	} catch (error) {
		return { ok: false, canWrite: false, error: describeError(error) };
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
		return { ok: true, canWrite: true, journalMode };
	} catch (error) {
		return { ok: false, canWrite: false, journalMode, error: describeError(error) };
	}
}
