/**
 * PostgreSQL for the tests: TEST_DATABASE_URL names a server and a database to connect to for
 * administration (e.g. postgres://postgres@127.0.0.1:5432/postgres). Each run creates its own
 * database on it (`cx_test_<random>`) and drops it at the end. Without TEST_DATABASE_URL the
 * PostgreSQL tests are skipped and SQLite is used, as on a machine without PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const adminUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

/**
 * The server for tests that run on PostgreSQL whenever one answers (the e2e journey on two
 * instances): TEST_DATABASE_URL, else the default of `npm run test:integration:pg`.
 */
export const adminUrlOrDefault = (): string =>
	process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether the server at `url` answers (a connection and `select 1`). */
export async function reachable(url: string): Promise<boolean> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.query('select 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => undefined);
	}
}

export interface TestDatabase {
	url: string;
	name: string;
	drop(): Promise<void>;
}

/** Creates an empty database on the server of `admin` and returns its URL. */
export async function createTestDatabase(admin: string, prefix = 'cx_test'): Promise<TestDatabase> {
	const name = `${prefix}_${randomBytes(6).toString('hex')}`;
	const client = new pg.Client({ connectionString: admin });
	await client.connect();
	try {
		await client.query(`create database ${name}`);
	} finally {
		await client.end();
	}
	const url = new URL(admin);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		name,
		async drop() {
			const c = new pg.Client({ connectionString: admin });
			await c.connect();
			try {
				await c.query(`drop database if exists ${name} with (force)`);
			} finally {
				await c.end();
			}
		}
	};
}
