/**
 * The respondent's path on both engines (issue 15): starts the built app (`build/index.js`) on a
 * fresh SQLite file, then on a fresh PostgreSQL database (`cx_bench_<random>`, dropped at the end),
 * sets up a respondent on each as bench/run.js does (support.js, `setUpRespondent`), and measures
 * with autocannon, BENCH_CONNECTIONS (50) connections for BENCH_SECONDS (10) each:
 *
 *   SQLite, one instance          GET step page, POST autosave (one respondent, as bench/run.js),
 *                                 POST autosave spread over BENCH_RESPONDENTS (50) respondents
 *   PostgreSQL, one instance      the same
 *   PostgreSQL, two instances     the same, through a second app process on the same database,
 *                                 the connections split between the two ports and req/s summed
 *
 * The autosaves of one respondent wait for each other on PostgreSQL (each locks its response's
 * row, lib/server/db/round-sums.ts), so a second instance cannot speed them up; the autosaves of
 * many respondents show what a second instance adds.
 *
 * Prints req/s, the app's CPU ms per request (and, on PostgreSQL, the database server's), p50 and
 * p95, and the ratios PostgreSQL/SQLite and two instances/one; writes bench/results/engines.json.
 * Figures only: nothing here fails on a ratio. Without a reachable PostgreSQL server
 * (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
 * it says that it did not run and exits with 0.
 *
 *   node bench/engines.js                         (part of npm run bench)
 *   BENCH_SECONDS=5 node bench/engines.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	cleanUpOnSignal,
	createScratchDatabase,
	ensureBuild,
	joinRespondents,
	loadAverage,
	measure,
	positiveInt,
	runBench,
	printColumns,
	postgresAdminUrl,
	postgresUnreachable,
	redact,
	respondentRequests,
	setUpRespondent,
	startServer,
	stopServer,
	withServerOutput,
	writeResults
} from './support.js';

const SECONDS = positiveInt('BENCH_SECONDS', 10);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 50);
const RESPONDENTS = positiveInt('BENCH_RESPONDENTS', 50);
const KINDS = [
	['step', 'GET step page'],
	['autosave', 'POST autosave'],
	['autosaveMany', `POST autosave, ${RESPONDENTS} resp.`]
];

/** The step page and the autosave through `servers` (one or more on the same database). */
async function respondentRuns(label, servers, respondent, databasePids) {
	const requests = servers.map((s) =>
		respondentRequests(s.baseURL, respondent.token, respondent.questionIds, respondent.others)
	);
	const options = { seconds: SECONDS, connections: CONNECTIONS, databasePids };
	const runs = [];
	for (const [kind, name] of KINDS) {
		console.log(`running ${label}: ${name} …`);
		runs.push({
			engine: label,
			kind,
			...(await measure(
				`${label}: ${name}`,
				servers.map((s, i) => ({ opts: requests[i][kind], pid: s.child.pid })),
				options
			))
		});
		for (const s of servers)
			if (s.child.exitCode !== null) throw new Error(`server died:\n${s.log()}`);
	}
	return runs;
}

/** The respondent of bench/run.js, and RESPONDENTS more who joined through the same link. */
function setUp(server) {
	return withServerOutput(server, async () => {
		const respondent = await setUpRespondent(server.baseURL);
		const others = await joinRespondents(server.baseURL, respondent.linkToken, RESPONDENTS);
		return { ...respondent, others };
	});
}

const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);
const fixed = (n, digits = 1) => (n === null || n === undefined ? '–' : n.toFixed(digits));

function printTable(runs) {
	const header = [
		'run',
		'inst',
		'conn',
		'req/s',
		'CPU ms/req',
		'DB CPU ms/req',
		'p50 ms',
		'p95 ms',
		'errors',
		'non-2xx'
	];
	const rows = runs.map((r) => [
		r.name,
		String(r.instances),
		String(r.connections),
		fixed(r.requestsPerSecond),
		fixed(r.cpuPerRequestMs, 3),
		fixed(r.databaseCpuPerRequestMs, 3),
		fixed(r.latencyMs.p50),
		fixed(r.latencyMs.p95),
		String(r.errors),
		String(r.non2xx)
	]);
	printColumns(header, rows);
	console.log('');
	console.log('CPU ms/req: the app processes (summed over instances); DB CPU ms/req: the');
	console.log('PostgreSQL server processes connected to the bench database (approximate).');
	console.log('p50/p95 are exact over all 2xx responses; errors include timeouts (10 s).');
}

