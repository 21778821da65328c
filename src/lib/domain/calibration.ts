/**
 * The calibration kit's arithmetic (tests/calibration/): blind raters answer the questionnaire for
 * a fictional company, and their answers are scored under several stage rules and compared with the
 * stage the kit's author intended for each area. Pure: plain data in, plain data out; the reading
 * of files and the printing live in scripts/calibrate.ts.
 *
 * Area means follow docs/scoring.md rule 3 (the plain average of the levels given; "don't know"
 * and "not applicable" are left out), the overall mean rule 11 (`weightedMean` with the areas'
 * weights), and rule (a) is rule 5 (`stageOf`).
 */
import { z } from './zod';
import type { StageId } from './model';
import { stageOf, weightedMean } from './scoring';

// ---------------------------------------------------------------------------------------------
// Inputs

/** What the calibration reads from a model: its version, areas, weights and question ids. */
export const calibrationModelSchema = z.object({
	version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.1.0'),
	areas: z
		.array(
			z.object({
				id: z.string().min(1),
				weight: z.number().positive(),
				questions: z.array(z.object({ id: z.string().min(1) })).min(1)
			})
		)
		.min(1)
});
export type CalibrationModel = z.infer<typeof calibrationModelSchema>;

export const RATERS = ['a', 'b'] as const;
export type RaterId = (typeof RATERS)[number];

const slug = z
	.string()
	.regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be kebab-case: lower-case letters, digits and dashes');
const stageId = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/** One answer of a rater: a level, "dont-know" (the notes do not tell) or "not-applicable". */
export const calibrationAnswerSchema = z.union([
	stageId,
	z.literal('dont-know'),
	z.literal('not-applicable')
]);
export type CalibrationAnswer = z.infer<typeof calibrationAnswerSchema>;

/** `tests/calibration/answers/<profile>.<rater>.json` */
export const raterAnswersSchema = z
	.object({
		profile: slug,
		rater: z.enum(RATERS),
		model: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.1.0'),
		answers: z.record(z.string(), calibrationAnswerSchema)
	})
	.strict();
export type RaterAnswers = z.infer<typeof raterAnswersSchema>;

/** `tests/calibration/intended.json`: profile slug -> area id -> intended stage and one sentence why. */
export const intendedSchema = z.record(
	slug,
	z.record(slug, z.object({ stage: stageId, why: z.string().trim().min(20) }).strict())
);
export type Intended = z.infer<typeof intendedSchema>;

/** The problems of one answer file against a model: unknown questions, another model version. */
export function checkRaterAnswers(model: CalibrationModel, file: RaterAnswers): string[] {
	const problems: string[] = [];
	if (file.model !== model.version)
		problems.push(`answers are for model ${file.model}, not ${model.version}`);
	const known = new Set(model.areas.flatMap((a) => a.questions.map((q) => q.id)));
	for (const questionId of Object.keys(file.answers))
		if (!known.has(questionId)) problems.push(`unknown question "${questionId}"`);
	return problems;
}

// ---------------------------------------------------------------------------------------------
// Stage rules

// Guards floor() against binary fractions, as in scoring.ts.
const EPSILON = 1e-9;

const clampStage = (n: number): StageId => Math.min(4, Math.max(1, n)) as StageId;
const meanOf = (levels: readonly number[]) => levels.reduce((s, l) => s + l, 0) / levels.length;

export type StageRuleId =
	'floor' | 'round-half-up' | 'upper-median' | 'floor-gated' | 'round-gated' | 'round-at-0.6';

export interface StageRule {
	id: StageRuleId;
	label: string;
	/** The stage of an area from the levels its questions were given; null when none was. */
	stage: (levels: readonly StageId[]) => StageId | null;
}

/** The lowest level plus one: the gate of rules (d) and (e). */
const gate = (levels: readonly StageId[]) => Math.min(...levels) + 1;

const roundAt = (threshold: number) => (levels: readonly StageId[]) =>
	levels.length === 0 ? null : clampStage(Math.floor(meanOf(levels) + 1 - threshold + EPSILON));

