/**
 * Bench: the round dashboard's data for a large round — 10,000 submitted responses to the default
 * model (41 questions in 9 areas) across 50 departments and 4 role levels — in a fresh SQLite file,
 * then the same in a fresh PostgreSQL database (`cx_bench_<random>` on BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; dropped at the end).
 * Measures the server work behind the dashboard (what `loadDashboard` does: the round's sums, the
 * anonymity rules, departments × areas, role levels, perception gaps, and the page's view):
 *
 *   the dashboard for the whole round and for a department × role level filter, from the sums
 *   kept per cell (db/round-sums.ts); an edit of a submitted answer, which updates those sums in
 *   its transaction; and a rebuild of the sums from every answer (`rebuildRoundSums`, which bulk
 *   loading and repairs use)
 *
 * Prints medians, p95 (wall time, and the whole-round dashboard's CPU time in this process) and
 * peak memory for both engines side by side, and writes them to
 * bench/results/dashboard.json (SQLite's at the top level, PostgreSQL's under `postgres`). Without
 * a reachable PostgreSQL server the PostgreSQL part says that it did not run; the script still
 * exits with 0.
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
import { insertSubmittedResponses, type LoadedResponse } from '$lib/server/db/bulk';
import { openDatabase, openSqliteDatabase, type OpenedDatabase } from '$lib/server/db/connection';
import { rebuildRoundSums } from '$lib/server/db/round-sums';
import {
	createScratchDatabase,
	loadAverage,
	postgresAdminUrl,
	postgresUnreachable,
	redact
} from './environment.js';
import { benchResponse, createBenchRound } from './bench-round';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 10_000);
const DEPARTMENTS = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const AIM_MS = 150;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

interface Figures {
	whole: number[];
	filtered: number[];
	/** This process's CPU time (user + system) per whole-round dashboard: less skewed by load. */
	wholeCpu: number[];
	edits: number[];
	rebuild: number[];
	seedMs: number;
	questions: number;
	heapBefore: number;
	peakHeap: number;
	rssBefore: number;
	peakRss: number;
}

