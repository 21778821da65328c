import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideOptions } from './scripts/paraglide-options.js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		// Tests compile the messages once beforehand (npm run i18n); the plugin's file watcher would
		// otherwise keep vitest from exiting.
		!process.env.VITEST && paraglideVitePlugin(paraglideOptions),
		sveltekit()
	],
	build: {
		rollupOptions: {
			// Paraglide compiles each message to its own module, and Svelte's runtime is split finely:
			// without this a page loads dozens of chunks of a few hundred bytes (the respondent's step
			// page loaded 36). Chunks under 2.5 kB are merged into a chunk that is loaded anyway. A larger
			// bound merges other pages' messages into chunks the step page loads: at 10 kB the step page
			// loaded 17 files, 62.5 KB gzipped; at 4 kB 19 files, 60.2 KB; at 2.5 kB 22 files, 58.4 KB.
			output: { experimentalMinChunkSize: 2_500 }
		}
	},
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'] }
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/support/built-server.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/support/built-server.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					// The page under test shares two cores with the server and the browser: a chart or
					// a live update can take seconds to arrive when the machine is busy.
					expect: { poll: { timeout: 10_000 } },
					fileParallelism: false
				}
			}
		]
	}
});
