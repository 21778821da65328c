/**
 * Vitest global setup: starts the built app (`build/index.js`, made by `npm run build`) on a free
 * port with a fresh SQLite file, and hands its address to the tests as `baseURL`. With
 * TEST_DATABASE_URL set (`npm run test:integration:pg`), the app runs on a fresh PostgreSQL
 * database made for the run (`cx_test_<random>`, dropped at the end) instead, and `databasePath`
 * is that database's URL (openDatabase opens either).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { adminUrl, createTestDatabase, type TestDatabase } from './postgres';
import { freePort, stopChild } from './spawn-server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		/** The SQLite file, or the PostgreSQL URL when engine is 'postgres'. */
		databasePath: string;
		engine: 'sqlite' | 'postgres';
	}
}

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
		try {
			const res = await fetch(url);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server did not answer ${url} in 60 s:\n${log()}`);
}

export default async function setup(project: TestProject) {
	if (!existsSync('build/index.js'))
		throw new Error('build/index.js is missing: run `npm run build` first');
	const dir = mkdtempSync(join(tmpdir(), 'cx-test-'));
	const admin = adminUrl();
	const postgres: TestDatabase | undefined = admin ? await createTestDatabase(admin) : undefined;
	const databasePath = postgres?.url ?? join(dir, 'test.sqlite');
	const port = await freePort();
	let output = '';
	// Started the way `npm start` starts it, so ORIGIN comes from HOST and PORT as it does there.
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			...(postgres ? { DATABASE_URL: postgres.url } : { DATABASE_PATH: databasePath }),
			// The per-address sign-in limit stays on but cannot trip a suite that runs from one
			// address; tests/integration/sign-in-throttle.test.ts tries it on a second server.
			AUTH_ATTEMPTS_PER_ADDRESS: '100000',
			// Idle connections stay open for a minute, not 5 s: a test thread that waits on a
			// synchronous read (tests/support/sync-pg.ts) or parses a PDF can come back to a kept-alive
			// connection just as the server closes it ("other side closed").
			KEEP_ALIVE_TIMEOUT: '60'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	// TEST_SERVER_LOG=<file>: the server's output also goes there, to read after a failed run.
	if (process.env.TEST_SERVER_LOG) {
		const log = createWriteStream(process.env.TEST_SERVER_LOG, { flags: 'a' });
		child.stdout?.pipe(log);
		child.stderr?.pipe(log);
	}
	const baseURL = `http://127.0.0.1:${port}`;
	try {
		await waitFor(`${baseURL}/healthz`, child, () => output);
	} catch (error) {
		child.kill('SIGTERM');
		await postgres?.drop();
		throw error;
	}
	let stopping = false;
	// A server that dies under the tests says why, instead of leaving only refused connections.
	child.once('exit', (code, signal) => {
		if (!stopping)
			console.error(`\nThe app server exited (code ${code}, signal ${signal}):\n${output}`);
	});
	project.provide('baseURL', baseURL);
	project.provide('databasePath', databasePath);
	project.provide('engine', postgres ? 'postgres' : 'sqlite');
	return async () => {
		stopping = true;
		await stopChild(child);
		rmSync(dir, { recursive: true, force: true });
		await postgres?.drop();
	};
}
