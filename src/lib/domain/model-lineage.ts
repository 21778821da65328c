/**
 * Versions of a practice's own model (docs/model.md, "Custom models"): version numbers, the key of
 * a practice's lineage, the languages a model has, and the edits the browser editor makes to a
 * draft. Pure: every edit returns a new plain object, which the caller validates whole with
 * `parseModel` before storing anything.
 */
import { BASE_LOCALE, LOCALES, type Locale, type LocalizedText, type MaturityModel } from './model';

/**
 * A version typed by a person: `1.1` or `1.1.0` (`v` in front allowed), each part at most 6 digits;
 * returns the three-part form (`1.1.0`) or null.
 */
export function normaliseVersion(input: string): string | null {
	const match = /^v?(\d{1,6})\.(\d{1,6})(?:\.(\d{1,6}))?$/.exec(input.trim());
	if (!match) return null;
	return [match[1], match[2], match[3] ?? '0'].map((p) => String(Number(p))).join('.');
}

/** Compares two three-part versions numerically: negative when `a` is lower. */
export function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < 3; i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}

/** The highest of some versions, or null for none. */
export function latestVersion(versions: readonly string[]): string | null {
	return versions.reduce<string | null>(
		(top, v) => (top === null || compareVersions(v, top) > 0 ? v : top),
		null
	);
}

/** The next minor version after `version`: `1.1.0` → `1.2.0`, for the form's suggestion. */
export function nextMinorVersion(version: string): string {
	const [major = 1, minor = 0] = version.split('.').map(Number);
	return `${major}.${minor + 1}.0`;
}

/**
 * The model id of a practice's lineage from its name: `Balkan CX Partners` → `balkan-cx-partners-cx`;
 * a name without Latin letters or digits gives `practice-cx`. Always a valid model id.
 */
export function lineageKeyOf(practiceName: string): string {
	const slug = practiceName
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^[^a-z]+/, '')
		.replace(/-+$/, '')
		.slice(0, 40)
		.replace(/-+$/, '');
	return `${slug || 'practice'}-cx`;
}

/** The languages a model has: those its name is given in, English first. */
export function modelLanguages(model: Pick<MaturityModel, 'name'>): Locale[] {
	return LOCALES.filter((l) => l === BASE_LOCALE || model.name[l] !== undefined);
}

/**
 * A text with one language set: an empty value removes that language, except the base language,
 * which is kept empty so that validation names the field.
 */
export function withText(
	text: LocalizedText | undefined,
	locale: Locale,
	value: string
): LocalizedText {
	const next: Record<string, string> = { ...(text ?? { en: '' }) };
	const trimmed = value.trim();
	if (trimmed === '' && locale !== BASE_LOCALE) delete next[locale];
	else next[locale] = trimmed;
	return next as LocalizedText;
}

/** An optional text (a hint): emptied in the base language, it goes in every language. */
function withOptionalText(
	text: LocalizedText | undefined,
	locale: Locale,
	value: string
): LocalizedText | undefined {
	if (locale === BASE_LOCALE && value.trim() === '') return undefined;
	if (!text && value.trim() === '') return undefined;
	return withText(text, locale, value);
}

export type ModelEdit =
	| { kind: 'model'; locale: Locale; name: string; description: string }
	| {
			kind: 'area';
			areaId: string;
			locale: Locale;
			name: string;
			description: string;
			weight: number;
	  }
	| {
			kind: 'question';
			areaId: string;
			questionId: string;
			locale: Locale;
			text: string;
			hint: string;
			levels: [string, string, string, string];
	  }
	| {
			kind: 'addQuestion';
			areaId: string;
			text: string;
			levels: [string, string, string, string];
	  }
	| { kind: 'removeQuestion'; areaId: string; questionId: string }
	| {
			kind: 'recommendation';
			areaId: string;
			recommendationId: string;
			locale: Locale;
			title: string;
			action: string;
			owner: string;
			stage: 1 | 2 | 3 | 4;
			effort: 'S' | 'M' | 'L';
			impact: 1 | 2 | 3;
			horizon: number;
			kpi: string;
			question: string | null;
	  }
	| {
			kind: 'addRecommendation';
			areaId: string;
			title: string;
			action: string;
			owner: string;
			stage: 1 | 2 | 3 | 4;
			effort: 'S' | 'M' | 'L';
			impact: 1 | 2 | 3;
			horizon: number;
			kpi: string;
			question: string | null;
	  }
	| { kind: 'removeRecommendation'; areaId: string; recommendationId: string }
	| {
			kind: 'kpi';
			kpiId: string;
			locale: Locale;
			name: string;
			definition: string;
			formula: string;
	  };

