/**
 * What the benchmarks share: starting the built app on a free port with its own SQLite file or a
 * PostgreSQL database, a scratch PostgreSQL database per run, clean-up when interrupted, a
 * cookie-keeping HTTP client that posts forms as a browser (and `use:enhance`) does, the
 * respondent's requests (step page, autosave), one measured autocannon run (over one or several
 * instances), percentiles, CPU time, the server's resident memory, and printing and writing the
 * figures.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A positive whole number from the environment variable `name`, or `fallback` when unset. */
export const positiveInt = (name, fallback) => {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number`);
	return n;
};

export {
	createScratchDatabase,
	loadAverage,
	postgresAdminUrl,
	postgresUnreachable,
	redact
} from './environment.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Server

export function freePort() {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolvePort(address.port)
					: reject(new Error('no free port'))
			);
		});
	});
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(url, child, log) {
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(`server exited early:\n${log()}`);
		try {
			const res = await fetch(url);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(100);
	}
	throw new Error(`server did not answer ${url} in 20 s:\n${log()}`);
}

export function ensureBuild() {
	if (existsSync(join(root, 'build', 'index.js'))) return;
	console.log('build/index.js is missing: running `npx vite build` …');
	const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (built.status !== 0 || !existsSync(join(root, 'build', 'index.js')))
		throw new Error('`npx vite build` failed');
}

/**
 * Starts the built app on a free port. `database` is a SQLite file (DATABASE_PATH) or a
 * `postgres://` URL (DATABASE_URL), as the app itself tells them apart.
 */
export async function startServer(database) {
	const onPostgres = /^postgres(ql)?:\/\//i.test(database);
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(
		process.execPath,
		[
			// As scripts/serve.js is started (package.json): a larger old space, fewer collections.
			'--max-old-space-size=1536',
			...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
			'build/index.js'
		],
		{
			cwd: root,
			env: {
				...process.env,
				NODE_ENV: 'production',
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: baseURL,
				// An empty DATABASE_URL is SQLite, whatever the caller's environment says.
				...(onPostgres
					? { DATABASE_URL: database }
					: { DATABASE_URL: '', DATABASE_PATH: database }),
				AUTH_ATTEMPTS_PER_ADDRESS: '100000'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	const keep = (d) => {
		output += d;
		if (output.length > 20_000) output = output.slice(-20_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	await waitFor(`${baseURL}/healthz`, child, () => output);
	return { child, baseURL, log: () => output };
}

export async function stopServer(child) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	const timedOut = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)]);
	if (timedOut) {
		child.kill('SIGKILL');
		await exited;
	}
}

/**
 * Runs `cleanUp` and exits (130 on SIGINT, 143 on SIGTERM) when the bench is interrupted. Answers
 * a function that stops listening, for the bench's own clean-up at its end.
 */
export function cleanUpOnSignal(cleanUp) {
	const onSignal = (signal) => {
		cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	return () => {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	};
}

/** Runs `setUp` against the running `server`; a failure says so with the server's last output. */
export async function withServerOutput(server, setUp) {
	try {
		return await setUp();
	} catch (err) {
		throw new Error(`set-up failed: ${err.message}\nserver output:\n${server.log().slice(-4000)}`, {
			cause: err
		});
	}
}

/** Runs a bench's `main`; an error prints its stack and sets the exit code to 1. */
export function runBench(main) {
	main().catch((err) => {
		console.error(err instanceof Error ? (err.stack ?? err.message) : err);
		process.exitCode = 1;
	});
}

// ---------------------------------------------------------------------------------------------
// HTTP setup, as a browser would do it (cookies kept, redirects not followed)

export class Client {
	cookies = new Map();

	constructor(baseURL) {
		this.baseURL = baseURL;
	}

	async get(path) {
		return this.request(path, { method: 'GET', headers: { accept: 'text/html' } });
	}

	/** A form post as `use:enhance` sends it: SvelteKit answers with an ActionResult in JSON. */
	async action(path, fields = {}) {
		const res = await this.request(path, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: this.baseURL,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams(fields).toString()
		});
		const text = await res.text();
		try {
			return JSON.parse(text);
		} catch {
			throw new Error(`POST ${path}: ${res.status}, not an action result: ${text.slice(0, 300)}`);
		}
	}

	/** A plain form post; answers with the raw response (for redirects). */
	async post(path, fields = {}) {
		return this.request(path, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: this.baseURL,
				accept: 'text/html'
			},
			body: new URLSearchParams(fields).toString()
		});
	}

	async request(path, init) {
		const headers = new Headers(init.headers);
		if (this.cookies.size > 0)
			headers.set(
				'cookie',
				[...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
			);
		const res = await fetch(new URL(path, this.baseURL), { ...init, headers, redirect: 'manual' });
		for (const header of res.headers.getSetCookie()) {
			const pair = header.split(';')[0] ?? '';
			const at = pair.indexOf('=');
			if (at < 0) continue;
			const name = pair.slice(0, at).trim();
			const value = pair.slice(at + 1).trim();
			if (value === '' || /max-age=0/i.test(header)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return res;
	}
}

export const expectRedirect = (what, result, pattern) => {
	if (result.type !== 'redirect' || !pattern.test(result.location ?? ''))
		throw new Error(`${what}: expected a redirect, got ${JSON.stringify(result).slice(0, 300)}`);
	return result.location.match(pattern);
};

export const expectSuccess = (what, result) => {
	if (result.type !== 'success')
		throw new Error(`${what}: expected success, got ${JSON.stringify(result).slice(0, 300)}`);
};

export const percentile = (sorted, p) =>
	sorted.length === 0
		? null
		: sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export const round1 = (n) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);

/**
 * Prints `rows` (arrays of strings) under `header` in columns, after a blank line: the first
 * column left-aligned, the others right-aligned.
 */
export function printColumns(header, rows) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
	const line = (cells) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	console.log('');
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of rows) console.log(line(row));
}

