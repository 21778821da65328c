/**
 * One page per area: key figures, what its stage means and the next, the spread of the team's
 * answers with the most disputed question, and the area's recommendations.
 */
import { decimal, orDash, percent } from '$lib/format';
import { localize, type MaturityModel, type StageId } from '$lib/domain/model';
import { disputedQuestionView, type ResultsView } from '$lib/domain/results-view';
import { mostDisputed } from '$lib/domain/statistics';
import { m } from '$lib/paraglide/messages';
import { distributionBar, stageLegend } from '../charts';
import type { ReportContext } from '../context';
import { BODY, SMALL, type TextStyle } from '../layout';
import { COLOR, CONTENT_BOTTOM, LINE_GAP, MARGIN, QUICK_WIN, SIZE, STAGE_COLOR } from '../theme';
import { effortLabel, rankedItems, stageName, type ViewItem } from './common';

export function areaPages(ctx: ReportContext): void {
	const { view, model } = ctx;
	view.areas.forEach((area, index) => {
		const modelArea = model.areas.find((a) => a.id === area.id);
		if (modelArea) areaPage(ctx, area, modelArea, index);
	});
}

function areaPage(
	ctx: ReportContext,
	area: ResultsView['areas'][number],
	modelArea: MaturityModel['areas'][number],
	index: number
): void {
	const { layout, msg, locale } = ctx;
	const { doc } = layout;
	layout.section(`area-${area.id}`, area.name, {
		level: 2,
		kicker: m.pdf_area_kicker({ number: index + 1, total: ctx.view.areas.length }, msg)
	});

	// Key figures in a row of panels.
	const panels: Array<{
		id: 'score' | 'stage' | 'confidence' | 'target' | 'agreement';
		label: string;
		value: string;
		note?: string;
		noteColor?: string;
		stage?: StageId;
	}> = [
		{
			id: 'score',
			label: m.pdf_score({}, msg),
			value: area.score === null ? '–' : m.pdf_score_value({ score: area.score }, msg)
		},
		{
			id: 'stage',
			label: m.pdf_stage({}, msg),
			value: area.stage === null ? '–' : stageName(ctx, area.stage),
			stage: area.stage ?? undefined
		},
		{
			id: 'confidence',
			label: m.pdf_confidence({}, msg),
			value: percent(area.confidence, ctx.locale),
			note: area.lowConfidence ? m.pdf_low_confidence({}, msg) : undefined,
			noteColor: STAGE_COLOR[1]
		},
		{
			id: 'target',
			label: m.pdf_target({}, msg),
			value:
				area.target === null
					? '–'
					: area.gap === null
						? decimal(area.target, ctx.locale)
						: m.pdf_target_value(
								{ target: decimal(area.target, ctx.locale), gap: decimal(area.gap, ctx.locale) },
								msg
							)
		}
	];
	if (ctx.team)
		panels.push({
			id: 'agreement',
			label: m.pdf_agreement({}, msg),
			value: orDash(area.agreement, (v) => percent(v, ctx.locale))
		});
	const gap = 8;
	// The stage panel is wider: stage names are the longest values.
	const weights = panels.map((p) => (p.id === 'stage' ? 1.7 : 1));
	const unit = (layout.width - gap * (panels.length - 1)) / weights.reduce((s, w) => s + w, 0);
	const widths = weights.map((w) => w * unit);
	const valueStyle: TextStyle = { size: 11.5, bold: true, lineGap: 0.5 };
	const stageValueStyle: TextStyle = { size: 10.5, bold: true, lineGap: 0.5 };
	const styleOf = (p: (typeof panels)[number]) => (p.stage ? stageValueStyle : valueStyle);
	const panelHeight =
		Math.max(
			...panels.map(
				(p, i) =>
					Math.min(layout.measure(p.value, styleOf(p), (widths[i] ?? 0) - 16), 40) +
					(p.note ? 12 : 0) +
					(p.stage ? 11 : 0)
			)
		) + 32;
	const py = layout.y;
	let x = layout.left;
	panels.forEach((p, i) => {
		const w = widths[i] ?? 0;
		doc.roundedRect(x, py, w, panelHeight, 3).fill(COLOR.panel);
		if (p.stage) doc.rect(x, py + 3, 3, panelHeight - 6).fill(STAGE_COLOR[p.stage]);
		layout.line(p.label, x + 8, py + 8, w - 16, {
			size: SIZE.tiny,
			bold: true,
			color: COLOR.muted
		});
		let vy = py + 22;
		if (p.stage) {
			const label = m.pdf_stage_label({ number: p.stage }, msg);
			layout.line(label, x + 8, vy, w - 16, {
				size: SIZE.tiny,
				bold: true,
				color: STAGE_COLOR[p.stage]
			});
			vy += 11;
		}
		vy += layout.draw(p.value, x + 8, vy, w - 16, styleOf(p), { maxHeight: 40 });
		if (p.note)
			layout.line(p.note, x + 8, vy + 2, w - 16, {
				size: SIZE.tiny,
				color: p.noteColor ?? COLOR.muted
			});
		x += w + gap;
	});
	layout.y = py + panelHeight + 8;

	const description = localize(modelArea.description, locale);
	layout.paragraph(
		description,
		{ size: SIZE.small + 0.5, color: COLOR.muted, lineGap: LINE_GAP.small },
		4
	);

	if (area.stage === null) {
		layout.gap(6);
		layout.paragraph(m.pdf_not_scored({}, msg), BODY);
	} else {
		const now = modelArea.stageDescriptions[area.stage - 1];
		layout.h2(m.pdf_stage_means({}, msg), 30);
		if (now) layout.paragraph(localize(now, locale), BODY, 4);
		if (area.stage < 4) {
			const next = modelArea.stageDescriptions[area.stage];
			layout.h2(m.pdf_next_stage({ stage: stageName(ctx, (area.stage + 1) as StageId) }, msg), 30);
			if (next) layout.paragraph(localize(next, locale), BODY, 4);
		} else {
			layout.gap(6);
			layout.paragraph(m.pdf_top_stage({}, msg), BODY, 4);
		}
	}

	if (ctx.team) answerSpread(ctx, modelArea);

	if (area.stage !== null) {
		const ranks = new Set(
			ctx.results.roadmap.items.filter((i) => i.areaId === area.id).map((i) => i.rank)
		);
		const items = rankedItems(ctx.view).filter((i) => ranks.has(i.rank));
		layout.h2(m.pdf_area_recs({}, msg), 50);
		if (items.length === 0) layout.paragraph(m.pdf_area_no_recs({}, msg), SMALL);
		for (const item of items) recommendation(ctx, item);
	}
}