/** Every id used in the model, for making a new one that is unique. */
function usedIds(model: MaturityModel): Set<string> {
	return new Set([
		...model.areas.flatMap((a) => [
			a.id,
			...a.questions.map((q) => q.id),
			...a.recommendations.map((r) => r.id)
		]),
		...model.kpis.map((k) => k.id)
	]);
}

/** `<prefix>-1`, `<prefix>-2`, ...: the first not used in the model. */
export function newItemId(model: MaturityModel, prefix: string): string {
	const used = usedIds(model);
	const base = prefix.slice(0, 50);
	for (let n = 1; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Thrown for an edit that names an item the model does not have (a stale or forged form). */
export class UnknownItemError extends Error {}

/**
 * The model with one edit applied, not yet validated (pass it to `parseModel`). Throws
 * `UnknownItemError` when the edit names an area, question, recommendation or KPI that is not there.
 */
export function applyModelEdit(model: MaturityModel, edit: ModelEdit): unknown {
	const next = structuredClone(model) as MaturityModel;
	if (edit.kind === 'model') {
		next.name = withText(next.name, edit.locale, edit.name);
		next.description = withText(next.description, edit.locale, edit.description);
		return next;
	}
	if (edit.kind === 'kpi') {
		const kpi = next.kpis.find((k) => k.id === edit.kpiId);
		if (!kpi) throw new UnknownItemError(`kpi ${edit.kpiId}`);
		kpi.name = withText(kpi.name, edit.locale, edit.name);
		kpi.definition = withText(kpi.definition, edit.locale, edit.definition);
		kpi.formula = withText(kpi.formula, edit.locale, edit.formula);
		return next;
	}
	const area = next.areas.find((a) => a.id === edit.areaId);
	if (!area) throw new UnknownItemError(`area ${edit.areaId}`);
	const question = (id: string) => {
		const found = area.questions.find((q) => q.id === id);
		if (!found) throw new UnknownItemError(`question ${id}`);
		return found;
	};
	const recommendation = (id: string) => {
		const found = area.recommendations.find((r) => r.id === id);
		if (!found) throw new UnknownItemError(`recommendation ${id}`);
		return found;
	};
	switch (edit.kind) {
		case 'area':
			area.name = withText(area.name, edit.locale, edit.name);
			area.description = withText(area.description, edit.locale, edit.description);
			area.weight = edit.weight;
			break;
		case 'question': {
			const q = question(edit.questionId);
			q.text = withText(q.text, edit.locale, edit.text);
			const hint = withOptionalText(q.hint, edit.locale, edit.hint);
			if (hint) q.hint = hint;
			else delete q.hint;
			q.levels = q.levels.map((level, i) => withText(level, edit.locale, edit.levels[i] ?? ''));
			break;
		}
		case 'addQuestion':
			area.questions.push({
				id: newItemId(next, `${area.id}-q`),
				text: withText(undefined, BASE_LOCALE, edit.text),
				levels: edit.levels.map((l) => withText(undefined, BASE_LOCALE, l))
			});
			break;
		case 'removeQuestion':
			question(edit.questionId);
			area.questions = area.questions.filter((q) => q.id !== edit.questionId);
			break;
		case 'recommendation': {
			const r = recommendation(edit.recommendationId);
			r.title = withText(r.title, edit.locale, edit.title);
			r.action = withText(r.action, edit.locale, edit.action);
			r.owner = withText(r.owner, edit.locale, edit.owner);
			Object.assign(r, {
				stage: edit.stage,
				effort: edit.effort,
				impact: edit.impact,
				horizon: edit.horizon,
				kpi: edit.kpi
			});
			if (edit.question) r.question = edit.question;
			else delete r.question;
			break;
		}
		case 'addRecommendation':
			area.recommendations.push({
				id: newItemId(next, `${area.id}-r`),
				stage: edit.stage,
				...(edit.question ? { question: edit.question } : {}),
				title: withText(undefined, BASE_LOCALE, edit.title),
				action: withText(undefined, BASE_LOCALE, edit.action),
				effort: edit.effort,
				impact: edit.impact,
				horizon:
					edit.horizon as MaturityModel['areas'][number]['recommendations'][number]['horizon'],
				owner: withText(undefined, BASE_LOCALE, edit.owner),
				kpi: edit.kpi
			});
			break;
		case 'removeRecommendation':
			recommendation(edit.recommendationId);
			area.recommendations = area.recommendations.filter((r) => r.id !== edit.recommendationId);
			break;
	}
	return next;
}
