import { describe, expect, it } from 'vitest';
import { mayShowNotes, NO_FILTER, notesMinimum } from '../../src/lib/domain/anonymity';
import { sumResponses } from '../../src/lib/domain/round-sums';
import { roundDashboard } from '../../src/lib/domain/dashboard';
import type { StageId } from '../../src/lib/domain/model';
import {
	evidenceView,
	resultsPageView,
	type ResultsPageInput
} from '../../src/lib/domain/results-page';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();

describe('notesMinimum and mayShowNotes (docs/scoring.md rule 36)', () => {
	it.each([
		[3, 6],
		[5, 10]
	])('threshold %s: notes from %s responses', (threshold, minimum) => {
		expect(notesMinimum(threshold)).toBe(minimum);
		expect(mayShowNotes(minimum - 1, threshold)).toBe(false);
		expect(mayShowNotes(minimum, threshold)).toBe(true);
	});
});

describe('evidenceView', () => {
	it.each([
		{ name: 'no notes', notes: [], expected: [] },
		{
			name: 'notes by area and question in model order, counted per area',
			notes: [
				{ questionId: 'c1', note: 'We ask customers twice a year' },
				{ questionId: 'a2', note: 'Only in sales' },
				{ questionId: 'a1', note: 'A shared dashboard' },
				{ questionId: 'a2', note: 'Since spring' }
			],
			expected: [
				{
					area: 'Area alpha',
					count: 3,
					questions: [
						{ text: 'Question a1?', notes: ['A shared dashboard'] },
						{ text: 'Question a2?', notes: ['Only in sales', 'Since spring'] }
					]
				},
				{
					area: 'Area gamma',
					count: 1,
					questions: [{ text: 'Question c1?', notes: ['We ask customers twice a year'] }]
				}
			]
		},
		{
			name: 'a note for a question the model does not have is left out',
			notes: [
				{ questionId: 'gone', note: 'Old question' },
				{ questionId: 'b3', note: 'Weekly' }
			],
			expected: [
				{ area: 'Area beta', count: 1, questions: [{ text: 'Question b3?', notes: ['Weekly'] }] }
			]
		}
	])('$name', ({ notes, expected }) => {
		expect(evidenceView(model, notes, 'en')).toEqual(expected);
	});
});

describe('resultsPageView', () => {
	const response = (departmentId: string | null, level: StageId) => ({
		departmentId,
		roleLevelId: null,
		answers: { a1: level, a2: level, b1: level, b2: level, b3: level, c1: level },
		targets: {}
	});
	const many = (count: number, departmentId: string | null, level: StageId = 2) =>
		Array.from({ length: count }, () => response(departmentId, level));
	const notes = [{ questionId: 'a1', note: 'A shared dashboard' }];
	const page = (
		responses: ReturnType<typeof response>[],
		threshold: number,
		over: Partial<ResultsPageInput> = {}
	) =>
		resultsPageView({
			round: { id: 'r2', name: 'Autumn', anonymityThreshold: threshold },
			model,
			dashboard: roundDashboard(model, sumResponses(model, responses), {
				threshold,
				filter: NO_FILTER,
				departmentOrder: ['sales', 'care'],
				roleLevelOrder: []
			}),
			departments: [
				{ id: 'sales', name: 'Sales' },
				{ id: 'care', name: 'Care' }
			],
			roleLevels: [{ id: 'lead', name: 'Lead' }],
			noDepartment: 'Without department',
			noRoleLevel: 'Without role level',
			unknownFilter: false,
			query: '',
			notes,
			previous: null,
			locale: 'en',
			...over
		});

	it.each([
		{
			name: 'below the threshold: no team results, no notes',
			responses: many(4, 'sales'),
			threshold: 5,
			roundShown: false,
			results: false,
			evidence: 0
		},
		{
			name: 'at the threshold, below twice it: results without notes',
			responses: many(5, 'sales'),
			threshold: 5,
			roundShown: true,
			results: true,
			evidence: 0
		},
		{
			name: 'twice the threshold: results and notes',
			responses: many(10, 'sales'),
			threshold: 5,
			roundShown: true,
			results: true,
			evidence: 1
		},
		{
			name: 'a lower threshold asks less',
			responses: many(6, 'sales'),
			threshold: 3,
			roundShown: true,
			results: true,
			evidence: 1
		}
	])('$name', ({ responses, threshold, roundShown, results, evidence }) => {
		const view = page(responses, threshold);
		expect(view.roundShown).toBe(roundShown);
		expect(view.view.results !== null).toBe(results);
		expect(view.notesMinimum).toBe(2 * threshold);
		expect(view.evidence).toHaveLength(evidence);
	});

	it('names the groups, lists the options and keeps the filter and its query', () => {
		const view = page([...many(6, 'sales'), ...many(6, null, 3)], 5, {
			query: '?department=sales',
			unknownFilter: true
		});
		expect(view.round).toEqual({ id: 'r2', name: 'Autumn', threshold: 5 });
		expect(view.filter).toEqual(NO_FILTER);
		expect(view.query).toBe('?department=sales');
		expect(view.unknownFilter).toBe(true);
		expect(view.departmentOptions).toEqual([
			{ id: 'sales', name: 'Sales' },
			{ id: 'care', name: 'Care' }
		]);
		expect(view.roleLevelOptions).toEqual([{ id: 'lead', name: 'Lead' }]);
		expect(view.view.departments.map((d) => [d.key, d.name, d.count])).toEqual([
			['sales', 'Sales', 6],
			['', 'Without department', 6]
		]);
	});

	it('lists the roadmap tracked after the previous round, named from its model', () => {
		const view = page(many(5, 'sales'), 5, {
			previous: {
				round: { id: 'r1', name: 'Spring' },
				model,
				tracked: [
					{
						recommendationId: 'gamma-r1-big',
						ownerName: null,
						dueQuarter: null,
						status: 'planned'
					},
					{
						recommendationId: 'alpha-r2-quick',
						ownerName: 'Ana',
						dueQuarter: '2027-Q1',
						status: 'done'
					}
				]
			}
		});
		expect(view.previous).toEqual({
			round: { id: 'r1', name: 'Spring' },
			items: [
				{
					id: 'alpha-r2-quick',
					title: 'Quick alpha 2',
					area: 'Area alpha',
					owner: 'Ana',
					dueQuarter: '2027-Q1',
					status: 'done'
				},
				{
					id: 'gamma-r1-big',
					title: 'Big gamma 1',
					area: 'Area gamma',
					owner: null,
					dueQuarter: null,
					status: 'planned'
				}
			]
		});
	});

	it('has no previous roadmap without a previous round or without tracked items', () => {
		expect(page(many(5, 'sales'), 5).previous).toBeNull();
		expect(
			page(many(5, 'sales'), 5, {
				previous: { round: { id: 'r1', name: 'Spring' }, model, tracked: [] }
			}).previous
		).toBeNull();
	});
});
