/**
 * Scoring of one response. Every rule here is stated in one sentence in docs/scoring.md and a
 * person can redo it with a pencil. Pure: plain data in, plain data out.
 */
import { isStageId, type MaturityModel, type StageId, type StageRule } from './model';

import { NOT_APPLICABLE, type NotApplicable } from './not-applicable';

export { NOT_APPLICABLE, type NotApplicable };

/**
 * A level chosen for a question (1-4), `null` for "don't know", or "not applicable". A missing key
 * is unanswered.
 */
export type AnswerValue = StageId | null | NotApplicable;

export interface ResponseInput {
	/** questionId -> chosen level, or null for "don't know". */
	answers: Record<string, AnswerValue>;
	/** areaId -> the stage the respondent wants the area at in 12 months. */
	targets: Record<string, StageId>;
}

export interface AreaScore {
	areaId: string;
	weight: number;
	questionCount: number;
	answered: number;
	dontKnow: number;
	/** Questions answered "not applicable": out of the mean and of the confidence. */
	notApplicable: number;
	unanswered: number;
	/** Mean of the answered levels, 1-4; null when nothing was answered. */
	mean: number | null;
	/** The mean on a 0-100 scale: (mean - 1) / 3 x 100. */
	score: number | null;
	stage: StageId | null;
	/**
	 * Share of the area's applicable questions answered with a level (not "don't know", not skipped),
	 * 0-1; 0 when no question applies.
	 */
	confidence: number;
	lowConfidence: boolean;
	target: number | null;
	/** target - mean, in stages; null when either is missing. */
	gap: number | null;
}

export interface OverallScore {
	mean: number | null;
	score: number | null;
	stage: StageId | null;
	confidence: number;
	lowConfidence: boolean;
	target: number | null;
	gap: number | null;
}

export interface ResponseScore {
	areas: AreaScore[];
	overall: OverallScore;
}

/** Below this share of answered questions a score is flagged as low confidence. */
export const LOW_CONFIDENCE = 0.5;

// Guards floor() against binary fractions such as 2.9999999999999996 from weighted sums.
const EPSILON = 1e-9;

export class ScoringInputError extends Error {
	constructor(public readonly problems: string[]) {
		super(problems.join('; '));
		this.name = 'ScoringInputError';
	}
}

/**
 * The stage of a mean level by a model's stage rule (docs/scoring.md rule 5). `whole-part` (model
 * 1.0.0): the whole part of the mean, `stageOf(2.99)` is 2, `stageOf(3)` is 3. `half-up` (model
 * 1.1.0): the mean rounded half up, `stageOf(2.49, 'half-up')` is 2, `stageOf(2.5, 'half-up')` is 3.
 */
export function stageOf(mean: number | null, rule: StageRule = 'whole-part'): StageId | null {
	if (mean === null) return null;
	const shifted = rule === 'half-up' ? mean + 0.5 : mean;
	const stage = Math.min(4, Math.max(1, Math.floor(shifted + EPSILON)));
	return stage as StageId;
}

/** The stage rule of a model: its own, or `whole-part` for models that name none (1.0.0). */
export const stageRuleOf = (model: Pick<MaturityModel, 'stageRule'>): StageRule =>
	model.stageRule ?? 'whole-part';

/** Maps a mean level (1-4) to 0-100: `toPercent(1)` is 0, `toPercent(2.5)` is 50, `toPercent(4)` is 100. */
export function toPercent(mean: number | null): number | null {
	return mean === null ? null : ((mean - 1) / 3) * 100;
}

/** Rounds for display; the PDF, exports and pages all use this one. `round(2.345, 1)` is 2.3. */
export function round(value: number, digits = 0): number {
	const f = 10 ** digits;
	const rounded = Math.round((value + Number.EPSILON) * f) / f;
	// -0.04 rounds to -0, which would print as "-0": a rounded zero has no sign.
	return rounded === 0 ? 0 : rounded;
}

interface ModelIds {
	questionIds: Set<string>;
	/** The questions that offer "not applicable". */
	notApplicableIds: Set<string>;
	areaIds: Set<string>;
}
const modelIds = new WeakMap<MaturityModel, ModelIds>();

/** A model's question and area ids, collected once per model (a round sums thousands of responses). */
function idsOf(model: MaturityModel): ModelIds {
	let ids = modelIds.get(model);
	if (!ids) {
		const questions = model.areas.flatMap((a) => a.questions);
		ids = {
			questionIds: new Set(questions.map((q) => q.id)),
			notApplicableIds: new Set(questions.filter((q) => q.notApplicable).map((q) => q.id)),
			areaIds: new Set(model.areas.map((a) => a.id))
		};
		modelIds.set(model, ids);
	}
	return ids;
}

/** Whether `questionId` of the model offers "not applicable". */
export function offersNotApplicable(model: MaturityModel, questionId: string): boolean {
	return idsOf(model).notApplicableIds.has(questionId);
}

/**
 * Lists what is wrong with a response for a model: unknown question or area ids, levels that are
 * not 1-4, "don't know" or "not applicable" (where the question offers it). An empty list means
 * the response is valid.
 */
export function checkResponse(model: MaturityModel, input: ResponseInput): string[] {
	const problems: string[] = [];
	const { questionIds, notApplicableIds, areaIds } = idsOf(model);
	for (const [questionId, value] of Object.entries(input.answers)) {
		if (!questionIds.has(questionId)) problems.push(`unknown question "${questionId}"`);
		else if (value === NOT_APPLICABLE) {
			if (!notApplicableIds.has(questionId))
				problems.push(`"${questionId}" does not offer "not applicable"`);
		} else if (value !== null && !isStageId(value))
			problems.push(`answer to "${questionId}" must be 1, 2, 3, 4 or don't know`);
	}
	for (const [areaId, value] of Object.entries(input.targets)) {
		if (!areaIds.has(areaId)) problems.push(`unknown area "${areaId}"`);
		else if (!isStageId(value)) problems.push(`target for "${areaId}" must be 1, 2, 3 or 4`);
	}
	return problems;
}

