/** The roadmap: every recommendation by horizon, in rank order, and the importance that ranked it. */
import { HORIZONS } from '$lib/domain/model';
import { importanceLine } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import { BODY, SMALL, type Run, type TextStyle } from '../layout';
import { COLOR, QUICK_WIN, SIZE, STAGE_COLOR } from '../theme';
import { effortLabel, rankedItems } from './common';
import { legalMinimumRuns } from './legal-findings';

export function roadmap(ctx: ReportContext): void {
	const { layout, view, msg } = ctx;
	layout.section('roadmap', m.pdf_roadmap_title({}, msg));
	layout.paragraph(m.pdf_roadmap_lead({}, msg), BODY, 4);
	// Team reports of a round whose areas were rated: the ranking took the ratings in (rule 26).
	const rankedWith = importanceLine(ctx.groups?.view.importance ?? [], msg);
	if (rankedWith) layout.paragraph(rankedWith, BODY, 4);
	const all = rankedItems(view);
	if (all.length === 0) layout.paragraph(m.pdf_roadmap_empty({}, msg), BODY);
	const columns = [
		{ header: m.pdf_col_rank({}, msg), width: 22 },
		{ header: m.pdf_col_recommendation({}, msg), width: 157 },
		{ header: m.pdf_col_area({}, msg), width: 80 },
		{ header: m.pdf_col_owner({}, msg), width: 70 },
		{ header: m.pdf_col_effort({}, msg), width: 42 },
		{ header: m.pdf_col_impact({}, msg), width: 38 },
		{ header: m.pdf_col_kpi({}, msg), width: layout.width - 409 }
	];
	const cell: TextStyle = { size: SIZE.small - 0.5, color: COLOR.ink, lineGap: 1 };
	for (const horizon of HORIZONS) {
		const items = view.roadmap[horizon];
		if (items.length === 0) continue;
		layout.h2(m.pdf_horizon({ days: horizon }, msg));
		layout.table(
			columns,
			items.map((item) => [
				[{ text: String(item.rank), size: SIZE.small, bold: true, color: layout.accentInk }],
				[
					{ text: item.title, size: SIZE.small, bold: true, lineGap: 1 },
					// Rule 24b: the item brings an answer up to the legal minimum.
					...(item.legalMinimum ? legalMinimumRuns(item.legalMinimum, msg) : []),
					...(item.lowAnswer
						? [
								{
									text: m.rec_low_answer(
										{ question: item.lowAnswer.question, stage: item.lowAnswer.stage },
										msg
									),
									size: SIZE.tiny,
									lineGap: 1
								} satisfies Run
							]
						: []),
					...(item.quickWin
						? [
								{
									text: m.pdf_quick_win({}, msg),
									size: SIZE.tiny - 0.5,
									pill: { fill: QUICK_WIN }
								} satisfies Run
							]
						: [])
				],
				[
					{ text: item.areaName, ...cell },
					{
						text: m.pdf_stage_label({ number: item.areaStage }, msg),
						size: SIZE.tiny - 0.5,
						bold: true,
						color: STAGE_COLOR[item.areaStage]
					}
				],
				[{ text: item.owner, ...cell }],
				[{ text: effortLabel(ctx, item.effort), ...cell }],
				[{ text: m.pdf_impact_value({ impact: item.impact }, msg), ...cell }],
				[{ text: item.kpi, ...cell }]
			])
		);
	}
	if (view.unscoredAreas.length > 0)
		layout.paragraph(m.pdf_unscored({ areas: view.unscoredAreas.join(', ') }, msg), SMALL);
}
