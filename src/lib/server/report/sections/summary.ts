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
	const labelStyle: TextStyle = { size: SIZE.small, bold: true, color: COLOR.muted, lineGap: 1 };
	const label = m.pdf_overall_stage({}, msg);
	const labelHeight = layout.measure(label, labelStyle, layout.width) + 4;
	if (overall.stage !== null) {
		const stage = overall.stage;
		const badgeLabel = m.pdf_stage_label({ number: stage }, msg);
		const badgeW = layout.textWidth(badgeLabel, { size: SIZE.body, bold: true }) + 8;
		const nameStyle: TextStyle = { size: 15, bold: true, color: COLOR.ink, lineGap: 1 };
		const name = stageName(ctx, stage);
		const nameHeight = layout.measure(name, nameStyle, layout.width - badgeW - 10);
		layout.keepWithNext(labelHeight + Math.max(nameHeight, 18) + 6, (y) => {
			layout.draw(label, layout.left, y, layout.width, labelStyle);
			layout.stageBadge(stage, badgeLabel, layout.left, y + labelHeight + 2, SIZE.body);
			layout.draw(
				name,
				layout.left + badgeW + 10,
				y + labelHeight,
				layout.width - badgeW - 10,
				nameStyle
			);
		});
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
						)}`
					: ''),
			{ size: SIZE.small + 0.5, color: COLOR.muted, lineGap: LINE_GAP.small },
			6
		);
		layout.paragraph(view.stages[stage - 1]?.summary ?? '', BODY, 4);
	} else {
		layout.keepWithNext(labelHeight, (y) => {
			layout.draw(label, layout.left, y, layout.width, labelStyle);
		});
		layout.paragraph(m.pdf_no_score({}, msg), BODY, 4);
	}

	// Radar on the left, strongest and weakest areas on the right; the side list is measured first
	// so the two move to the next page together.
	const chartWidth = 318;
	const chartHeight = 262;
	const gutter = 12;
	const sideX = layout.left + chartWidth + gutter;
	const sideWidth = layout.width - chartWidth - gutter;
	const byId = new Map(view.areas.map((a) => [a.id, a]));
	const titleStyle: TextStyle = { size: SIZE.h3, bold: true, lineGap: 1 };
	const areaStyle: TextStyle = { size: SIZE.small + 0.5, bold: true, lineGap: 1 };
	const metaStyle: TextStyle = { size: SIZE.tiny, color: COLOR.muted, lineGap: 1 };
	// Draws (or, with `draw` false, only measures) one list from `sy`; returns where it ends.
	const list = (title: string, ids: readonly string[], sy: number, draw: boolean): number => {
		const text = (t: string, x: number, y: number, w: number, style: TextStyle) => {
			if (draw) layout.draw(t, x, y, w, style);
			return layout.measure(t, style, w);
		};
		// Wraps rather than truncates ("Cele mai puternice domenii" is longer than the column).
		sy += text(title, sideX, sy, sideWidth, titleStyle) + 5;
		if (ids.length === 0)
			return sy + text(m.pdf_too_few_areas({}, msg), sideX, sy, sideWidth, SMALL) + 18;
		ids.forEach((id, i) => {
			const area = byId.get(id);
			if (!area || area.stage === null) return;
			if (draw) layout.line(`${i + 1}`, sideX, sy, 10, { size: SIZE.small, color: COLOR.faint });
			sy += text(area.name, sideX + 12, sy, sideWidth - 12, areaStyle) + 2;
			if (draw) doc.rect(sideX + 12, sy + 1.5, 6, 6).fill(STAGE_COLOR[area.stage]);
			// The stage by number (its name is on the area's page) and the score; wraps rather than
			// truncates in a longer language.
			const meta = `${m.pdf_stage_label({ number: area.stage }, msg)} · ${m.pdf_score_value({ score: area.score ?? 0 }, msg)}`;
			sy += Math.max(text(meta, sideX + 22, sy, sideWidth - 22, metaStyle), 8) + 7;
		});
		return sy + 8;
	};
	const lists = (from: number, draw: boolean) =>
		list(
			m.pdf_weaknesses({}, msg),
			ctx.results.highlights.weaknesses,
			list(m.pdf_strengths({}, msg), ctx.results.highlights.strengths, from + 4, draw),
			draw
		);
	const blockHeight = Math.max(chartHeight, lists(0, false)) + 4;
	layout.h2(m.pdf_chart_title({}, msg));
	layout.ensure(blockHeight);
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
	layout.y = Math.max(top + chartHeight, lists(top, true)) + 4;

	// The top five quick wins.
	layout.h2(m.pdf_quick_wins({}, msg));
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
		const th = layout.measure(item.title, titleStyle, textWidth);
		const mh = layout.measure(meta, SMALL, textWidth);
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
		layout.draw(item.title, layout.left + 24, y, textWidth, titleStyle);
		layout.draw(meta, layout.left + 24, y + th + 2, textWidth, SMALL);
		layout.y = y + th + mh + 10;
	});
}
