/**
 * The live workshop under a full room, against the built app (`build/index.js`): 200 participants
 * join by code and hold an open event stream each, then
 *
 *   vote throughput   all 200 vote at once (form actions, as the page's JavaScript posts them)
 *   reveal → screens  the time from the facilitator's reveal to the distribution arriving on every
 *                     participant's stream, p50 and p95 (aim: p95 ≤ 500 ms), over several questions
 *   RSS               the server's resident memory with the 200 streams open (aim ≤ 250 MB)
 *
 * Figures only: it never fails because of an aim, only on a real error.
 *
 *   node bench/workshop.js
 *   BENCH_PARTICIPANTS=50 BENCH_QUESTIONS=3 node bench/workshop.js
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS || 200);
const QUESTIONS = Number(process.env.BENCH_QUESTIONS || 5);
const AIMS = { revealP95Ms: 500, memoryMB: 250 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolvePort(port));
		});
	});
}

async function startServer(databasePath) {
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, ['build/index.js'], {
		cwd: root,
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATABASE_PATH: databasePath,
			AUTH_ATTEMPTS_PER_ADDRESS: '100000'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
	child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
	for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(100)) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
		try {
			if ((await fetch(`${baseURL}/healthz`)).ok) return { child, baseURL };
		} catch {
			// not listening yet
		}
	}
	throw new Error(`server did not start:\n${output}`);
}

class Client {
	cookies = new Map();
	constructor(baseURL) {
		this.baseURL = baseURL;
	}
	headers(extra) {
		const headers = new Headers(extra);
		if (this.cookies.size > 0)
			headers.set('cookie', [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; '));
		return headers;
	}
	async post(path, fields, json = false) {
		const res = await fetch(new URL(path, this.baseURL), {
			method: 'POST',
			redirect: 'manual',
			headers: this.headers({
				'content-type': 'application/x-www-form-urlencoded',
				origin: this.baseURL,
				accept: json ? 'application/json' : 'text/html',
				...(json ? { 'x-sveltekit-action': 'true' } : {})
			}),
			body: new URLSearchParams(fields).toString()
		});
		for (const header of res.headers.getSetCookie()) {
			const [pair] = header.split(';');
			const at = pair.indexOf('=');
			this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
		}
		if (json) {
			const result = await res.json();
			if (result.type !== 'success') throw new Error(`${path}: ${JSON.stringify(result)}`);
			return result;
		}
		await res.arrayBuffer();
		return res;
	}
	async get(path) {
		const res = await fetch(new URL(path, this.baseURL), {
			headers: this.headers({ accept: 'text/html' })
		});
		return res.text();
	}
	/** An event stream: calls `onView` with each message's JSON and its arrival time. */
	async stream(path, onView) {
		const controller = new AbortController();
		const res = await fetch(new URL(path, this.baseURL), {
			headers: this.headers({ accept: 'text/event-stream' }),
			signal: controller.signal
		});
		if (!res.ok) throw new Error(`${path}: ${res.status}`);
		void (async () => {
			let buffer = '';
			const decoder = new TextDecoder();
			try {
				for await (const chunk of res.body) {
					buffer += decoder.decode(chunk, { stream: true });
					let end;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const block = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						const data = block.split('\n').find((l) => l.startsWith('data:'));
						if (data) onView(JSON.parse(data.slice(5)), performance.now());
					}
				}
			} catch {
				// closed
			}
		})();
		return () => controller.abort();
	}
}

const location = (res) => res.headers.get('location') ?? '';
const percentile = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const rssMB = (pid) => {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
};

