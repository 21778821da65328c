import { error, text } from '@sveltejs/kit';
import { groupVisibility } from '$lib/domain/anonymity';
import {
	consensusScoresExport,
	complianceExport,
	responseExport,
	scoresExport,
	toCsv,
	workshopRecordExport,
	type ComplianceExportLabels,
	type ExportLabels,
	type WorkshopExportLabels
} from '$lib/domain/exports';
import { consensusResults } from '$lib/domain/workshop-record';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { sectorLabel } from '$lib/labels';
import { loadDashboard } from '$lib/server/dashboard';
import { getModel } from '$lib/server/db/models';
import { getRound } from '$lib/server/db/rounds';
import { listSubmittedResponses } from '$lib/server/db/responses';
import { requireMember } from '$lib/server/guards';
import { contentDisposition, fileSlug } from '$lib/server/download';
import { loadRoundRecord } from '$lib/server/workshop-record';
import type { RequestHandler } from './$types';

const FILES = [
	'responses.csv',
	'responses.json',
	'scores.csv',
	'workshop.csv',
	'workshop.json',
	'compliance.csv',
	'compliance.json'
] as const;
type ExportFile = (typeof FILES)[number];

function labels(threshold: number): ExportLabels {
	return {
		respondent: m.export_respondent(),
		department: m.export_department(),
		roleLevel: m.export_role_level(),
		score: m.export_score(),
		target: m.export_target(),
		dontKnow: m.export_dont_know(),
		notApplicable: m.export_not_applicable(),
		groupType: m.export_group_type(),
		group: m.export_group(),
		responses: m.export_responses(),
		areaId: m.export_area_id(),
		area: m.export_area(),
		stage: m.export_stage(),
		agreement: m.export_agreement(),
		confidence: m.export_confidence(),
		lowPractices: m.export_low_practices(),
		wholeRound: m.export_whole_round(),
		combination: m.export_combination(),
		withoutDepartment: m.heatmap_no_department(),
		withoutRoleLevel: m.lens_no_role_level(),
		hidden: m.export_hidden({ threshold }),
		consensus: m.export_consensus()
	};
}

function complianceLabels(): ComplianceExportLabels {
	return {
		groupType: m.export_group_type(),
		group: m.export_group(),
		areaId: m.export_area_id(),
		area: m.export_area(),
		wholeRound: m.export_whole_round(),
		department: m.export_department(),
		roleLevel: m.export_role_level(),
		combination: m.export_combination(),
		withoutDepartment: m.heatmap_no_department(),
		withoutRoleLevel: m.lens_no_role_level(),
		sector: m.export_sector(),
		questionId: m.export_workshop_question_id(),
		question: m.workshop_record_col_question(),
		kind: m.export_legal_kind(),
		below: m.export_legal_below(),
		unanswered: m.export_legal_unanswered(),
		toCheck: m.export_legal_to_check(),
		answer: m.export_legal_answer(),
		floor: m.export_legal_floor(),
		rule: m.export_legal_rule(),
		check: m.export_legal_check(),
		consensus: m.export_legal_consensus()
	};
}

function workshopLabels(): WorkshopExportLabels {
	return {
		areaId: m.export_area_id(),
		area: m.export_area(),
		questionId: m.export_workshop_question_id(),
		question: m.workshop_record_col_question(),
		outcome: m.export_workshop_outcome(),
		level: m.workshop_record_col_level(),
		reason: m.workshop_record_col_reason(),
		voters: (vote) => m.export_workshop_voters({ vote }),
		votesAt: (vote, level) => m.export_workshop_level({ vote, level }),
		dontKnow: (vote) => m.export_workshop_dont_know({ vote }),
		changedMind: m.export_workshop_changed_mind(),
		first: m.workshop_record_first(),
		final: m.workshop_record_final(),
		agreed: m.workshop_record_agreed(),
		noAgreement: m.workshop_record_no_agreement(),
		skipped: m.workshop_record_skipped(),
		open: m.workshop_record_open(),
		tooFew: m.workshop_record_too_few(),
		notReopened: m.export_workshop_not_reopened(),
		yes: m.audit_value_yes(),
		no: m.audit_value_no()
	};
}