/**
 * The stage rules compared by the kit, in the order they are printed:
 * (a) the whole part of the mean (docs/scoring.md rule 5): 3, 3, 3, 2 (2.75) is 2;
 * (b) the mean rounded half up: 2.5 is 3, 2.49 is 2;
 * (c) the upper median, the middle level or the higher of the two middle ones: 1, 2, 3, 4 is 3;
 * (d) (a) gated: never more than the lowest level + 1, so 4, 4, 4, 1 is 2;
 * (e) (b) gated the same way: 4, 4, 4, 1 (3.25) is 2; 3, 3, 3, 2 is 3;
 * (f) the mean rounded up from .6: 2.6 is 3, 2.5 is 2.
 */
export const STAGE_RULES: readonly StageRule[] = [
	{
		id: 'floor',
		label: '(a) whole part of the mean (rule 5)',
		stage: (levels) => (levels.length === 0 ? null : stageOf(meanOf(levels)))
	},
	{ id: 'round-half-up', label: '(b) mean rounded half up', stage: roundAt(0.5) },
	{
		id: 'upper-median',
		label: '(c) upper median',
		stage: (levels) => {
			if (levels.length === 0) return null;
			const sorted = [...levels].sort((x, y) => x - y);
			return sorted[Math.floor(sorted.length / 2)] ?? null;
		}
	},
	{
		id: 'floor-gated',
		label: '(d) whole part, at most lowest + 1',
		stage: (levels) =>
			levels.length === 0 ? null : clampStage(Math.min(stageOf(meanOf(levels)) ?? 1, gate(levels)))
	},
	{
		id: 'round-gated',
		label: '(e) rounded half up, at most lowest + 1',
		stage: (levels) => {
			const rounded = roundAt(0.5)(levels);
			return rounded === null ? null : clampStage(Math.min(rounded, gate(levels)));
		}
	},
	{ id: 'round-at-0.6', label: '(f) mean rounded up from .6', stage: roundAt(0.6) }
];

export function stageRule(id: StageRuleId): StageRule {
	const rule = STAGE_RULES.find((r) => r.id === id);
	if (!rule) throw new Error(`unknown stage rule "${id}"`);
	return rule;
}

// ---------------------------------------------------------------------------------------------
// Scoring one answer file

export interface RatedArea {
	areaId: string;
	weight: number;
	/** The levels given to the area's questions, in model order. */
	levels: StageId[];
	dontKnow: number;
	notApplicable: number;
	/** Questions of the area the file does not answer at all. */
	missing: number;
	/** Plain average of `levels` (rule 3); null when no level was given. */
	mean: number | null;
	/** The area's stage under each rule. */
	stages: Record<StageRuleId, StageId | null>;
}

export interface RatedFile {
	profile: string;
	rater: RaterId;
	answers: RaterAnswers['answers'];
	areas: RatedArea[];
	/** Weight-averaged area mean (rule 11). */
	overallMean: number | null;
}

/** Scores one rater's answers: per area the levels, the mean and the stage under every rule. */
export function rateAnswers(model: CalibrationModel, file: RaterAnswers): RatedFile {
	const areas = model.areas.map((area): RatedArea => {
		const levels: StageId[] = [];
		let dontKnow = 0;
		let notApplicable = 0;
		let missing = 0;
		for (const question of area.questions) {
			const answer = file.answers[question.id];
			if (answer === undefined) missing += 1;
			else if (answer === 'dont-know') dontKnow += 1;
			else if (answer === 'not-applicable') notApplicable += 1;
			else levels.push(answer);
		}
		const stages = Object.fromEntries(STAGE_RULES.map((r) => [r.id, r.stage(levels)])) as Record<
			StageRuleId,
			StageId | null
		>;
		return {
			areaId: area.id,
			weight: area.weight,
			levels,
			dontKnow,
			notApplicable,
			missing,
			mean: levels.length > 0 ? meanOf(levels) : null,
			stages
		};
	});
	return {
		profile: file.profile,
		rater: file.rater,
		answers: file.answers,
		areas,
		overallMean: weightedMean(areas.map((a) => ({ value: a.mean, weight: a.weight })))
	};
}

// ---------------------------------------------------------------------------------------------
// Figures

export interface Share {
	count: number;
	of: number;
	/** count ÷ of, 0-1; null when `of` is 0. */
	share: number | null;
}

const share = (count: number, of: number): Share => ({
	count,
	of,
	share: of === 0 ? null : count / of
});

const average = (values: number[]) =>
	values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;

