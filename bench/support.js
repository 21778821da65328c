/**
 * What the benchmarks share: starting the built app on a free port with its own SQLite file, a
 * cookie-keeping HTTP client that posts forms as a browser (and `use:enhance`) does, percentiles
 * and the server's resident memory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
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

export async function startServer(databasePath) {
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(
		process.execPath,
		[...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'build/index.js'],
		{
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

export function rssMB(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kB = Number(status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1]);
		return Number.isFinite(kB) ? kB / 1024 : null;
	} catch {
		return null;
	}
}
