import { builtinModules } from 'node:module';
import prettier from 'eslint-config-prettier';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// The layers of docs/architecture.md, kept by the linter. Patterns are gitignore-style.
const serverImports = {
	group: ['$lib/server', '$lib/server/**', '**/lib/server', '**/lib/server/**'],
	message: 'Only server code (+page.server.ts, +server.ts, hooks, lib/server) imports lib/server.'
};
const domainRule = [
	'error',
	{
		paths: builtinModules.map((name) => ({
			name,
			message: 'lib/domain is pure: no Node built-ins.'
		})),
		patterns: [
			{
				group: [...serverImports.group, '../server', '../server/**', '**/server/**'],
				message: 'lib/domain is pure: it imports nothing from lib/server.'
			},
			{
				group: ['$app', '$app/**', '$env', '$env/**'],
				message: 'lib/domain is pure: no SvelteKit runtime ($app) or environment ($env).'
			},
			{
				group: ['better-sqlite3', 'kysely', 'kysely/**', 'pdfkit', 'pdfkit/**', 'fontkit'],
				message: 'lib/domain is pure: no database or PDF libraries (see lib/server).'
			},
			{ group: ['svelte', 'svelte/**'], message: 'lib/domain is pure: no Svelte.' },
			{ group: ['node:*'], message: 'lib/domain is pure: no Node built-ins.' }
		]
	}
];

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'src/lib/paraglide/', 'node_modules/', 'artifacts/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// typescript-eslint recommends turning this off for TypeScript projects.
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			],
			'svelte/button-has-type': 'error',
			'svelte/no-at-html-tags': 'error',
			// The app is served at the root (no paths.base), so plain absolute hrefs are correct.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error'
		}
	},
	{
		// The TypeScript variant also sees `import type` and `export … from`.
		files: ['src/lib/domain/**/*.ts'],
		rules: { '@typescript-eslint/no-restricted-imports': domainRule }
	},
	{
		files: [
			'src/lib/components/**/*.svelte',
			'src/lib/components/**/*.ts',
			'src/routes/**/*.svelte'
		],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{ patterns: [serverImports, { ...serverImports, group: ['../server', '../server/**'] }] }
			]
		}
	}
);
