/**
 * Benchmarks against the built app (`build/index.js`): starts it on a free port with a fresh SQLite
 * file, sets up a signed-up owner, an organisation, a department, an open round, a department link
 * and one respondent, then measures with autocannon:
 *
 *   GET  /healthz                     the floor: the cheapest request the server answers
 *   GET  /answer/<token>/step/1       the questionnaire step page (server-rendered)
 *   POST /answer/<token>/save         the JSON autosave endpoint
 *   GET  /answer/<token>/step/1       with 200 connections, sampling the server's RSS
 *
 * For each run it also prints the server's CPU time per request (less skewed by other work on a
 * shared machine than req/s), and the JavaScript the step page loads (files and gzipped size, from
 * its modulepreload links and start script, read from build/client).
 *
 * Prints figures and ratios against the aims and writes them to bench/results/latest.json. It never
 * fails because of an aim; it exits non-zero only on a real error (build, start, setup, a run).
 *
 *   npm run bench
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=20 npm run bench
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	cleanUpOnSignal,
	ensureBuild,
	loadAverage,
	measure,
	positiveInt,
	runBench,
	printColumns,
	respondentRequests,
	round1,
	rssMB,
	setUpRespondent,
	startServer,
	stopServer,
	withServerOutput,
	writeResults
} from './support.js';

const SECONDS = positiveInt('BENCH_SECONDS', 10);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50);
const MEMORY_CONNECTIONS = 200;
const MEMORY_SAMPLE_MS = 200;
const AIMS = { autosavePct: 70, stepPct: 50, memoryMB: 250, stepScriptsKB: 60 };

/** One autocannon run against the one server (support.js, `measure`). */
const load = (name, opts, pid, onTick) =>
	measure(name, [{ opts, pid }], {
		seconds: SECONDS,
		connections: opts.connections ?? CONNECTIONS,
		onTick,
		tickMs: MEMORY_SAMPLE_MS
	});

// ---------------------------------------------------------------------------------------------
// Report

const pct = (part, whole) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

