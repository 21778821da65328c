/**
 * The pieces of a practice's own model versions (lib/domain/model-lineage.ts): version numbers, the
 * lineage key, and the editor's edits, each re-validated with `parseModel` so that an invalid
 * result is refused with the field named.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel, type MaturityModel } from '../../src/lib/domain/model';
import {
	applyModelEdit,
	compareVersions,
	latestVersion,
	lineageKeyOf,
	modelLanguages,
	nextMinorVersion,
	normaliseVersion,
	UnknownItemError
} from '../../src/lib/domain/model-lineage';

const parsed = parseModel(JSON.parse(readFileSync('db/models/cx-maturity-1.1.0.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const model: MaturityModel = parsed.value;
const area = model.areas[2]!;
const question = area.questions[0]!;

describe('version numbers', () => {
	it.each([
		['1.1', '1.1.0'],
		['1.1.0', '1.1.0'],
		['v2.0', '2.0.0'],
		[' 01.02.03 ', '1.2.3'],
		['1', null],
		['1.1.1.1', null],
		['1.x', null],
		['', null],
		['1234567.0', null]
	])('%j is %j', (input, expected) => {
		expect(normaliseVersion(input)).toBe(expected);
	});

	it.each([
		['1.10.0', '1.9.0', 1],
		['1.1.0', '1.1.0', 0],
		['2.0.0', '10.0.0', -1]
	])('compares %s with %s numerically', (a, b, sign) => {
		expect(Math.sign(compareVersions(a, b))).toBe(sign);
	});

	it('finds the latest and suggests the next minor version', () => {
		expect(latestVersion(['1.2.0', '1.10.0', '1.9.9'])).toBe('1.10.0');
		expect(latestVersion([])).toBeNull();
		expect(nextMinorVersion('1.1.0')).toBe('1.2.0');
	});
});

describe('the lineage key', () => {
	it.each([
		['Balkan CX Partners (demo)', 'balkan-cx-partners-demo-cx'],
		['Ørsted & Co', 'rsted-co-cx'],
		['Консултанти ООД', 'practice-cx'],
		['2020 Advisors', 'advisors-cx']
	])('%j → %j, a valid model id', (name, key) => {
		expect(lineageKeyOf(name)).toBe(key);
		expect(key).toMatch(/^[a-z][a-z0-9-]{1,63}$/);
	});

	it('lists the languages the model has, English first', () => {
		expect(modelLanguages(model)).toEqual(['en', 'bg', 'ru', 'ro', 'uk']);
		expect(modelLanguages({ name: { en: 'x', ro: 'y' } })).toEqual(['en', 'ro']);
	});
});

const questionEdit = (overrides: Record<string, unknown>) => ({
	kind: 'question' as const,
	areaId: area.id,
	questionId: question.id,
	locale: 'bg' as const,
	text: question.text.bg ?? '',
	hint: question.hint?.bg ?? '',
	levels: question.levels.map((l) => l.bg ?? '') as [string, string, string, string],
	...overrides
});

describe('editing a draft', () => {
	it('changes a statement in one language and leaves the others', () => {
		const levels = questionEdit({}).levels;
		levels[3] = 'Ново четвърто твърдение';
		const next = parseModel(applyModelEdit(model, questionEdit({ levels })));
		expect(next.ok).toBe(true);
		if (!next.ok) return;
		const q = next.value.areas[2]!.questions[0]!;
		expect(q.levels[3]).toEqual({ ...question.levels[3], bg: 'Ново четвърто твърдение' });
		expect(q.levels[2]).toEqual(question.levels[2]);
		// The model passed in is not changed.
		expect(model.areas[2]!.questions[0]!.levels[3]!.bg).toBe(question.levels[3]!.bg);
	});

	it('removes a translation emptied in another language', () => {
		const next = parseModel(applyModelEdit(model, questionEdit({ text: '  ' })));
		expect(next.ok && next.value.areas[2]!.questions[0]!.text.bg).toBeUndefined();
	});

	it.each([
		[
			'an empty English statement',
			{ locale: 'en', text: question.text.en, hint: '', levels: ['a', '', 'c', 'd'] },
			`areas[2].questions[0].levels[1].en: must not be empty`
		],
		[
			'an empty English question',
			{ locale: 'en', text: '', hint: '', levels: question.levels.map((l) => l.en) },
			`areas[2].questions[0].text.en: must not be empty`
		]
	])('refuses %s, naming the field', (_name, overrides, message) => {
		const next = parseModel(applyModelEdit(model, questionEdit(overrides)));
		expect(next.ok).toBe(false);
		if (!next.ok) expect(next.errors).toContain(message);
	});

	it('refuses a weight of 0 and names it', () => {
		const next = parseModel(
			applyModelEdit(model, {
				kind: 'area',
				areaId: area.id,
				locale: 'en',
				name: area.name.en,
				description: area.description.en,
				weight: 0
			})
		);
		expect(next.ok ? [] : next.errors).toEqual(['areas[2].weight: must be greater than 0']);
	});

	it('adds a question with a new id, and removes one', () => {
		const added = parseModel(
			applyModelEdit(model, {
				kind: 'addQuestion',
				areaId: area.id,
				text: 'Is it new?',
				levels: ['one', 'two', 'three', 'four']
			})
		);
		expect(added.ok).toBe(true);
		if (!added.ok) return;
		const newQuestion = added.value.areas[2]!.questions.at(-1)!;
		expect(newQuestion.id).toBe(`${area.id}-q-1`);
		const removed = parseModel(
			applyModelEdit(added.value, {
				kind: 'removeQuestion',
				areaId: area.id,
				questionId: newQuestion.id
			})
		);
		expect(removed.ok && removed.value.areas[2]!.questions).toEqual(area.questions);
	});

	it('refuses removing a question a recommendation points to, naming the recommendation', () => {
		const linked = area.recommendations.findIndex((r) => r.question !== undefined);
		const target = area.recommendations[linked]!.question!;
		const next = parseModel(
			applyModelEdit(model, { kind: 'removeQuestion', areaId: area.id, questionId: target })
		);
		expect(next.ok).toBe(false);
		if (!next.ok)
			expect(next.errors[0]).toMatch(
				new RegExp(`^areas\\[2\\]\\.recommendations\\[${linked}\\]\\.question: unknown question`)
			);
	});

	it('adds and removes a recommendation; an unknown KPI is named', () => {
		const input = {
			kind: 'addRecommendation' as const,
			areaId: area.id,
			title: 'Do it',
			action: 'Do the thing',
			owner: 'Someone',
			stage: 1 as const,
			effort: 'S' as const,
			impact: 2 as const,
			horizon: 90,
			kpi: model.kpis[0]!.id,
			question: null
		};
		const added = parseModel(applyModelEdit(model, input));
		expect(added.ok).toBe(true);
		const at = `areas[2].recommendations[${area.recommendations.length}]`;
		const badKpi = parseModel(applyModelEdit(model, { ...input, kpi: 'no-such-kpi' }));
		expect(badKpi.ok ? [] : badKpi.errors).toEqual([`${at}.kpi: unknown KPI "no-such-kpi"`]);
		const badHorizon = parseModel(applyModelEdit(model, { ...input, horizon: 45 }));
		expect(badHorizon.ok ? [] : badHorizon.errors).toEqual([
			`${at}.horizon: Invalid option: expected one of 30|60|90|180|365`
		]);
	});

	it('throws for an item the model does not have', () => {
		expect(() => applyModelEdit(model, questionEdit({ questionId: 'not-there' }))).toThrow(
			UnknownItemError
		);
		expect(() =>
			applyModelEdit(model, {
				kind: 'removeRecommendation',
				areaId: 'nowhere',
				recommendationId: 'x'
			})
		).toThrow(UnknownItemError);
	});
});
