/**
 * Bench: the round dashboard's data for a large round — 10,000 submitted responses to the default
 * model (41 questions in 9 areas) across 50 departments and 4 role levels — in a fresh SQLite file.
 * Measures the server work behind the dashboard (what `loadDashboard` does: the round's sums from
 * SQL, the anonymity rules, departments × areas, role levels, perception gaps, the page's view):
 *
 *   cold  the sums computed in SQL (first view after any response changed)
 *   warm  the sums taken from the cache (responses unchanged since), as most views are
 *   filtered  warm, with a department and role level filter
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
import { sumRound } from '$lib/server/db/aggregates';
import { createAssessment } from '$lib/server/db/assessments';
import { insertSubmittedResponses, type LoadedResponse } from '$lib/server/db/bulk';
import { openDatabase } from '$lib/server/db/connection';
import { ensureDefaultModel } from '$lib/server/db/models';
import { addGroup, createOrganisation, listGroups } from '$lib/server/db/organisations';
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
	const opened = await openDatabase(join(dir, 'bench.sqlite'));
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
		const round = await createAssessment(db, {
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
		}
		insertSubmittedResponses(sqlite, round.id, batch);
		batch.length = 0;
		console.log(
			`seeded ${RESPONSES} responses × ${questions.length} questions in ${DEPARTMENTS} departments (${Math.round(performance.now() - started)} ms)`
		);

		let peak = process.memoryUsage().rss;
		const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
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
		const sqlOnly: number[] = [];
		const cold: number[] = [];
		const warm: number[] = [];
		const filtered: number[] = [];
		const filter = new URLSearchParams({
			department: departments[3]!.id,
			role: roleLevels[2]!.id
		});
		for (let i = 0; i < Math.max(3, Math.floor(RUNS / 3)); i++) {
			let t = performance.now();
			await sumRound(db, round);
			sqlOnly.push(performance.now() - t);
			// A change to one response makes the next view sum the round anew.
			sqlite
				.prepare(
					'update responses set updated_at = ? where id = (select id from responses limit 1)'
				)
				.run(new Date(Date.now() + i).toISOString());
			t = performance.now();
			cold.push(await view());
		}
		for (let i = 0; i < RUNS; i++) warm.push(await view());
		for (let i = 0; i < RUNS; i++) filtered.push(await view(filter));
		clearInterval(sample);

		const row = (name: string, xs: number[]) =>
			console.log(
				`  ${name.padEnd(34)} median ${median(xs).toFixed(1).padStart(7)} ms   p95 ${p95(xs).toFixed(1).padStart(7)} ms   (${xs.length} runs)`
			);
		console.log(`\nRound dashboard data, ${RESPONSES} responses (aim: median ≤ ${AIM_MS} ms)`);
		row('sums in SQL only', sqlOnly);
		row('cold (sums in SQL + dashboard)', cold);
		row('warm (cached sums + dashboard)', warm);
		row('warm, department × role filter', filtered);
		console.log(`  peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`);
		const result = {
			responses: RESPONSES,
			departments: DEPARTMENTS,
			questions: questions.length,
			sqlMedianMs: median(sqlOnly),
			coldMedianMs: median(cold),
			warmMedianMs: median(warm),
			filteredMedianMs: median(filtered),
			peakRssMB: Math.round(peak / 2 ** 20),
			aimMs: AIM_MS,
			warmMeetsAim: median(warm) <= AIM_MS,
			coldMeetsAim: median(cold) <= AIM_MS
		};
		console.log(
			`  warm ${result.warmMeetsAim ? 'meets' : 'misses'} the aim; cold ${result.coldMeetsAim ? 'meets' : 'misses'} it (${(median(cold) / AIM_MS).toFixed(1)}× the aim)`
		);
		mkdirSync('bench/results', { recursive: true });
		writeFileSync('bench/results/dashboard.json', `${JSON.stringify(result, null, 2)}\n`);
	} finally {
		await opened.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
