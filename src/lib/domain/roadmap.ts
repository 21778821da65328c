/**
 * The roadmap planner: which recommendations an organisation should act on, in what order.
 * Stage-gated (an area gets the recommendations of the stage it is in) and foundations first.
 */
import type { LegalFinding } from './legal-findings';
import { stageOf, stageRuleOf } from './scoring';
import {
	HORIZONS,
	type Effort,
	type Horizon,
	type MaturityModel,
	type Recommendation,
	type StageId,
	type StageRule
} from './model';

export { HORIZONS, type Horizon };

export interface AreaPosition {
	areaId: string;
	stage: StageId | null;
	/** target - current mean, in stages; null when no target was given. */
	gap: number | null;
	/** How much the area matters for the next 12 months, when someone said (docs/scoring.md rule 26). */
	importance?: Importance | null;
}

/** How much an area matters for the next 12 months, as a respondent or the facilitator rates it. */
export const IMPORTANCES = ['low', 'medium', 'high'] as const;
export type Importance = (typeof IMPORTANCES)[number];

/**
 * What importance multiplies the priority by. Medium is 1, so a roadmap without importance ranks
 * as before; high doubles an item's priority and low halves it (as ITScore weighs a gap by importance).
 */
export const IMPORTANCE_FACTOR: Record<Importance, number> = { low: 0.5, medium: 1, high: 2 };

/**
 * A question's level: one person's answer, or a team's mean level for the question; null when no
 * level was given. The planner uses it to find answers far below their area (rule 24a).
 */
export interface QuestionPosition {
	questionId: string;
	level: number | null;
}

/**
 * How far below its area's stage a question's own stage must be for the question to bring its own
 * recommendations (docs/scoring.md rule 24a): one stage, so that a low answer is never averaged out
 * of the roadmap (under half-up rounding an area at 2.5 is stage 3, and its answers at 2 would
 * otherwise bring nothing; partner review 3, finding A5).
 */
export const LOW_ANSWER_GAP = 1;

/**
 * How far below its area's stage a question's own stage must be for the area itself to say so on
 * the results pages, the PDF, the API and scores.csv (docs/scoring.md rule 24c): two stages, so
 * that a stage-1 practice in an area of stage 3 or 4 is named beside the stage it is averaged into
 * (partner review 4, finding A6), while an answer one stage off, common in any area, is not.
 */
export const LOW_PRACTICE_GAP = 2;

/** A question's own stage: its level by the model's stage rule (docs/scoring.md rule 5). */
export interface QuestionStage {
	questionId: string;
	stage: StageId;
}

/** A low practice (rule 24c) as pages, the PDF and the exports name it: the question's text, in the reader's language. */
export interface NamedPractice {
	id: string;
	question: string;
	stage: StageId;
}

/** Names rule 24c's low practices with `textOf` (the question's text, or its id when unknown). */
export function namePractices(
	practices: readonly QuestionStage[],
	textOf: (questionId: string) => string
): NamedPractice[] {
	return practices.map((p) => ({
		id: p.questionId,
		question: textOf(p.questionId),
		stage: p.stage
	}));
}

/**
 * The own stage of each question of `area` that has a level (one person's answer, or a team's
 * mean level for it), in the model's order. A question answered "don't know" or "not
 * applicable", or not answered, has no level and is left out.
 *
 * Example, half up: levels 1, 2.5 and "don't know" give stages 1 and 3.
 */
export function questionStagesOf(
	area: { questions: ReadonlyArray<{ id: string }> },
	levels: ReadonlyMap<string, number | null>,
	rule: StageRule
): QuestionStage[] {
	return area.questions.flatMap((question) => {
		const stage = stageOf(levels.get(question.id) ?? null, rule);
		return stage === null ? [] : [{ questionId: question.id, stage }];
	});
}

/**
 * The questions whose own stage is `gap` or more stages below `areaStage`, in their order; none
 * for an area without a stage. The one comparison behind the roadmap's low answers (rule 24a, with
 * `LOW_ANSWER_GAP`) and the area's line about a low practice (rule 24c, with `LOW_PRACTICE_GAP`).
 *
 * Example: an area at stage 3 with questions at stages 1, 2 and 4 and a gap of 2 gives the first.
 */
export function questionsBelowArea(
	areaStage: StageId | null,
	stages: readonly QuestionStage[],
	gap: number
): QuestionStage[] {
	if (areaStage === null) return [];
	return stages.filter((q) => areaStage - q.stage >= gap);
}