async function main() {
	const admin = postgresAdminUrl();
	const unreachable = await postgresUnreachable(admin);
	if (unreachable) {
		console.log(
			`PostgreSQL is not reachable at ${redact(admin)} (${unreachable}): the engines bench did not run.`
		);
		return;
	}
	ensureBuild();
	const dir = mkdtempSync(join(tmpdir(), 'cx-bench-engines-'));
	const servers = [];
	let database;
	const cleanUp = async () => {
		for (const s of servers.splice(0)) await stopServer(s.child);
		rmSync(dir, { recursive: true, force: true });
		await database?.drop();
		database = undefined;
	};
	const stopListening = cleanUpOnSignal(cleanUp);

	try {
		const loadBefore = loadAverage();
		console.log(
			`${SECONDS} s per run, ${CONNECTIONS} connections (split between instances); ` +
				`load average ${Object.values(loadBefore).join(' ')}`
		);
		const runs = [];

		// SQLite, one instance.
		const sqlite = await startServer(join(dir, 'bench.sqlite'));
		servers.push(sqlite);
		runs.push(...(await respondentRuns('SQLite ×1', [sqlite], await setUp(sqlite))));
		await stopServer(sqlite.child);
		servers.length = 0;

		// PostgreSQL: one instance, then a second on the same database.
		database = await createScratchDatabase(admin);
		console.log(`PostgreSQL database ${database.name} on ${redact(admin)}`);
		const first = await startServer(database.url);
		servers.push(first);
		const respondent = await setUp(first);
		runs.push(
			...(await respondentRuns('PostgreSQL ×1', [first], respondent, database.backendPids))
		);
		const second = await startServer(database.url);
		servers.push(second);
		runs.push(
			...(await respondentRuns('PostgreSQL ×2', [first, second], respondent, database.backendPids))
		);

		const find = (engine, kind) => runs.find((r) => r.engine === engine && r.kind === kind);
		const ratios = {};
		for (const [kind] of KINDS) {
			const sqliteRun = find('SQLite ×1', kind);
			const one = find('PostgreSQL ×1', kind);
			const two = find('PostgreSQL ×2', kind);
			ratios[kind] = {
				postgresOverSqliteReqPerSec: ratio(one.requestsPerSecond, sqliteRun.requestsPerSecond),
				postgresOverSqliteCpuPerRequest: ratio(one.cpuPerRequestMs, sqliteRun.cpuPerRequestMs),
				twoInstancesOverOneReqPerSec: ratio(two.requestsPerSecond, one.requestsPerSecond)
			};
		}
		printTable(runs);
		console.log('');
		console.log(
			`ratio                                   step page   autosave   autosave, ${RESPONDENTS} resp.`
		);
		const ratioLine = (label, key) =>
			console.log(
				`${label.padEnd(40)}${fixed(ratios.step[key], 2).padStart(9)}  ${fixed(ratios.autosave[key], 2).padStart(9)}  ${fixed(ratios.autosaveMany[key], 2).padStart(9)}`
			);
		ratioLine('PostgreSQL / SQLite, req/s', 'postgresOverSqliteReqPerSec');
		ratioLine('PostgreSQL / SQLite, app CPU ms/req', 'postgresOverSqliteCpuPerRequest');
		ratioLine('PostgreSQL two instances / one, req/s', 'twoInstancesOverOneReqPerSec');
		const loadAfter = loadAverage();
		console.log('');
		console.log('Figures only: nothing is enforced.');
		console.log(
			`Load average before/after: ${Object.values(loadBefore).join(' ')} / ${Object.values(loadAfter).join(' ')} ` +
				'(other work on the machine skews the figures; the load generator, both app instances and ' +
				'PostgreSQL share its cores).'
		);

		const report = {
			date: new Date().toISOString(),
			node: process.version,
			platform: `${process.platform} ${process.arch}`,
			settings: { seconds: SECONDS, connections: CONNECTIONS, respondents: RESPONDENTS },
			loadAverageBefore: loadBefore,
			loadAverageAfter: loadAfter,
			note: 'latencyMs.p50/p95 exact over 2xx responses; cpuPerRequestMs: app processes; databaseCpuPerRequestMs: PostgreSQL backends of the bench database (approximate)',
			runs,
			ratios
		};
		writeResults('engines.json', report);
		console.log('written to bench/results/engines.json');
	} finally {
		stopListening();
		await cleanUp();
	}
}

runBench(main);
