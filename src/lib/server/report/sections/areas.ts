/**
 * One page per area: key figures, what its stage means and the next, the spread of the team's
 * answers with the most disputed question, and the area's recommendations.
 */
import { decimal, orDash, percent } from '$lib/format';
import { localize, type MaturityModel, type StageId } from '$lib/domain/model';
import { disputedQuestionView, type ResultsView } from '$lib/domain/results-view';
import { mostDisputed } from '$lib/domain/statistics';
import { m } from '$lib/paraglide/messages';
import { distributionBar, stageLegend, stageLegendHeight } from '../charts';
import type { ReportContext } from '../context';
import { BODY, SMALL, type TextStyle } from '../layout';
import { COLOR, LINE_GAP, QUICK_WIN, SIZE, STAGE_COLOR } from '../theme';
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
	const valueStyle: TextStyle = { size: 11.5, bold: true, lineGap: 0.5 };
	const stageValueStyle: TextStyle = { size: 10.5, bold: true, lineGap: 0.5 };
	const labelStyle: TextStyle = { size: SIZE.tiny, bold: true, color: COLOR.muted, lineGap: 0.5 };
	const styleOf = (p: (typeof panels)[number]) => (p.stage ? stageValueStyle : valueStyle);
	// A panel narrower than its longest word ("Согласованность") takes width from the others, as a
	// table's columns do, so no word is broken.
	const widths = layout
		.fitColumns(
			weights.map((w) => ({ header: '', width: w * unit })),
			[
				panels.map((p) => [
					{ text: p.label, ...labelStyle },
					{ text: p.value, ...styleOf(p) },
					...(p.note ? [{ text: p.note, size: SIZE.tiny }] : [])
				])
			],
			8
		)
		.map((c) => c.width);
	// Every part of a panel wraps in its width and the row grows to the tallest panel: a longer
	// language ("47 из 100 баллов", "Согласованность") is never cut.
	const parts = panels.map((p, i) => {
		const inner = (widths[i] ?? 0) - 16;
		const stageLabel = p.stage ? m.pdf_stage_label({ number: p.stage }, msg) : '';
		const stageStyle: TextStyle = p.stage
			? { size: SIZE.tiny, bold: true, color: STAGE_COLOR[p.stage], lineGap: 0.5 }
			: labelStyle;
		const noteStyle: TextStyle = {
			size: SIZE.tiny,
			color: p.noteColor ?? COLOR.muted,
			lineGap: 0.5
		};
		return {
			inner,
			stageLabel,
			stageStyle,
			noteStyle,
			label: layout.measure(p.label, labelStyle, inner),
			stage: stageLabel ? layout.measure(stageLabel, stageStyle, inner) + 2 : 0,
			value: layout.measure(p.value, styleOf(p), inner),
			note: p.note ? layout.measure(p.note, noteStyle, inner) + 2 : 0
		};
	});
	const panelHeight =
		Math.max(...parts.map((q) => q.label + 6 + q.stage + q.value + q.note)) + 8 + 10;
	layout.ensure(panelHeight + 8);
	const py = layout.y;
	let x = layout.left;
	panels.forEach((p, i) => {
		const w = widths[i] ?? 0;
		const q = parts[i]!;
		doc.roundedRect(x, py, w, panelHeight, 3).fill(COLOR.panel);
		if (p.stage) doc.rect(x, py + 3, 3, panelHeight - 6).fill(STAGE_COLOR[p.stage]);
		let vy = py + 8;
		layout.draw(p.label, x + 8, vy, q.inner, labelStyle);
		vy += q.label + 6;
		if (q.stageLabel) {
			layout.draw(q.stageLabel, x + 8, vy, q.inner, q.stageStyle);
			vy += q.stage;
		}
		layout.draw(p.value, x + 8, vy, q.inner, styleOf(p));
		vy += q.value + 2;
		if (p.note) layout.draw(p.note, x + 8, vy, q.inner, q.noteStyle);
		x += w + gap;
	});
	layout.y = py + panelHeight + 8;

	// A practice two or more stages below the area, named beside the stage it is averaged into
	// (docs/scoring.md rule 24c); the results carry it only where they may be shown.
	const lowStyle: TextStyle = {
		size: SIZE.small,
		bold: true,
		color: STAGE_COLOR[1],
		lineGap: LINE_GAP.small
	};
	area.lowPractices.forEach((p, i) =>
		layout.paragraph(
			m.results_low_practice({ question: p.question, stage: p.stage }, msg),
			lowStyle,
			i === area.lowPractices.length - 1 ? 8 : 3
		)
	);

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
		layout.h2(m.pdf_stage_means({}, msg));
		if (now) layout.paragraph(localize(now, locale), BODY, 4);
		if (area.stage < 4) {
			const next = modelArea.stageDescriptions[area.stage];
			layout.h2(m.pdf_next_stage({ stage: stageName(ctx, (area.stage + 1) as StageId) }, msg));
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
		layout.h2(m.pdf_area_recs({}, msg));
		if (items.length === 0) layout.paragraph(m.pdf_area_no_recs({}, msg), SMALL);
		for (const item of items) recommendation(ctx, item);
	}
}

