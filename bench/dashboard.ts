/**
 * Bench: the round dashboard's data for a large round — 10,000 submitted responses to the default
 * model (41 questions in 9 areas) across 50 departments and 4 role levels — in a fresh SQLite file.
 * Measures the server work behind the dashboard (what `loadDashboard` does: the round's sums, the
 * anonymity rules, departments × areas, role levels, perception gaps, and the page's view):
 *
 *   the dashboard for the whole round and for a department × role level filter, from the sums
 *   kept per cell (db/round-sums.ts); an edit of a submitted answer, which updates those sums in
 *   its transaction; and a rebuild of the sums from every answer (`rebuildRoundSums`, which bulk
 *   loading and repairs use)
 *
 * Prints medians, p95 and peak memory, and writes them to bench/results/dashboard.json.
 *
 *   node scripts/run-ts.mjs bench/dashboard.ts            (part of npm run bench)
 *   BENCH_RESPONSES=2000 node scripts/run-ts.mjs bench/dashboard.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardView } from '$lib/domain/dashboard-view';
import type { StageId } from '$lib/domain/model';
import { loadDashboard } from '$lib/server/dashboard';
import { saveAnswer } from '$lib/server/db/responses';
import { createRound } from '$lib/server/db/rounds';
import { insertSubmittedResponses, type LoadedResponse } from '$lib/server/db/bulk';
import { openSqliteDatabase } from '$lib/server/db/connection';
import { ensureDefaultModel } from '$lib/server/db/models';
import { rebuildRoundSums } from '$lib/server/db/round-sums';
import { addGroup, listGroups } from '$lib/server/db/groups';
import { createOrganisation } from '$lib/server/db/organisations';
import { createUser } from '$lib/server/db/users';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 10_000);
const DEPARTMENTS = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const AIM_MS = 150;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

export default async function main(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'cx-bench-dashboard-'));
	const opened = await openSqliteDatabase(join(dir, 'bench.sqlite'));
	try {
		const { db, sqlite } = opened;
		const stored = await ensureDefaultModel(db);
		const user = (await createUser(db, {
			email: 'bench@example.com',
			displayName: 'Bench',
			passwordHash: 'not-used'
		}))!;
		const org = await createOrganisation(db, { name: 'Bench', ownerId: user.id });
		for (let i = 1; i <= DEPARTMENTS; i++) await addGroup(db, 'departments', org.id, `Dept ${i}`);
		const departments = await listGroups(db, 'departments', org.id);
		const roleLevels = await listGroups(db, 'role_levels', org.id);
		const round = await createRound(db, {
			organisationId: org.id,
			modelId: stored.id,
			name: 'Bench round',
			anonymityThreshold: 5,
			createdBy: user.id
		});

		// Deterministic answers: each department has its own level, plus noise and "don't know".
		let seed = 42;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const questions = stored.model.areas.flatMap((a) => a.questions.map((q) => q.id));
		const started = performance.now();
		const batch: LoadedResponse[] = [];
		for (let i = 0; i < RESPONSES; i++) {
			const d = i % DEPARTMENTS;
			const base = 1 + (d % 4) * 0.7;
			const answers: LoadedResponse['answers'] = {};
			for (const q of questions)
				answers[q] =
					random() < 0.05
						? null
						: (Math.min(4, Math.max(1, Math.round(base + random() * 1.6 - 0.8))) as StageId);
			batch.push({
				departmentId: departments[d]!.id,
				roleLevelId: roleLevels[i % roleLevels.length]!.id,
				answers,
				targets: { [stored.model.areas[0]!.id]: 3 },
				submittedAt: new Date(Date.UTC(2026, 9, 1) + i * 1000).toISOString()
			});
			// In batches, so the seeding does not hold every response in memory at once.
			const last = i === RESPONSES - 1;
			if (batch.length === 1000 || last) {
				await insertSubmittedResponses(opened, round, batch, { rebuildSums: last });
				batch.length = 0;
			}
		}
		console.log(
			`seeded ${RESPONSES} responses × ${questions.length} questions in ${DEPARTMENTS} departments (${Math.round(performance.now() - started)} ms)`
		);

		(globalThis as { gc?: () => void }).gc?.();
		// RSS includes Vite, which hosts this script; the heap shows what the dashboard itself takes.
		const before = process.memoryUsage();
		let peak = before.rss;
		let peakHeap = before.heapUsed;
		const sample = setInterval(() => {
			const now = process.memoryUsage();
			peak = Math.max(peak, now.rss);
			peakHeap = Math.max(peakHeap, now.heapUsed);
		}, 5);
		const view = async (params?: URLSearchParams) => {
			const t = performance.now();
			const loaded = await loadDashboard(db, round, params);
			dashboardView(
				stored.model,
				loaded.dashboard,
				{
					departments: new Map(departments.map((g) => [g.id, g.name])),
					roleLevels: new Map(roleLevels.map((g) => [g.id, g.name])),
					noDepartment: '-',
					noRoleLevel: '-'
				},
				'en'
			);
			return performance.now() - t;
		};
		const rebuild: number[] = [];
		const whole: number[] = [];
		const filtered: number[] = [];
		const edits: number[] = [];
		const filter = new URLSearchParams({
			department: departments[3]!.id,
			role: roleLevels[2]!.id
		});
		const someResponse = sqlite
			.prepare('select id from responses where round_id = ? limit 1')
			.get(round.id) as { id: string };
		for (let i = 0; i < Math.max(3, Math.floor(RUNS / 3)); i++) {
			const t = performance.now();
			await rebuildRoundSums(db, round);
			rebuild.push(performance.now() - t);
		}
		for (let i = 0; i < RUNS; i++) {
			whole.push(await view());
			// An edit to a submitted response, which updates the stored sums in its transaction.
			const t = performance.now();
			await saveAnswer(db, someResponse.id, {
				questionId: questions[0]!,
				level: ((i % 4) + 1) as StageId
			});
			edits.push(performance.now() - t);
		}
		for (let i = 0; i < RUNS; i++) filtered.push(await view(filter));
		clearInterval(sample);

		const row = (name: string, xs: number[]) =>
			console.log(
				`  ${name.padEnd(34)} median ${median(xs).toFixed(1).padStart(7)} ms   p95 ${p95(xs).toFixed(1).padStart(7)} ms   (${xs.length} runs)`
			);
		console.log(`\nRound dashboard data, ${RESPONSES} responses (aim: median ≤ ${AIM_MS} ms)`);
		row('dashboard, whole round', whole);
		row('dashboard, department × role filter', filtered);
		row('edit of a submitted answer (+ sums)', edits);
		row('rebuild of the sums (every answer)', rebuild);
		const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
		console.log(
			`  memory: heap used ${mb(before.heapUsed)} before the dashboard runs, peak ${mb(peakHeap)}; RSS ${mb(before.rss)} → peak ${mb(peak)} (RSS includes Vite, which runs this bench)`
		);
		const result = {
			responses: RESPONSES,
			departments: DEPARTMENTS,
			questions: questions.length,
			dashboardMedianMs: median(whole),
			filteredMedianMs: median(filtered),
			editMedianMs: median(edits),
			rebuildMedianMs: median(rebuild),
			heapBeforeMB: Math.round(before.heapUsed / 2 ** 20),
			peakHeapMB: Math.round(peakHeap / 2 ** 20),
			rssBeforeMB: Math.round(before.rss / 2 ** 20),
			peakRssMB: Math.round(peak / 2 ** 20),
			aimMs: AIM_MS,
			meetsAim: median(whole) <= AIM_MS && median(filtered) <= AIM_MS
		};
		console.log(
			`  the dashboard ${result.meetsAim ? 'meets' : 'misses'} the aim (${(median(whole) / AIM_MS).toFixed(2)}× of it)`
		);
		mkdirSync('bench/results', { recursive: true });
		writeFileSync('bench/results/dashboard.json', `${JSON.stringify(result, null, 2)}\n`);
	} finally {
		await opened.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
