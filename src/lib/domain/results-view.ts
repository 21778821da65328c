/**
 * Turns domain results into what a page shows: texts in the reader's language, numbers rounded by
 * the domain's one rounding rule. No computation of scores happens here.
 */
import { legalCheckView } from './legal-findings';
import { localize, type Locale, type MaturityModel } from './model';
import type { Results } from './results';
import {
	groupByHorizon,
	HORIZONS,
	IMPORTANCES,
	isQuickWin,
	namePractices,
	topQuickWins,
	type Horizon,
	type Importance,
	type ImportanceRatings,
	type RoadmapStatus
} from './roadmap';
import { round } from './scoring';
import type { QuestionStats } from './statistics';

/** A share from 0 to 1 as a whole percent, or null. */
const percent = (share: number | null | undefined) =>
	share === undefined || share === null ? null : round(share * 100, 0);

/**
 * Formats disputed questions as the pages show them: texts in the reader's language, agreement in
 * whole percent (null when nobody answered). The results view and the PDF's most disputed question
 * of an area both use it.
 */
export function disputedQuestionView(model: MaturityModel, locale: Locale) {
	const areaName = new Map(model.areas.map((a) => [a.id, localize(a.name, locale)]));
	const questionText = new Map(
		model.areas.flatMap((a) =>
			a.questions.map(
				(q) =>
					[
						q.id,
						{ text: localize(q.text, locale), levels: q.levels.map((l) => localize(l, locale)) }
					] as const
			)
		)
	);
	return (q: QuestionStats) => ({
		id: q.questionId,
		areaName: areaName.get(q.areaId) ?? q.areaId,
		text: questionText.get(q.questionId)?.text ?? q.questionId,
		levels: questionText.get(q.questionId)?.levels ?? [],
		distribution: q.distribution,
		dontKnow: q.dontKnow,
		agreement: percent(q.agreement)
	});
}

/**
 * The importance rated per area, as the round page, the results page and the PDF say it: per level,
 * high first, the names of the rated areas in the model's order; levels without an area and areas
 * the model does not have are left out. No ratings give [].
 */
export function importanceView(
	model: Pick<MaturityModel, 'areas'>,
	ratings: ImportanceRatings,
	locale: Locale
): Array<{ level: Importance; areas: string[] }> {
	const ratingOf = (areaId: string) => (Object.hasOwn(ratings, areaId) ? ratings[areaId] : null);
	return [...IMPORTANCES]
		.reverse()
		.map((level) => ({
			level,
			areas: model.areas
				.filter((a) => ratingOf(a.id) === level)
				.map((a) => localize(a.name, locale))
		}))
		.filter((l) => l.areas.length > 0);
}