function answerSpread(ctx: ReportContext, modelArea: MaturityModel['areas'][number]): void {
	const { layout, msg, locale } = ctx;
	const questions = ctx.results.questions.filter((q) => q.areaId === modelArea.id);
	if (questions.length === 0) return;
	layout.h2(m.pdf_spread_title({}, msg));
	layout.lead(m.pdf_spread_lead({}, msg), SMALL, 4);
	const names = ctx.view.stages.map((s) => s.name);
	layout.ensure(stageLegendHeight(layout, names, layout.width) + 6);
	layout.y += stageLegend(layout, names, layout.left, layout.y, layout.width) + 6;

	const barWidth = 150;
	const textWidth = layout.width - barWidth - 14;
	const qStyle: TextStyle = { size: SIZE.small, color: COLOR.ink, lineGap: 1 };
	const dkStyle: TextStyle = { size: 6.5, color: COLOR.muted, lineGap: 0.5 };
	for (const stats of questions) {
		const question = modelArea.questions.find((q) => q.id === stats.questionId);
		if (!question) continue;
		const text = localize(question.text, locale);
		const th = layout.measure(text, qStyle, textWidth);
		const dk = [
			stats.dontKnow > 0 ? m.pdf_dont_know({ count: stats.dontKnow }, msg) : '',
			stats.notApplicable > 0 ? m.pdf_not_applicable({ count: stats.notApplicable }, msg) : ''
		]
			.filter(Boolean)
			.join(' · ');
		const dh = dk ? layout.measure(dk, dkStyle, barWidth) + 2 : 0;
		const rowHeight = Math.max(th, 10 + dh) + 7;
		layout.ensure(rowHeight);
		const y = layout.y;
		layout.draw(text, layout.left, y, textWidth, qStyle);
		const bx = layout.right - barWidth;
		distributionBar(layout, stats.distribution, bx, y + 0.5, barWidth, 10);
		if (dk) layout.draw(dk, bx, y + 12, barWidth, dkStyle, { align: 'right' });
		layout.y = y + rowHeight;
	}

	// The most disputed question of the area: how its answers split, as a bar, and what each level
	// says with how many chose it.
	const [disputed] = mostDisputed(questions, 1);
	if (!disputed) return;
	const question = modelArea.questions.find((q) => q.id === disputed.questionId);
	if (!question) return;
	// Agreement rounded as the results view rounds it, and shown as the page shows it.
	const shown = disputedQuestionView(ctx.model, locale)(disputed);
	const pad = 10;
	const inner = layout.width - pad * 2;
	const lead = m.pdf_disputed_lead(
		{ agreement: orDash(shown.agreement, (v) => percent(v, ctx.locale)) },
		msg
	);
	const qStyleBold: TextStyle = { size: SIZE.body, bold: true, lineGap: 1 };
	const stStyle: TextStyle = { size: SIZE.small, color: COLOR.ink, lineGap: 1 };
	const countStyle: TextStyle = { size: SIZE.small, bold: true };
	const counts = shown.levels.map((_, i) => String(disputed.distribution[i] ?? 0));
	const countWidth = Math.max(...counts.map((c) => layout.textWidth(c, countStyle))) + 4;
	const statementX = layout.left + pad + 12 + countWidth + 4;
	const statementWidth = layout.right - pad - statementX;
	const barHeight = 12;
	const dk = disputed.dontKnow > 0 ? m.pdf_dont_know({ count: disputed.dontKnow }, msg) : '';
	const parts = {
		question: layout.measure(shown.text, qStyleBold, inner),
		lead: layout.measure(lead, SMALL, inner),
		dk: dk ? layout.measure(dk, SMALL, inner) + 3 : 0,
		statements: shown.levels.map((s) => layout.measure(s, stStyle, statementWidth))
	};
	const total =
		pad +
		parts.question +
		4 +
		parts.lead +
		8 +
		barHeight +
		6 +
		parts.dk +
		parts.statements.reduce((sum, h) => sum + h + 5, 0) +
		pad -
		5;
	layout.h2(m.pdf_disputed_title({}, msg));
	// One box on one page: it is far shorter than a page for any question the model can hold.
	layout.ensure(total);
	const top = layout.y;
	layout.doc.roundedRect(layout.left, top, layout.width, total, 3).fill(COLOR.panel);
	layout.doc.rect(layout.left, top, 3, total).fill(layout.accent);
	let y = top + pad;
	const x = layout.left + pad;
	layout.draw(shown.text, x, y, inner, qStyleBold);
	y += parts.question + 4;
	layout.draw(lead, x, y, inner, SMALL);
	y += parts.lead + 8;
	distributionBar(layout, disputed.distribution, x, y, inner, barHeight);
	y += barHeight + 6;
	if (dk) {
		layout.draw(dk, x, y, inner, SMALL);
		y += parts.dk;
	}
	shown.levels.forEach((statement, i) => {
		const stage = (i + 1) as StageId;
		layout.doc.rect(x, y + 1.5, 8, 6).fill(STAGE_COLOR[stage]);
		layout.draw(counts[i] ?? '0', x + 12, y, countWidth, countStyle, { align: 'right' });
		layout.draw(statement, statementX, y, statementWidth, stStyle);
		y += (parts.statements[i] ?? 0) + 5;
	});
	layout.y = top + total + 8;
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
	// The title, tag and details are a heading: they go with the start of the action.
	layout.keepWithNext(
		th + 3 + pill + mh + 4,
		(y) => {
			layout.draw(`#${item.rank}`, layout.left, y + 1, gutter - 4, {
				size: SIZE.small,
				bold: true,
				color: layout.accentInk
			});
			let cy = y + th + 3;
			layout.draw(item.title, x, y, width, titleStyle);
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
			layout.draw(meta, x, cy, width, SMALL);
		},
		2
	);
	layout.paragraph(item.action, BODY, 12, x, width);
}