/**
 * Per area of the model that has a stage, the questions whose own stage is `LOW_PRACTICE_GAP` or
 * more below it (docs/scoring.md rule 24c), in the model's order; an area without such a question,
 * or without a stage, gets []. `questions` are the levels the roadmap is planned from.
 */
export function lowPracticesByArea(
	model: MaturityModel,
	positions: ReadonlyArray<Pick<AreaPosition, 'areaId' | 'stage'>>,
	questions: readonly QuestionPosition[]
): Map<string, QuestionStage[]> {
	const stageOfArea = new Map(positions.map((p) => [p.areaId, p.stage]));
	const levels = new Map(questions.map((q) => [q.questionId, q.level]));
	const rule = stageRuleOf(model);
	return new Map(
		model.areas.map((area) => [
			area.id,
			questionsBelowArea(
				stageOfArea.get(area.id) ?? null,
				questionStagesOf(area, levels, rule),
				LOW_PRACTICE_GAP
			)
		])
	);
}

/** The importance rated per area id for a round (by an owner or facilitator); absent: not rated. */
export type ImportanceRatings = Partial<Record<string, Importance>>;

/**
 * The positions with their areas' rated importance, for `planRoadmap`: a rated area takes its
 * rating, an unrated one keeps what it had. Without ratings the positions are returned as they are.
 */
export function withImportance<P extends AreaPosition>(
	positions: readonly P[],
	ratings?: ImportanceRatings
): readonly P[] {
	if (!ratings) return positions;
	return positions.map((p) => {
		const rated = Object.hasOwn(ratings, p.areaId) ? ratings[p.areaId] : undefined;
		return rated ? { ...p, importance: rated } : p;
	});
}

export interface RoadmapItem {
	rank: number;
	areaId: string;
	areaStage: StageId;
	recommendation: Recommendation;
	/** The gap used for ranking: max(gap, 0), or 1 when no target was given. */
	gap: number;
	/** gap x importance x area weight x impact / effort cost. */
	priority: number;
	quickWin: boolean;
	/**
	 * Set when the item is on the roadmap for one question answered far below its area (rule 24a):
	 * the question and the stage of its answer.
	 */
	lowAnswer?: { questionId: string; questionStage: StageId };
	/**
	 * Set when the item moves a question answered below its legal floor (rule 24b): the question,
	 * the statement the answer reaches and the first statement that meets the law. Such items come
	 * first, whatever their priority.
	 */
	legalMinimum?: { questionId: string; answerStage: StageId; floor: LegalFinding['floor'] };
}

export interface Roadmap {
	items: RoadmapItem[];
	/** Areas left out because nothing in them was answered (all "don't know"). */
	unscoredAreas: string[];
}

/** How far a tracked roadmap item got. */
export const ROADMAP_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type RoadmapStatus = (typeof ROADMAP_STATUSES)[number];

/** What effort costs in the ranking: S is days, M weeks, L months. */
export const EFFORT_COST: Record<Effort, number> = { S: 1, M: 2, L: 3 };

/** When a respondent set no target, the planner assumes the next stage up. */
export const DEFAULT_GAP = 1;

/** A quick win is low effort and high impact: effort S and impact 2 or 3. */
export function isQuickWin(rec: Pick<Recommendation, 'effort' | 'impact'>): boolean {
	return rec.effort === 'S' && rec.impact >= 2;
}

/**
 * Plans the roadmap.
 *
 * Rules, in order: each scored area contributes the recommendations written for its current stage;
 * a question answered one stage or more below its area adds its own items (rule 24a); a question answered
 * below its legal floor (`legal`, from `legalFindings`) adds the items linked to it at the
 * answer's stage, and those come before everything else, marked "legal minimum" (rule 24b);
 * items of lower-stage areas come first (foundations first); within a stage, higher priority
 * (gap x importance x weight x impact / effort cost; importance 1 when not given) first; ties by impact, then lower effort, then model order
 * of area and recommendation. The result is the same for the same inputs.
 *
 * Example: an area at stage 1 with gap 2 and weight 1 ranks its recommendation of impact 3 and
 * effort S (priority 6) before one of impact 3 and effort L (priority 2).
 */
