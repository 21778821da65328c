/**
 * The process's publish/subscribe (contract in `pubsub.ts`): in-process on SQLite (one server),
 * PostgreSQL LISTEN/NOTIFY when DATABASE_URL names PostgreSQL (several servers, one database).
 */
import { env } from '$env/dynamic/private';
import { sql } from 'kysely';
import { configuredEngine, database } from './db';
import { MemoryPubSub } from './pubsub-memory';
import { PostgresPubSub } from './pubsub-postgres';
import type { PubSub } from './pubsub';

let shared: PubSub | undefined;

export function pubsub(): PubSub {
	shared ??=
		configuredEngine() === 'postgres'
			? new PostgresPubSub(env.DATABASE_URL!.trim(), async (channel, payload) => {
					const { db } = await database();
					await sql`select pg_notify(${channel}, ${payload})`.execute(db);
				})
			: new MemoryPubSub();
	return shared;
}

/** Ends the LISTEN connection on PostgreSQL, when the server shuts down. */
export async function closePubSub(): Promise<void> {
	const current = shared;
	shared = undefined;
	if (current instanceof PostgresPubSub) await current.close();
}
