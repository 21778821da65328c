/**
 * The report's sections, in reading order. Every number comes from `resultsView`, the same view
 * the results pages show, and every fixed text is a Paraglide message.
 */
import { mostDisputed } from '$lib/domain/aggregate';
import { localize, type Locale, type MaturityModel, type StageId } from '$lib/domain/model';
import type { Results } from '$lib/domain/results';
import { disputedQuestionView, type ResultsView } from '$lib/domain/results-view';
import { m } from '$lib/paraglide/messages';
import { distributionBar, radarChart, stageLegend } from './charts';
import { BODY, SMALL, type Layout, type Run, type TextStyle } from './layout';
import { COLOR, CONTENT_BOTTOM, LINE_GAP, MARGIN, PAGE, SIZE, STAGE_COLOR, textOn } from './theme';

/** The app's quick-win tag colour. */
const QUICK_WIN = '#f5b841';

import type { ReportGroups } from './groups';

export type MessageOptions = NonNullable<Parameters<typeof m.pdf_title>[1]>;

export interface ReportContext {
	layout: Layout;
	locale: Locale;
	msg: MessageOptions;
	model: MaturityModel;
	results: Results;
	view: ResultsView;
	team: boolean;
	organisation: {
		name: string;
		logo: { data: Uint8Array; type: 'png' | 'jpeg' } | null;
	};
	round: {
		name: string;
		date: Date;
		respondents: number;
		departments: number;
		anonymityThreshold: number;
	};
	groups?: ReportGroups;
	dateText: string;
}

type ViewItem = ResultsView['roadmap'][30][number];

const stageName = (ctx: ReportContext, stage: StageId) => ctx.view.stages[stage - 1]?.name ?? '';
const effortLabel = (ctx: ReportContext, effort: 'S' | 'M' | 'L') =>
	({ S: m.pdf_effort_S, M: m.pdf_effort_M, L: m.pdf_effort_L })[effort]({}, ctx.msg);

/** All roadmap items in rank order, as the view formats them. */
export function rankedItems(view: ResultsView): ViewItem[] {
	return [...view.roadmap[30], ...view.roadmap[60], ...view.roadmap[90]].sort(
		(a, b) => a.rank - b.rank
	);
}

// ---------------------------------------------------------------------------------------------
// Cover

export function cover(ctx: ReportContext): void {
	const { layout, msg } = ctx;
	const { doc } = layout;
	const bandHeight = 268;
	const onBand = textOn(layout.accent);
	doc.rect(0, 0, PAGE.width, bandHeight).fill(layout.accent);
	layout.line(m.pdf_kicker({}, msg), layout.left, 96, layout.width, {
		size: SIZE.small + 1,
		bold: true,
		color: onBand
	});
	const titleStyle: TextStyle = { size: SIZE.cover, bold: true, color: onBand, lineGap: 3 };
	layout.draw(m.pdf_title({}, msg), layout.left, 116, layout.width * 0.82, titleStyle, {
		maxHeight: bandHeight - 116 - 30
	});

	let y = bandHeight + 42;
	if (ctx.organisation.logo) {
		try {
			doc.image(Buffer.from(ctx.organisation.logo.data), layout.left, y, { fit: [170, 64] });
			y += 64 + 26;
		} catch {
			// An unreadable logo must not cost the client their report: leave it out.
		}
	}

	// The organisation's name, smaller when it is long, cut only when absurdly long.
	let size = 24;
	let height = 0;
	for (; size > 13; size -= 1) {
		height = layout.measure(ctx.organisation.name, { size, bold: true, lineGap: 2 }, layout.width);
		if (height <= 130) break;
	}
	const nameStyle: TextStyle = { size, bold: true, color: COLOR.ink, lineGap: 2 };
	y += layout.draw(ctx.organisation.name, layout.left, y, layout.width, nameStyle, {
		maxHeight: 130
	});
	y += 8;
	const roundStyle: TextStyle = { size: 13, color: COLOR.muted, lineGap: 2 };
	y += layout.draw(ctx.round.name, layout.left, y, layout.width, roundStyle, { maxHeight: 50 });
	y += 30;

	doc
		.moveTo(layout.left, y)
		.lineTo(layout.right, y)
		.lineWidth(0.5)
		.strokeColor(COLOR.rule)
		.stroke();
	y += 14;
	const facts: Array<[string, string]> = [
		[m.pdf_cover_date({}, msg), ctx.dateText],
		[m.pdf_cover_respondents({}, msg), String(ctx.round.respondents)],
		[m.pdf_cover_departments({}, msg), String(ctx.round.departments)],
		[
			m.pdf_cover_model({}, msg),
			m.pdf_cover_model_value(
				{ name: localize(ctx.model.name, ctx.locale), version: ctx.model.version },
				msg
			)
		]
	];
	const colWidth = (layout.width - 24) / 4;
	let rowHeight = 0;
	facts.forEach(([label, value], i) => {
		const x = layout.left + i * (colWidth + 8);
		layout.line(label, x, y, colWidth, { size: SIZE.tiny, color: COLOR.muted });
		const h = layout.draw(
			value,
			x,
			y + 13,
			colWidth,
			{ size: 10.5, bold: true, lineGap: 1 },
			{ maxHeight: 40 }
		);
		rowHeight = Math.max(rowHeight, 13 + h);
	});
	y += rowHeight + 14;
	doc
		.moveTo(layout.left, y)
		.lineTo(layout.right, y)
		.lineWidth(0.5)
		.strokeColor(COLOR.rule)
		.stroke();
	y += 14;
	layout.draw(
		(ctx.team ? m.pdf_cover_scope_team({}, msg) : m.pdf_cover_scope_personal({}, msg)) +
			(ctx.groups?.filterLabel
				? ` ${m.pdf_cover_filter({ filter: ctx.groups.filterLabel }, msg)}`
				: ''),
		layout.left,
		y,
		layout.width,
		SMALL
	);

	const confidential = m.pdf_cover_confidential({ organisation: ctx.organisation.name }, msg);
	const cStyle: TextStyle = { size: SIZE.tiny, color: COLOR.faint, lineGap: 1 };
	const ch = Math.min(layout.measure(confidential, cStyle, layout.width), 30);
	layout.draw(confidential, layout.left, CONTENT_BOTTOM - ch, layout.width, cStyle, {
		maxHeight: 30
	});
}