function answerSpread(ctx: ReportContext, modelArea: MaturityModel['areas'][number]): void {
	const { layout, msg, locale } = ctx;
	const questions = ctx.results.questions.filter((q) => q.areaId === modelArea.id);
	if (questions.length === 0) return;
	layout.h2(m.pdf_spread_title({}, msg), 70);
	layout.paragraph(m.pdf_spread_lead({}, msg), SMALL, 4);
	layout.y +=
		stageLegend(
			layout,
			ctx.view.stages.map((s) => s.name),
			layout.left,
			layout.y,
			layout.width
		) + 6;

	const barWidth = 150;
	const textWidth = layout.width - barWidth - 14;
	const qStyle: TextStyle = { size: SIZE.small, color: COLOR.ink, lineGap: 1 };
	for (const stats of questions) {
		const question = modelArea.questions.find((q) => q.id === stats.questionId);
		if (!question) continue;
		const text = localize(question.text, locale);
		const th = Math.min(layout.measure(text, qStyle, textWidth), 60);
		const dk = [
			stats.dontKnow > 0 ? m.pdf_dont_know({ count: stats.dontKnow }, msg) : '',
			stats.notApplicable > 0 ? m.pdf_not_applicable({ count: stats.notApplicable }, msg) : ''
		]
			.filter(Boolean)
			.join(' · ');
		const rowHeight = Math.max(th, 10 + (dk ? 11 : 0)) + 7;
		layout.ensure(rowHeight);
		const y = layout.y;
		layout.draw(text, layout.left, y, textWidth, qStyle, { maxHeight: 60 });
		const bx = layout.right - barWidth;
		distributionBar(layout, stats.distribution, bx, y + 0.5, barWidth, 10);
		if (dk) layout.line(dk, bx, y + 12, barWidth, { size: 6.5, color: COLOR.muted }, 'right');
		layout.y = y + rowHeight;
	}

	// The most disputed question of the area, with how the answers split over the statements.
	const [disputed] = mostDisputed(questions, 1);
	if (!disputed) return;
	const question = modelArea.questions.find((q) => q.id === disputed.questionId);
	if (!question) return;
	// Agreement rounded as the results view rounds it, and shown as the page shows it.
	const shown = disputedQuestionView(ctx.model, locale)(disputed);
	const agreement = shown.agreement;
	const pad = 10;
	const inner = layout.width - pad * 2;
	const qText = shown.text;
	const lead = m.pdf_disputed_lead(
		{ agreement: orDash(agreement, (v) => percent(v, ctx.locale)) },
		msg
	);
	const qStyleBold: TextStyle = { size: SIZE.body, bold: true, lineGap: 1 };
	const countWidth = 30;
	const statementWidth = inner - 14 - countWidth;
	const stStyle: TextStyle = { size: SIZE.small, color: COLOR.ink, lineGap: 1 };
	const statements = shown.levels;
	const heights = statements.map((s) => layout.measure(s, stStyle, statementWidth));
	const total =
		pad +
		layout.measure(qText, qStyleBold, inner) +
		4 +
		layout.measure(lead, SMALL, inner) +
		8 +
		heights.reduce((s, h) => s + h + 5, 0) +
		pad;
	layout.h2(m.pdf_disputed_title({}, msg), Math.min(total, 200));
	const fits = total <= CONTENT_BOTTOM - MARGIN.top;
	if (fits) {
		layout.ensure(total);
		layout.doc.roundedRect(layout.left, layout.y, layout.width, total, 3).fill(COLOR.panel);
		layout.doc.rect(layout.left, layout.y, 3, total).fill(layout.accent);
	}
	layout.y += pad;
	layout.paragraph(qText, qStyleBold, 4, layout.left + pad, inner);
	layout.paragraph(lead, SMALL, 8, layout.left + pad, inner);
	statements.forEach((statement, i) => {
		const stage = (i + 1) as StageId;
		const h = heights[i] ?? 0;
		layout.ensure(Math.min(h, 100));
		const y = layout.y;
		layout.doc.rect(layout.left + pad, y + 1.5, 8, 6).fill(STAGE_COLOR[stage]);
		layout.line(
			m.pdf_disputed_count({ count: disputed.distribution[i] ?? 0 }, msg),
			layout.left + pad + 12,
			y,
			countWidth,
			{ size: SIZE.small, bold: true }
		);
		layout.paragraph(statement, stStyle, 5, layout.left + pad + 14 + countWidth, statementWidth);
	});
	layout.y += pad - 5 + 4;
}

