import { json } from '@sveltejs/kit';
import { configuredEngine, database, databaseHealth } from '$lib/server/db';
import { getDefaultModel } from '$lib/server/db/models';
import type { RequestHandler } from './$types';

/**
 * Liveness and readiness: 200 with the database's state when it answers and accepts a write, 503
 * with the cause when it does not (a full disk and a read-only file both answer reads).
 */
export const GET: RequestHandler = async () => {
	const headers = { 'cache-control': 'no-store' };
	try {
		const opened = await database();
		const health = await databaseHealth(opened);
		if (!health.ok) {
			console.error(`/healthz: the database is not healthy: ${health.error}`);
			return json({ status: 'error', database: health }, { status: 503, headers });
		}
		const model = await getDefaultModel(opened.db);
		return json({ status: 'ok', database: health, model: model.id }, { headers });
	} catch (err) {
		const error = err instanceof Error ? err.message : String(err);
		console.error(`/healthz: ${error}`);
		return json(
			{
				status: 'error',
				database: { engine: configuredEngine(), ok: false, canWrite: false, error }
			},
			{ status: 503, headers }
		);
	}
};