// ---------------------------------------------------------------------------------------------
// Contents (the page is reserved first and filled once every section has its page)

export function reserveContents(ctx: ReportContext): number {
	ctx.layout.newPage();
	return ctx.layout.pageIndex;
}

export function fillContents(ctx: ReportContext, page: number): void {
	const { layout, msg } = ctx;
	const { doc } = layout;
	doc.switchToPage(page);
	let y = MARGIN.top;
	const titleStyle: TextStyle = { size: SIZE.h1, bold: true, color: COLOR.ink };
	layout.line(m.pdf_contents({}, msg), layout.left, y, layout.width, titleStyle);
	y += SIZE.h1 * 1.2 + 8;
	doc.rect(layout.left, y, 36, 2.5).fill(layout.accent);
	y += 26;
	for (const s of layout.sections) {
		const style: TextStyle =
			s.level === 1
				? { size: 10.5, bold: true, color: COLOR.ink }
				: { size: SIZE.body, color: COLOR.ink };
		const indent = s.level === 1 ? 0 : 16;
		if (s.level === 1 && y > MARGIN.top + 60) y += 6;
		const number = String(s.page + 1);
		const numberWidth = layout.textWidth(number, style);
		const titleWidth = layout.width - indent - 40;
		const title = layout.truncateToWidth(s.title, style, titleWidth);
		const w = layout.textWidth(title, style);
		layout.style(style);
		doc.text(title, layout.left + indent, y, { lineBreak: false, goTo: s.id });
		// Dot leader from the title to the page number.
		const from = layout.left + indent + w + 6;
		const to = layout.right - numberWidth - 6;
		if (to > from) {
			doc.save();
			doc
				.moveTo(from, y + style.size * 0.85)
				.lineTo(to, y + style.size * 0.85)
				.lineWidth(0.6)
				.dash(0.6, { space: 2.4 })
				.strokeColor(COLOR.faint)
				.stroke();
			doc.undash();
			doc.restore();
		}
		layout.style(style);
		doc.text(number, layout.right - numberWidth, y, { lineBreak: false, goTo: s.id });
		y += style.size * 1.25 + (s.level === 1 ? 8 : 5);
		if (y > CONTENT_BOTTOM - 20) break;
	}
}