/** Seeds the round in `opened` and times the dashboard, an edit and a rebuild on it. */
async function measureEngine(opened: OpenedDatabase, engine: string): Promise<Figures> {
	const { db } = opened;
	const { stored, departments, roleLevels, round, questions } = await createBenchRound(
		db,
		Array.from({ length: DEPARTMENTS }, (_, i) => `Dept ${i + 1}`)
	);

	// Deterministic answers: each department has its own level, plus noise and "don't know".
	let seed = 42;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
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
		batch.push(
			benchResponse(stored, i, {
				departmentId: departments[d]!.id,
				roleLevelId: roleLevels[i % roleLevels.length]!.id,
				answers
			})
		);
		// In batches, so the seeding does not hold every response in memory at once.
		const last = i === RESPONSES - 1;
		if (batch.length === 1000 || last) {
			await insertSubmittedResponses(opened, round, batch, { rebuildSums: last });
			batch.length = 0;
		}
	}
	const seedMs = Math.round(performance.now() - started);
	console.log(
		`${engine}: seeded ${RESPONSES} responses × ${questions.length} questions in ${DEPARTMENTS} departments (${seedMs} ms)`
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
	const wholeCpu: number[] = [];
	const view = async (params?: URLSearchParams) => {
		const t = performance.now();
		const cpu = process.cpuUsage();
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
		const used = process.cpuUsage(cpu);
		if (!params) wholeCpu.push((used.user + used.system) / 1000);
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
	const someResponse = await db
		.selectFrom('responses')
		.select('id')
		.where('round_id', '=', round.id)
		.limit(1)
		.executeTakeFirstOrThrow();
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

	return {
		whole,
		filtered,
		wholeCpu,
		edits,
		rebuild,
		seedMs,
		questions: questions.length,
		heapBefore: before.heapUsed,
		peakHeap,
		rssBefore: before.rss,
		peakRss: peak
	};
}

const summary = (f: Figures) => ({
	responses: RESPONSES,
	departments: DEPARTMENTS,
	questions: f.questions,
	seedMs: f.seedMs,
	dashboardMedianMs: median(f.whole),
	filteredMedianMs: median(f.filtered),
	dashboardCpuMedianMs: median(f.wholeCpu),
	editMedianMs: median(f.edits),
	rebuildMedianMs: median(f.rebuild),
	heapBeforeMB: Math.round(f.heapBefore / 2 ** 20),
	peakHeapMB: Math.round(f.peakHeap / 2 ** 20),
	rssBeforeMB: Math.round(f.rssBefore / 2 ** 20),
	peakRssMB: Math.round(f.peakRss / 2 ** 20),
	aimMs: AIM_MS,
	meetsAim: median(f.whole) <= AIM_MS && median(f.filtered) <= AIM_MS
});

/** The PostgreSQL figures, or why they were not measured. */
async function onPostgres(): Promise<Figures | string> {
	const admin = postgresAdminUrl();
	const unreachable = await postgresUnreachable(admin);
	if (unreachable) return `PostgreSQL is not reachable at ${redact(admin)} (${unreachable})`;
	const database = await createScratchDatabase(admin);
	try {
		const opened = await openDatabase(database.url);
		try {
			return await measureEngine(opened, `PostgreSQL (${database.name})`);
		} finally {
			await opened.close();
		}
	} finally {
		await database.drop();
	}
}

export default async function main(): Promise<void> {
	const loadBefore = loadAverage();
	const dir = mkdtempSync(join(tmpdir(), 'cx-bench-dashboard-'));
	let sqlite: Figures;
	try {
		const opened = await openSqliteDatabase(join(dir, 'bench.sqlite'));
		try {
			sqlite = await measureEngine(opened, 'SQLite');
		} finally {
			await opened.close();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	(globalThis as { gc?: () => void }).gc?.();
	const postgres = await onPostgres();

	const figures = (xs: number[] | undefined) =>
		xs
			? `${median(xs).toFixed(1).padStart(7)} ${p95(xs).toFixed(1).padStart(7)}`
			: '      –       –';
	const pgRuns = typeof postgres === 'string' ? undefined : postgres;
	console.log(`\nRound dashboard data, ${RESPONSES} responses (aim: median ≤ ${AIM_MS} ms)`);
	console.log(`  ${''.padEnd(36)}  SQLite, ms       PostgreSQL, ms`);
	console.log(`  ${''.padEnd(36)}   median     p95   median     p95`);
	const row = (name: string, pick: (f: Figures) => number[]) =>
		console.log(
			`  ${name.padEnd(36)}  ${figures(pick(sqlite))}  ${figures(pgRuns && pick(pgRuns))}   (${pick(sqlite).length} runs)`
		);
	row('dashboard, whole round', (f) => f.whole);
	row('dashboard, whole round: CPU time', (f) => f.wholeCpu);
	row('dashboard, department × role filter', (f) => f.filtered);
	row('edit of a submitted answer (+ sums)', (f) => f.edits);
	row('rebuild of the sums (every answer)', (f) => f.rebuild);
	console.log(
		'  CPU time: this process (user + system), less skewed by other work on the machine than the wall time; on PostgreSQL the database server’s own is not in it.'
	);
	const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
	for (const [engine, f] of [
		['SQLite', sqlite],
		['PostgreSQL', pgRuns]
	] as const) {
		if (!f) continue;
		console.log(
			`  ${engine} memory: heap used ${mb(f.heapBefore)} before the dashboard runs, peak ${mb(f.peakHeap)}; RSS ${mb(f.rssBefore)} → peak ${mb(f.peakRss)} (RSS includes Vite, which runs this bench)`
		);
		const meets = median(f.whole) <= AIM_MS && median(f.filtered) <= AIM_MS;
		console.log(
			`  ${engine}: the dashboard ${meets ? 'meets' : 'misses'} the aim (${(median(f.whole) / AIM_MS).toFixed(2)}× of it)`
		);
	}
	if (typeof postgres === 'string')
		console.log(`  ${postgres}: the PostgreSQL dashboard bench did not run.`);
	console.log(
		`  load average before/after: ${Object.values(loadBefore).join(' ')} / ${Object.values(loadAverage()).join(' ')}`
	);
	const result = {
		...summary(sqlite),
		postgres: typeof postgres === 'string' ? { ran: false, reason: postgres } : summary(postgres)
	};
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/dashboard.json', `${JSON.stringify(result, null, 2)}\n`);
}
