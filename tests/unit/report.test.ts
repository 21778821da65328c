/**
 * The PDF roadmap, tested on real PDF bytes: text is extracted with pdf-parse and compared with what
 * `resultsView` shows on screen, pages are rendered with poppler's pdftoppm (into the git-ignored
 * artifacts/pdf/) and checked for blank pages, and word boxes from `pdftotext -bbox` must stay on
 * the page.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { parseModel, type MaturityModel, type StageId } from '../../src/lib/domain/model';
import { personalResults, roundResults, type Results } from '../../src/lib/domain/results';
import { resultsView } from '../../src/lib/domain/results-view';
import { sumResponses } from '../../src/lib/domain/round-sums';
import type { ResponseInput } from '../../src/lib/domain/scoring';
import { m } from '../../src/lib/paraglide/messages';
import {
	buildReportPdf,
	ReportInputError,
	type ReportInput
} from '../../src/lib/server/report/index';
import { fixtureModel } from '../support/fixture-model';

const ARTIFACTS = join(process.cwd(), 'artifacts', 'pdf');

/** A team's results from its responses, as the app computes them: from the responses' sums. */
const teamResultsOf = (model: MaturityModel, responses: readonly ResponseInput[]) =>
	roundResults(model, sumResponses(model, responses));

function realModel(): MaturityModel {
	const parsed = parseModel(JSON.parse(readFileSync('db/models/cx-maturity.json', 'utf8')));
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	return parsed.value;
}

/** Deterministic synthetic responses: every respondent answers every question, a few "don't know". */
function syntheticResponses(model: MaturityModel, count: number, seed = 7): ResponseInput[] {
	let state = seed;
	const next = () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
	return Array.from({ length: count }, () => ({
		answers: Object.fromEntries(
			model.areas.flatMap((area, a) =>
				area.questions.map((q) => {
					const r = next();
					if (r < 0.06) return [q.id, null];
					// Areas lean towards different stages so the report has some shape.
					const level = Math.min(4, Math.max(1, Math.round(1 + ((a % 4) + r * 2.6) * 0.8)));
					return [q.id, level as StageId];
				})
			)
		),
		targets: Object.fromEntries(
			model.areas.map((area, a) => [area.id, (a % 3 === 0 ? 4 : 3) as StageId])
		)
	}));
}

function input(
	model: MaturityModel,
	results: Results,
	team: boolean,
	organisation: string
): ReportInput {
	return {
		locale: 'en',
		model,
		results,
		team,
		organisation: { name: organisation, logo: null, accentColor: '#0f3d5e' },
		round: {
			name: 'Leadership round, spring 2025',
			date: new Date('2025-04-15T00:00:00Z'),
			respondents: results.respondents,
			departments: 3,
			anonymityThreshold: team ? 2 : 1
		}
	};
}

const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
const squash = (text: string) => text.replace(/\s+/g, '');

async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: string[] }> {
	const parser = new PDFParse({ data: new Uint8Array(bytes) });
	try {
		const result = await parser.getText();
		return { text: norm(result.text), pages: result.pages.map((p) => norm(p.text)) };
	} finally {
		await parser.destroy();
	}
}

/** Writes the PDF and its pages as PNG (40 dpi) to artifacts/pdf/; returns the PDF's path. */
function saveAndRender(bytes: Uint8Array, name: string): { pdf: string; pngs: string[] } {
	mkdirSync(ARTIFACTS, { recursive: true });
	for (const f of readdirSync(ARTIFACTS)) if (f.startsWith(`${name}-`)) rmSync(join(ARTIFACTS, f));
	const pdf = join(ARTIFACTS, `${name}.pdf`);
	writeFileSync(pdf, bytes);
	execFileSync('pdftoppm', ['-png', '-r', '40', pdf, join(ARTIFACTS, name)]);
	const pngs = readdirSync(ARTIFACTS)
		.filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
		.sort();
	return { pdf, pngs };
}

/**
 * Share of dark pixels in each page's content area (inside the running header and footer), from a
 * 20 dpi greyscale rendering: a blank page has none.
 */
function inkPerPage(pdf: string): number[] {
	const dir = join(ARTIFACTS, 'ink');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	execFileSync('pdftoppm', ['-gray', '-r', '20', pdf, join(dir, 'p')]);
	return readdirSync(dir)
		.filter((f) => f.endsWith('.pgm'))
		.sort()
		.map((f) => {
			const data = readFileSync(join(dir, f));
			// P5 header: "P5\n<width> <height>\n<max>\n", then one byte per pixel.
			const header = data.subarray(0, 40).toString('latin1').split(/\s+/);
			const [width, height] = [Number(header[1]), Number(header[2])];
			const offset = data.length - width * height;
			const top = Math.ceil((80 / 72) * 20);
			const bottom = height - Math.ceil((72 / 72) * 20);
			let dark = 0;
			for (let y = top; y < bottom; y++)
				for (let x = 0; x < width; x++) if ((data[offset + y * width + x] ?? 255) < 200) dark++;
			return dark / (width * (bottom - top));
		});
}

const fixture = fixtureModel();
const real = realModel();

const cases = [
	{
		label: 'fixture model, team',
		model: fixture,
		results: teamResultsOf(fixture, syntheticResponses(fixture, 4)),
		team: true,
		organisation: 'Acme Retail Group'
	},
	{
		label: 'real model, team, Cyrillic organisation',
		model: real,
		results: teamResultsOf(real, syntheticResponses(real, 6)),
		team: true,
		organisation: 'Тестова Организация ЕООД'
	},
	{
		label: 'real model, one person, Romanian organisation',
		model: real,
		results: personalResults(real, syntheticResponses(real, 1, 3)[0]!),
		team: false,
		organisation: 'Societatea Științifică și Tehnică'
	}
];