/**
 * The round's anonymised exports, for owners and facilitators: every response without names,
 * e-mails or accounts (CSV and JSON), and the scores per area and group (CSV). The anonymity rules
 * are the dashboard's (`groupVisibility`); a round under its threshold exports nothing. The
 * workshop record (CSV and JSON, docs/scoring.md rule 48) holds counts only, thresholded, and does
 * not depend on the responses; a round without a record answers 404 with a message. Below the
 * threshold, a round with a record exports the consensus as its scores (rule 49), like its results
 * page; the responses stay unexported. The compliance findings (CSV and JSON, docs/scoring.md rule
 * 24b) list, per shown group and for the workshop's agreed answers, the questions below a legal
 * floor of the organisation's sector; an organisation without a sector gets 404 with a message.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	// A file link, not a page: an anonymous visitor gets 404 rather than a sign-in redirect.
	if (!locals.user) error(404, { message: 'Not found' });
	const file = params.file as ExportFile;
	if (!FILES.includes(file)) error(404, { message: 'Not found' });
	const { db } = await requireMember(locals, url, params.orgId, 'exportData');
	const round = await getRound(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	if (file === 'workshop.csv' || file === 'workshop.json') {
		const record = await loadRoundRecord(db, round.id);
		if (!record) return text(m.export_workshop_none(), { status: 404 });
		const stored = await getModel(db, round.modelId);
		if (!stored) error(500, { message: m.error_model_missing() });
		const exported = workshopRecordExport(stored.model, record, {
			round: { name: round.name, threshold: round.anonymityThreshold },
			locale: currentLocale(),
			labels: workshopLabels()
		});
		return download(
			round.name,
			file,
			file === 'workshop.csv'
				? toCsv([exported.header, ...exported.rows])
				: JSON.stringify(exported.json, null, 2)
		);
	}
	const { stored, sums, departments, roleLevels, importance, dashboard, sector } =
		await loadDashboard(db, round);
	const visibility = groupVisibility(sums, round.anonymityThreshold);
	const names = {
		departmentNames: new Map(departments.map((d) => [d.id, d.name])),
		roleLevelNames: new Map(roleLevels.map((r) => [r.id, r.name])),
		locale: currentLocale(),
		labels: labels(round.anonymityThreshold)
	};
	const below = () =>
		text(m.report_below_threshold({ threshold: round.anonymityThreshold }), { status: 409 });

	/** The consensus as the round's scores while it is below its threshold (rule 49), if any. */
	const consensusTable = async () => {
		if (dashboard.roundShown) return null;
		const consensus = consensusResults(
			stored.model,
			false,
			await loadRoundRecord(db, round.id),
			importance
		);
		return consensus && consensusScoresExport(stored.model, consensus, names);
	};

	let body: string;
	let type: string;
	if (file === 'compliance.csv' || file === 'compliance.json') {
		if (sector === null) return text(m.export_compliance_none(), { status: 404 });
		const exported = complianceExport(stored.model, sums, visibility, {
			...names,
			labels: complianceLabels(),
			round: { name: round.name, threshold: round.anonymityThreshold },
			sector,
			sectorName: sectorLabel(sector),
			record: await loadRoundRecord(db, round.id)
		});
		if (!exported) return below();
		return download(
			round.name,
			file,
			file === 'compliance.csv'
				? toCsv([exported.header, ...exported.rows])
				: JSON.stringify(exported.json, null, 2)
		);
	}
	if (file === 'scores.csv') {
		const table =
			scoresExport(stored.model, sums, visibility, { ...names, importance }) ??
			(await consensusTable());
		if (!table) return below();
		body = toCsv([table.header, ...table.rows]);
		type = 'text/csv; charset=utf-8';
	} else {
		const responses = await listSubmittedResponses(db, round.organisationId, round.id);
		const exported = responseExport(stored.model, responses, visibility, {
			...names,
			round: { name: round.name, threshold: round.anonymityThreshold }
		});
		if (!exported) return below();
		if (file === 'responses.csv') {
			body = toCsv([exported.header, ...exported.rows]);
			type = 'text/csv; charset=utf-8';
		} else {
			body = JSON.stringify(exported.json, null, 2);
			type = 'application/json; charset=utf-8';
		}
	}
	return download(round.name, file, body, type);
};

function download(
	roundName: string,
	file: ExportFile,
	body: string,
	type = file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8'
): Response {
	return new Response(body, {
		headers: {
			'content-type': type,
			'content-disposition': contentDisposition(`cx-${fileSlug(roundName)}-${file}`),
			'cache-control': 'private, no-store'
		}
	});
}