function recommendation(ctx: ReportContext, item: ViewItem): void {
	const { layout, msg } = ctx;
	const gutter = 26;
	const width = layout.width - gutter;
	const x = layout.left + gutter;
	const titleStyle: TextStyle = { size: SIZE.body + 0.5, bold: true, lineGap: 1 };
	const meta = [
		`${m.pdf_col_owner({}, msg)}: ${item.owner}`,
		`${m.pdf_col_effort({}, msg)}: ${effortLabel(ctx, item.effort)}`,
		`${m.pdf_col_impact({}, msg)}: ${m.pdf_impact_value({ impact: item.impact }, msg)}`,
		m.pdf_horizon_value({ days: item.horizon }, msg),
		`${m.pdf_col_kpi({}, msg)}: ${item.kpi}`
	].join(' · ');
	const th = layout.measure(item.title, titleStyle, width);
	const pill = item.quickWin ? 14 : 0;
	const mh = layout.measure(meta, SMALL, width);
	const ah = layout.measure(item.action, BODY, width);
	// Keep the title, tag and details together, and at least the start of the action with them.
	layout.ensure(Math.min(th + pill + mh + 6 + Math.min(ah, 40), CONTENT_BOTTOM - MARGIN.top));
	const y = layout.y;
	layout.line(`#${item.rank}`, layout.left, y + 1, gutter - 4, {
		size: SIZE.small,
		bold: true,
		color: layout.accentInk
	});
	let cy =
		y +
		layout.draw(item.title, x, y, width, titleStyle, { maxHeight: CONTENT_BOTTOM - y - 40 }) +
		3;
	if (item.quickWin) {
		layout.drawRuns(
			[{ text: m.pdf_quick_win({}, msg), size: SIZE.tiny, pill: { fill: QUICK_WIN } }],
			x,
			cy,
			width,
			14
		);
		cy += pill;
	}
	cy += layout.draw(meta, x, cy, width, SMALL, { maxHeight: 40 }) + 4;
	layout.y = cy;
	layout.paragraph(item.action, BODY, 12, x, width);
}
