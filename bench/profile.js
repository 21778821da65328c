/**
 * Where the respondent's requests spend their CPU: starts the built app (`build/index.js`) with
 * `--cpu-prof`, sets up the same world as bench/run.js, loads the step page and then the autosave
 * endpoint with autocannon, stops the server (which writes the profile) and prints the top entries by
 * self time over both, counting only the samples taken while the load ran (the start and the set-up
 * left out): function, file:line, share of the busy (not idle) time and microseconds per request.
 * The profile file is kept when PROFILE_KEEP is set (open it in Chrome's DevTools, Performance
 * panel).
 *
 * PROFILE_ONLY=step or PROFILE_ONLY=save profiles one of the two alone.
 *
 *   node bench/profile.js
 *   PROFILE_SECONDS=10 PROFILE_TOP=25 PROFILE_KEEP=1 node bench/profile.js
 *   PROFILE_ONLY=step node bench/profile.js
 */
import autocannon from 'autocannon';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
	autosaveBodies,
	autosaveRequest,
	ensureBuild,
	positiveInt,
	root,
	runBench,
	setUpRespondent,
	startServer,
	stopServer
} from './support.js';

const SECONDS = positiveInt('PROFILE_SECONDS', 8);
const TOP = positiveInt('PROFILE_TOP', 15);
const CONNECTIONS = positiveInt('PROFILE_CONNECTIONS', 20);
const ONLY = process.env.PROFILE_ONLY ?? '';
if (!['', 'step', 'save'].includes(ONLY)) throw new Error('PROFILE_ONLY must be step or save');

/** Now on the monotonic clock in microseconds: the clock of V8's profile timestamps on Linux. */
const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Self time per function (name and place), from a V8 .cpuprofile: of the samples taken while the
 * load ran (`windows`, in microseconds of the monotonic clock), so the server's start and the
 * set-up stay out; of every sample when none falls in them (a clock that does not match).
 */
function selfTimes(profile, windows) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const inWindows = (t) => windows.some(([from, to]) => t >= from && t <= to);
	let at = profile.startTime;
	const stamps = profile.timeDeltas.map((d) => (at += d));
	const windowed = stamps.some(inWindows);
	const micros = new Map();
	for (let i = 0; i < profile.samples.length; i++) {
		if (windowed && !inWindows(stamps[i])) continue;
		const id = profile.samples[i];
		micros.set(id, (micros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
	}
	const totals = new Map();
	let busy = 0;
	for (const [id, us] of micros) {
		const { functionName, url, lineNumber } = byId.get(id).callFrame;
		if (functionName === '(idle)') continue;
		busy += us;
		const file = url ? relative(root, url.replace(/^file:\/\//, '')) : '';
		const key = `${functionName || '(anonymous)'}\t${file}${file ? `:${lineNumber + 1}` : ''}`;
		totals.set(key, (totals.get(key) ?? 0) + us);
	}
	return {
		busy,
		windowed,
		rows: [...totals]
			.sort((a, b) => b[1] - a[1])
			.map(([key, us]) => {
				const [fn, where] = key.split('\t');
				return { fn, where, ms: us / 1000, pct: (us / busy) * 100 };
			})
	};
}

async function main() {
	ensureBuild();
	const dir = mkdtempSync(join(tmpdir(), 'cx-profile-'));
	const profiles = join(dir, 'profiles');
	let server;
	try {
		process.env.BENCH_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${profiles} ${process.env.BENCH_NODE_ARGS ?? ''}`;
		server = await startServer(join(dir, 'profile.sqlite'));
		const { baseURL } = server;
		const { token, questionIds } = await setUpRespondent(baseURL);
		const windows = [];
		let requests = 0;
		const measured = async (opts) => {
			const from = nowMicros();
			const result = await autocannon(opts);
			windows.push([from, nowMicros()]);
			requests += result.requests.total;
		};
		if (ONLY !== 'save') {
			console.log(`profiling the step page for ${SECONDS} s …`);
			await measured({
				url: `${baseURL}/answer/${token}/step/1`,
				headers: { accept: 'text/html' },
				connections: CONNECTIONS,
				duration: SECONDS
			});
		}
		if (ONLY !== 'step') {
			console.log(`profiling autosave for ${SECONDS} s …`);
			await measured({
				...autosaveRequest(baseURL, token, autosaveBodies(questionIds)),
				connections: CONNECTIONS,
				duration: SECONDS
			});
		}
		await stopServer(server.child);
		const file = readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'));
		if (!file) throw new Error('the server wrote no profile (did it exit cleanly?)');
		const { busy, windowed, rows } = selfTimes(
			JSON.parse(readFileSync(join(profiles, file), 'utf8')),
			windows
		);
		console.log('');
		console.log(
			`top ${TOP} by self time, of ${(busy / 1000).toFixed(0)} ms busy (idle left out), ` +
				(windowed
					? `while the load ran: ${requests} requests, ${((busy / requests) * 1e-3).toFixed(3)} ms each`
					: 'whole process (start and set-up included)') +
				':'
		);
		console.log('');
		const top = rows.slice(0, TOP);
		const width = Math.min(48, Math.max(...top.map((r) => r.fn.length)));
		for (const r of top)
			console.log(
				`${r.pct.toFixed(1).padStart(5)} %  ${windowed ? `${((r.ms * 1000) / requests).toFixed(1).padStart(6)} µs/req  ` : ''}${r.fn.slice(0, width).padEnd(width)}  ${r.where}`
			);
		if (process.env.PROFILE_KEEP) console.log(`\nprofile kept: ${join(profiles, file)}`);
	} finally {
		await stopServer(server?.child);
		if (!process.env.PROFILE_KEEP) rmSync(dir, { recursive: true, force: true });
	}
}

runBench(main);
