// The worker behind tests/support/sync-pg.ts: runs each query it is sent on a pg pool and wakes
// the waiting test thread. Numbers and booleans come back as SQLite gives them.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

const types = {
	getTypeParser(oid, format) {
		if (oid === 20 || oid === 1700) return (value) => Number(value);
		// A comparison (`x is not null`) answers 1 or 0, as SQLite does.
		if (oid === 16) return (value) => (value === 't' ? 1 : 0);
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
