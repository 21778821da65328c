/**
 * The workshop record (issue 12, docs/scoring.md rules 46-48): the consensus stage per area beside
 * the individual answers, what the room agreed (question, level, rationale), where it did not (with
 * the rationale), what changed its mind (first against final vote) and the questions skipped.
 * Counts only, thresholded: a vote of fewer voters than the round's threshold reads "too few votes".
 */
import { decimal, day } from '$lib/format';
import type { RecordDistribution, WorkshopRecordView } from '$lib/domain/workshop-record';
import { m } from '$lib/paraglide/messages';
import { recordDistributionText } from '$lib/workshop-labels';
import type { ReportContext } from '../context';
import { BODY, SMALL, type Column, type Run, type TextStyle } from '../layout';
import { COLOR, SIZE, STAGE_COLOR, textOn } from '../theme';

type Question = WorkshopRecordView['areas'][number]['questions'][number] & { areaName: string };

export function workshopRecord(ctx: ReportContext): void {
	const record = ctx.record;
	if (!record) return;
	const { layout, msg } = ctx;
	const cell: TextStyle = { size: SIZE.small - 0.5, color: COLOR.ink, lineGap: 1 };
	const muted: TextStyle = { size: SIZE.tiny, color: COLOR.muted, lineGap: 1 };
	const stagePill = (stage: 1 | 2 | 3 | 4): Run => ({
		text: m.pdf_stage_label({ number: stage }, msg),
		size: SIZE.tiny - 0.5,
		bold: true,
		color: textOn(STAGE_COLOR[stage]),
		pill: { fill: STAGE_COLOR[stage] }
	});
	const votes = (d: RecordDistribution | null): Run[] =>
		d === null
			? [{ text: m.export_workshop_not_reopened({}, msg), ...muted }]
			: d.shown
				? [
						{
							text: recordDistributionText(d, msg),
							...cell
						}
					]
				: [{ text: m.workshop_record_too_few({}, msg), ...muted }];
	const questionCell = (q: Question): Run[] => [
		{ text: q.text, ...cell, bold: true },
		{ text: q.areaName, ...muted }
	];

	layout.section('workshop-record', m.workshop_record_title({}, msg));
	layout.paragraph(
		m.workshop_record_lead(
			{
				date: day(record.endedAt, ctx.locale),
				agreed: record.agreed,
				noAgreement: record.noAgreement,
				skipped: record.skipped,
				threshold: ctx.round.anonymityThreshold
			},
			msg
		),
		BODY,
		6
	);

	// Consensus per area beside the individual answers.
	layout.h2(m.workshop_record_areas_title({}, msg));
	layout.lead(m.workshop_record_stage_note({}, msg), SMALL, 4);
	const stageRuns = (stage: 1 | 2 | 3 | 4 | null, mean: number | null, none: string): Run[] =>
		stage === null
			? [{ text: none, ...muted }]
			: [stagePill(stage), { text: decimal(mean ?? 0, ctx.locale), ...muted }];
	layout.table(
		[
			{ header: m.results_col_area({}, msg), width: 190 },
			{ header: m.workshop_record_col_individual({}, msg), width: 105 },
			{ header: m.workshop_record_col_consensus({}, msg), width: 105 },
			{ header: m.workshop_record_col_agreed({}, msg), width: layout.width - 400 }
		],
		record.areas.map((area) => [
			[{ text: area.name, ...cell, bold: true }],
			stageRuns(area.individual?.stage ?? null, area.individual?.mean ?? null, '–'),
			stageRuns(area.consensus.stage, area.consensus.mean, m.workshop_record_no_consensus({}, msg)),
			[
				{
					text: m.workshop_record_agreed_count(
						{ agreed: area.consensus.agreed, questions: area.consensus.questions },
						msg
					),
					...cell
				}
			]
		])
	);

	// An agreed practice two or more stages below the consensus stage (docs/scoring.md rule 24c),
	// named under the table in the words of the results.
	const lowStyle: TextStyle = { ...SMALL, bold: true, color: STAGE_COLOR[1] };
	const low = record.areas.flatMap((a) =>
		a.consensus.lowPractices.map((p) => ({ area: a.name, practice: p }))
	);
	low.forEach(({ area, practice }, i) =>
		layout.paragraph(
			`${area}: ${m.results_low_practice({ question: practice.question, stage: practice.stage }, msg)}`,
			lowStyle,
			i === low.length - 1 ? 8 : 3
		)
	);

	const all: Question[] = record.areas.flatMap((a) =>
		a.questions.map((q) => ({ ...q, areaName: a.name }))
	);

	// What the room agreed.
	const agreed = all.filter((q) => q.outcome === 'agreed' && q.level !== null);
	layout.h2(m.workshop_record_agreed_title({}, msg));
	if (agreed.length === 0) layout.paragraph(m.workshop_record_none_agreed({}, msg), BODY, 6);
	else
		layout.table(
			[
				{ header: m.workshop_record_col_question({}, msg), width: 190 },
				{ header: m.workshop_record_col_level({}, msg), width: 120 },
				{ header: m.workshop_record_col_reason({}, msg), width: layout.width - 310 }
			] satisfies Column[],
			agreed.map((q) => [
				questionCell(q),
				[stagePill(q.level!), { text: q.levelName ?? '', ...muted }],
				[{ text: q.reason ?? '', ...cell }]
			])
		);

	// Where it did not.
	const disagreed = all.filter((q) => q.outcome === 'no-agreement');
	layout.h2(m.workshop_record_disagreed_title({}, msg));
	if (disagreed.length === 0) layout.paragraph(m.workshop_record_none_disagreed({}, msg), BODY, 6);
	else
		layout.table(
			[
				{ header: m.workshop_record_col_question({}, msg), width: 190 },
				{ header: m.workshop_record_col_reason({}, msg), width: layout.width - 190 }
			],
			disagreed.map((q) => [questionCell(q), [{ text: q.reason ?? '', ...cell }]])
		);

	// What changed its mind.
	const changed = all.filter((q) => q.changedMind);
	layout.h2(m.workshop_record_changed_title({}, msg));
	if (changed.length === 0) layout.paragraph(m.workshop_record_none_changed({}, msg), BODY, 6);
	else {
		layout.lead(m.workshop_record_changed_lead({}, msg), SMALL, 4);
		layout.table(
			[
				{ header: m.workshop_record_col_question({}, msg), width: 150 },
				{ header: m.workshop_record_first({}, msg), width: 115 },
				{ header: m.workshop_record_final({}, msg), width: 115 },
				{ header: m.workshop_record_col_level({}, msg), width: layout.width - 380 }
			],
			changed.map((q) => [
				questionCell(q),
				votes(q.first),
				votes(q.final),
				q.outcome === 'agreed' && q.level !== null
					? [stagePill(q.level), { text: q.levelName ?? '', ...muted }]
					: [
							{
								text:
									q.outcome === 'no-agreement'
										? m.workshop_record_no_agreement({}, msg)
										: m.workshop_record_open({}, msg),
								...cell
							}
						]
			])
		);
	}

	// Skipped questions.
	const skipped = all.filter((q) => q.outcome === 'skipped' || q.outcome === 'open');
	if (skipped.length > 0) {
		layout.h2(m.workshop_record_skipped_title({}, msg));
		for (const q of skipped)
			layout.paragraph(
				`• ${q.text} (${q.areaName}${q.outcome === 'open' ? ` · ${m.workshop_record_open({}, msg)}` : ''})`,
				BODY,
				2
			);
	}
}
