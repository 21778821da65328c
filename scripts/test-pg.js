// `npm run test:integration:pg`: the integration suite against PostgreSQL (a fresh database per
// run, made and dropped by tests/support/built-server.ts). TEST_DATABASE_URL names the server and
// a database to administer it from (default postgres://postgres@127.0.0.1:5432/postgres). On a
// machine without PostgreSQL it says that the PostgreSQL tests did not run and exits with 0.
// Needs the built app (`npm run build`, or `npm test` before it).
//
// Only the files that exercise the engine run: the files below do nothing on PostgreSQL that the
// SQLite pass has not done already (they open SQLite files of their own, start servers on them, or
// skip themselves on PostgreSQL), so they are left out of this pass. A file named on the command
// line runs whatever it is (`npm run test:integration:pg -- tests/integration/workshops.test.ts`).
// A new integration file runs on both engines unless it is added here, with its reason.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const SQLITE_ONLY = [
	'api-rate-limit', // its own server on a SQLite file
	'backup', // SQLite's backup and restore; skipped on PostgreSQL
	'compiled-query', // the statement cache of better-sqlite3, on a SQLite file
	'database-health', // SQLite files made read-only or full, and servers on them
	'demo-practice', // its own server on a SQLite file
	'headers', // response headers, made before and apart from the database
	'migrations', // each migration on SQLite files (schema-engines.test.ts compares the engines)
	'practice-models-db', // its own SQLite file
	'public-demo', // its own server on a SQLite file
	'workshop-hub', // the live hub on its own SQLite file
	'workshops' // the workshop storage on its own SQLite file
].map((name) => `tests/integration/${name}.test.ts`);

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
	await client.connect();
	await client.query('select 1');
} catch (error) {
	const where = url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
	console.log(
		`PostgreSQL is not reachable at ${where} (${error instanceof Error ? error.message : error}): the PostgreSQL tests did not run.`
	);
	process.exit(0);
} finally {
	await client.end().catch(() => undefined);
}
const args = process.argv.slice(2);
// Files named (arguments not starting with "-") run as asked; otherwise every file but the above.
const named = args.some((arg) => !arg.startsWith('-'));
const exclude = named ? [] : SQLITE_ONLY.flatMap((file) => ['--exclude', file]);
const result = spawnSync(
	'npx',
	['vitest', 'run', '--project', 'integration', ...exclude, ...args],
	{ stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } }
);
process.exit(result.status ?? 1);
