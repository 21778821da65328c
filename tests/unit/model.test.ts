import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	listQuestions,
	localize,
	parseModel,
	type MaturityModel
} from '../../src/lib/domain/model';
import { fixtureModel } from '../support/fixture-model';

const raw: unknown = JSON.parse(readFileSync('db/models/cx-maturity.json', 'utf8'));
const SEEDS = [
	'000_e6c232c06ae033e5.txt',
	'001_9567f1623b447e1b.txt',
	'002_3010985047ff8237.txt',
	'003_8afd306b47c270ac.txt',
	'004_3c6778b5c161b4cd.txt'
];

describe('the default model file', () => {
	const parsed = parseModel(raw);
	if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
	const model = parsed.value;

	it('passes the schema', () => {
		expect(parsed.ok).toBe(true);
	});

	it('has the four stages in order', () => {
		expect(model.stages.map((s) => s.name.en)).toEqual([
			'Find and fix',
			'Reform and modernise',
			'Raise the bar',
			'Stand out'
		]);
	});

	it('has 8-10 areas with 4-6 questions each, about 40 in all, each citing the seeds', () => {
		expect(model.areas.length).toBeGreaterThanOrEqual(8);
		expect(model.areas.length).toBeLessThanOrEqual(10);
		for (const area of model.areas) {
			expect(area.questions.length, area.id).toBeGreaterThanOrEqual(4);
			expect(area.questions.length, area.id).toBeLessThanOrEqual(6);
			expect(
				area.sources.every((s) => SEEDS.includes(s)),
				area.id
			).toBe(true);
		}
		const count = listQuestions(model).length;
		expect(count).toBeGreaterThanOrEqual(36);
		expect(count).toBeLessThanOrEqual(48);
	});

	it('has at least 3 recommendations and a quick win for every area and stage', () => {
		for (const area of model.areas) {
			for (const stage of [1, 2, 3, 4]) {
				const recs = area.recommendations.filter((r) => r.stage === stage);
				expect(recs.length, `${area.id} stage ${stage}`).toBeGreaterThanOrEqual(3);
				expect(
					recs.some((r) => r.effort === 'S' && r.impact >= 2),
					`${area.id} stage ${stage} quick win`
				).toBe(true);
			}
		}
	});

	it('anchors answers in behaviour, not in a bare scale', () => {
		const bare =
			/^(somewhat|very|rarely|sometimes|often|always|never|poor|fair|good|excellent)\b[\s.,]*$/i;
		for (const q of listQuestions(model)) {
			for (const level of q.levels) {
				expect(level.en.length, q.id).toBeGreaterThan(40);
				expect(level.en, q.id).not.toMatch(bare);
			}
			expect(new Set(q.levels.map((l) => l.en)).size, q.id).toBe(4);
		}
	});

	it('holds every metric the sources name in its KPI catalogue', () => {
		const kpis = model.kpis.map((k) => k.id);
		for (const id of [
			'nps',
			'csat',
			'ces',
			'fcr',
			'frt',
			'art',
			'churn-rate',
			'retention-rate',
			'revenue-growth',
			'cross-up-sell',
			'cost-to-serve',
			'task-success',
			'time-on-task',
			'emotion-index'
		]) {
			expect(kpis).toContain(id);
		}
		for (const kpi of model.kpis) expect(kpi.formula.en.length, kpi.id).toBeGreaterThan(10);
	});
});

describe('a model that breaks the schema is rejected with a message naming the field', () => {
	const broken = (mutate: (m: MaturityModel) => void): unknown => {
		const model = fixtureModel();
		mutate(model);
		return model;
	};
	it.each([
		{
			name: 'three levels instead of four',
			data: broken((m) => m.areas[0]!.questions[0]!.levels.pop()),
			message: 'areas[0].questions[0].levels: must have exactly 4 items'
		},
		{
			name: 'a missing English text',
			data: broken((m) => {
				(m.areas[1]!.name as { en?: string }).en = undefined;
			}),
			message: 'areas[1].name.en'
		},
		{
			name: 'a recommendation stage out of range',
			data: broken((m) => {
				(m.areas[0]!.recommendations[0] as { stage: number }).stage = 5;
			}),
			message: 'areas[0].recommendations[0].stage'
		},
		{
			name: 'an unknown effort',
			data: broken((m) => {
				(m.areas[0]!.recommendations[1] as { effort: string }).effort = 'XL';
			}),
			message: 'areas[0].recommendations[1].effort'
		},
		{
			name: 'a KPI that is not in the catalogue',
			data: broken((m) => {
				m.areas[2]!.recommendations[0]!.kpi = 'happiness';
			}),
			message: 'areas[2].recommendations[0].kpi: unknown KPI "happiness"'
		},
		{
			name: 'a duplicate question id',
			data: broken((m) => {
				m.areas[1]!.questions[0]!.id = 'a1';
			}),
			message: 'areas[1].questions[0].id: duplicate id "a1"'
		},
		{
			name: 'a zero weight',
			data: broken((m) => {
				m.areas[0]!.weight = 0;
			}),
			message: 'areas[0].weight: must be greater than 0'
		},
		{
			name: 'stages out of order',
			data: broken((m) => {
				m.stages.reverse();
			}),
			message: 'stages[0].id: must be 1'
		},
		{
			name: 'an id that is not kebab-case',
			data: broken((m) => {
				m.areas[0]!.id = 'Bad Id';
			}),
			message: 'areas[0].id: must be kebab-case'
		},
		{ name: 'not an object at all', data: 'model', message: '(root)' }
	])('$name', ({ data, message }) => {
		const result = parseModel(data);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.join('\n')).toContain(message);
	});
});

describe('localize', () => {
	it.each([
		[{ en: 'Hello', ro: 'Salut' }, 'ro', 'Salut'],
		[{ en: 'Hello', ro: 'Salut' }, 'bg', 'Hello'],
		[{ en: 'Hello' }, 'en', 'Hello']
	] as const)('%j in %s is %s', (text, locale, expected) => {
		expect(localize(text, locale)).toBe(expected);
	});
});
