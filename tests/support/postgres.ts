/**
 * PostgreSQL for the tests: TEST_DATABASE_URL names a server and a database to connect to for
 * administration (e.g. postgres://postgres@127.0.0.1:5432/postgres). Each run creates its own
 * database on it (`cx_test_<random>`) and drops it at the end. Without TEST_DATABASE_URL the
 * PostgreSQL tests are skipped and SQLite is used, as on a machine without PostgreSQL. The
 * databases are made by scratch-database.js, which the benches share.
 */
import { createScratchDatabase, postgresUnreachable } from './scratch-database.js';

export { adminUrlOrDefault } from './scratch-database.js';

export const adminUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

/** Whether the server at `url` answers (a connection and `select 1`). */
export async function reachable(url: string): Promise<boolean> {
	return (await postgresUnreachable(url)) === undefined;
}

export interface TestDatabase {
	url: string;
	name: string;
	drop(): Promise<void>;
}

/** Creates an empty database on the server of `admin` and returns its URL. */
export function createTestDatabase(admin: string, prefix = 'cx_test'): Promise<TestDatabase> {
	return createScratchDatabase(admin, prefix);
}
