/**
 * The co-branded report (issue 13): a practice's name, logo and accent beside the client's, the
 * round's cover note (on the cover, or the page after it when long), the practice's contact on the
 * last page, and the benchmark section with statistics only. Pages are rendered into the
 * git-ignored artifacts/pdf/ to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { benchmarkView, type Benchmark } from '../../src/lib/domain/benchmark';
import { roundResults } from '../../src/lib/domain/results';
import { sumResponses } from '../../src/lib/domain/round-sums';
import type { StageId } from '../../src/lib/domain/model';
import { buildReportPdf, type ReportInput } from '../../src/lib/server/report/index';
import { fixtureModel } from '../support/fixture-model';

const ARTIFACTS = join(process.cwd(), 'artifacts', 'pdf');
const model = fixtureModel();

function crc32(bytes: Uint8Array): number {
	let crc = ~0;
	for (const b of bytes) {
		crc ^= b;
		for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc >>> 0;
}

/** A solid-colour PNG of width × height, as a logo. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Uint8Array {
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const out = Buffer.alloc(8 + data.length + 4);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc32(body), 8 + data.length);
		return out;
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill([r, g, b]).flat())]);
	const raw = Buffer.concat(Array(height).fill(row));
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', header),
			chunk('IDAT', deflateSync(raw)),
			chunk('IEND', Buffer.alloc(0))
		])
	);
}

const responses = [1, 2, 3, 4, 2, 3].map((seed) => ({
	answers: Object.fromEntries(
		model.areas.flatMap((a, i) => a.questions.map((q) => [q.id, (((seed + i) % 4) + 1) as StageId]))
	),
	targets: {}
}));
const results = roundResults(model, sumResponses(model, responses));

const benchmark: Benchmark = {
	scope: { kind: 'practice', name: 'Balkan CX Partners' },
	sector: null,
	sizeBand: null,
	options: { sector: 'banking', sizeBand: 'small' },
	own: Object.fromEntries(model.areas.map((a) => [a.id, 55])),
	areas: model.areas.map((a, i) =>
		i === 0
			? { areaId: a.id, shown: false, reason: 'too-few-peers' as const }
			: {
					areaId: a.id,
					shown: true as const,
					peers: 7,
					percentile: 64.28,
					median: 48.2,
					lower: 31.9,
					upper: 60.4
				}
	)
};

function input(extra: Partial<ReportInput> = {}): ReportInput {
	return {
		locale: 'en',
		model,
		results,
		team: true,
		organisation: {
			name: 'Acme Retail Group',
			logo: { data: solidPng(160, 50, [200, 60, 40]), type: 'png' },
			accentColor: '#0f3d5e'
		},
		round: {
			name: 'Spring round',
			date: new Date('2026-04-15T00:00:00Z'),
			respondents: results.respondents,
			departments: 2,
			anonymityThreshold: 3
		},
		...extra
	};
}

const practice = {
	name: 'Balkan CX Partners',
	logo: { data: solidPng(140, 50, [20, 130, 90]), type: 'png' as const },
	accentColor: '#1b8a5a',
	contact: 'Maria Ivanova, partner · maria@balkancx.example · +359 2 000 0000'
};

async function pagesOf(bytes: Uint8Array): Promise<string[]> {
	const parser = new PDFParse({ data: new Uint8Array(bytes) });
	try {
		const result = await parser.getText();
		return result.pages.map((p) => p.text.replace(/\s+/g, ' ').trim());
	} finally {
		await parser.destroy();
	}
}

function render(bytes: Uint8Array, name: string): void {
	mkdirSync(ARTIFACTS, { recursive: true });
	const pdf = join(ARTIFACTS, `${name}.pdf`);
	writeFileSync(pdf, bytes);
	execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(ARTIFACTS, name)]);
}

describe('co-branded report', { timeout: 60_000 }, () => {
	it('without a practice: no "Prepared by", no contact, no benchmark section', async () => {
		const bytes = await buildReportPdf(input());
		render(bytes, 'branding-none');
		const pages = await pagesOf(bytes);
		const text = pages.join(' ');
		expect(text).not.toContain('Prepared by');
		expect(text).not.toContain('Your contact at');
		expect(text).not.toContain('Benchmark');
	});

	it('with a practice: "Prepared by … for …" on the cover and the contact on the last page', async () => {
		const note = 'We met the leadership team on 3 March. <script>alert(1)</script> & more.';
		const bytes = await buildReportPdf(
			input({ practice, coverNote: note, benchmark: benchmarkView(model, benchmark, 'en') })
		);
		render(bytes, 'branding-practice');
		const pages = await pagesOf(bytes);
		expect(pages[0]).toContain('Prepared by Balkan CX Partners for Acme Retail Group');
		// The note is text as typed, on the cover.
		expect(pages[0]).toContain('<script>alert(1)</script> & more.');
		const last = pages[pages.length - 1]!;
		expect(last).toContain('Your contact at Balkan CX Partners');
		expect(last).toContain('maria@balkancx.example');
		const text = pages.join(' ');
		expect(text).toContain(
			'Among 7 organisations of the clients of Balkan CX Partners: percentile 64, median 48, middle half 32–60'
		);
		expect(text).toContain('Not shown: fewer than 5 other organisations to compare with.');
	});

	it('a long cover note goes to the page after the cover', async () => {
		const note = Array.from(
			{ length: 12 },
			(_, i) => `Paragraph ${i + 1}: what we agreed to look at first, and why it matters.`
		)
			.join('\n')
			.repeat(2)
			.slice(0, 1200);
		const bytes = await buildReportPdf(input({ practice, coverNote: note }));
		render(bytes, 'branding-long-note');
		const pages = await pagesOf(bytes);
		expect(pages[0]).not.toContain('Paragraph 1:');
		expect(pages[1]).toContain('Paragraph 1:');
	});

	it('a personal report carries no benchmark', async () => {
		const bytes = await buildReportPdf(
			input({
				team: false,
				results: roundResults(model, sumResponses(model, responses.slice(0, 1))),
				benchmark: benchmarkView(model, benchmark, 'en')
			})
		);
		expect((await pagesOf(bytes)).join(' ')).not.toContain('Among 7 organisations');
	});
});
