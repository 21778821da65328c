/**
 * What the benches need of their surroundings, typed for the TypeScript benches that import it
 * (bench/dashboard.ts): the PostgreSQL server to use, an empty scratch database on it per run (made
 * as the tests make theirs, by tests/support/scratch-database.js), and the machine's load average.
 */
import { loadavg } from 'node:os';
import {
	adminUrlOrDefault,
	createScratchDatabase as createDatabase
} from '../tests/support/scratch-database.js';

export { postgresUnreachable } from '../tests/support/scratch-database.js';

/**
 * The PostgreSQL server the benches use, and a database on it to administer from:
 * BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the project machines' local server.
 * @returns {string}
 */
export const postgresAdminUrl = () => process.env.BENCH_DATABASE_URL || adminUrlOrDefault();

/**
 * The URL without its password, for messages.
 * @param {string} url
 */
export const redact = (url) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/**
 * Creates an empty database `<prefix>_<random>` (`cx_bench_…` unless named) on the server of
 * `admin`.
 * @param {string} admin
 * @param {string} [prefix]
 */
export const createScratchDatabase = (admin, prefix = 'cx_bench') => createDatabase(admin, prefix);

/**
 * The load average, as an object (prettier keeps it as written in the results' JSON).
 * @returns {{ '1m': number, '5m': number, '15m': number }}
 */
export const loadAverage = () => {
	const [m1 = 0, m5 = 0, m15 = 0] = loadavg().map((n) => Math.round(n * 10) / 10);
	return { '1m': m1, '5m': m5, '15m': m15 };
};
