/**
 * An empty PostgreSQL database per run, made on a server given by an administration URL and
 * dropped at the end: for the tests (tests/support/postgres.ts) and the benches
 * (bench/environment.js). Plain JavaScript typed with JSDoc, because the benches that start the
 * built app run under plain node (`node bench/engines.js`), which cannot import TypeScript; the
 * tests and the TypeScript benches import it through Vite.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The server to administer from: TEST_DATABASE_URL, else the project machines' local server (the
 * default of `npm run test:integration:pg`).
 * @returns {string}
 */
export const adminUrlOrDefault = () =>
	process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Undefined when the server at `url` answers (a connection and `select 1`), else why not (one
 * line).
 * @param {string} url
 * @returns {Promise<string | undefined>}
 */
export async function postgresUnreachable(url) {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.query('select 1');
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	} finally {
		await client.end().catch(() => undefined);
	}
}

/**
 * Runs `work` with a client connected to `url`, and ends it.
 * @template T
 * @param {string} url
 * @param {(client: pg.Client) => Promise<T>} work
 * @returns {Promise<T>}
 */
async function withClient(url, work) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/**
 * @typedef {object} ScratchDatabase
 * @property {string} url
 * @property {string} name
 * @property {() => Promise<number[]>} backendPids the server processes now connected to it
 * @property {() => Promise<void>} drop
 */

/**
 * Creates an empty database `<prefix>_<random>` on the server of `admin`.
 * @param {string} admin
 * @param {string} prefix
 * @returns {Promise<ScratchDatabase>}
 */
export async function createScratchDatabase(admin, prefix) {
	const name = `${prefix}_${randomBytes(6).toString('hex')}`;
	await withClient(admin, (c) => c.query(`create database ${name}`));
	const url = new URL(admin);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		name,
		backendPids: () =>
			withClient(admin, async (c) => {
				const { rows } = await c.query(
					'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
					[name]
				);
				return rows.map((row) => Number(row.pid));
			}),
		drop: async () => {
			await withClient(admin, (c) => c.query(`drop database if exists ${name} with (force)`));
		}
	};
}
