/**
 * What changed between two versions of a model (or a fork and its base): areas, questions,
 * statements per language, hints, weights, recommendations and KPIs. Pure: two models in, a list of
 * changes out, in the order of the newer model (removed items where they stood in the older one).
 * Items are matched by id, so a question moved to another area reads as removed there and added here.
 */
import { LOCALES, type Locale, type MaturityModel } from './model';

export type DiffItemKind = 'model' | 'area' | 'question' | 'recommendation' | 'kpi';
export type DiffChange = 'added' | 'removed' | 'changed';

export interface ModelChange {
	kind: DiffItemKind;
	change: DiffChange;
	/** The area of an area, question or recommendation; null for the model and its KPIs. */
	areaId: string | null;
	/** The item's id (the model's own id for model-wide fields). */
	id: string;
	/** The changed field of a changed item, e.g. `levels[2]`, `hint`, `weight`; null when added or removed. */
	field: string | null;
	/** The language of a changed text; null for numbers, choices and whole items. */
	locale: Locale | null;
	before: string | null;
	after: string | null;
}

type Plain = Record<string, unknown>;

const isObject = (v: unknown): v is Plain =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function isText(v: unknown): v is Partial<Record<Locale, string>> {
	return (
		isObject(v) &&
		typeof v.en === 'string' &&
		Object.keys(v).every((k) => (LOCALES as readonly string[]).includes(k))
	);
}

const shown = (v: unknown): string | null =>
	v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);

type Emit = (
	field: string,
	locale: Locale | null,
	before: string | null,
	after: string | null
) => void;

/** Compares two values field by field; texts per language, arrays of texts per index. */
function walk(before: unknown, after: unknown, field: string, emit: Emit): void {
	if (isText(before) || isText(after)) {
		const b = isObject(before) ? before : {};
		const a = isObject(after) ? after : {};
		for (const locale of LOCALES) {
			const from = shown(b[locale]);
			const to = shown(a[locale]);
			if (from !== to) emit(field, locale, from, to);
		}
		return;
	}
	if (Array.isArray(before) || Array.isArray(after)) {
		const b = Array.isArray(before) ? before : [];
		const a = Array.isArray(after) ? after : [];
		if ([...b, ...a].every((v) => !isObject(v) && !Array.isArray(v))) {
			if (JSON.stringify(b) !== JSON.stringify(a))
				emit(
					field,
					null,
					before === undefined ? null : b.join(', '),
					after === undefined ? null : a.join(', ')
				);
			return;
		}
		for (let i = 0; i < Math.max(a.length, b.length); i++) walk(b[i], a[i], `${field}[${i}]`, emit);
		return;
	}
	if (isObject(before) || isObject(after)) {
		const b = isObject(before) ? before : {};
		const a = isObject(after) ? after : {};
		for (const key of new Set([...Object.keys(b), ...Object.keys(a)]))
			walk(b[key], a[key], field ? `${field}.${key}` : key, emit);
		return;
	}
	if (shown(before) !== shown(after)) emit(field, null, shown(before), shown(after));
}

function fieldChanges(
	kind: DiffItemKind,
	areaId: string | null,
	id: string,
	before: Plain,
	after: Plain,
	skip: readonly string[]
): ModelChange[] {
	const out: ModelChange[] = [];
	const strip = (o: Plain) =>
		Object.fromEntries(Object.entries(o).filter(([k]) => !skip.includes(k)));
	walk(strip(before), strip(after), '', (field, locale, b, a) =>
		out.push({ kind, change: 'changed', areaId, id, field, locale, before: b, after: a })
	);
	return out;
}

/** The items of both lists matched by id: the newer order, each removed one after its predecessor. */
function matchById<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
	const afterIds = new Set(after.map((x) => x.id));
	const beforeById = new Map(before.map((x) => [x.id, x]));
	const pairs: Array<{ id: string; before?: T; after?: T }> = after.map((x) => ({
		id: x.id,
		before: beforeById.get(x.id),
		after: x
	}));
	before.forEach((x, i) => {
		if (afterIds.has(x.id)) return;
		// After the item that preceded it in the older list, or first.
		const previous = before[i - 1]?.id;
		const at = previous === undefined ? 0 : pairs.findIndex((p) => p.id === previous) + 1;
		pairs.splice(at, 0, { id: x.id, before: x });
	});
	return pairs;
}

function itemChanges<T extends { id: string }>(
	kind: DiffItemKind,
	areaId: string | null,
	before: readonly T[],
	after: readonly T[],
	name: (item: T) => string,
	skip: readonly string[] = ['id']
): ModelChange[] {
	return matchById(before, after).flatMap((pair): ModelChange[] => {
		const base = { kind, areaId, id: pair.id, field: null, locale: null };
		if (!pair.before) return [{ ...base, change: 'added', before: null, after: name(pair.after!) }];
		if (!pair.after)
			return [{ ...base, change: 'removed', before: name(pair.before), after: null }];
		return fieldChanges(kind, areaId, pair.id, pair.before as Plain, pair.after as Plain, skip);
	});
}

/**
 * Every difference from `a` (older, or the base) to `b` (newer, or the fork). The version number,
 * the model's id and its changelog are not compared: they differ between any two versions.
 */
export function diffModels(a: MaturityModel, b: MaturityModel): ModelChange[] {
	const model = fieldChanges('model', null, b.id, a as Plain, b as Plain, [
		'id',
		'version',
		'changelog',
		'areas',
		'kpis'
	]);
	const areas = matchById(a.areas, b.areas).flatMap((pair): ModelChange[] => {
		const base = { kind: 'area' as const, areaId: pair.id, id: pair.id, field: null, locale: null };
		if (!pair.before)
			return [{ ...base, change: 'added', before: null, after: pair.after!.name.en }];
		if (!pair.after)
			return [{ ...base, change: 'removed', before: pair.before.name.en, after: null }];
		return [
			...fieldChanges('area', pair.id, pair.id, pair.before as Plain, pair.after as Plain, [
				'id',
				'questions',
				'recommendations'
			]),
			...itemChanges(
				'question',
				pair.id,
				pair.before.questions,
				pair.after.questions,
				(q) => q.text.en
			),
			...itemChanges(
				'recommendation',
				pair.id,
				pair.before.recommendations,
				pair.after.recommendations,
				(r) => r.title.en
			)
		];
	});
	const kpis = itemChanges('kpi', null, a.kpis, b.kpis, (k) => k.name.en);
	return [...model, ...areas, ...kpis];
}

/** Counts of a diff's changes by kind of item, for a summary line. */
export function diffSummary(changes: readonly ModelChange[]): Record<DiffChange, number> {
	const out: Record<DiffChange, number> = { added: 0, removed: 0, changed: 0 };
	for (const c of changes) out[c.change]++;
	return out;
}