export interface RuleFigures {
	rule: StageRuleId;
	/** Rater-area stages equal to the intended stage, over every rated area with an intended stage
	 * (an area left without a stage counts as a miss). */
	exact: Share;
	/** ... at most one stage away. */
	withinOne: Share;
	/** Rated areas with an intended stage but no computed stage (all "don't know"). */
	noStage: number;
	/** Mean of computed − intended over the areas that have both; negative reads low. */
	signedError: number | null;
	/** The same per area id, in model order. */
	signedErrorByArea: Record<string, number | null>;
	/** Profile × area pairs where raters a and b reach the same stage (both without one counts as the same). */
	raterAgreement: Share;
}

/** Groups answer files into pairs of raters a and b of the same profile, in profile order. */
export function raterPairs<T extends { profile: string; rater: RaterId }>(
	files: readonly T[]
): Array<{ profile: string; a: T; b: T }> {
	const byProfile = new Map<string, Partial<Record<RaterId, T>>>();
	for (const file of files) {
		const pair = byProfile.get(file.profile) ?? {};
		pair[file.rater] = file;
		byProfile.set(file.profile, pair);
	}
	return [...byProfile.entries()]
		.sort(([x], [y]) => x.localeCompare(y))
		.flatMap(([profile, { a, b }]) => (a && b ? [{ profile, a, b }] : []));
}

/** Exact, within one, signed error (overall and per area) and rater agreement for one stage rule. */
export function ruleFigures(
	model: CalibrationModel,
	rated: readonly RatedFile[],
	intended: Intended,
	rule: StageRuleId
): RuleFigures {
	let exact = 0;
	let withinOne = 0;
	let total = 0;
	let noStage = 0;
	const errors: number[] = [];
	const errorsByArea = new Map<string, number[]>(model.areas.map((a) => [a.id, []]));
	for (const file of rated) {
		for (const area of file.areas) {
			const target = intended[file.profile]?.[area.areaId]?.stage;
			if (target === undefined) continue;
			total += 1;
			const stage = area.stages[rule];
			if (stage === null) {
				noStage += 1;
				continue;
			}
			if (stage === target) exact += 1;
			if (Math.abs(stage - target) <= 1) withinOne += 1;
			errors.push(stage - target);
			errorsByArea.get(area.areaId)?.push(stage - target);
		}
	}
	let same = 0;
	let pairs = 0;
	for (const { a, b } of raterPairs(rated)) {
		a.areas.forEach((area, i) => {
			pairs += 1;
			if (area.stages[rule] === b.areas[i]?.stages[rule]) same += 1;
		});
	}
	return {
		rule,
		exact: share(exact, total),
		withinOne: share(withinOne, total),
		noStage,
		signedError: average(errors),
		signedErrorByArea: Object.fromEntries(
			model.areas.map((a) => [a.id, average(errorsByArea.get(a.id) ?? [])])
		),
		raterAgreement: share(same, pairs)
	};
}

export interface QuestionAgreement {
	questionId: string;
	areaId: string;
	/** Pairs of raters who both answered the question and gave the same answer. */
	agreed: Share;
}

export interface AnswerAgreement {
	/** Questions × pairs where both raters gave the same answer ("don't know" and "not applicable"
	 * included), over every question both answered. */
	overall: Share;
	/** Every question in model order. */
	byQuestion: QuestionAgreement[];
}

/** Per-question agreement between the two raters of each profile. */
export function answerAgreement(
	model: CalibrationModel,
	files: ReadonlyArray<Pick<RaterAnswers, 'profile' | 'rater' | 'answers'>>
): AnswerAgreement {
	const pairs = raterPairs(files);
	let same = 0;
	let total = 0;
	const byQuestion = model.areas.flatMap((area) =>
		area.questions.map((question): QuestionAgreement => {
			let agreed = 0;
			let of = 0;
			for (const { a, b } of pairs) {
				const x = a.answers[question.id];
				const y = b.answers[question.id];
				if (x === undefined || y === undefined) continue;
				of += 1;
				if (x === y) agreed += 1;
			}
			same += agreed;
			total += of;
			return { questionId: question.id, areaId: area.id, agreed: share(agreed, of) };
		})
	);
	return { overall: share(same, total), byQuestion };
}

/** The questions raters agreed on least (below 100 %), lowest share first, then model order. */
export function worstQuestions(agreement: AnswerAgreement, count = 5): QuestionAgreement[] {
	return agreement.byQuestion
		.map((q, index) => ({ q, index }))
		.filter(({ q }) => q.agreed.share !== null && q.agreed.share < 1)
		.sort((x, y) => (x.q.agreed.share ?? 0) - (y.q.agreed.share ?? 0) || x.index - y.index)
		.slice(0, count)
		.map(({ q }) => q);
}

