/**
 * The one way to open the database: better-sqlite3 through Kysely, WAL mode, foreign keys on, a
 * busy timeout, and every migration in db/migrations applied before the first query.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
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

/** Opens (creating if needed) the SQLite file at `path` and migrates it to the latest version. */
export async function openDatabase(path: string): Promise<OpenedDatabase> {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new SQLite(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({ database: withStatementCache(sqlite) })
	});
	const migrator = new Migrator({ db, provider: new BundledMigrationProvider() });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		await db.destroy();
		throw new Error(
			`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`
		);
	}
	return { db, sqlite, close: () => db.destroy() };
}

/** Reports whether the database answers, for /healthz. */
export function databaseHealth(sqlite: SQLite.Database): { ok: boolean; journalMode: string } {
	const row = sqlite.prepare('select 1 as ok').get() as { ok: number } | undefined;
	const journalMode = String(sqlite.pragma('journal_mode', { simple: true }));
	return { ok: row?.ok === 1, journalMode };
}
