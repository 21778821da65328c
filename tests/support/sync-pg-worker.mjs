// The worker behind tests/support/sync-pg.ts: runs each query it is sent on a pg pool and wakes
// the waiting test thread.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

const types = {
	getTypeParser(oid, format) {
		if (oid === 20 || oid === 1700) return (value) => Number(value);
		return pg.types.getTypeParser(oid, format);
	}
};
const pool = new pg.Pool({ connectionString: workerData.url, max: 1, types });
parentPort.on('message', async ({ sql, params, port, signal }) => {
	try {
		const result = await pool.query(sql, params);
		port.postMessage({ rows: result.rows, changes: result.rowCount ?? 0 });
	} catch (error) {
		port.postMessage({ error: error instanceof Error ? error.message : String(error) });
	}
	Atomics.store(signal, 0, 1);
	Atomics.notify(signal, 0);
});