/** Writes `report` as bench/results/`file` (JSON, indented with tabs). */
export function writeResults(file, report) {
	const dir = join(root, 'bench', 'results');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, file), `${JSON.stringify(report, null, '\t')}\n`);
}

export function rssMB(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kB = Number(status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1]);
		return Number.isFinite(kB) ? kB / 1024 : null;
	} catch {
		return null;
	}
}

/** CPU time (user + system) the process `pid` has used so far, in milliseconds, or null. */
export function cpuMs(pid) {
	try {
		// Fields after the command name (which may hold spaces, so split after its ')').
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second).
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
	} catch {
		return null;
	}
}
const CLOCK_TICKS = 100;

/**
 * The JavaScript a page loads: the files its Link header and HTML name (modulepreload links, the
 * imports of its start script), read from build/client, with their sizes raw and gzipped.
 */
export function pageScripts(html, pagePath, linkHeader = '') {
	const paths = new Set();
	// SvelteKit names the page's modules in the Link header (rel="modulepreload").
	for (const [, href, params] of linkHeader.matchAll(/<([^>]+)>([^,]*)/g))
		if (/rel="?modulepreload/.test(params)) paths.add(href);
	for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
		const href = tag.match(/href="([^"]+)"/)?.[1];
		if (href && /rel="modulepreload"/.test(tag)) paths.add(href);
	}
	for (const [, href] of html.matchAll(/import\("([^"]+\.js)"\)/g)) paths.add(href);
	let bytes = 0;
	let gzipped = 0;
	const files = [];
	const seen = new Set();
	for (const href of paths) {
		const path = new URL(href, new URL(pagePath, 'http://x/')).pathname;
		const file = join(root, 'build', 'client', path);
		if (seen.has(path) || !existsSync(file)) continue;
		seen.add(path);
		const content = readFileSync(file);
		const size = gzipSync(content, { level: 9 }).length;
		bytes += content.length;
		gzipped += size;
		files.push({ path, bytes: content.length, gzipped: size });
	}
	files.sort((a, b) => b.gzipped - a.gzipped);
	return { count: files.length, bytes, gzipped, files };
}

/**
 * The bench's world, made through the app as people would: a signed-up owner, an organisation with
 * a department, an open round, a department link and one respondent who joined through it and
 * saved one answer. Answers with the respondent's resume token, the department link's token (for
 * `joinRespondents`), the ids of step 1's questions and the JavaScript step 1 loads.
 */
