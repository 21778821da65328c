/**
 * Bench (PostgreSQL only): edits to submitted responses of one group at once. Each edit changes
 * the round's sums in its transaction (db/round-sums.ts), and the sums of one group are a few rows,
 * so parallel edits queue on them. Seeds a fresh database with RESPONSES submitted responses in
 * one department × role level, opens it twice (two "instances", a pool of 10 each), then saves
 * one answer in each of PARALLEL responses at once, ROUNDS times, and reports:
 *
 *   - each save's time (median, p95, max), which includes any wait for a lock;
 *   - the longest lock wait seen: pg_stat_activity is sampled every few milliseconds for sessions
 *     of the database waiting on a lock (`wait_event_type = 'Lock'`), and a waiting query's age
 *     is how long it has waited.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     node scripts/run-ts.mjs bench/sums-contention.ts
 *
 * Figures only (prints them; nothing is asserted). The database is dropped at the end.
 */
import pg from 'pg';
import type { StageId } from '$lib/domain/model';
import { insertSubmittedResponses } from '$lib/server/db/bulk';
import { openDatabase } from '$lib/server/db/connection';
import { saveAnswer } from '$lib/server/db/responses';
import { createTestDatabase } from '../tests/support/postgres';
import { benchResponse, createBenchRound } from './bench-round';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 200);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const quantile = (xs: number[], q: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * q) - 1)]!;

export default async function main(): Promise<void> {
	const admin = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
	const database = await createTestDatabase(admin, 'cx_bench');
	const first = await openDatabase(database.url);
	const second = await openDatabase(database.url);
	const watcher = new pg.Client({ connectionString: database.url });
	await watcher.connect();
	try {
		const { stored, departments, roleLevels, round, questions } = await createBenchRound(first.db, [
			'One team'
		]);
		const batch = Array.from({ length: RESPONSES }, (_, i) =>
			benchResponse(stored, i, {
				departmentId: departments[0]!.id,
				roleLevelId: roleLevels[0]!.id,
				answers: Object.fromEntries(questions.map((q, j) => [q, (((i + j) % 4) + 1) as StageId]))
			})
		);
		const ids = await insertSubmittedResponses(first, round, batch);

		let longestWait = 0;
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				const { rows } = await watcher.query<{ waited: number }>(
					`select coalesce(max(extract(epoch from clock_timestamp() - query_start)) * 1000, 0)::float8 as waited
					 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`
				);
				longestWait = Math.max(longestWait, rows[0]?.waited ?? 0);
				await new Promise((r) => setTimeout(r, 2));
			}
		})();

		const times: number[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			await Promise.all(
				ids.slice(0, PARALLEL).map(async (id, i) => {
					const t = performance.now();
					// Each edit changes one answer of its own response: its question and area sums move.
					await saveAnswer(i % 2 ? second.db : first.db, id, {
						questionId: questions[(i + round) % questions.length]!,
						level: (((i + round * 3) % 4) + 1) as StageId
					});
					times.push(performance.now() - t);
				})
			);
		}
		sampling = false;
		await sampler;
		const ms = (x: number) => `${Math.round(x)} ms`;
		console.log(
			`${PARALLEL} parallel edits of submitted responses in one group, ${ROUNDS} times, two pools of 10: ` +
				`save median ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))}, max ${ms(Math.max(...times))}; ` +
				`longest lock wait seen ${ms(longestWait)}`
		);
	} finally {
		await watcher.end();
		await first.close();
		await second.close();
		await database.drop();
	}
}
