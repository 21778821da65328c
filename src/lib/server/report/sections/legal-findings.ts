/**
 * "Below the legal minimum: compliance findings" (docs/scoring.md rule 24b): the answers below a
 * legal floor of the organisation's sector, per question "below the legal minimum for <sector>:
 * <rule> — a compliance finding, not a maturity stage", with the answer and the statement that
 * meets the law; the questions nobody could answer; the points of law the answers touch, for
 * compliance to check; and, in a team report of a round with a
 * workshop record, the agreed answers below a floor. A short section before the executive summary,
 * drawn only when there is something to say (no sector or no finding: no page at all). The roadmap
 * items that reach the minimum carry the mark "Legal minimum" in the roadmap section.
 */
import type { LegalCheckView } from '$lib/domain/legal-findings';
import { decimal } from '$lib/format';
import { sectorLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import { BODY, SMALL, type Run, type TextStyle } from '../layout';
import { COLOR, SIZE, STAGE_COLOR } from '../theme';
import { rankedItems } from './common';

/** The mark's colour: the stage-1 red, the app's colour for what must be fixed first. */
const LEGAL_RED = STAGE_COLOR[1];

export function legalFindings(ctx: ReportContext): void {
	const own = ctx.view.legal;
	const agreed = ctx.record?.legal ?? null;
	if (!own && !agreed) return;
	const { layout, msg } = ctx;
	const count = (key: 'findings' | 'unanswered') =>
		(own?.[key].length ?? 0) + (agreed?.[key].length ?? 0);
	layout.section(
		'legal-findings',
		count('findings') > 0
			? m.legal_title({}, msg)
			: count('unanswered') > 0
				? m.legal_title_unanswered({}, msg)
				: m.legal_title_checks({}, msg)
	);
	if (own) {
		block(ctx, own, ctx.team ? 'median' : 'own');
		if (rankedItems(ctx.view).some((i) => i.legalMinimum))
			layout.paragraph(m.legal_roadmap_note({}, msg), BODY, 8);
	}
	if (agreed) {
		layout.h2(m.legal_consensus_title({}, msg));
		block(ctx, agreed, 'agreed');
	}
}

function block(ctx: ReportContext, legal: LegalCheckView, answer: 'own' | 'median' | 'agreed') {
	const { layout, msg } = ctx;
	const sector = sectorLabel(legal.sector, msg);
	const question: TextStyle = { size: SIZE.body, bold: true, color: COLOR.ink, lineGap: 1 };
	const finding: TextStyle = { size: SIZE.small + 0.5, bold: true, color: LEGAL_RED, lineGap: 1 };
	const answerText = (level: number) =>
		answer === 'median'
			? m.legal_answer_median({ level: decimal(level, ctx.locale) }, msg)
			: answer === 'agreed'
				? m.legal_answer_agreed({ level }, msg)
				: m.legal_answer_own({ level }, msg);
	for (const f of legal.findings) {
		const detail = `${answerText(f.level)} ${m.legal_floor({ floor: f.floor, statement: f.floorStatement }, msg)}`;
		const lines = [
			{ text: `${f.question} · ${f.area}`, style: question, after: 2 },
			{ text: m.legal_finding({ sector, rule: f.rule }, msg), style: finding, after: 2 },
			...(f.finding ? [{ text: f.finding, style: BODY, after: 2 }] : []),
			{ text: detail, style: SMALL, after: 10 }
		];
		// One finding stays on one page.
		layout.ensure(
			lines.reduce((h, l) => h + layout.measure(l.text, l.style, layout.width) + l.after, 0)
		);
		for (const l of lines) layout.paragraph(l.text, l.style, l.after);
	}
	if (legal.unanswered.length > 0) {
		layout.gap(14);
		layout.h3(m.legal_unanswered({}, msg));
		for (const u of legal.unanswered)
			layout.paragraph(
				`• ${m.legal_unanswered_item({ question: u.question, rule: u.rule }, msg)}`,
				SMALL,
				3
			);
		layout.gap(6);
	}
	if (legal.checks.length > 0) {
		layout.gap(8);
		layout.h3(m.legal_checks({ sector }, msg));
		for (const c of legal.checks)
			layout.paragraph(
				`• ${m.legal_check_item({ question: c.question, check: c.check, rule: c.rule }, msg)}`,
				SMALL,
				3
			);
		layout.gap(6);
	}
}

/** The roadmap's mark on an item that brings an answer up to the legal minimum (rule 24b). */
export function legalMinimumRuns(
	item: { question: string; floor: number },
	msg: ReportContext['msg']
): Run[] {
	return [
		{
			text: m.legal_minimum_mark({}, msg),
			size: SIZE.tiny - 0.5,
			bold: true,
			color: COLOR.white,
			pill: { fill: LEGAL_RED }
		},
		{
			text: m.rec_legal_minimum({ question: item.question, floor: item.floor }, msg),
			size: SIZE.tiny,
			lineGap: 1
		}
	];
}
