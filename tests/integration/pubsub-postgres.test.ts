/**
 * The workshop's publish/subscribe across processes on PostgreSQL (src/lib/server/pubsub-postgres.ts):
 * two instances on one database (two PostgresPubSub, each with its own LISTEN connection) see each
 * other's events in order, once each, and a listener whose connection is cut gets events again after
 * it reconnects. Runs when TEST_DATABASE_URL names a PostgreSQL server.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, PostgresPubSub } from '../../src/lib/server/pubsub-postgres';
import type { WorkshopEvent } from '../../src/lib/server/pubsub';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/postgres';

const admin = adminUrl();

async function until(check: () => boolean | Promise<boolean>, what: string) {
	for (let i = 0; i < 300; i++) {
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`gave up waiting for ${what}`);
}

describe.skipIf(!admin)('PostgreSQL LISTEN/NOTIFY publish/subscribe', () => {
	let database: TestDatabase;
	let pool: pg.Pool;
	const instances: PostgresPubSub[] = [];
	const make = () => {
		const instance = new PostgresPubSub(database.url, async (channel, payload) => {
			await pool.query('select pg_notify($1, $2)', [channel, payload]);
		});
		instances.push(instance);
		return instance;
	};

	beforeAll(async () => {
		database = await createTestDatabase(admin!, 'cx_pubsub');
		pool = new pg.Pool({ connectionString: database.url, max: 2 });
	});
	afterAll(async () => {
		for (const instance of instances) await instance.close();
		await pool?.end();
		await database?.drop();
	});

	it('delivers an event published on one instance to the subscribers of both, once, in order', async () => {
		const a = make();
		const b = make();
		await Promise.all([a.ready(), b.ready()]);
		const onA: WorkshopEvent[] = [];
		const onB: WorkshopEvent[] = [];
		const other: WorkshopEvent[] = [];
		a.subscribe('workshop:w1', (e) => onA.push(e));
		const stop = b.subscribe('workshop:w1', (e) => onB.push(e));
		b.subscribe('workshop:w2', (e) => other.push(e));
		for (let version = 1; version <= 5; version++)
			a.publish('workshop:w1', { workshopId: 'w1', version });
		await until(() => onA.length === 5 && onB.length === 5, 'five events on both');
		expect(onB.map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
		expect(onA.map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
		stop();
		b.publish('workshop:w1', { workshopId: 'w1', version: 6 });
		b.publish('workshop:w2', { workshopId: 'w2', version: 1 });
		await until(() => onA.length === 6 && other.length === 1, 'the next events');
		expect(onB).toHaveLength(5);
		expect(other).toEqual([{ workshopId: 'w2', version: 1 }]);
	});

	it('listens again after its connection is cut', async () => {
		const a = make();
		const b = make();
		await Promise.all([a.ready(), b.ready()]);
		const seen: number[] = [];
		b.subscribe('workshop:w3', (e) => seen.push(e.version));
		const listeners = async () =>
			(
				await pool.query<{ pid: number }>(
					`select pid from pg_stat_activity where datname = current_database() and query = $1`,
					[`listen ${CHANNEL}`]
				)
			).rows.map((r) => r.pid);
		await until(async () => (await listeners()).length >= 2, 'the listening connections');
		// Cut every listening connection (both instances'), as a server restart would.
		for (const pid of await listeners()) await pool.query('select pg_terminate_backend($1)', [pid]);
		let version = 0;
		await until(async () => {
			a.publish('workshop:w3', { workshopId: 'w3', version: ++version });
			return seen.length > 0;
		}, 'an event after the reconnection');
		expect(seen.every((v) => v >= 1)).toBe(true);
	});
});
