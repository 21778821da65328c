/**
 * A synchronous, better-sqlite3-shaped handle on the PostgreSQL test database, so that the test
 * helpers that read the database directly (`testDb().prepare(sql).get(...)`) run unchanged on both
 * engines: each query goes to a worker thread that runs it on `pg`, while this thread waits on an
 * Atomics signal. `?` placeholders become `$1`, `$2`...; 64-bit integers come back as numbers.
 * For tests only.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

export interface SyncStatement {
	get(...params: unknown[]): unknown;
	all(...params: unknown[]): unknown[];
	run(...params: unknown[]): { changes: number };
}
export interface SyncDatabase {
	prepare(sql: string): SyncStatement;
	close(): void;
}

const numbered = (sql: string) => {
	let n = 0;
	return sql.replace(/\?/g, () => `$${++n}`);
};

export function syncPostgres(url: string): SyncDatabase {
	const worker = new Worker(new URL('./sync-pg-worker.mjs', import.meta.url), {
		workerData: { url }
	});
	worker.unref();
	const query = (sql: string, params: unknown[]) => {
		const signal = new Int32Array(new SharedArrayBuffer(4));
		const { port1, port2 } = new MessageChannel();
		worker.postMessage({ sql: numbered(sql), params, port: port2, signal }, [port2]);
		Atomics.wait(signal, 0, 0, 30_000);
		const message = receiveMessageOnPort(port1)?.message as
			{ rows: unknown[]; changes: number; error?: undefined } | { error: string } | undefined;
		port1.close();
		if (!message) throw new Error(`no answer from PostgreSQL to: ${sql}`);
		if (message.error !== undefined) throw new Error(`${message.error} in: ${sql}`);
		return message as { rows: unknown[]; changes: number };
	};
	return {
		prepare: (sql) => ({
			get: (...params) => query(sql, params).rows[0],
			all: (...params) => query(sql, params).rows,
			run: (...params) => ({ changes: query(sql, params).changes })
		}),
		close: () => void worker.terminate()
	};
}
