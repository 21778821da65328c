/**
 * Gathers what a PDF report needs (round, branding, answers) and answers the request with the
 * document. The numbers come from the same domain functions as the results pages.
 */
import { error, text } from '@sveltejs/kit';
import type { MaturityModel } from '$lib/domain/model';
import type { Sector } from '$lib/domain/sectors';
import { dashboardView } from '$lib/domain/dashboard-view';
import { personalResults, type Results } from '$lib/domain/results';
import { consensusResults, workshopRecordView } from '$lib/domain/workshop-record';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Db } from '$lib/server/db/connection';
import type { Round } from '$lib/server/db/rounds';
import { getModel } from '$lib/server/db/models';
import { getBranding } from '$lib/server/db/organisation-branding';
import { getOrganisation } from '$lib/server/db/organisations';
import type { SavedAnswers } from '$lib/server/db/responses';
import { loadDashboard } from '$lib/server/dashboard';
import { buildReportPdf, type ReportInput } from '$lib/server/report';
import { contentDisposition, fileSlug } from '$lib/server/download';
import { loadRoundRecord } from '$lib/server/workshop-record';
import { benchmarkView, type BenchmarkView } from '$lib/domain/benchmark';
import { benchmarkRequestOf, loadBenchmark } from '$lib/server/benchmark';
import { getPracticeOfClient } from '$lib/server/db/benchmark';
import { getCoverNote } from '$lib/server/db/rounds';

/** `cx-roadmap-leadership-q1.pdf` for the round "Leadership Q1". */
export function reportFileName(roundName: string): string {
	return `cx-roadmap-${fileSlug(roundName)}.pdf`;
}

async function respond(input: ReportInput, fileName: string, inline: boolean): Promise<Response> {
	const bytes = await buildReportPdf(input);
	return new Response(Buffer.from(bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(bytes.byteLength),
			'content-disposition': contentDisposition(fileName, inline),
			'cache-control': 'private, no-store'
		}
	});
}

async function modelAndBranding(db: Db, round: Round) {
	const [stored, branding, org, practice, coverNote] = await Promise.all([
		getModel(db, round.modelId),
		getBranding(db, round.organisationId),
		getOrganisation(db, round.organisationId),
		getPracticeOfClient(db, round.organisationId),
		getCoverNote(db, round.organisationId, round.id)
	]);
	if (!stored || !branding || !org) error(500, { message: m.error_model_missing() });
	return {
		model: stored.model,
		branding,
		organisationName: org.name,
		sector: org.sector,
		practice: practice ?? null,
		coverNote: coverNote ?? null
	};
}

/** Builds the report of a round from computed results, with the organisation's branding. */
async function roundReport(
	db: Db,
	round: Round,
	inline: boolean,
	compute: (
		model: MaturityModel,
		sector: Sector | null
	) => {
		results: Results;
		team: boolean;
		respondents: number;
		departments: number;
		groups?: ReportInput['groups'];
		record?: ReportInput['record'];
		consensus?: boolean;
	},
	benchmarkOf?: (model: MaturityModel) => Promise<BenchmarkView | null>
): Promise<Response> {
	const { model, branding, organisationName, sector, practice, coverNote } = await modelAndBranding(
		db,
		round
	);
	const { results, team, respondents, departments, groups, record, consensus } = compute(
		model,
		sector
	);
	const benchmark = benchmarkOf ? await benchmarkOf(model) : null;
	return respond(
		{
			locale: currentLocale(),
			model,
			results,
			team,
			organisation: {
				name: organisationName,
				logo: branding.logo,
				accentColor: branding.accentColor
			},
			round: {
				name: round.name,
				date: new Date(),
				respondents,
				departments,
				anonymityThreshold: round.anonymityThreshold
			},
			practice: practice && {
				name: practice.name,
				logo: practice.logo,
				accentColor: practice.accentColor,
				contact: practice.contact
			},
			coverNote,
			benchmark,
			groups,
			record,
			consensus
		},
		reportFileName(round.name),
		inline
	);
}

/**
 * The team report of a round, for the whole round or the filter in `params` (as on the dashboard);
 * 409 while the chosen group may not be shown (under the threshold, or hidden against subtraction).
 * A round below its threshold with a workshop record gets the consensus report instead, whatever
 * the filter (docs/scoring.md rule 49): the agreed answers scored as one response, the record, and
 * nothing read from an individual answer.
 */
export async function teamReportResponse(
	db: Db,
	round: Round,
	inline: boolean,
	params: URLSearchParams = new URLSearchParams()
): Promise<Response> {
	const [{ dashboard, departments, roleLevels }, record] = await Promise.all([
		loadDashboard(db, round, params),
		loadRoundRecord(db, round.id)
	]);
	const results = dashboard.results;
	if (!dashboard.roundShown && record)
		return roundReport(db, round, inline, (model, sector) => {
			const consensus = consensusResults(model, false, record, dashboard.importance, sector);
			if (!consensus) throw new Error('a round with a record has consensus results');
			return {
				results: consensus,
				team: false,
				consensus: true,
				// Neither is shown in a consensus report (no individual figure below the threshold).
				respondents: 0,
				departments: 0,
				record: workshopRecordView(model, record, null, currentLocale(), sector)
			};
		});
	if (!results)
		return text(m.report_below_threshold({ threshold: round.anonymityThreshold }), { status: 409 });
	const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
	const roleLevelNames = new Map(roleLevels.map((r) => [r.id, r.name]));
	const { departmentId, roleLevelId } = dashboard.filter;
	const filterLabel =
		[
			departmentId && m.pdf_filter_department({ name: departmentNames.get(departmentId) ?? '' }),
			roleLevelId && m.pdf_filter_role_level({ name: roleLevelNames.get(roleLevelId) ?? '' })
		]
			.filter(Boolean)
			.join(' · ') || null;
	const benchmarkRequest = benchmarkRequestOf(params);
	const benchmarkOf = async (model: MaturityModel) => {
		const benchmark = await loadBenchmark(db, round, model, benchmarkRequest);
		return benchmark && benchmarkView(model, benchmark, currentLocale());
	};
	return roundReport(
		db,
		round,
		inline,
		(model, sector) => {
			const view = dashboardView(
				model,
				dashboard,
				{
					departments: departmentNames,
					roleLevels: roleLevelNames,
					noDepartment: m.heatmap_no_department(),
					noRoleLevel: m.lens_no_role_level()
				},
				currentLocale()
			);
			return {
				results,
				team: true,
				respondents: results.respondents,
				departments: view.departments.length,
				groups: { filterLabel, view },
				record: record && workshopRecordView(model, record, results, currentLocale(), sector)
			};
		},
		benchmarkOf
	);
}

/** One person's own report, from their submitted answers. */
export function personalReportResponse(
	db: Db,
	round: Round,
	answers: SavedAnswers,
	inline: boolean
): Promise<Response> {
	return roundReport(db, round, inline, (model, sector) => ({
		results: personalResults(model, answers, undefined, sector),
		team: false,
		respondents: 1,
		departments: 1
	}));
}
