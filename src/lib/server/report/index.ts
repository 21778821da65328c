/**
 * The PDF roadmap: a pure builder from results to PDF bytes, with no database access. It takes the
 * same `Results` the results pages show (from `personalResults` or `roundResults`) and formats them
 * through the same `resultsView`, so the report and the screen can never disagree.
 *
 *   const bytes = await buildReportPdf({ locale, model, results, team, organisation, round });
 *
 * Layout: cover, contents, executive summary, the comparison across the organisation and the
 * workshop record (team reports), a section per area, the roadmap, the KPI scorecard and the
 * method appendix; A4, DejaVu Sans embedded (Latin and Cyrillic), page numbers and a running
 * header on every page but the cover. Pages break by content (the rules are in `layout.ts`). A
 * consensus report (a round below its threshold whose workshop record stands in for the individual
 * answers, docs/scoring.md rule 49) has no comparison, and its workshop record follows the roadmap
 * and scorecard as their evidence.
 */
import PDFDocument from 'pdfkit';
import type { Locale, MaturityModel } from '$lib/domain/model';
import type { Results } from '$lib/domain/results';
import type { WorkshopRecordView } from '$lib/domain/workshop-record';
import { resultsView } from '$lib/domain/results-view';
import { baseLocale, locales } from '$lib/paraglide/runtime';
import { FONT, parsedFonts } from './fonts';
import type { BenchmarkView } from '$lib/domain/benchmark';
import type { MessageOptions, ReportContext, ReportGroups, ReportPractice } from './context';
import { Layout } from './layout';
import { areaPages } from './sections/areas';
import { fillContents, reserveContents } from './sections/contents';
import { benchmarkSection } from './sections/benchmark';
import { cover, coverNotePage } from './sections/cover';
import { practiceContact } from './sections/practice';
import { groupsSection } from './sections/groups';
import { headerAndFooter } from './sections/header-footer';
import { legalFindings } from './sections/legal-findings';
import { method } from './sections/method';
import { roadmap } from './sections/roadmap';
import { scorecard } from './sections/scorecard';
import { summary } from './sections/summary';
import { workshopRecord } from './sections/workshop-record';
import { accentInk, accentOf, MARGIN, PAGE } from './theme';

export interface ReportInput {
	locale: Locale;
	model: MaturityModel;
	/** From `personalResults` or `roundResults`. */
	results: Results;
	/** A team round (shows spread and disputed questions) rather than one person's own response. */
	team: boolean;
	organisation: {
		name: string;
		logo: { data: Uint8Array; type: 'png' | 'jpeg' } | null;
		/** '#rrggbb'; anything else falls back to the app's brand colour. */
		accentColor: string;
	};
	round: {
		name: string;
		date: Date;
		respondents: number;
		departments: number;
		anonymityThreshold: number;
	};
	/** The practice whose client the organisation is, with its brand and contact. */
	practice?: ReportPractice | null;
	/** The round's cover note (plain text; at most MAX_COVER_NOTE characters). */
	coverNote?: string | null;
	/** Team reports: the round's benchmark (statistics of other organisations only). */
	benchmark?: BenchmarkView | null;
	/** Team reports: the comparison across departments and role levels, and the filter if any. */
	groups?: ReportGroups;
	/** Team reports: the round's workshop record, when it has one. */
	record?: WorkshopRecordView | null;
	/**
	 * The results are the workshop's agreed answers (`consensusResults`, docs/scoring.md rule 49):
	 * `team` false, `results.respondents` 0, a record and no groups.
	 */
	consensus?: boolean;
}

export class ReportInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReportInputError';
	}
}

/**
 * Lays the report out into a pdfkit document and ends it; read the document as a stream (pipe it
 * into a response) or use `buildReportPdf` for the bytes.
 *
 * @throws ReportInputError for team results from fewer respondents than the round's anonymity
 *   threshold: such a group must never be shown.
 */
export function createReportDocument(input: ReportInput): PDFKit.PDFDocument {
	if (input.team && input.results.respondents < input.round.anonymityThreshold)
		throw new ReportInputError(
			`team results of ${input.results.respondents} respondents are below the anonymity threshold of ${input.round.anonymityThreshold}`
		);
	if (
		input.consensus &&
		(input.team || input.groups || !input.record || input.results.respondents !== 0)
	)
		throw new ReportInputError(
			'a consensus report carries the workshop record and no individual answers or groups'
		);
	const fonts = parsedFonts();
	const doc = new PDFDocument({
		size: [PAGE.width, PAGE.height],
		margins: MARGIN,
		bufferPages: true,
		autoFirstPage: true,
		lang: input.locale,
		displayTitle: true,
		info: {
			Title: `${input.organisation.name} · ${input.round.name}`,
			Author: input.organisation.name,
			Subject: 'CX maturity roadmap',
			Creator: 'CX maturity',
			CreationDate: input.round.date
		}
	});
	// pdfkit accepts an already parsed font object; its types only list files and buffers.
	doc.registerFont(FONT.regular, fonts.regular as unknown as Buffer);
	doc.registerFont(FONT.bold, fonts.bold as unknown as Buffer);
	doc.font(FONT.regular);

	const accent = accentOf(input.organisation.accentColor);
	const layout = new Layout(doc, accent, accentInk(accent));
	const msg: MessageOptions = {
		locale: ((locales as readonly string[]).includes(input.locale)
			? input.locale
			: baseLocale) as MessageOptions['locale']
	};
	const ctx: ReportContext = {
		layout,
		locale: input.locale,
		msg,
		model: input.model,
		results: input.results,
		view: resultsView(input.model, input.results, input.locale),
		team: input.team,
		organisation: input.organisation,
		round: input.round,
		practice: input.practice ?? null,
		coverNote: input.coverNote?.trim() || null,
		benchmark: input.team ? (input.benchmark ?? null) : null,
		groups: input.groups,
		record: input.record,
		consensus: input.consensus === true,
		dateText: new Intl.DateTimeFormat(input.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
			input.round.date
		)
	};

	const noteOnCover = cover(ctx);
	if (!noteOnCover) coverNotePage(ctx);
	const contentsPage = reserveContents(ctx);
	legalFindings(ctx);
	summary(ctx);
	if (ctx.consensus) {
		areaPages(ctx);
		roadmap(ctx);
		scorecard(ctx);
		workshopRecord(ctx);
	} else {
		groupsSection(ctx);
		benchmarkSection(ctx);
		workshopRecord(ctx);
		areaPages(ctx);
		roadmap(ctx);
		scorecard(ctx);
	}
	method(ctx);
	practiceContact(ctx);
	layout.flush();
	fillContents(ctx, contentsPage);
	headerAndFooter(ctx);
	doc.end();
	return doc;
}

/** The report as PDF bytes. */
export function buildReportPdf(input: ReportInput): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		let doc: PDFKit.PDFDocument;
		try {
			doc = createReportDocument(input);
		} catch (error) {
			reject(error instanceof Error ? error : new Error(String(error)));
			return;
		}
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => {
			const buffer = Buffer.concat(chunks);
			resolve(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
		});
		doc.on('error', reject);
	});
}
