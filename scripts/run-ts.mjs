/**
 * Runs a TypeScript script with the app's own module resolution ($lib, import.meta.glob for the
 * migrations), through Vite's server-side module loader: `node scripts/run-ts.mjs scripts/demo.ts`.
 * The script's default export is called with the remaining command-line arguments. An error named
 * 'OperatorError' (a refusal the person running the script can act on) prints as its message only.
 */
import { resolve } from 'node:path';
import { createServer } from 'vite';

const [file, ...args] = process.argv.slice(2);
if (!file) {
	console.error('usage: node scripts/run-ts.mjs <script.ts> [arguments]');
	process.exit(2);
}
process.env.VITEST ??= ''; // no effect; the config reads it
const server = await createServer({
	configFile: resolve('vite.config.ts'),
	logLevel: 'error',
	server: { middlewareMode: true, hmr: false, watch: null },
	appType: 'custom',
	optimizeDeps: { noDiscovery: true, include: [] }
});
let code = 0;
try {
	const module = await server.ssrLoadModule(resolve(file));
	if (typeof module.default !== 'function') throw new Error(`${file} has no default export to run`);
	await module.default(args);
} catch (error) {
	console.error(
		error instanceof Error
			? error.name === 'OperatorError'
				? error.message
				: (error.stack ?? error.message)
			: error
	);
	code = 1;
} finally {
	await server.close();
}
process.exit(code);
