/**
 * Importance per area (docs/scoring.md rule 26) from the form to the roadmap: the form's rules, the
 * ratings reaching the planner through `roundResults` and `roundDashboard`, and how the pages and
 * the PDF say them.
 */
import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../../src/lib/domain/anonymity';
import { roundDashboard } from '../../src/lib/domain/dashboard';
import { roundResults } from '../../src/lib/domain/results';
import { importanceView } from '../../src/lib/domain/results-view';
import { withImportance, type ImportanceRatings } from '../../src/lib/domain/roadmap';
import { sumResponses } from '../../src/lib/domain/round-sums';
import { auditActionLabel, auditValueLabel, importanceLine } from '../../src/lib/labels';
import { importanceFormSchema, parseForm } from '../../src/lib/server/forms';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();

function form(...entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

describe('withImportance', () => {
	const positions = [
		{ areaId: 'alpha', stage: 2 as const, gap: 1 },
		{ areaId: 'beta', stage: 1 as const, gap: null, importance: 'low' as const }
	];

	it.each<[string, ImportanceRatings | undefined, unknown[]]>([
		['no ratings: the positions as they are', undefined, [undefined, 'low']],
		['empty ratings: the same', {}, [undefined, 'low']],
		['a rated area takes its rating', { alpha: 'high' }, ['high', 'low']],
		['a rating replaces what the position had', { beta: 'medium' }, [undefined, 'medium']],
		['ratings of other areas change nothing', { gamma: 'high' }, [undefined, 'low']]
	])('%s', (_, ratings, expected) => {
		const result = withImportance(positions, ratings);
		expect(result.map((p) => ('importance' in p ? p.importance : undefined))).toEqual(expected);
		expect(result.map((p) => [p.areaId, p.stage, p.gap])).toEqual([
			['alpha', 2, 1],
			['beta', 1, null]
		]);
	});

	it('reads only the ratings object itself, never what it inherits', () => {
		const positions = [{ areaId: 'constructor', stage: 1 as const, gap: 1 }];
		expect(withImportance(positions, {})[0]).toEqual(positions[0]);
	});
});

describe('the ratings rank the round roadmap (roundResults, roundDashboard)', () => {
	// Everyone at level 2 without targets: every area at stage 2 with a gap of 1; beta weighs 2.
	const sums = sumResponses(
		model,
		Array.from({ length: 6 }, () => ({
			departmentId: null,
			roleLevelId: null,
			answers: { a1: 2, a2: 2, b1: 2, b2: 2, b3: 2, c1: 2 } as const,
			targets: {}
		}))
	);
	const order = (ratings?: ImportanceRatings) =>
		roundResults(model, sums, undefined, ratings).roadmap.items.map(
			(i) => `${i.recommendation.id} ${i.priority}`
		);

	it('without ratings: gap × weight × impact ÷ effort, ties by impact, then model order', () => {
		expect(order()).toEqual([
			'beta-r2-quick 4',
			'beta-r2-big 2',
			'alpha-r2-quick 2',
			'gamma-r2-quick 2',
			'alpha-r2-big 1',
			'gamma-r2-big 1'
		]);
		expect(order({})).toEqual(order());
	});

	it('gamma high and beta low: gamma first, beta after alpha', () => {
		expect(order({ gamma: 'high', beta: 'low' })).toEqual([
			'gamma-r2-quick 4',
			'gamma-r2-big 2',
			'alpha-r2-quick 2',
			'beta-r2-quick 2',
			'alpha-r2-big 1',
			'beta-r2-big 1'
		]);
	});

	it('the dashboard ranks with the same ratings and keeps them', () => {
		const ratings: ImportanceRatings = { gamma: 'high', beta: 'low' };
		const dashboard = roundDashboard(model, sums, {
			threshold: 5,
			filter: NO_FILTER,
			departmentOrder: [],
			roleLevelOrder: [],
			importance: ratings
		});
		expect(dashboard.results?.roadmap).toEqual(
			roundResults(model, sums, undefined, ratings).roadmap
		);
		expect(dashboard.importance).toEqual(ratings);
		const plain = roundDashboard(model, sums, {
			threshold: 5,
			filter: NO_FILTER,
			departmentOrder: [],
			roleLevelOrder: []
		});
		expect(plain.importance).toEqual({});
		expect(plain.results?.roadmap).toEqual(roundResults(model, sums).roadmap);
	});
});

describe('importanceView and importanceLine', () => {
	it('lists the rated areas per level, high first, in model order', () => {
		expect(
			importanceView(model, { gamma: 'high', alpha: 'high', beta: 'low', nope: 'high' }, 'en')
		).toEqual([
			{ level: 'high', areas: ['Area alpha', 'Area gamma'] },
			{ level: 'low', areas: ['Area beta'] }
		]);
		expect(importanceView(model, {}, 'en')).toEqual([]);
	});

	it('says the line above the roadmap, in the language asked', () => {
		const levels = importanceView(model, { gamma: 'high', beta: 'medium', alpha: 'low' }, 'en');
		expect(importanceLine(levels)).toBe(
			'Ranked with the importance set for this round. High: Area gamma. Medium: Area beta. Low: Area alpha.'
		);
		expect(importanceLine([])).toBe('');
		expect(importanceLine(levels, { locale: 'bg' })).toMatch(/^Подредбата .* Висока: Area gamma\./);
	});

	it('reads in the audit log', () => {
		expect(auditActionLabel('round.importance')).toBe('Area importance changed');
		expect(auditValueLabel('governance', 'high')).toBe('High');
		expect(auditValueLabel('governance', null)).toBe('none');
		expect(auditValueLabel('name', 'low')).toBe('low');
	});
});

describe('importanceFormSchema', () => {
	const schema = importanceFormSchema(model.areas.map((a) => ({ id: a.id, name: a.name.en })));

	it('gives every area its rating; empty and absent are not rated', () => {
		expect(
			parseForm(schema, form(['area:alpha', 'high'], ['area:beta', ''], ['other', 'x']))
		).toEqual({ ok: true, data: { alpha: 'high', beta: null, gamma: null } });
	});

	it.each<[string, [string, string][], string, string]>([
		[
			'a value outside the four',
			[['area:beta', 'urgent']],
			'area:beta',
			'Choose not rated, low, medium or high for the area “Area beta”. Nothing was saved.'
		],
		[
			'an area the model does not have',
			[
				['area:alpha', 'low'],
				['area:delta', 'high']
			],
			'area:delta',
			"An area in the form is not in this round's model. Nothing was saved."
		],
		[
			'a field sent twice',
			[
				['area:alpha', 'low'],
				['area:alpha', 'high']
			],
			'area:alpha',
			'This form sent a field more than once. Reload the page and try again.'
		]
	])('refuses %s', (_, entries, field, message) => {
		const parsed = parseForm(schema, form(...entries));
		expect(parsed).toMatchObject({ ok: false, message, errors: { [field]: message } });
	});
});