export function resultsView(model: MaturityModel, results: Results, locale: Locale) {
	const areaName = new Map(model.areas.map((a) => [a.id, localize(a.name, locale)]));
	const disputed = disputedQuestionView(model, locale);
	const kpiName = new Map(model.kpis.map((k) => [k.id, localize(k.name, locale)]));
	const questionText = new Map(
		model.areas.flatMap((a) => a.questions.map((q) => [q.id, localize(q.text, locale)] as const))
	);
	const fmt = (v: number | null, digits = 1) => (v === null ? null : round(v, digits));
	const item = (i: Results['roadmap']['items'][number]) => ({
		rank: i.rank,
		id: i.recommendation.id,
		areaName: areaName.get(i.areaId) ?? i.areaId,
		areaStage: i.areaStage,
		title: localize(i.recommendation.title, locale),
		action: localize(i.recommendation.action, locale),
		effort: i.recommendation.effort,
		impact: i.recommendation.impact,
		horizon: i.recommendation.horizon,
		owner: localize(i.recommendation.owner, locale),
		kpi: kpiName.get(i.recommendation.kpi) ?? i.recommendation.kpi,
		quickWin: i.quickWin,
		// Why the item is there when it is for one low answer (docs/scoring.md rule 24a); the legal
		// mark says it instead when the item also brings the answer up to the legal minimum.
		lowAnswer:
			i.lowAnswer && !i.legalMinimum
				? {
						question: questionText.get(i.lowAnswer.questionId) ?? i.lowAnswer.questionId,
						stage: i.lowAnswer.questionStage
					}
				: null,
		// On the roadmap for a question below its legal floor (rule 24b): marked "legal minimum".
		legalMinimum: i.legalMinimum
			? {
					question: questionText.get(i.legalMinimum.questionId) ?? i.legalMinimum.questionId,
					floor: i.legalMinimum.floor
				}
			: null
	});
	const groups = groupByHorizon(results.roadmap.items);
	return {
		respondents: results.respondents,
		/** Answers below a legal floor of the organisation's sector (rule 24b); null: nothing to show. */
		legal: legalCheckView(model, results.legal, locale),
		stages: model.stages.map((s) => ({
			id: s.id,
			name: localize(s.name, locale),
			summary: localize(s.summary, locale)
		})),
		overall: {
			mean: fmt(results.overall.mean),
			score: fmt(results.overall.score, 0),
			stage: results.overall.stage,
			confidence: round(results.overall.confidence * 100, 0),
			lowConfidence: results.overall.lowConfidence,
			target: fmt(results.overall.target),
			gap: fmt(results.overall.gap)
		},
		areas: results.areas.map((a) => ({
			id: a.areaId,
			name: areaName.get(a.areaId) ?? a.areaId,
			mean: fmt(a.mean),
			score: fmt(a.score, 0),
			stage: a.stage,
			confidence: round(a.confidence * 100, 0),
			lowConfidence: a.lowConfidence,
			target: fmt(a.target),
			gap: fmt(a.gap),
			agreement: percent(a.agreement),
			/**
			 * The area's practices two or more stages below its stage (docs/scoring.md rule 24c): the
			 * question in the reader's language and its own stage. Only in results that may be shown,
			 * which carry the questions' figures anyway.
			 */
			lowPractices: namePractices(a.lowPractices, (id) => questionText.get(id) ?? id)
		})),
		strengths: results.highlights.strengths.map((id) => areaName.get(id) ?? id),
		weaknesses: results.highlights.weaknesses.map((id) => areaName.get(id) ?? id),
		largestGaps: results.highlights.largestGaps.map((id) => areaName.get(id) ?? id),
		disputed: results.disputed.map(disputed),
		/** The first quick wins in rank order, as many as the pages and the PDF list. */
		topQuickWins: topQuickWins(results.roadmap.items).map(item),
		roadmap: Object.fromEntries(HORIZONS.map((h) => [h, groups[h].map(item)])) as Record<
			Horizon,
			ReturnType<typeof item>[]
		>,
		unscoredAreas: results.roadmap.unscoredAreas.map((id) => areaName.get(id) ?? id)
	};
}

export type ResultsView = ReturnType<typeof resultsView>;

/** A model's recommendations by id, named in the reader's language, with their place in the model. */
export function recommendationNames(model: MaturityModel, locale: Locale) {
	return new Map(
		model.areas
			.flatMap((a) =>
				a.recommendations.map((r) => ({
					id: r.id,
					title: localize(r.title, locale),
					areaName: localize(a.name, locale),
					quickWin: isQuickWin(r)
				}))
			)
			.map((r, position) => [r.id, { ...r, position }] as const)
	);
}

/** Tracked roadmap items as the pages list them, in the model's order. */
export function trackedItemsView(
	model: MaturityModel,
	tracked: Iterable<{
		recommendationId: string;
		ownerName: string | null;
		dueQuarter: string | null;
		status: RoadmapStatus;
	}>,
	locale: Locale
) {
	const names = recommendationNames(model, locale);
	return [...tracked]
		.map((t) => ({ t, name: names.get(t.recommendationId) }))
		.sort((x, y) => (x.name?.position ?? Infinity) - (y.name?.position ?? Infinity))
		.map(({ t, name }) => ({
			id: t.recommendationId,
			title: name?.title ?? t.recommendationId,
			area: name?.areaName ?? '',
			owner: t.ownerName,
			dueQuarter: t.dueQuarter,
			status: t.status
		}));
}