async function main() {
	if (!existsSync(join(root, 'build', 'index.js'))) {
		const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
			cwd: root,
			stdio: 'inherit'
		});
		if (built.status !== 0) throw new Error('`npx vite build` failed');
	}
	const dir = mkdtempSync(join(tmpdir(), 'cx-bench-workshop-'));
	const { child, baseURL } = await startServer(join(dir, 'bench.sqlite'));
	try {
		const owner = new Client(baseURL);
		await owner.post('/signup', {
			email: `bench-${Date.now()}@example.com`,
			displayName: 'Bench',
			password: 'correct horse battery'
		});
		const org = /^\/o\/([a-z0-9]+)$/.exec(
			location(await owner.post('/orgs?/create', { name: 'Bench' }))
		)[1];
		const round = new RegExp(`^/o/${org}/rounds/([a-z0-9]+)$`).exec(
			location(await owner.post(`/o/${org}?/createRound`, { name: 'Bench', threshold: '3' }))
		)[1];
		const workshops = `/o/${org}/rounds/${round}/workshops`;
		const area = /name="area:([a-z0-9-]+)"/.exec(await owner.get(workshops))[1];
		const control = location(
			await owner.post(`${workshops}?/create`, { [`area:${area}`]: 'on', pace: 'question' })
		);
		const workshopId = control.split('/').at(-1);
		const code = /class="code[^"]*"[^>]*>([A-Z0-9]{6})</.exec(await owner.get(control))[1];

		const people = [];
		for (let i = 0; i < PARTICIPANTS; i++) {
			const person = new Client(baseURL);
			await person.post('/workshop?/join', { code, name: `P${i}` });
			people.push(person);
		}
		// Every stream records when it first saw each (status, position, vote round).
		const seen = people.map(() => new Map());
		const closers = await Promise.all(
			(process.env.BENCH_NO_STREAMS ? people.slice(0, 1) : people).map((person, i) =>
				person.stream(`/workshop/${workshopId}/events`, (view, at) => {
					const key = `${view.status}:${view.position}:${view.voteRound}`;
					if (!seen[i].has(key)) seen[i].set(key, { at, view });
				})
			)
		);
		const allSeen = async (key) => {
			for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(5))
				if (seen.every((s, i) => s.has(key) || (process.env.BENCH_NO_STREAMS && i > 0))) return;
			throw new Error(`not every stream saw ${key}`);
		};
		await owner.post(`${control}?/command`, { type: 'start' }, true);
		await allSeen('open:0:1');
		const memory = rssMB(child.pid);

		const latencies = [];
		let votes = 0;
		let voteMs = 0;
		for (let q = 0; q < QUESTIONS; q++) {
			const open = seen[0].get(`open:${q}:1`).view;
			const questionId = open.questions[0].id;
			const t0 = performance.now();
			await Promise.all(
				people.map((p, i) =>
					p.post(`/workshop/${workshopId}?/vote`, { questionId, level: String((i % 4) + 1) }, true)
				)
			);
			voteMs += performance.now() - t0;
			votes += people.length;
			const revealAt = performance.now();
			await owner.post(`${control}?/command`, { type: 'reveal', position: String(q) }, true);
			await allSeen(`revealed:${q}:1`);
			for (const s of seen)
				if (s.has(`revealed:${q}:1`)) latencies.push(s.get(`revealed:${q}:1`).at - revealAt);
			if (q + 1 < QUESTIONS) {
				await owner.post(`${control}?/command`, { type: 'skip', position: String(q) }, true);
				await allSeen(`open:${q + 1}:1`);
			}
		}
		latencies.sort((a, b) => a - b);
		const figures = {
			participants: PARTICIPANTS,
			questions: QUESTIONS,
			revealP50Ms: Math.round(percentile(latencies, 0.5)),
			revealP95Ms: Math.round(percentile(latencies, 0.95)),
			votesPerSecond: Math.round(votes / (voteMs / 1000)),
			rssMBWithStreams: Math.round(memory)
		};
		console.log(`\nLive workshop: ${PARTICIPANTS} participants with an event stream each`);
		console.log(
			`  reveal → every screen   p50 ${figures.revealP50Ms} ms, p95 ${figures.revealP95Ms} ms (aim p95 ≤ ${AIMS.revealP95Ms} ms)`
		);
		console.log(`  votes, all at once      ${figures.votesPerSecond} votes/s`);
		console.log(
			`  server RSS, streams on  ${figures.rssMBWithStreams} MB (aim ≤ ${AIMS.memoryMB} MB)`
		);
		for (const close of closers) close();
		return figures;
	} finally {
		child.kill('SIGTERM');
		await new Promise((r) => child.once('exit', r));
		rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