export function planRoadmap(
	model: MaturityModel,
	positions: readonly AreaPosition[],
	questions: readonly QuestionPosition[] = [],
	legal: readonly Pick<LegalFinding, 'questionId' | 'answerStage' | 'floor'>[] = []
): Roadmap {
	const byArea = new Map(positions.map((p) => [p.areaId, p]));
	const questionLevel = new Map(questions.map((q) => [q.questionId, q.level]));
	const belowFloor = new Map(legal.map((f) => [f.questionId, f]));
	const rule = stageRuleOf(model);
	const unscoredAreas: string[] = [];
	const candidates: Array<
		Omit<RoadmapItem, 'rank'> & {
			sortLegal: number;
			sortStage: StageId;
			areaIndex: number;
			recIndex: number;
		}
	> = [];

	model.areas.forEach((area, areaIndex) => {
		const position = byArea.get(area.id);
		if (!position || position.stage === null) {
			unscoredAreas.push(area.id);
			return;
		}
		const stage = position.stage;
		const gap = position.gap === null ? DEFAULT_GAP : Math.max(0, position.gap);
		const importance = position.importance ? IMPORTANCE_FACTOR[position.importance] : 1;
		// Questions answered one stage or more below the area bring their own items (rule 24a); a
		// question answered above an item's stage already does what the item leads to (rule 24).
		const stages = questionStagesOf(area, questionLevel, rule);
		const questionStages = new Map(stages.map((q) => [q.questionId, q.stage]));
		const lowQuestions = new Map(
			questionsBelowArea(stage, stages, LOW_ANSWER_GAP).map((q) => [q.questionId, q.stage])
		);
		area.recommendations.forEach((recommendation, recIndex) => {
			const lowStage = recommendation.question
				? lowQuestions.get(recommendation.question)
				: undefined;
			const questionStage = recommendation.question
				? questionStages.get(recommendation.question)
				: undefined;
			const alreadyDone = questionStage !== undefined && questionStage > recommendation.stage;
			const forArea = recommendation.stage === stage && !alreadyDone;
			const forQuestion = lowStage !== undefined && recommendation.stage === lowStage;
			// A question below its legal floor brings its items at the answer's stage (rule 24b).
			const floor = recommendation.question ? belowFloor.get(recommendation.question) : undefined;
			const forLaw = floor !== undefined && recommendation.stage === floor.answerStage;
			if (!forArea && !forQuestion && !forLaw) return;
			candidates.push({
				areaId: area.id,
				areaStage: stage,
				recommendation,
				gap,
				priority:
					(gap * importance * area.weight * recommendation.impact) /
					EFFORT_COST[recommendation.effort],
				quickWin: isQuickWin(recommendation),
				...(forQuestion
					? { lowAnswer: { questionId: recommendation.question!, questionStage: lowStage! } }
					: {}),
				...(forLaw
					? {
							legalMinimum: {
								questionId: recommendation.question!,
								answerStage: floor.answerStage,
								floor: floor.floor
							}
						}
					: {}),
				// Legal minimums first, whatever the ranking (rule 24b).
				sortLegal: forLaw ? 0 : 1,
				// A low answer's item is a foundation of its own stage (rule 25).
				sortStage: forLaw ? floor.answerStage : forQuestion ? lowStage! : stage,
				areaIndex,
				recIndex
			});
		});
	});

	candidates.sort(
		(a, b) =>
			a.sortLegal - b.sortLegal ||
			a.sortStage - b.sortStage ||
			b.priority - a.priority ||
			b.recommendation.impact - a.recommendation.impact ||
			EFFORT_COST[a.recommendation.effort] - EFFORT_COST[b.recommendation.effort] ||
			a.areaIndex - b.areaIndex ||
			a.recIndex - b.recIndex
	);

	return {
		items: candidates.map(
			({ sortLegal: _l, sortStage: _s, areaIndex: _a, recIndex: _r, ...item }, i) => ({
				...item,
				rank: i + 1
			})
		),
		unscoredAreas
	};
}

/** The items grouped by horizon (30, 60, 90, 180, 365 days), each group in rank order. */
export function groupByHorizon(items: readonly RoadmapItem[]): Record<Horizon, RoadmapItem[]> {
	const groups = Object.fromEntries(HORIZONS.map((h) => [h, [] as RoadmapItem[]])) as Record<
		Horizon,
		RoadmapItem[]
	>;
	for (const item of items) groups[item.recommendation.horizon].push(item);
	return groups;
}

/** The first `count` quick wins in rank order. */
export function topQuickWins(items: readonly RoadmapItem[], count = 5): RoadmapItem[] {
	return items.filter((i) => i.quickWin).slice(0, count);
}
