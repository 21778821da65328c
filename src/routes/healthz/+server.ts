import { json } from '@sveltejs/kit';
import { database, databaseHealth } from '$lib/server/db';
import { getDefaultModel } from '$lib/server/db/models';
import type { RequestHandler } from './$types';

/** Liveness and readiness: 200 with the database's state, 503 when it does not answer. */
export const GET: RequestHandler = async () => {
	try {
		const { db, sqlite } = await database();
		const health = databaseHealth(sqlite);
		const model = await getDefaultModel(db);
		return json(
			{ status: health.ok ? 'ok' : 'error', database: health, model: model.id },
			{ status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
		);
	} catch (err) {
		return json(
			{ status: 'error', database: { ok: false, error: String(err) } },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
