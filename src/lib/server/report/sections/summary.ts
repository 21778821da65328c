/** Executive summary: the overall stage, the radar, strengths and weaknesses, the top quick wins. */
import { decimal } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { radarChart } from '../charts';
import type { ReportContext } from '../context';
import { BODY, SMALL, type TextStyle } from '../layout';
import { COLOR, LINE_GAP, QUICK_WIN, SIZE, STAGE_COLOR } from '../theme';
import { effortLabel, stageName } from './common';

export function summary(ctx: ReportContext): void {
	const { layout, view, msg } = ctx;
	const { doc } = layout;
	layout.section('summary', m.pdf_summary_title({}, msg));

	// Overall stage and what it means.
	const overall = view.overall;
	layout.line(m.pdf_overall_stage({}, msg), layout.left, layout.y, layout.width, {
		size: SIZE.small,
		bold: true,
		color: COLOR.muted
	});
	layout.y += 14;
	if (overall.stage !== null) {
		const badgeW = layout.stageBadge(
			overall.stage,
			m.pdf_stage_label({ number: overall.stage }, msg),
			layout.left,
			layout.y + 2,
			SIZE.body
		);
		const nameStyle: TextStyle = { size: 15, bold: true, color: COLOR.ink };
		layout.line(
			stageName(ctx, overall.stage),
			layout.left + badgeW + 10,
			layout.y,
			layout.width - badgeW - 10,
			nameStyle
		);
		layout.y += 24;
		layout.paragraph(
			m.pdf_overall_numbers(
				{
					score: overall.score ?? 0,
					mean: decimal(overall.mean ?? 0, ctx.locale),
					confidence: overall.confidence
				},
				msg
			) +
				(overall.target !== null
					? ` · ${m.pdf_overall_target(
							{
								target: decimal(overall.target, ctx.locale),
								gap: decimal(overall.gap ?? 0, ctx.locale)
							},
							msg
						)}}`
					: ''),
			{ size: SIZE.small + 0.5, color: COLOR.muted, lineGap: LINE_GAP.small },
			6
		);
		layout.paragraph(view.stages[overall.stage - 1]?.summary ?? '', BODY, 4);
	} else {
		layout.paragraph(m.pdf_no_score({}, msg), BODY, 4);
	}

	// Radar on the left, strongest and weakest areas on the right.
	const chartWidth = 318;
	const chartHeight = 262;
	const gutter = 12;
	const sideX = layout.left + chartWidth + gutter;
	const sideWidth = layout.width - chartWidth - gutter;
	layout.h2(m.pdf_chart_title({}, msg), chartHeight);
	const top = layout.y;
	radarChart(
		layout,
		{
			labels: view.areas.map((a) => a.name),
			current: view.areas.map((a) => a.mean),
			target: view.areas.map((a) => a.target),
			currentLabel: m.pdf_chart_current({}, msg),
			targetLabel: m.pdf_chart_target({}, msg),
			note: m.pdf_chart_note({}, msg)
		},
		layout.left,
		top,
		chartWidth,
		chartHeight
	);
	let sy = top + 4;
	const byId = new Map(view.areas.map((a) => [a.id, a]));
	const list = (title: string, ids: readonly string[]) => {
		// Wraps rather than truncates ("Cele mai puternice domenii" is longer than the column).
		sy += layout.draw(
			title,
			sideX,
			sy,
			sideWidth,
			{ size: SIZE.h3, bold: true, lineGap: 1 },
			{
				maxHeight: 34
			}
		);
		sy += 5;
		if (ids.length === 0) {
			sy += layout.draw(m.pdf_too_few_areas({}, msg), sideX, sy, sideWidth, SMALL, {
				maxHeight: 40
			});
			sy += 10;
			return;
		}
		ids.forEach((id, i) => {
			const area = byId.get(id);
			if (!area || area.stage === null) return;
			const nameStyle: TextStyle = { size: SIZE.small + 0.5, bold: true, lineGap: 1 };
			layout.line(`${i + 1}`, sideX, sy, 10, { size: SIZE.small, color: COLOR.faint });
			const h = layout.draw(area.name, sideX + 12, sy, sideWidth - 12, nameStyle, {
				maxHeight: 22
			});
			sy += h + 2;
			doc.rect(sideX + 12, sy + 1.5, 6, 6).fill(STAGE_COLOR[area.stage]);
			// The stage by number (its name is on the area's page) and the score; wraps rather than
			// truncates in a longer language.
			const meta = layout.draw(
				`${m.pdf_stage_label({ number: area.stage }, msg)} · ${m.pdf_score_value({ score: area.score ?? 0 }, msg)}`,
				sideX + 22,
				sy,
				sideWidth - 22,
				{ size: SIZE.tiny, color: COLOR.muted, lineGap: 1 },
				{ maxHeight: 20 }
			);
			sy += Math.max(meta, 8) + 7;
		});
		sy += 8;
	};
	list(m.pdf_strengths({}, msg), ctx.results.highlights.strengths);
	list(m.pdf_weaknesses({}, msg), ctx.results.highlights.weaknesses);
	layout.y = Math.max(top + chartHeight, sy) + 4;

	// The top five quick wins.
	layout.h2(m.pdf_quick_wins({}, msg), 40);
	const wins = view.topQuickWins;
	if (wins.length === 0) layout.paragraph(m.pdf_no_quick_wins({}, msg), SMALL);
	wins.forEach((item, i) => {
		const titleStyle: TextStyle = { size: SIZE.body, bold: true, lineGap: 1 };
		const meta = [
			item.areaName,
			`${m.pdf_col_owner({}, msg)}: ${item.owner}`,
			`${m.pdf_col_effort({}, msg)}: ${effortLabel(ctx, item.effort)}`,
			`${m.pdf_col_impact({}, msg)}: ${m.pdf_impact_value({ impact: item.impact }, msg)}`,
			m.pdf_horizon_value({ days: item.horizon }, msg)
		].join(' · ');
		const textWidth = layout.width - 24;
		const maxTitle = 40;
		const th = Math.min(layout.measure(item.title, titleStyle, textWidth), maxTitle);
		const mh = Math.min(layout.measure(meta, SMALL, textWidth), 30);
		layout.ensure(th + mh + 10);
		const y = layout.y;
		doc.circle(layout.left + 8, y + 6, 8).fill(QUICK_WIN);
		layout.line(
			String(i + 1),
			layout.left,
			y + 1.5,
			16,
			{ size: SIZE.small, bold: true },
			'center'
		);
		layout.draw(item.title, layout.left + 24, y, textWidth, titleStyle, { maxHeight: maxTitle });
		layout.draw(meta, layout.left + 24, y + th + 2, textWidth, SMALL, { maxHeight: 30 });
		layout.y = y + th + mh + 10;
	});
}
