/**
 * A second built server for tests that need their own configuration or a database of their own
 * (a read-only file, a full disk, an https ORIGIN): started the way `npm start` starts it.
 *
 *   const server = await startServer({ databasePath, env: { ORIGIN: 'https://…' } });
 *   ...; await server.stop();
 *   const failed = await runServerUntilExit({ databasePath }); // { code, stderr } of a failed start
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

/**
 * Stops a server as an operator does (SIGTERM), and kills it if it has not exited 20 s later, so a
 * server that does not shut down fails no run by hanging it (it would show in the run's time).
 */
export async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	const timer = setTimeout(() => {
		console.error(`The server (pid ${child.pid}) did not exit 20 s after SIGTERM: killed.`);
		child.kill('SIGKILL');
	}, 20_000);
	await exited;
	clearTimeout(timer);
}

export interface ServerOptions {
	databasePath: string;
	env?: Record<string, string>;
	/** Run as this user and group (when the tests run as root, so file permissions apply). */
	uid?: number;
	gid?: number;
}

function spawnServer(options: ServerOptions, port: number) {
	const spawnOptions: SpawnOptions = {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_PATH: options.databasePath,
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	};
	if (options.uid !== undefined) spawnOptions.uid = options.uid;
	if (options.gid !== undefined) spawnOptions.gid = options.gid;
	const child = spawn(process.execPath, ['scripts/serve.js'], spawnOptions);
	const output = { stdout: '', stderr: '' };
	child.stdout?.on('data', (d) => (output.stdout += d));
	child.stderr?.on('data', (d) => (output.stderr += d));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	return { child, output, exited };
}

export interface RunningServer {
	baseURL: string;
	child: ChildProcess;
	output: { stdout: string; stderr: string };
	stop(): Promise<void>;
}

/** Starts a server and waits until /healthz answers (any status). */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const port = await freePort();
	const { child, output, exited } = spawnServer(options, port);
	const baseURL = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`server exited with ${child.exitCode}:\n${output.stdout}${output.stderr}`);
		if (Date.now() > deadline) {
			child.kill('SIGTERM');
			throw new Error(`server did not answer in 20 s:\n${output.stdout}${output.stderr}`);
		}
		try {
			await fetch(`${baseURL}/healthz`);
			break;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return {
		baseURL,
		child,
		output,
		async stop() {
			await stopChild(child);
			await exited;
		}
	};
}

/** Starts a server that is expected to fail at start-up; its exit code and output. */
export async function runServerUntilExit(
	options: ServerOptions,
	timeoutMs = 20_000
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const { child, output, exited } = spawnServer(options, await freePort());
	const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
	const code = await exited;
	clearTimeout(timer);
	return { code, ...output };
}