export interface AnswerMix {
	/** Questions × files: every question of the model in every file. */
	questions: number;
	levels: number;
	dontKnow: Share;
	notApplicable: Share;
	missing: number;
}

/** How the answers split into levels, "don't know", "not applicable" and missing questions. */
export function answerMix(
	model: CalibrationModel,
	files: ReadonlyArray<Pick<RaterAnswers, 'answers'>>
): AnswerMix {
	const ids = model.areas.flatMap((a) => a.questions.map((q) => q.id));
	let levels = 0;
	let dontKnow = 0;
	let notApplicable = 0;
	let missing = 0;
	for (const file of files)
		for (const id of ids) {
			const answer = file.answers[id];
			if (answer === undefined) missing += 1;
			else if (answer === 'dont-know') dontKnow += 1;
			else if (answer === 'not-applicable') notApplicable += 1;
			else levels += 1;
		}
	const questions = ids.length * files.length;
	return {
		questions,
		levels,
		dontKnow: share(dontKnow, questions),
		notApplicable: share(notApplicable, questions),
		missing
	};
}

// ---------------------------------------------------------------------------------------------
// The aim of issue 16, and the kit itself

/** What model 1.1.0 aims for with the kit's raters. */
export const AIM = {
	exact: 0.75,
	withinOne: 0.98,
	/** |signed error| in every area at most this. */
	signedError: 0.15,
	answerAgreement: 0.9,
	dontKnow: 0.1
} as const;

/** Whether a stage rule meets the aim on exact, within one and signed error in every area. */
export function meetsStageAim(figures: RuleFigures): boolean {
	const errors = Object.values(figures.signedErrorByArea);
	return (
		(figures.exact.share ?? 0) >= AIM.exact &&
		(figures.withinOne.share ?? 0) >= AIM.withinOne &&
		errors.length > 0 &&
		errors.every((e) => e !== null && Math.abs(e) <= AIM.signedError + EPSILON)
	);
}

/** A profile's notes as a rater sees them: without HTML comments (the seed notes at the end). */
export function profileNotes(markdown: string): string {
	return markdown.replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** Words in a profile's notes: whitespace-separated tokens with a letter or a digit. */
export function countWords(markdown: string): number {
	return profileNotes(markdown)
		.split(/\s+/)
		.filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

export interface KitCoverage {
	/** area id -> how many profiles intend each stage 1-4 (index 0 is stage 1). */
	byArea: Record<string, [number, number, number, number]>;
	problems: string[];
}

/**
 * Checks that the intended stages cover the kit: every profile has every area; every area has every
 * stage at least `perStage` times; every profile spans at least `spread` different stages.
 */
export function kitCoverage(
	intended: Intended,
	areaIds: readonly string[],
	profiles: readonly string[],
	perStage = 2,
	spread = 3
): KitCoverage {
	const problems: string[] = [];
	const byArea: Record<string, [number, number, number, number]> = Object.fromEntries(
		areaIds.map((id) => [id, [0, 0, 0, 0]])
	);
	for (const profile of profiles)
		if (!(profile in intended)) problems.push(`${profile}: no intended stages`);
	for (const [profile, areas] of Object.entries(intended)) {
		if (!profiles.includes(profile)) problems.push(`${profile}: intended but no profile file`);
		for (const id of areaIds) {
			const entry = areas[id];
			if (!entry) problems.push(`${profile}: no intended stage for ${id}`);
			else {
				const counts = byArea[id]!;
				counts[entry.stage - 1] = counts[entry.stage - 1]! + 1;
			}
		}
		for (const id of Object.keys(areas))
			if (!areaIds.includes(id)) problems.push(`${profile}: unknown area ${id}`);
		const stages = new Set(Object.values(areas).map((a) => a.stage));
		if (stages.size < spread)
			problems.push(`${profile}: spans ${stages.size} stages, needs at least ${spread}`);
	}
	for (const id of areaIds)
		byArea[id]!.forEach((n, i) => {
			if (n < perStage)
				problems.push(`${id}: stage ${i + 1} intended ${n} times, needs at least ${perStage}`);
		});
	return { byArea, problems };
}