// ---------------------------------------------------------------------------------------------
// Executive summary

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
				{ score: overall.score ?? 0, mean: overall.mean ?? 0, confidence: overall.confidence },
				msg
			) +
				(overall.target !== null
					? ` · ${m.pdf_overall_target({ target: overall.target, gap: overall.gap ?? 0 }, msg)}`
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
		layout.line(title, sideX, sy, sideWidth, { size: SIZE.h3, bold: true });
		sy += 17;
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
			layout.line(
				`${stageName(ctx, area.stage)} · ${m.pdf_score_value({ score: area.score ?? 0 }, msg)}`,
				sideX + 22,
				sy,
				sideWidth - 22,
				{ size: SIZE.tiny, color: COLOR.muted }
			);
			sy += 15;
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

// ---------------------------------------------------------------------------------------------
// One page per area

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
			value: `${area.confidence}%`,
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
						? String(area.target)
						: m.pdf_target_value({ target: area.target, gap: area.gap }, msg)
		}
	];
	if (ctx.team)
		panels.push({
			id: 'agreement',
			label: m.pdf_agreement({}, msg),
			value: area.agreement === null ? '–' : `${area.agreement}%`
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
		const dk = stats.dontKnow > 0 ? m.pdf_dont_know({ count: stats.dontKnow }, msg) : '';
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
	const lead = m.pdf_disputed_lead({ agreement: agreement === null ? '–' : `${agreement}%` }, msg);
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

// ---------------------------------------------------------------------------------------------
// Roadmap

export function roadmap(ctx: ReportContext): void {
	const { layout, view, msg } = ctx;
	layout.section('roadmap', m.pdf_roadmap_title({}, msg));
	layout.paragraph(m.pdf_roadmap_lead({}, msg), BODY, 4);
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
	for (const horizon of [30, 60, 90] as const) {
		const items = view.roadmap[horizon];
		if (items.length === 0) continue;
		layout.h2(m.pdf_horizon({ days: horizon }, msg), 60);
		layout.table(
			columns,
			items.map((item) => [
				[{ text: String(item.rank), size: SIZE.small, bold: true, color: layout.accentInk }],
				[
					{ text: item.title, size: SIZE.small, bold: true, lineGap: 1 },
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

// ---------------------------------------------------------------------------------------------
// KPI scorecard

export function scorecard(ctx: ReportContext): void {
	const { layout, view, msg, locale, model } = ctx;
	layout.section('scorecard', m.pdf_scorecard_title({}, msg));
	layout.paragraph(m.pdf_scorecard_lead({}, msg), BODY, 8);
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
								...(area.gap !== null ? [m.pdf_scorecard_gap({ gap: area.gap }, msg)] : [])
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

// ---------------------------------------------------------------------------------------------
// Method appendix

export function method(ctx: ReportContext): void {
	const { layout, msg, view } = ctx;
	layout.section('method', m.pdf_method_title({}, msg));
	layout.paragraph(m.pdf_method_lead({}, msg), BODY, 6);
	const blocks: Array<[string, string]> = [
		[m.pdf_method_scores_title({}, msg), m.pdf_method_scores({}, msg)],
		[m.pdf_method_stages_title({}, msg), m.pdf_method_stages({}, msg)],
		[m.pdf_method_confidence_title({}, msg), m.pdf_method_confidence({}, msg)],
		[m.pdf_method_team_title({}, msg), m.pdf_method_team({}, msg)],
		[m.pdf_method_roadmap_title({}, msg), m.pdf_method_roadmap({}, msg)],
		[m.pdf_method_rounding_title({}, msg), m.pdf_method_rounding({}, msg)],
		[
			m.pdf_method_anonymity_title({}, msg),
			m.pdf_method_anonymity({ threshold: ctx.round.anonymityThreshold }, msg)
		]
	];
	for (const [title, text] of blocks) {
		layout.gap(4);
		layout.h3(title, 24);
		layout.paragraph(text, BODY, 4);
	}

	layout.h2(m.pdf_method_stages_list({}, msg), 60);
	for (const stage of view.stages) {
		const id = stage.id as StageId;
		const label = m.pdf_stage_label({ number: id }, msg);
		const nameStyle: TextStyle = { size: SIZE.body, bold: true };
		const sh = layout.measure(stage.summary, SMALL, layout.width - 70);
		layout.ensure(16 + Math.min(sh, 200));
		const y = layout.y;
		layout.stageBadge(id, label, layout.left, y);
		layout.line(stage.name, layout.left + 70, y + 0.5, layout.width - 70, nameStyle);
		layout.y = y + 15;
		layout.paragraph(stage.summary, SMALL, 10, layout.left + 70, layout.width - 70);
	}
}

// ---------------------------------------------------------------------------------------------
// Running header and footer on every page but the cover

export function headerAndFooter(ctx: ReportContext): void {
	const { layout, msg } = ctx;
	const { doc } = layout;
	const range = doc.bufferedPageRange();
	const total = range.count;
	const headStyle: TextStyle = { size: SIZE.tiny, color: COLOR.muted };
	for (let i = range.start + 1; i < range.start + total; i++) {
		doc.switchToPage(i);
		const dateWidth = layout.textWidth(ctx.dateText, headStyle);
		const hy = 40;
		layout.line(
			`${ctx.organisation.name} · ${ctx.round.name}`,
			layout.left,
			hy,
			layout.width - dateWidth - 24,
			headStyle
		);
		layout.line(ctx.dateText, layout.right - dateWidth, hy, dateWidth + 1, headStyle);
		doc
			.moveTo(layout.left, hy + 13)
			.lineTo(layout.right, hy + 13)
			.lineWidth(0.4)
			.strokeColor(COLOR.rule)
			.stroke();
		const fy = PAGE.height - 44;
		doc
			.moveTo(layout.left, fy - 8)
			.lineTo(layout.right, fy - 8)
			.lineWidth(0.4)
			.strokeColor(COLOR.rule)
			.stroke();
		const page = m.pdf_page({ page: i + 1, total }, msg);
		const pageWidth = layout.textWidth(page, headStyle);
		layout.line(m.pdf_title({}, msg), layout.left, fy, layout.width - pageWidth - 24, headStyle);
		layout.line(page, layout.right - pageWidth, fy, pageWidth + 1, headStyle);
	}
}