export async function setUpRespondent(baseURL) {
	const owner = new Client(baseURL);
	const signup = await owner.post('/signup', {
		email: `bench-${Date.now()}@example.com`,
		displayName: 'Bench Owner',
		password: 'correct horse battery staple'
	});
	if (signup.status !== 303 || owner.cookies.size === 0)
		throw new Error(`sign-up: expected 303 with a session, got ${signup.status}`);

	const [, orgId] = expectRedirect(
		'create organisation',
		await owner.action('/orgs?/create', { name: 'Bench Org' }),
		/^\/o\/([a-z0-9]+)$/
	);

	expectSuccess(
		'add department',
		await owner.action(`/o/${orgId}/structure?/add`, { kind: 'departments', name: 'Sales' })
	);

	const [, roundId] = expectRedirect(
		'create round',
		await owner.action(`/o/${orgId}?/createRound`, { name: 'Bench round', threshold: '5' }),
		new RegExp(`^/o/${orgId}/rounds/([a-z0-9]+)$`)
	);
	const roundPath = `/o/${orgId}/rounds/${roundId}`;

	expectSuccess('open round', await owner.action(`${roundPath}?/setStatus`, { status: 'open' }));

	const roundPage = await (await owner.get(roundPath)).text();
	const select = roundPage.match(/<select[^>]*name="departmentId"[^>]*>([\s\S]*?)<\/select>/);
	const departmentId = select?.[1].match(/<option[^>]*value="([a-z0-9]{16,64})"/)?.[1];
	if (!departmentId) throw new Error('round page: no department to make a link for');

	expectSuccess(
		'create link',
		await owner.action(`${roundPath}?/createLink`, { departmentId, roleLevelId: '' })
	);
	const withLink = await (await owner.get(roundPath)).text();
	const linkToken = withLink.match(/\/join\/([a-z0-9]{16,64})/)?.[1];
	if (!linkToken) throw new Error('round page: the new link is not listed');

	const respondent = new Client(baseURL);
	const join = await respondent.post(`/join/${linkToken}`);
	const location = join.headers.get('location') ?? '';
	const token = location.match(/^\/answer\/([a-z0-9]{16,64})\/step\/1$/)?.[1];
	if (join.status !== 303 || !token)
		throw new Error(`join: expected 303 to /answer/<token>/step/1, got ${join.status} ${location}`);

	const step = await respondent.get(`/answer/${token}/step/1`);
	const stepHtml = await step.text();
	if (step.status !== 200) throw new Error(`step page: ${step.status}`);
	const questionIds = [...new Set([...stepHtml.matchAll(/name="q:([^"]+)"/g)].map((m) => m[1]))];
	if (questionIds.length === 0) throw new Error('step page: no questions found');

	// One save by hand, so a broken endpoint fails here and not as a column of non-2xx.
	const save = await fetch(`${baseURL}/answer/${token}/save`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: baseURL },
		body: JSON.stringify({ kind: 'answer', questionId: questionIds[0], level: 2 })
	});
	if (save.status !== 200) throw new Error(`autosave: ${save.status} ${await save.text()}`);

	return {
		token,
		linkToken,
		questionIds,
		stepScripts: pageScripts(stepHtml, `/answer/${token}/step/1`, step.headers.get('link') ?? '')
	};
}

// ---------------------------------------------------------------------------------------------
// Load

/** CPU time of each process in `pids` so far, by pid (processes already gone are left out). */
const cpuByPid = (pids) =>
	new Map(pids.map((pid) => [pid, cpuMs(pid)]).filter(([, ms]) => ms !== null));

/**
 * One measured autocannon run over one or more instances of the app, all at once: `targets` holds
 * each instance's autocannon options and server pid; the connections are split between them and
 * their req/s summed. Each target is warmed up first (not measured), so V8 has optimised the route.
 *
 * Latency p50 and p95 are exact over every 2xx response time seen on the 'response' event
 * (autocannon's own result has p90 and p97.5 but no p95). With one target, p90/p97.5/p99 are
 * autocannon's; with several, exact over the 2xx responses of all of them (autocannon's histograms
 * cannot be merged).
 *
 * CPU ms/req is the app servers' CPU time (user + system) per request: less skewed by other work
 * on the machine than req/s, which counts the waiting too. `databasePids` (optional, async) lists
 * the PostgreSQL server processes serving the run; their CPU time per request is reported as
 * `databaseCpuPerRequestMs` (approximate: a process that ends during the run is not counted).
 */
