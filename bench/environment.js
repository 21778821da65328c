/**
 * What the benches need of their surroundings, typed for the TypeScript benches that import it
 * (bench/dashboard.ts): the PostgreSQL server to use, an empty scratch database on it per run (as
 * tests/support/postgres.ts makes one per test run), and the machine's load average.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';

/**
 * The PostgreSQL server the benches use, and a database on it to administer from:
 * BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the project machines' local server.
 * @returns {string}
 */
export const postgresAdminUrl = () =>
	process.env.BENCH_DATABASE_URL ||
	process.env.TEST_DATABASE_URL ||
	'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The URL without its password, for messages.
 * @param {string} url
 */
export const redact = (url) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/**
 * Undefined when the server at `url` answers `select 1`, else why not (one line).
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
 * @param {string} [prefix]
 * @returns {Promise<ScratchDatabase>}
 */
export async function createScratchDatabase(admin, prefix = 'cx_bench') {
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

/**
 * The load average, as an object (prettier keeps it as written in the results' JSON).
 * @returns {{ '1m': number, '5m': number, '15m': number }}
 */
export const loadAverage = () => {
	const [m1 = 0, m5 = 0, m15 = 0] = loadavg().map((n) => Math.round(n * 10) / 10);
	return { '1m': m1, '5m': m5, '15m': m15 };
};