describe('buildReportPdf', () => {
	describe.each(cases)('$label', ({ label, model, results, team, organisation }) => {
		const view = resultsView(model, results, 'en');
		const name = label.replace(/[^a-z]+/gi, '-').toLowerCase();
		let built: Promise<{ bytes: Uint8Array; text: string; pages: string[] }> | undefined;
		const report = () =>
			(built ??= buildReportPdf(input(model, results, team, organisation)).then(async (bytes) => ({
				bytes,
				...(await pdfText(bytes))
			})));

		it('is a PDF with the organisation name extracted exactly as entered', async () => {
			const { bytes, text, pages } = await report();
			expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
			expect(pages[0]).toContain(organisation);
			expect(text).toContain(`${organisation} · Leadership round, spring 2025`);
		});

		it('names every area and the four stages', async () => {
			const { text } = await report();
			for (const area of view.areas) expect(text).toContain(area.name);
			for (const stage of view.stages) expect(text).toContain(stage.name);
		});

		it('shows the overall score and each area score as the results page does', async () => {
			const { text, pages } = await report();
			expect(view.overall.score).not.toBeNull();
			expect(text).toContain(
				m.pdf_overall_numbers({
					score: view.overall.score ?? 0,
					mean: view.overall.mean ?? 0,
					confidence: view.overall.confidence
				})
			);
			view.areas.forEach((area, i) => {
				const kicker = m.pdf_area_kicker({ number: i + 1, total: view.areas.length });
				const page = pages.find((p) => p.includes(kicker));
				expect(page, kicker).toBeDefined();
				expect(page).toContain(area.name);
				expect(page).toContain(
					area.score === null ? '–' : m.pdf_score_value({ score: area.score })
				);
				expect(page).toContain(`${area.confidence}%`);
			});
		});

		it('lists the roadmap in ranked order within each horizon', async () => {
			const { text } = await report();
			const start = text.indexOf(norm(m.pdf_roadmap_lead()));
			const end = text.indexOf(norm(m.pdf_scorecard_lead()));
			expect(start).toBeGreaterThan(0);
			expect(end).toBeGreaterThan(start);
			// Compared without whitespace: a title may wrap after a hyphen ("customer-\ncontact").
			const section = squash(text.slice(start, end));
			const ordered = [...view.roadmap[30], ...view.roadmap[60], ...view.roadmap[90]];
			expect(ordered.length).toBe(results.roadmap.items.length);
			let at = 0;
			for (const item of ordered) {
				const found = section.indexOf(squash(item.title), at);
				expect(found, item.title).toBeGreaterThanOrEqual(at);
				at = found + 1;
			}
			for (const horizon of [30, 60, 90] as const) {
				const ranks = view.roadmap[horizon].map((i) => i.rank);
				expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
			}
		});

		it('has no blank page (rendered to artifacts/pdf/)', async () => {
			const { bytes } = await report();
			const { pdf, pngs } = saveAndRender(bytes, name);
			const ink = inkPerPage(pdf);
			expect(pngs.length).toBe(ink.length);
			expect(ink.length).toBeGreaterThanOrEqual(6 + view.areas.length);
			ink.forEach((share, page) => expect(share, `page ${page + 1}`).toBeGreaterThan(0.0005));
		});
	});

	it('keeps the text of a report exact after another report embedded composite letters', async () => {
		// Й is drawn from И and a breve: embedding Й made an И without its character in the fonts
		// every report shares, and a later report's И was then lost from its text.
		const results = teamResultsOf(fixture, syntheticResponses(fixture, 4));
		await buildReportPdf(input(fixture, results, true, 'ЙЁЇ Group'));
		const { pages } = await pdfText(
			await buildReportPdf(input(fixture, results, true, 'ИЕІ Group'))
		);
		expect(pages[0]).toContain('ИЕІ Group');
	});

	it('keeps a 300-character organisation name and a very long recommendation on the page', async () => {
		const model = fixtureModel();
		const long = (words: number) =>
			Array.from(
				{ length: words },
				(_, i) => ['customer', 'experience', 'Științifică', 'Организация'][i % 4]
			).join(' ');
		for (const area of model.areas)
			for (const rec of area.recommendations) {
				rec.title = { en: long(40) };
				rec.action = { en: long(260).slice(0, 2000) };
			}
		model.areas[0]!.name = { en: long(20) };
		const organisation = 'Long Name Holdings '.repeat(16).slice(0, 300);
		expect(organisation.length).toBe(300);
		const results = teamResultsOf(model, syntheticResponses(model, 5));
		const bytes = await buildReportPdf(input(model, results, true, organisation));
		const { pdf } = saveAndRender(bytes, 'long-texts');
		const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
		const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html);
		const [width, height] = [Number(page?.[1]), Number(page?.[2])];
		const words = [
			...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)
		];
		expect(words.length).toBeGreaterThan(1000);
		const margin = 12;
		const outside = words
			.map((w) => w.slice(1, 5).map(Number) as [number, number, number, number])
			.filter(
				([x0, y0, x1, y1]) =>
					x0 < margin || y0 < margin || x1 > width - margin || y1 > height - margin
			);
		expect(outside).toEqual([]);
		for (const share of inkPerPage(pdf)) expect(share).toBeGreaterThan(0.0005);
	});

	it('refuses team results below the anonymity threshold', async () => {
		const model = fixtureModel();
		const results = teamResultsOf(model, syntheticResponses(model, 2));
		const report = input(model, results, true, 'Acme');
		await expect(
			buildReportPdf({ ...report, round: { ...report.round, anonymityThreshold: 3 } })
		).rejects.toBeInstanceOf(ReportInputError);
	});
});
