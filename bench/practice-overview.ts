/**
 * Bench: the practice overview's reads (`loadPracticeOverview`) for a practice of 50 clients, each
 * with two closed rounds of 20 submitted responses to the default model, in a fresh SQLite file.
 * Prints the median and p95 of the whole load.
 *
 *   node scripts/run-ts.mjs bench/practice-overview.ts
 *   BENCH_CLIENTS=200 node scripts/run-ts.mjs bench/practice-overview.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StageId } from '$lib/domain/model';
import { insertSubmittedResponses, type LoadedResponse } from '$lib/server/db/bulk';
import { openDatabase } from '$lib/server/db/connection';
import { ensureDefaultModel } from '$lib/server/db/models';
import { createClientOrganisation, createPractice } from '$lib/server/db/practices';
import { createRound } from '$lib/server/db/rounds';
import { createUser } from '$lib/server/db/users';
import { loadPracticeOverview } from '$lib/server/practice-overview';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const RESPONSES = 20;
const RUNS = 21;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

export default async function main(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'cx-bench-practice-'));
	const opened = await openDatabase(join(dir, 'bench.sqlite'));
	try {
		const { db } = opened;
		const stored = await ensureDefaultModel(db);
		const user = await createUser(db, {
			email: 'partner@example.com',
			displayName: 'Partner',
			passwordHash: 'x'
		});
		const practice = await createPractice(db, { name: 'Bench practice', partnerId: user!.id });
		let seed = 1;
		const level = () => ((seed = (seed * 16807) % 2147483647) % 4) + 1;
		for (let c = 0; c < CLIENTS; c++) {
			const organisation = await createClientOrganisation(db, {
				practiceId: practice.id,
				name: `Client ${c}`,
				sector: null,
				sizeBand: null
			});
			for (let r = 0; r < 2; r++) {
				const round = await createRound(db, {
					organisationId: organisation.id,
					modelId: stored.id,
					name: `Round ${r}`,
					anonymityThreshold: 5,
					createdBy: user!.id
				});
				const responses: LoadedResponse[] = Array.from({ length: RESPONSES }, () => ({
					departmentId: null,
					roleLevelId: null,
					answers: Object.fromEntries(
						stored.model.areas.flatMap((a) => a.questions.map((q) => [q.id, level() as StageId]))
					),
					submittedAt: new Date().toISOString()
				}));
				await insertSubmittedResponses(opened, round, responses);
			}
		}
		const times: number[] = [];
		let rows = 0;
		for (let i = 0; i < RUNS; i++) {
			const start = performance.now();
			rows = (await loadPracticeOverview(db, practice.id)).length;
			times.push(performance.now() - start);
		}
		console.log(
			`practice overview, ${CLIENTS} clients × 2 rounds × ${RESPONSES} responses (${rows} rows): ` +
				`median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms over ${RUNS} runs`
		);
	} finally {
		await opened.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