function printTable(runs, ratios, memory, loadBefore, scripts) {
	const header = [
		'run',
		'conn',
		'req/s',
		'CPU ms/req',
		'p50 ms',
		'p95 ms',
		'p97.5 ms',
		'p99 ms',
		'errors',
		'timeouts',
		'non-2xx'
	];
	const rows = runs.map((r) => [
		r.name,
		String(r.connections),
		r.requestsPerSecond.toFixed(1),
		r.cpuPerRequestMs === null ? '–' : r.cpuPerRequestMs.toFixed(3),
		String(r.latencyMs.p50 ?? '–'),
		String(r.latencyMs.p95 ?? '–'),
		String(r.latencyMs.p97_5 ?? '–'),
		String(r.latencyMs.p99 ?? '–'),
		String(r.errors - r.timeouts),
		String(r.timeouts),
		String(r.non2xx)
	]);
	printColumns(header, rows);
	console.log('');
	console.log('p50/p95 are exact over all 2xx responses; p97.5/p99 are autocannon’s (2xx only).');
	console.log('errors = connection errors other than timeouts (10 s); kinds in latest.json.');
	for (const r of runs) {
		const kinds = Object.entries(r.errorKinds);
		if (kinds.length > 0)
			console.log(`  ${r.name}: ${kinds.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
	}
	console.log('');
	const mark = (ok) => (ok === null ? '?' : ok ? 'meets' : 'below');
	console.log('aim                                          measured    aim');
	console.log(
		`autosave / healthz req/s                     ${String(ratios.autosavePct).padStart(6)} %   ≥ ${AIMS.autosavePct} %  (${mark(ratios.autosavePct === null ? null : ratios.autosavePct >= AIMS.autosavePct)})`
	);
	console.log(
		`step page / healthz req/s                    ${String(ratios.stepPct).padStart(6)} %   ≥ ${AIMS.stepPct} %  (${mark(ratios.stepPct === null ? null : ratios.stepPct >= AIMS.stepPct)})`
	);
	console.log(
		`peak RSS, step page, ${MEMORY_CONNECTIONS} connections       ${String(memory.peakMB).padStart(6)} MB  < ${AIMS.memoryMB} MB (${mark(memory.peakMB === null ? null : memory.peakMB < AIMS.memoryMB)})`
	);
	console.log(
		`  (RSS idle after setup ${memory.beforeMB} MB, after the run ${memory.afterMB} MB, ${memory.samples} samples every ${MEMORY_SAMPLE_MS} ms)`
	);
	console.log(
		`step page JavaScript                         ${String(scripts.count).padStart(6)} files, ${round1(scripts.gzipped / 1024)} KB gzipped (aim ≤ ${AIMS.stepScriptsKB} KB) (${mark(scripts.gzipped / 1024 <= AIMS.stepScriptsKB)})`
	);
	console.log(
		`  largest: ${scripts.files
			.slice(0, 5)
			.map((f) => `${f.path.split('/').pop()} ${round1(f.gzipped / 1024)} KB`)
			.join(', ')}`
	);
	console.log('');
	console.log('Figures only: the aims are not enforced.');
	console.log(
		`Load average before/after: ${Object.values(loadBefore).join(' ')} / ${Object.values(loadAverage()).join(' ')} ` +
			'(other work on the machine skews the figures).'
	);
}

// ---------------------------------------------------------------------------------------------

async function main() {
	ensureBuild();
	const dir = mkdtempSync(join(tmpdir(), 'cx-bench-'));
	let server;
	const cleanUp = async () => {
		await stopServer(server?.child);
		rmSync(dir, { recursive: true, force: true });
	};
	const stopListening = cleanUpOnSignal(cleanUp);

	try {
		server = await startServer(join(dir, 'bench.sqlite'));
		const { baseURL, child } = server;
		const { token, questionIds, stepScripts } = await withServerOutput(server, () =>
			setUpRespondent(baseURL)
		);
		const loadBefore = loadAverage();
		console.log(
			`server ${baseURL} (pid ${child.pid}); ${SECONDS} s per run, ${CONNECTIONS} connections; ` +
				`respondent ${token.slice(0, 6)}…, ${questionIds.length} questions on step 1`
		);

		const { step: stepOpts, autosave } = respondentRequests(baseURL, token, questionIds);

		const runs = [];
		console.log('running GET /healthz …');
		runs.push(await load('GET /healthz', { url: `${baseURL}/healthz` }, child.pid));
		console.log('running GET step page …');
		runs.push(await load('GET /answer/<t>/step/1', stepOpts, child.pid));
		console.log('running POST autosave …');
		runs.push(await load('POST /answer/<t>/save', autosave, child.pid));

		if (child.exitCode !== null) throw new Error(`server died:\n${server.log()}`);
		const beforeMB = rssMB(child.pid);
		let peakMB = beforeMB ?? 0;
		let samples = 0;
		console.log(`running GET step page with ${MEMORY_CONNECTIONS} connections, sampling RSS …`);
		const memoryRun = await load(
			`GET step page (memory)`,
			{ ...stepOpts, connections: MEMORY_CONNECTIONS },
			child.pid,
			() => {
				const mb = rssMB(child.pid);
				if (mb === null) return;
				samples += 1;
				if (mb > peakMB) peakMB = mb;
			}
		);
		runs.push(memoryRun);
		const afterMB = rssMB(child.pid);
		if (child.exitCode !== null) throw new Error(`server died:\n${server.log()}`);

		const [healthz, step, save] = runs;
		const ratios = {
			stepPct: pct(step.requestsPerSecond, healthz.requestsPerSecond),
			autosavePct: pct(save.requestsPerSecond, healthz.requestsPerSecond)
		};
		const memory = {
			connections: MEMORY_CONNECTIONS,
			beforeMB: round1(beforeMB),
			peakMB: round1(peakMB),
			afterMB: round1(afterMB),
			samples,
			sampleEveryMs: MEMORY_SAMPLE_MS
		};
		const scripts = {
			count: stepScripts.count,
			bytes: stepScripts.bytes,
			gzipped: stepScripts.gzipped,
			gzippedKB: round1(stepScripts.gzipped / 1024)
		};
		printTable(runs, ratios, memory, loadBefore, stepScripts);

		const report = {
			date: new Date().toISOString(),
			node: process.version,
			platform: `${process.platform} ${process.arch}`,
			settings: { seconds: SECONDS, connections: CONNECTIONS },
			loadAverageBefore: loadBefore,
			loadAverageAfter: loadAverage(),
			note: 'latencyMs.p50/p95 exact over 2xx responses; p90/p97_5/p99 from autocannon',
			runs,
			ratios,
			memory,
			stepScripts: scripts,
			aims: AIMS,
			meetsAims: {
				autosave: ratios.autosavePct !== null && ratios.autosavePct >= AIMS.autosavePct,
				stepPage: ratios.stepPct !== null && ratios.stepPct >= AIMS.stepPct,
				memory: memory.peakMB !== null && memory.peakMB < AIMS.memoryMB,
				stepScripts: scripts.gzippedKB <= AIMS.stepScriptsKB
			}
		};
		writeResults('latest.json', report);
		console.log(`written to bench/results/latest.json`);
	} finally {
		stopListening();
		await cleanUp();
	}
}

runBench(main);
