/**
 * The maturity model: its types, its schema, and the checks a model file must pass before the app
 * uses it. Pure: plain data in, plain data out.
 */
import { z } from './zod';
import { isSector, SECTORS, type Sector } from './sectors';

/** The languages of the sources; every user-facing model text may carry any of them. */
export const LOCALES = ['en', 'bg', 'ru', 'ro', 'uk'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'en';

/** The four stages, in order. A level or a stage is always one of these numbers. */
export const STAGE_IDS = [1, 2, 3, 4] as const;
export type StageId = (typeof STAGE_IDS)[number];

const id = z
	.string()
	.regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be kebab-case: lower-case letters, digits and dashes');

/** `{ "en": "...", "ru": "..." }`: English is required, the other source languages optional. */
const localizedText = z
	.object({
		en: z.string().trim().min(1, 'must not be empty').max(2000),
		bg: z.string().trim().min(1).max(2000).optional(),
		ru: z.string().trim().min(1).max(2000).optional(),
		ro: z.string().trim().min(1).max(2000).optional(),
		uk: z.string().trim().min(1).max(2000).optional()
	})
	.strict();
export type LocalizedText = z.infer<typeof localizedText>;

const stageId = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/**
 * How an area's mean level (1-4) becomes a stage (docs/scoring.md rule 5): `whole-part` takes the
 * whole part of the mean (model 1.0.0, the default when a model names none); `half-up` rounds it
 * half up, so a stage is reached at half a stage below it (model 1.1.0, chosen from the
 * calibration kit's figures).
 */
export const STAGE_RULES = ['whole-part', 'half-up'] as const;
export type StageRule = (typeof STAGE_RULES)[number];

/** How far ahead a recommendation's "done when" lies, in days. */
export const HORIZONS = [30, 60, 90, 180, 365] as const;
export type Horizon = (typeof HORIZONS)[number];
const fourTexts = z.array(localizedText).length(4, 'must have exactly 4 items, one per stage');

const stageSchema = z.object({
	id: stageId,
	key: id,
	name: localizedText,
	summary: localizedText
});

/**
 * The sectors a legal floor applies to: "all", or a list of known sectors without repeats. Checked
 * by hand so that an unknown sector is named in the message (a union would only say "invalid").
 */
const legalSectors = z.unknown().transform((value, ctx): 'all' | Sector[] => {
	if (value === 'all') return 'all';
	if (!Array.isArray(value) || value.length === 0) {
		ctx.addIssue({ code: 'custom', message: 'must be "all" or a non-empty list of sectors' });
		return z.NEVER;
	}
	const sectors: Sector[] = [];
	value.forEach((sector: unknown, i) => {
		if (!isSector(sector))
			ctx.addIssue({
				code: 'custom',
				path: [i],
				message: `unknown sector ${JSON.stringify(sector)}: must be one of ${SECTORS.join(', ')}`
			});
		else if (sectors.includes(sector))
			ctx.addIssue({ code: 'custom', path: [i], message: `sector "${sector}" is listed twice` });
		else sectors.push(sector);
	});
	return sectors;
});

/**
 * A question's legal floor (docs/model.md section 10): in the listed sectors, a statement below
 * `level` is below the legal minimum. `level` is the first statement that meets the law (2-4: a
 * statement 1 cannot be below a floor of 1); `rule` names the law in a few words; `finding` may say
 * what falls short. Shown as a compliance finding, never as a stage (docs/scoring.md rule 24b).
 */
const legalFloorSchema = z
	.object({
		sectors: legalSectors,
		level: z.union([z.literal(2), z.literal(3), z.literal(4)], {
			error: 'must be 2, 3 or 4: the first statement that meets the legal minimum'
		}),
		rule: localizedText,
		finding: localizedText.optional()
	})
	.strict();
export type LegalFloor = z.infer<typeof legalFloorSchema>;

/**
 * A point of law a question touches that no statement level expresses (docs/model.md section 10):
 * in the listed sectors the results ask compliance to check it. `rule` names the law in a few
 * words, `check` says in plain words what to check, and `upTo`, when given, shows the note only
 * when the answer is that statement or a lower one (or unknown). It is never a finding and changes
 * no stage; it keeps legal references out of the hint a respondent reads.
 */
const legalNoteSchema = z
	.object({
		sectors: legalSectors,
		upTo: z
			.union([z.literal(1), z.literal(2), z.literal(3)], {
				error: 'must be 1, 2 or 3: the highest statement the note is shown for'
			})
			.optional(),
		rule: localizedText,
		check: localizedText
	})
	.strict();
export type LegalNote = z.infer<typeof legalNoteSchema>;

const questionSchema = z
	.object({
		id,
		text: localizedText,
		hint: localizedText.optional(),
		/** The question offers "not applicable" (left out of scoring); `notApplicableHint` says when. */
		notApplicable: z.boolean().optional(),
		notApplicableHint: localizedText.optional(),
		levels: fourTexts,
		/** The legal minimum in regulated sectors, where a statement falls below it. */
		legalFloor: legalFloorSchema.optional(),
		/** Points of law for compliance to check, shown with the results, never in the hint. */
		legalNotes: z.array(legalNoteSchema).min(1).max(6).optional()
	})
	.superRefine((q, ctx) => {
		if (q.notApplicable && !q.notApplicableHint)
			ctx.addIssue({
				code: 'custom',
				path: ['notApplicableHint'],
				message: 'must say when "not applicable" fits, since the question offers it'
			});
		if (!q.notApplicable && q.notApplicableHint)
			ctx.addIssue({
				code: 'custom',
				path: ['notApplicable'],
				message: 'must be true when a notApplicableHint is given'
			});
	});

const recommendationSchema = z.object({
	id,
	stage: stageId,
	/**
	 * The question of the same area whose next statement the item moves the answer to: an item of
	 * stage N helps that question from statement N to N+1. Absent when the item serves the whole
	 * area, such as naming an owner or setting up a scorecard.
	 */
	question: id.optional(),
	title: localizedText,
	action: localizedText,
	effort: z.enum(['S', 'M', 'L']),
	impact: z.union([z.literal(1), z.literal(2), z.literal(3)]),
	horizon: z.literal(HORIZONS),
	owner: localizedText,
	kpi: id
});

const areaSchema = z.object({
	id,
	name: localizedText,
	description: localizedText,
	weight: z.number().positive('must be greater than 0').max(10),
	sources: z.array(z.string().min(1)).min(1),
	stageDescriptions: fourTexts,
	scorecard: z.object({
		objective: localizedText,
		measure: localizedText,
		target: localizedText,
		kpi: id
	}),
	questions: z.array(questionSchema).min(1, 'must have at least 1 question').max(12),
	recommendations: z.array(recommendationSchema)
});

const kpiSchema = z.object({
	id,
	name: localizedText,
	definition: localizedText,
	formula: localizedText,
	unit: z.enum(['points', '%', 'seconds', 'hours', 'ratio', 'count', 'score', 'currency']),
	direction: z.enum(['up', 'down']),
	sources: z.array(z.string())
});

/**
 * One line of a version's changelog: what happened to which item and why. `reworded` keeps the id
 * because the item still means the same (answers stay comparable across versions); a question whose
 * meaning changed gets a new id (`added`, naming what it `replaces`) and the old one is `removed`.
 */
const changelogEntrySchema = z
	.object({
		id: z.string().trim().min(1).max(100),
		kind: z.enum(['model', 'area', 'question', 'recommendation', 'kpi', 'scorecard']),
		change: z.enum(['added', 'removed', 'changed', 'reworded']),
		reason: z.string().trim().min(1).max(1000),
		replaces: z.array(id).optional()
	})
	.strict();
export type ChangelogEntry = z.infer<typeof changelogEntrySchema>;

export const modelSchema = z
	.object({
		id,
		version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0'),
		name: localizedText,
		description: localizedText,
		/** How to pick a statement, shown on the questionnaire's first page and each step. */
		answeringRule: localizedText.optional(),
		/** The answering rule in one sentence, shown above each step's questions. */
		answeringRuleShort: localizedText.optional(),
		/** How a mean level becomes a stage; `whole-part` when absent. */
		stageRule: z.enum(STAGE_RULES).optional(),
		stages: z.array(stageSchema).length(4, 'must have exactly 4 stages'),
		areas: z.array(areaSchema).min(1, 'must have at least 1 area').max(20),
		kpis: z.array(kpiSchema).min(1),
		/** What changed since the previous version, item by item, with the reason. */
		changelog: z.array(changelogEntrySchema).optional()
	})
	.superRefine((model, ctx) => {
		model.stages.forEach((stage, i) => {
			if (stage.id !== i + 1)
				ctx.addIssue({ code: 'custom', path: ['stages', i, 'id'], message: `must be ${i + 1}` });
		});
		const kpiIds = new Set(model.kpis.map((k) => k.id));
		const seen = new Map<string, string>();
		const unique = (value: string, path: (string | number)[]) => {
			const first = seen.get(value);
			if (first) ctx.addIssue({ code: 'custom', path, message: `duplicate id "${value}"` });
			else seen.set(value, path.join('.'));
		};
		model.areas.forEach((area, a) => {
			unique(area.id, ['areas', a, 'id']);
			if (!kpiIds.has(area.scorecard.kpi))
				ctx.addIssue({
					code: 'custom',
					path: ['areas', a, 'scorecard', 'kpi'],
					message: `unknown KPI "${area.scorecard.kpi}"`
				});
			area.questions.forEach((q, i) => unique(q.id, ['areas', a, 'questions', i, 'id']));
			const areaQuestions = new Set(area.questions.map((q) => q.id));
			area.recommendations.forEach((r, i) => {
				unique(r.id, ['areas', a, 'recommendations', i, 'id']);
				if (r.question !== undefined && !areaQuestions.has(r.question)) {
					const owner = model.areas.find((other) =>
						other.questions.some((q) => q.id === r.question)
					);
					ctx.addIssue({
						code: 'custom',
						path: ['areas', a, 'recommendations', i, 'question'],
						message: owner
							? `question "${r.question}" belongs to area "${owner.id}", not "${area.id}"`
							: `unknown question "${r.question}" in area "${area.id}"`
					});
				}
				if (!kpiIds.has(r.kpi))
					ctx.addIssue({
						code: 'custom',
						path: ['areas', a, 'recommendations', i, 'kpi'],
						message: `unknown KPI "${r.kpi}"`
					});
			});
		});
	});

export type MaturityModel = z.infer<typeof modelSchema>;
export type Stage = MaturityModel['stages'][number];
export type Area = MaturityModel['areas'][number];
export type Question = Area['questions'][number];
export type Recommendation = Area['recommendations'][number];
export type Kpi = MaturityModel['kpis'][number];
export type Effort = Recommendation['effort'];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Formats a schema issue path the way a person reads it: `areas[2].questions[0].levels`. */
export function formatPath(path: readonly PropertyKey[]): string {
	return path.reduce<string>((out, part) => {
		if (typeof part === 'number') return `${out}[${part}]`;
		return out ? `${out}.${String(part)}` : String(part);
	}, '');
}

/**
 * Validates untrusted data (a model file, an import) against the model schema.
 * Every error names the field it is about, e.g. `areas[0].questions[1].levels: must have exactly 4
 * items, one per stage`.
 */
export function parseModel(data: unknown): ParseResult<MaturityModel> {
	const result = modelSchema.safeParse(data);
	if (result.success) return { ok: true, value: result.data };
	return {
		ok: false,
		errors: result.error.issues.map(
			(issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`
		)
	};
}

/** Picks the text in `locale`, falling back to English: `localize({ en: 'Hi', ro: 'Salut' }, 'ro')` is `'Salut'`. */
export function localize(text: LocalizedText, locale: Locale): string {
	return text[locale] ?? text.en;
}

/** A value with every model text (`LocalizedText`) replaced by its text in one language. */
export type InLocale<T> = T extends LocalizedText
	? string
	: T extends ReadonlyArray<infer U>
		? InLocale<U>[]
		: T extends object
			? { [K in keyof T]: InLocale<T[K]> }
			: T;

function isLocalizedText(value: object): value is LocalizedText {
	return (
		typeof (value as { en?: unknown }).en === 'string' &&
		Object.keys(value).every((key) => (LOCALES as readonly string[]).includes(key))
	);
}

/**
 * Replaces every model text in `value` by its text in `locale` (English where it has none), so a
 * page's data carries one language instead of five: `inLocale({ id: 'a', name: { en: 'Hi', ro:
 * 'Salut' } }, 'ro')` is `{ id: 'a', name: 'Salut' }`.
 */
export function inLocale<T>(value: T, locale: Locale): InLocale<T> {
	if (Array.isArray(value)) return value.map((item) => inLocale(item, locale)) as InLocale<T>;
	if (value === null || typeof value !== 'object') return value as InLocale<T>;
	if (isLocalizedText(value)) return localize(value, locale) as InLocale<T>;
	return Object.fromEntries(
		Object.entries(value).map(([key, item]) => [key, inLocale(item, locale)])
	) as InLocale<T>;
}

/** All questions of a model, each with the id of its area, in model order. */
export function listQuestions(model: MaturityModel): Array<Question & { areaId: string }> {
	return model.areas.flatMap((area) => area.questions.map((q) => ({ ...q, areaId: area.id })));
}

export function isStageId(value: unknown): value is StageId {
	return value === 1 || value === 2 || value === 3 || value === 4;
}