/**
 * Weighted mean of the values that are not null; null when none is.
 * `weightedMean([{ value: 2, weight: 1 }, { value: 4, weight: 3 }])` is 3.5.
 */
export function weightedMean(
	items: Array<{ value: number | null; weight: number }>
): number | null {
	let sum = 0;
	let weights = 0;
	for (const { value, weight } of items) {
		if (value === null) continue;
		sum += value * weight;
		weights += weight;
	}
	return weights === 0 ? null : sum / weights;
}

function gapOf(target: number | null, mean: number | null): number | null {
	return target === null || mean === null ? null : target - mean;
}

/**
 * Scores one response against a model.
 *
 * Example: an area with questions answered 2, 3 and "don't know", target 4, has mean 2.5, score
 * 50, stage 2, confidence 2/3 and gap 1.5.
 *
 * @throws ScoringInputError when the response names unknown questions or areas, or a level outside 1-4.
 */
export function scoreResponse(model: MaturityModel, input: ResponseInput): ResponseScore {
	const problems = checkResponse(model, input);
	if (problems.length > 0) throw new ScoringInputError(problems);

	const areas = model.areas.map((area): AreaScore => {
		let answered = 0;
		let dontKnow = 0;
		let notApplicable = 0;
		let sum = 0;
		for (const question of area.questions) {
			if (!(question.id in input.answers)) continue;
			const value = input.answers[question.id];
			if (value === null || value === undefined) dontKnow += 1;
			else if (value === NOT_APPLICABLE) notApplicable += 1;
			else {
				answered += 1;
				sum += value;
			}
		}
		const questionCount = area.questions.length;
		const applicable = questionCount - notApplicable;
		const mean = answered > 0 ? sum / answered : null;
		const confidence = applicable > 0 ? answered / applicable : 0;
		const target = input.targets[area.id] ?? null;
		return {
			areaId: area.id,
			weight: area.weight,
			questionCount,
			answered,
			dontKnow,
			notApplicable,
			unanswered: questionCount - answered - dontKnow - notApplicable,
			mean,
			score: toPercent(mean),
			stage: stageOf(mean, stageRuleOf(model)),
			confidence,
			lowConfidence: confidence < LOW_CONFIDENCE,
			target,
			gap: gapOf(target, mean)
		};
	});

	// The overall confidence counts the applicable questions only, as each area's does.
	const applicable = areas.map((a) => ({ ...a, questionCount: a.questionCount - a.notApplicable }));
	return { areas, overall: overallOf(applicable, stageRuleOf(model)) };
}

/**
 * The overall result from area results: the weight-averaged mean and target over the areas that
 * have one, and the share of all (applicable) questions answered as confidence.
 */
export function overallOf(
	areas: Array<Pick<AreaScore, 'mean' | 'target' | 'weight' | 'answered' | 'questionCount'>>,
	rule: StageRule
): OverallScore {
	const mean = weightedMean(areas.map((a) => ({ value: a.mean, weight: a.weight })));
	const target = weightedMean(areas.map((a) => ({ value: a.target, weight: a.weight })));
	const questions = areas.reduce((n, a) => n + a.questionCount, 0);
	const answered = areas.reduce((n, a) => n + a.answered, 0);
	const confidence = questions > 0 ? answered / questions : 0;
	return {
		mean,
		score: toPercent(mean),
		stage: stageOf(mean, rule),
		confidence,
		lowConfidence: confidence < LOW_CONFIDENCE,
		target,
		gap: gapOf(target, mean)
	};
}

export interface StrengthsAndGaps {
	strengths: string[];
	weaknesses: string[];
	largestGaps: string[];
}

/**
 * The `count` highest and lowest scoring areas (ties keep model order) and the areas with the
 * largest positive gap to their target. Areas without a score are left out. No area is both: a
 * strength scores above the lowest mean, a weakness below every strength, so areas that tie across
 * the cut are in neither list, and when every area scores the same there are none (docs/scoring.md
 * rule 14).
 */
export function strengthsAndGaps(
	areas: Array<Pick<AreaScore, 'areaId' | 'mean' | 'gap'>>,
	count = 3
): StrengthsAndGaps {
	const scored = areas
		.map((a, index) => ({ ...a, index }))
		.filter((a): a is typeof a & { mean: number } => a.mean !== null);
	const n = Math.min(count, Math.floor(scored.length / 2));
	const lowest = Math.min(...scored.map((a) => a.mean));
	const strengths = [...scored]
		.filter((a) => a.mean > lowest + EPSILON)
		.sort((a, b) => b.mean - a.mean || a.index - b.index)
		.slice(0, n);
	const highest = Math.max(...scored.map((a) => a.mean));
	const ceiling = strengths.length > 0 ? Math.min(...strengths.map((a) => a.mean)) : highest;
	const weaknesses = [...scored]
		.filter((a) => a.mean < ceiling - EPSILON)
		.sort((a, b) => a.mean - b.mean || a.index - b.index)
		.slice(0, n);
	const byGap = scored
		.filter((a) => a.gap !== null && a.gap > EPSILON)
		.sort((a, b) => (b.gap ?? 0) - (a.gap ?? 0) || a.index - b.index);
	return {
		strengths: strengths.map((a) => a.areaId),
		weaknesses: weaknesses.map((a) => a.areaId),
		largestGaps: byGap.slice(0, count).map((a) => a.areaId)
	};
}
