/**
 * The questionnaire as a respondent reads it, in one language: the texts of a model's area and its
 * questions picked for the reader's locale, so a respondent's page carries one language instead of
 * all five, and nothing of the model the page does not show (recommendations, KPIs, sources).
 */
import { localize, type Area, type Locale, type MaturityModel, type Question } from './model';

export interface QuestionView {
	id: string;
	text: string;
	hint: string | null;
	/** The four statements, stage 1 first. */
	statements: string[];
	/** When the question offers "not applicable": when it fits; null when it does not offer it. */
	notApplicableHint: string | null;
}

export interface AreaView {
	id: string;
	name: string;
	description: string;
	questions: QuestionView[];
}

export function questionView(question: Question, locale: Locale): QuestionView {
	return {
		id: question.id,
		text: localize(question.text, locale),
		hint: question.hint ? localize(question.hint, locale) : null,
		statements: question.levels.map((level) => localize(level, locale)),
		notApplicableHint:
			question.notApplicable && question.notApplicableHint
				? localize(question.notApplicableHint, locale)
				: null
	};
}

export function areaView(area: Area, locale: Locale): AreaView {
	return {
		id: area.id,
		name: localize(area.name, locale),
		description: localize(area.description, locale),
		questions: area.questions.map((q) => questionView(q, locale))
	};
}

/**
 * The model's answering rule in the reader's language: `full` for the questionnaire's first page,
 * `short` for each step; null where the model states none (model 1.0.0).
 */
export function answeringRuleOf(
	model: Pick<MaturityModel, 'answeringRule' | 'answeringRuleShort'>,
	locale: Locale
): { full: string; short: string } | null {
	if (!model.answeringRule) return null;
	const full = localize(model.answeringRule, locale);
	return {
		full,
		short: model.answeringRuleShort ? localize(model.answeringRuleShort, locale) : full
	};
}
