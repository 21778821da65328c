/**
 * What the answer pages show of a model, per language, built once per model object: the layout's
 * outline and each step's texts. Kept apart from the look-ups (respondent.ts): no I/O here.
 */
import { localize, type Locale, type MaturityModel, type StageId } from '$lib/domain/model';
import { answeringRuleOf, areaView, type AreaView } from '$lib/domain/questionnaire';

// What the answer pages show of a model, per language, built once per model object: a published
// version is read and parsed once per process and its texts never change (getModel keeps the same
// object), so the same views serve every respondent of every round pinned to it. A draft is parsed
// anew per request, so its entry goes with it. The views are shared: nothing may change them.
const outlines = new WeakMap<MaturityModel, Map<Locale, AnswerOutline>>();
const steps = new WeakMap<MaturityModel, Map<string, StepView>>();

export interface AnswerOutline {
	stages: { id: StageId; name: string }[];
	areas: { id: string; name: string; questionIds: string[] }[];
}

export interface StepView {
	area: AreaView;
	/** The short answering rule, on the first step only (the first page has it in full). */
	answeringRule: string | null;
}

function cached<K, V>(
	caches: WeakMap<MaturityModel, Map<K, V>>,
	model: MaturityModel,
	key: K,
	build: () => V
): V {
	let byKey = caches.get(model);
	if (!byKey) caches.set(model, (byKey = new Map()));
	if (byKey.has(key)) return byKey.get(key)!;
	const value = build();
	byKey.set(key, value);
	return value;
}

/**
 * Only the outline of the model, in the reader's language: its stages, and its areas with their
 * question ids (each step and the review load the texts they show, so a step page does not carry
 * the whole questionnaire).
 */
export function answerOutline(model: MaturityModel, locale: Locale): AnswerOutline {
	return cached(outlines, model, locale, () => ({
		stages: model.stages.map((s) => ({ id: s.id, name: localize(s.name, locale) })),
		areas: model.areas.map((a) => ({
			id: a.id,
			name: localize(a.name, locale),
			questionIds: a.questions.map((q) => q.id)
		}))
	}));
}

/** The texts of step `step` (1-based: one area) in the reader's language; null for no such step. */
export function stepView(model: MaturityModel, step: number, locale: Locale): StepView | null {
	const area = model.areas[step - 1];
	// Checked before the cache, so addresses of steps that do not exist add nothing to it.
	if (!area) return null;
	return cached(steps, model, `${step}:${locale}`, () => ({
		area: areaView(area, locale),
		// The short rule once, on the first step: not on every step.
		answeringRule: step === 1 ? (answeringRuleOf(model, locale)?.short ?? null) : null
	}));
}
