/**
 * `diffModels` (lib/domain/model-diff.ts), table-driven: each case changes a copy of the shipped
 * model in one way and names the changes the diff must list, and nothing else.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel, type MaturityModel } from '../../src/lib/domain/model';
import { diffModels, diffSummary, type ModelChange } from '../../src/lib/domain/model-diff';

const parsed = parseModel(JSON.parse(readFileSync('db/models/cx-maturity-1.1.0.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const base: MaturityModel = parsed.value;
const area0 = base.areas[0]!;
const q0 = area0.questions[0]!;
const r0 = area0.recommendations[0]!;
const kpi0 = base.kpis[0]!;

type Expected = Partial<ModelChange>;
const cases: Array<{ name: string; edit: (m: MaturityModel) => void; expected: Expected[] }> = [
	{ name: 'nothing changed', edit: () => {}, expected: [] },
	{
		name: 'the version, id and changelog are not differences',
		edit: (m) => {
			m.version = '9.9.9';
			m.id = 'someone-else';
			delete m.changelog;
		},
		expected: []
	},
	{
		name: 'a statement in two languages',
		edit: (m) => {
			m.areas[0]!.questions[0]!.levels[2]!.en = 'New three';
			m.areas[0]!.questions[0]!.levels[2]!.bg = 'Ново три';
		},
		expected: [
			{
				kind: 'question',
				change: 'changed',
				areaId: area0.id,
				id: q0.id,
				field: 'levels[2]',
				locale: 'en',
				before: q0.levels[2]!.en,
				after: 'New three'
			},
			{
				kind: 'question',
				change: 'changed',
				id: q0.id,
				field: 'levels[2]',
				locale: 'bg',
				after: 'Ново три'
			}
		]
	},
	{
		name: 'a translation removed',
		edit: (m) => {
			delete m.areas[0]!.questions[0]!.text.ro;
		},
		expected: [
			{ kind: 'question', id: q0.id, field: 'text', locale: 'ro', before: q0.text.ro, after: null }
		]
	},
	{
		name: 'a hint added where there was none, and one removed',
		edit: (m) => {
			const withHint = m.areas[0]!.questions.find((q) => q.hint)!;
			delete withHint.hint;
			const without = m.areas[1]!.questions.find((q) => !q.hint);
			if (without) without.hint = { en: 'A new hint' };
		},
		expected: [
			...(['en', 'bg', 'ru', 'ro', 'uk'] as const)
				.filter((l) => area0.questions.find((q) => q.hint)!.hint![l] !== undefined)
				.map((l) => ({ field: 'hint', locale: l, after: null })),
			...(base.areas[1]!.questions.some((q) => !q.hint)
				? [{ field: 'hint', locale: 'en' as const, before: null, after: 'A new hint' }]
				: [])
		]
	},
	{
		name: 'an area weight',
		edit: (m) => {
			m.areas[1]!.weight = 2.5;
		},
		expected: [
			{
				kind: 'area',
				areaId: base.areas[1]!.id,
				field: 'weight',
				locale: null,
				before: String(base.areas[1]!.weight),
				after: '2.5'
			}
		]
	},
	{
		name: 'a question added and one removed',
		edit: (m) => {
			m.areas[0]!.questions.splice(1, 1);
			m.areas[0]!.questions.push({ ...structuredClone(q0), id: 'brand-new-question' });
		},
		expected: [
			{
				kind: 'question',
				change: 'removed',
				id: area0.questions[1]!.id,
				before: area0.questions[1]!.text.en,
				after: null
			},
			{
				kind: 'question',
				change: 'added',
				id: 'brand-new-question',
				before: null,
				after: q0.text.en
			}
		]
	},
	{
		name: 'a recommendation changed in effort and title, one removed',
		edit: (m) => {
			const r = m.areas[0]!.recommendations[0]!;
			r.effort = r.effort === 'S' ? 'L' : 'S';
			r.title.uk = 'Новий заголовок';
			m.areas[0]!.recommendations.splice(1, 1);
		},
		expected: [
			{ kind: 'recommendation', id: r0.id, field: 'title', locale: 'uk', after: 'Новий заголовок' },
			{ kind: 'recommendation', id: r0.id, field: 'effort', locale: null, before: r0.effort },
			{ kind: 'recommendation', change: 'removed', id: area0.recommendations[1]!.id }
		]
	},
	{
		name: 'a KPI renamed and one added',
		edit: (m) => {
			m.kpis[0]!.name.en = 'Renamed';
			m.kpis.push({ ...structuredClone(m.kpis[0]!), id: 'new-kpi', name: { en: 'New KPI' } });
		},
		expected: [
			{ kind: 'kpi', areaId: null, id: kpi0.id, field: 'name', locale: 'en', after: 'Renamed' },
			{ kind: 'kpi', change: 'added', id: 'new-kpi', after: 'New KPI' }
		]
	},
	{
		name: 'an area removed',
		edit: (m) => {
			m.areas.splice(2, 1);
		},
		expected: [
			{ kind: 'area', change: 'removed', id: base.areas[2]!.id, before: base.areas[2]!.name.en }
		]
	},
	{
		name: 'the model name in one language',
		edit: (m) => {
			m.name.ru = 'Моя модель';
		},
		expected: [{ kind: 'model', field: 'name', locale: 'ru', after: 'Моя модель' }]
	},
	{
		name: 'a source list of an area',
		edit: (m) => {
			m.areas[0]!.sources = ['x.txt'];
		},
		expected: [{ kind: 'area', field: 'sources', locale: null, after: 'x.txt' }]
	}
];

describe('diffModels', () => {
	it.each(cases)('$name', ({ edit, expected }) => {
		const changed = structuredClone(base);
		edit(changed);
		const diff = diffModels(base, changed);
		expect(diff).toHaveLength(expected.length);
		expected.forEach((e, i) => expect(diff[i]).toMatchObject(e));
	});

	it('is symmetric in what it finds: swapping the versions swaps added and removed', () => {
		const changed = structuredClone(base);
		changed.areas[0]!.questions.pop();
		changed.kpis.push({ ...structuredClone(changed.kpis[0]!), id: 'extra-kpi' });
		const forward = diffSummary(diffModels(base, changed));
		const backward = diffSummary(diffModels(changed, base));
		expect(forward).toEqual({ added: 1, removed: 1, changed: 0 });
		expect(backward).toEqual({ added: forward.removed, removed: forward.added, changed: 0 });
	});

	it('finds what changed between the shipped versions 1.0.0 and 1.1.0', () => {
		const old = parseModel(JSON.parse(readFileSync('db/models/cx-maturity.json', 'utf8')));
		if (!old.ok) throw new Error(old.errors.join('\n'));
		const diff = diffModels(old.value, base);
		const summary = diffSummary(diff);
		expect(summary.added).toBeGreaterThan(0);
		expect(summary.removed).toBeGreaterThan(0);
		expect(summary.changed).toBeGreaterThan(0);
		// Questions are matched by id: one kept in both versions is never listed as added.
		const kept = new Set(old.value.areas.flatMap((a) => a.questions.map((q) => q.id)));
		for (const c of diff.filter((c) => c.kind === 'question' && c.change === 'added'))
			expect(kept.has(c.id)).toBe(false);
	});
});
