/**
 * Two app instances on the test database, for requests that arrive at once through both (issue 15;
 * concurrent-autosave.test.ts, concurrent-workshop.test.ts). On PostgreSQL the second instance is
 * another server process on another port, on the same database. SQLite is the single-instance
 * engine: there both "instances" are the one test server, and the requests still run in parallel.
 *
 *   ({ instances, second } = await startSecondInstance());
 *   ...; await second?.stop();
 */
import { expect, inject } from 'vitest';
import { startServer, type RunningServer } from './spawn-server';

export interface TwoInstances {
	/** The base addresses of the test server and of the second instance (the same on SQLite). */
	instances: [string, string];
	/** The second server process, on PostgreSQL only: the caller stops it. */
	second: RunningServer | undefined;
}

/** Starts the second instance (on PostgreSQL) and gives both instances' addresses. */
export async function startSecondInstance(): Promise<TwoInstances> {
	const baseURL = inject('baseURL');
	const second =
		inject('engine') === 'postgres'
			? await startServer({
					databasePath: '',
					env: { DATABASE_URL: inject('databasePath'), AUTH_ATTEMPTS_PER_ADDRESS: '100000' }
				})
			: undefined;
	return { instances: [baseURL, second?.baseURL ?? baseURL], second };
}

/**
 * Both instances answer /healthz with the test run's engine, and on PostgreSQL they are two
 * addresses.
 */
export async function expectSharedDatabase(instances: readonly [string, string]): Promise<void> {
	const engine = inject('engine');
	const engines = await Promise.all(
		instances.map(
			async (base) =>
				((await (await fetch(`${base}/healthz`)).json()) as { database: { engine: string } })
					.database.engine
		)
	);
	expect(engines).toEqual([engine, engine]);
	if (engine === 'postgres') expect(instances[0]).not.toBe(instances[1]);
}
