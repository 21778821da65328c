/** The method appendix: how the numbers are made, and the four stages. */
import type { StageId } from '$lib/domain/model';
import { answeringRuleOf } from '$lib/domain/questionnaire';
import { stageRuleOf } from '$lib/domain/scoring';
import { m } from '$lib/paraglide/messages';
import type { ReportContext } from '../context';
import { BODY, SMALL, type TextStyle } from '../layout';
import { SIZE } from '../theme';

export function method(ctx: ReportContext): void {
	const { layout, msg, view, model, locale } = ctx;
	layout.section('method', m.pdf_method_title({}, msg));
	layout.paragraph(m.pdf_method_lead_version({ version: model.version }, msg), BODY, 6);
	// The rule respondents were given, as the questionnaire stated it (models from 1.1.0).
	const answering = answeringRuleOf(model, locale);
	const stages =
		stageRuleOf(model) === 'half-up'
			? m.pdf_method_stages_half_up({}, msg)
			: m.pdf_method_stages({}, msg);
	const blocks: Array<[string, string]> = [
		...(answering ? [[m.answering_rule_title({}, msg), answering.full] as [string, string]] : []),
		[m.pdf_method_scores_title({}, msg), m.pdf_method_scores({}, msg)],
		[m.pdf_method_stages_title({}, msg), stages],
		[m.pdf_method_confidence_title({}, msg), m.pdf_method_confidence({}, msg)],
		// A consensus report's results are the workshop's agreed answers (docs/scoring.md rule 49).
		ctx.consensus
			? [
					m.pdf_method_consensus_title({}, msg),
					m.pdf_method_consensus({ threshold: ctx.round.anonymityThreshold }, msg)
				]
			: [m.pdf_method_team_title({}, msg), m.pdf_method_team({}, msg)],
		[m.pdf_method_roadmap_title({}, msg), m.pdf_method_roadmap({}, msg)],
		[m.pdf_method_rounding_title({}, msg), m.pdf_method_rounding({}, msg)],
		[
			m.pdf_method_anonymity_title({}, msg),
			m.pdf_method_anonymity({ threshold: ctx.round.anonymityThreshold }, msg)
		]
	];
	for (const [title, text] of blocks) {
		layout.gap(4);
		layout.h3(title);
		layout.paragraph(text, BODY, 4);
	}

	layout.h2(m.pdf_method_stages_list({}, msg));
	const nameStyle: TextStyle = { size: SIZE.body, bold: true, lineGap: 1 };
	const textX = layout.left + 70;
	const textWidth = layout.width - 70;
	for (const stage of view.stages) {
		const id = stage.id as StageId;
		const label = m.pdf_stage_label({ number: id }, msg);
		const nh = layout.measure(stage.name, nameStyle, textWidth);
		// The badge and the stage's name head its description.
		layout.keepWithNext(Math.max(nh, 13) + 3, (y) => {
			layout.stageBadge(id, label, layout.left, y);
			layout.draw(stage.name, textX, y + 0.5, textWidth, nameStyle);
		});
		layout.paragraph(stage.summary, SMALL, 10, textX, textWidth);
	}
}
