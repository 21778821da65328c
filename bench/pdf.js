/**
 * Benchmarks the PDF roadmap builder: a team round of 30 respondents on the real model (9 areas)
 * plus one synthetic area (10 areas). Prints the median generation time over BENCH_PDF_RUNS runs
 * (default 15, after 2 warm-up runs) and the file size, against the aims (<= 300 ms, <= 1 MB).
 * The TypeScript builder is loaded through vite (the project's own config and aliases), so nothing
 * has to be built first. It never fails because of an aim; it exits non-zero only on an error.
 *
 *   node bench/pdf.js
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const RUNS = Math.max(10, Number(process.env.BENCH_PDF_RUNS) || 15);
const RESPONDENTS = 30;
const AIMS = { ms: 300, bytes: 1024 * 1024 };

// Keeps the paraglide plugin's file watcher off (the messages are compiled by `npm run i18n`).
process.env.VITEST ??= 'bench';
const vite = await createServer({
	root,
	configFile: resolve(root, 'vite.config.ts'),
	logLevel: 'error',
	server: { middlewareMode: true, hmr: false, watch: null },
	appType: 'custom'
});

try {
	const load = (path) => vite.ssrLoadModule(path);
	const { parseModel } = await load('/src/lib/domain/model.ts');
	const { roundResults } = await load('/src/lib/domain/results.ts');
	const { sumResponses } = await load('/src/lib/domain/round-sums.ts');
	const { buildReportPdf } = await load('/src/lib/server/report/index.ts');

	const data = JSON.parse(readFileSync(resolve(root, 'db/models/cx-maturity.json'), 'utf8'));
	// A tenth area: a copy of the first with its own ids.
	const first = data.areas[0];
	const suffix = (id) => `${id}-extra`;
	data.areas.push({
		...structuredClone(first),
		id: 'extra-area',
		name: { en: 'Partner and supplier experience' },
		questions: first.questions.map((q) => ({ ...structuredClone(q), id: suffix(q.id) })),
		recommendations: first.recommendations.map((r) => ({ ...structuredClone(r), id: suffix(r.id) }))
	});
	const parsed = parseModel(data);
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	const model = parsed.value;

	let state = 11;
	const random = () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
	const responses = Array.from({ length: RESPONDENTS }, () => ({
		answers: Object.fromEntries(
			model.areas.flatMap((area) =>
				area.questions.map((q) => [q.id, random() < 0.05 ? null : 1 + Math.floor(random() * 4)])
			)
		),
		targets: Object.fromEntries(model.areas.map((a) => [a.id, 3 + Math.floor(random() * 2)]))
	}));
	const results = roundResults(model, sumResponses(model, responses));
	const input = {
		locale: 'en',
		model,
		results,
		team: true,
		organisation: { name: 'Тестова Организация ЕООД', logo: null, accentColor: '#0f3d5e' },
		round: {
			name: 'Benchmark round',
			date: new Date('2025-04-15T00:00:00Z'),
			respondents: RESPONDENTS,
			departments: 5,
			anonymityThreshold: 5
		}
	};

	for (let i = 0; i < 2; i++) await buildReportPdf(input);
	const times = [];
	let bytes = 0;
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		const pdf = await buildReportPdf(input);
		times.push(performance.now() - start);
		bytes = pdf.byteLength;
	}
	times.sort((a, b) => a - b);
	const mid = Math.floor(times.length / 2);
	const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
	const verdict = (ok) => (ok ? 'ok' : 'ABOVE AIM');
	console.log(
		`PDF roadmap: ${model.areas.length} areas, ${RESPONDENTS} respondents, ${results.roadmap.items.length} roadmap items, ${RUNS} runs`
	);
	console.log(
		`  median ${median.toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}), aim <= ${AIMS.ms} ms: ${verdict(median <= AIMS.ms)}`
	);
	console.log(
		`  size   ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes), aim <= 1 MiB: ${verdict(bytes <= AIMS.bytes)}`
	);
} finally {
	await vite.close();
}
