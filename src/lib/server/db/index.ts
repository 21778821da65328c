/**
 * The app's single database connection, opened on first use, migrated, with the default model
 * stored: PostgreSQL when DATABASE_URL is a `postgres://` URL, otherwise the SQLite file at
 * DATABASE_PATH (default db/cx-maturity.sqlite).
 */
import { env } from '$env/dynamic/private';
import { isPostgresUrl, openDatabase, type Engine, type OpenedDatabase } from './connection';
import { ensureDefaultModel } from './models';

export const DEFAULT_DATABASE_PATH = 'db/cx-maturity.sqlite';

/** What the app opens: DATABASE_URL when it names PostgreSQL, else DATABASE_PATH. */
export function databaseTarget(): string {
	const url = env.DATABASE_URL?.trim();
	if (url) {
		if (!isPostgresUrl(url))
			throw new Error('DATABASE_URL must start with postgres:// (or leave it unset for SQLite).');
		return url;
	}
	return env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

export const configuredEngine = (): Engine =>
	isPostgresUrl(env.DATABASE_URL?.trim() ?? '') ? 'postgres' : 'sqlite';

let opening: Promise<OpenedDatabase> | undefined;

export function database(): Promise<OpenedDatabase> {
	opening ??= (async () => {
		const opened = await openDatabase(databaseTarget());
		await ensureDefaultModel(opened.db);
		return opened;
	})();
	return opening;
}

/** Closes the database (the pool on PostgreSQL), when the server shuts down. */
export async function closeDatabase(): Promise<void> {
	const current = opening;
	opening = undefined;
	if (current) await (await current.catch(() => undefined))?.close();
}

export { databaseHealth, DatabaseOpenError, type DatabaseHealth, type Engine } from './connection';
