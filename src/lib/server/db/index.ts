/**
 * The app's single database connection, opened on first use from DATABASE_PATH (default
 * db/cx-maturity.sqlite), migrated, with the default model stored.
 */
import { env } from '$env/dynamic/private';
import { openDatabase, type OpenedDatabase } from './connection';
import { ensureDefaultModel } from './models';

export const DEFAULT_DATABASE_PATH = 'db/cx-maturity.sqlite';

let opening: Promise<OpenedDatabase> | undefined;

export function database(): Promise<OpenedDatabase> {
	opening ??= (async () => {
		const opened = await openDatabase(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
		await ensureDefaultModel(opened.db);
		return opened;
	})();
	return opening;
}

export { databaseHealth, DatabaseOpenError, type DatabaseHealth } from './connection';