export async function measure(
	name,
	targets,
	{ seconds, connections, onTick, tickMs = 200, databasePids }
) {
	for (const target of targets) await autocannon({ ...target.opts, connections: 10, amount: 200 });
	const appPids = targets.map((t) => t.pid);
	const dbBefore = databasePids ? cpuByPid(await databasePids()) : null;
	const appBefore = appPids.map(cpuMs);
	const times = [];
	const errorKinds = {};
	const instances = targets.map((target, i) => {
		const share =
			Math.floor(connections / targets.length) + (i < connections % targets.length ? 1 : 0);
		const instance = autocannon({
			connections: share,
			duration: seconds,
			...target.opts
		});
		instance.on('response', (_client, statusCode, _bytes, responseTime) => {
			if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
		});
		instance.on('reqError', (err) => {
			const kind = err?.code ?? err?.message ?? String(err);
			errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
		});
		return instance;
	});
	const ticker = onTick ? setInterval(onTick, tickMs) : null;
	let results;
	try {
		results = await Promise.all(instances);
	} finally {
		if (ticker) clearInterval(ticker);
	}
	const appAfter = appPids.map(cpuMs);
	const dbAfter = databasePids ? cpuByPid(await databasePids()) : null;
	times.sort((a, b) => a - b);

	const total = results.reduce((sum, r) => sum + r.requests.total, 0);
	const sum = (pick) => results.reduce((s, r) => s + pick(r), 0);
	const appCpu = appBefore.some((ms, i) => ms === null || appAfter[i] === null)
		? null
		: appAfter.reduce((s, ms, i) => s + ms - appBefore[i], 0);
	let dbCpu = null;
	if (dbBefore && dbAfter)
		dbCpu = [...dbAfter].reduce((s, [pid, ms]) => s + ms - (dbBefore.get(pid) ?? 0), 0);
	const perRequest = (ms) =>
		ms === null || total === 0 ? null : Math.round((ms / total) * 1000) / 1000;
	const statusCodes = {};
	for (const r of results)
		for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {}))
			statusCodes[code] = (statusCodes[code] ?? 0) + count;
	const one = results.length === 1 ? results[0] : null;
	const exact = (p) => round1(percentile(times, p));
	return {
		name,
		instances: targets.length,
		connections,
		seconds: Math.max(...results.map((r) => r.duration)),
		requests: total,
		requestsPerSecond: round1(sum((r) => r.requests.average)),
		cpuPerRequestMs: perRequest(appCpu),
		...(databasePids ? { databaseCpuPerRequestMs: perRequest(dbCpu) } : {}),
		latencyMs: {
			mean: round1(total === 0 ? null : sum((r) => r.latency.mean * r.requests.total) / total),
			p50: exact(50),
			p95: exact(95),
			p90: one ? round1(one.latency.p90) : exact(90),
			p97_5: one ? round1(one.latency.p97_5) : exact(97.5),
			p99: one ? round1(one.latency.p99) : exact(99),
			max: round1(Math.max(...results.map((r) => r.latency.max)))
		},
		// autocannon counts timeouts among errors too.
		errors: sum((r) => r.errors),
		timeouts: sum((r) => r.timeouts),
		errorKinds,
		non2xx: sum((r) => r.non2xx),
		statusCodes
	};
}

/** `count` more respondents who join through the department link `linkToken`: their tokens. */
export async function joinRespondents(baseURL, linkToken, count) {
	const tokens = [];
	for (let i = 0; i < count; i++) {
		const join = await new Client(baseURL).post(`/join/${linkToken}`);
		const token = (join.headers.get('location') ?? '').match(
			/^\/answer\/([a-z0-9]{16,64})\/step\/1$/
		)?.[1];
		if (join.status !== 303 || !token) throw new Error(`join ${i + 1}: ${join.status}`);
		tokens.push(token);
	}
	return tokens;
}

/**
 * The autosave bodies of `questionIds` in turn, one a call: each question at every level and
 * unanswered, then the next question, round and round.
 */
export function autosaveBodies(questionIds) {
	const bodies = questionIds.flatMap((questionId) =>
		[1, 2, 3, 4, null].map((level) => JSON.stringify({ kind: 'answer', questionId, level }))
	);
	let next = 0;
	return () => {
		const body = bodies[next];
		next = (next + 1) % bodies.length;
		return body;
	};
}

/**
 * The autocannon options of the autosave of the respondent `token`, each request with the next
 * body of `nextBody` (`autosaveBodies`); with `others` (more respondents' tokens), each request
 * saves for the next of them in turn instead.
 */
export function autosaveRequest(baseURL, token, nextBody, others = []) {
	let turn = 0;
	return {
		url: baseURL,
		requests: [
			{
				method: 'POST',
				path: `/answer/${token}/save`,
				headers: { 'content-type': 'application/json', origin: baseURL },
				setupRequest: (req) => {
					const body = nextBody();
					if (others.length === 0) return { ...req, body };
					const who = others[turn];
					turn = (turn + 1) % others.length;
					return { ...req, path: `/answer/${who}/save`, body };
				}
			}
		]
	};
}

/**
 * The autocannon options of the step page and the autosave of the respondent `token`; with
 * `others` (more respondents' tokens), `autosaveMany` saves for each of them in turn. The two
 * autosaves share one `autosaveBodies`: each goes on where the other left off.
 */
export function respondentRequests(baseURL, token, questionIds, others = []) {
	const nextBody = autosaveBodies(questionIds);
	return {
		autosaveMany: autosaveRequest(baseURL, token, nextBody, others),
		step: { url: `${baseURL}/answer/${token}/step/1`, headers: { accept: 'text/html' } },
		autosave: autosaveRequest(baseURL, token, nextBody)
	};
}
