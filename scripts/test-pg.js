// `npm run test:integration:pg`: the integration suite against PostgreSQL (a fresh database per
// run, made and dropped by tests/support/built-server.ts). TEST_DATABASE_URL names the server and
// a database to administer it from (default postgres://postgres@127.0.0.1:5432/postgres). On a
// machine without PostgreSQL it says that the PostgreSQL tests did not run and exits with 0.
// Needs the built app (`npm run build`, or `npm test` before it).
import { spawnSync } from 'node:child_process';
import pg from 'pg';

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
const result = spawnSync(
	'npx',
	['vitest', 'run', '--project', 'integration', ...process.argv.slice(2)],
	{ stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } }
);
process.exit(result.status ?? 1);
