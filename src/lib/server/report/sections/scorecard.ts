/** The KPI scorecard: each area's position, objective, measure, target and business KPI. */
import { decimal } from '$lib/format';
import { localize } from '$lib/domain/model';
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import { BODY, type Run, type TextStyle } from '../layout';
import { COLOR, SIZE, STAGE_COLOR, textOn } from '../theme';
import { stageName } from './common';

export function scorecard(ctx: ReportContext): void {
	const { layout, view, msg, locale, model } = ctx;
	layout.section('scorecard', m.pdf_scorecard_title({}, msg));
	layout.lead(m.pdf_scorecard_lead({}, msg), BODY, 8);
	const kpis = new Map(model.kpis.map((k) => [k.id, k]));
	const cell: TextStyle = { size: SIZE.small - 0.5, color: COLOR.ink, lineGap: 1 };
	const rows = view.areas.map((area) => {
		const modelArea = model.areas.find((a) => a.id === area.id);
		const sc = modelArea?.scorecard;
		const kpi = sc ? kpis.get(sc.kpi) : undefined;
		const position: Run[] =
			area.stage === null
				? [{ text: m.pdf_not_scored_short({}, msg), size: SIZE.tiny, color: COLOR.muted }]
				: [
						{
							text: m.pdf_stage_label({ number: area.stage }, msg),
							size: SIZE.tiny - 0.5,
							color: textOn(STAGE_COLOR[area.stage]),
							pill: { fill: STAGE_COLOR[area.stage] }
						},
						{
							text: stageName(ctx, area.stage),
							size: SIZE.tiny,
							color: COLOR.muted,
							lineGap: 0.8
						},
						{
							text: [
								m.pdf_score_value({ score: area.score ?? 0 }, msg),
								...(area.gap !== null
									? [m.pdf_scorecard_gap({ gap: decimal(area.gap, ctx.locale) }, msg)]
									: [])
							].join(' · '),
							size: SIZE.tiny,
							color: COLOR.muted,
							lineGap: 0.8
						}
					];
		return [
			[{ text: area.name, size: SIZE.small, bold: true, lineGap: 1 }, ...position],
			[{ text: sc ? localize(sc.objective, locale) : '', ...cell }],
			[{ text: sc ? localize(sc.measure, locale) : '', ...cell }],
			[{ text: sc ? localize(sc.target, locale) : '', ...cell }],
			[
				{
					text: kpi ? localize(kpi.name, locale) : (sc?.kpi ?? ''),
					size: SIZE.small - 0.5,
					bold: true,
					lineGap: 1
				}
			]
		];
	});
	layout.table(
		[
			{ header: m.pdf_col_area({}, msg), width: 92 },
			{ header: m.pdf_col_objective({}, msg), width: 96 },
			{ header: m.pdf_col_measure({}, msg), width: 96 },
			{ header: m.pdf_col_target({}, msg), width: 96 },
			{ header: m.pdf_col_business_kpi({}, msg), width: layout.width - 380 }
		],
		rows
	);
}
