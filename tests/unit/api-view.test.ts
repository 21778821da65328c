/**
 * What the read API picks from the pages' views (lib/domain/api.ts): a round's response count only
 * at its threshold, hidden groups left out entirely, nothing below the threshold, and a workshop-only
 * round's agreed answers as the pages show them.
 */
import { describe, expect, it } from 'vitest';
import { apiRound, apiRoundResults, apiRoadmap } from '../../src/lib/domain/api';
import type { ResultsPageView } from '../../src/lib/domain/results-page';
import type { RoadmapPageView } from '../../src/lib/domain/roadmap-page';

const round = {
	id: 'r1',
	name: 'Spring',
	status: 'open',
	anonymityThreshold: 5,
	createdAt: '2026-01-01T00:00:00.000Z',
	openedAt: null,
	closedAt: null,
	model: { id: 'cx-maturity@1.1.0', key: 'cx-maturity', version: '1.1.0' }
};

describe('apiRound', () => {
	it.each([
		[0, null, 'below_threshold'],
		[4, null, 'below_threshold'],
		[5, 5, 'available'],
		[12, 12, 'available']
	])('%i submitted: responses %s (%s)', (submitted, responses, status) => {
		const out = apiRound({ ...round, submitted });
		expect(out.responses).toBe(responses);
		expect(out.resultsStatus).toBe(status);
		expect(out.model).toEqual({ id: 'cx-maturity', version: '1.1.0' });
	});
});

const area = (id: string, score: number, stage: 1 | 2 | 3 | 4) => ({
	areaId: id,
	score,
	mean: 2,
	stage
});
const visible = (key: string, name: string, count: number) => ({
	key,
	name,
	visible: true as const,
	reason: null,
	count,
	agreement: 80,
	disputed: null,
	cells: [area('a', 40, 2)]
});
const hidden = (key: string, name: string) => ({
	key,
	name,
	visible: false as const,
	reason: 'small',
	count: null,
	agreement: null,
	disputed: null,
	cells: []
});

function page(roundShown: boolean): ResultsPageView {
	return {
		round: { id: 'r1', name: 'Spring', threshold: 5 },
		roundShown,
		view: {
			results: roundShown
				? {
						respondents: 9,
						overall: { score: 45, stage: 2 },
						areas: [
							{
								id: 'a',
								name: 'Strategy',
								score: 40,
								stage: 3,
								lowPractices: [{ id: 'q1', question: 'Goals?', stage: 1 }]
							}
						]
					}
				: null,
			departments: [visible('d1', 'Sales', 6), hidden('d2', 'Legal')],
			roleLevels: [visible('', 'No role level', 9)]
		}
	} as unknown as ResultsPageView;
}

describe('apiRoundResults', () => {
	it('gives areas and visible groups only; a hidden group is absent, not listed', () => {
		const out = apiRoundResults(page(true));
		expect(out.status).toBe('available');
		expect(out.areas).toEqual([
			{
				id: 'a',
				name: 'Strategy',
				stage: 3,
				score: 40,
				respondents: 9,
				// The area's practices two or more stages below it, as the page names them (rule 24c).
				lowPractices: [{ questionId: 'q1', question: 'Goals?', stage: 1 }]
			}
		]);
		expect(out.groups.departments).toEqual([
			{ id: 'd1', name: 'Sales', respondents: 6, areas: [{ id: 'a', stage: 2, score: 40 }] }
		]);
		expect(out.groups.roleLevels[0]!.id).toBeNull();
		expect(JSON.stringify(out)).not.toContain('Legal');
	});

	it("below the threshold with a workshop record: the room's agreed answers, no respondents or groups", () => {
		const withRecord = {
			...page(false),
			consensus: {
				respondents: 0,
				overall: { score: 33, stage: 2 },
				areas: [{ id: 'a', name: 'Strategy', score: 33, stage: 2, lowPractices: [] }]
			}
		} as unknown as ResultsPageView;
		expect(apiRoundResults(withRecord)).toEqual({
			round: { id: 'r1', name: 'Spring' },
			threshold: 5,
			status: 'workshop_consensus',
			respondents: null,
			overall: { stage: 2, score: 33 },
			areas: [
				{ id: 'a', name: 'Strategy', stage: 2, score: 33, respondents: null, lowPractices: [] }
			],
			groups: { departments: [], roleLevels: [] }
		});
		// Once the round reaches its threshold, the individual answers are the results again.
		expect(apiRoundResults({ ...page(true), consensus: null } as ResultsPageView).status).toBe(
			'available'
		);
	});

	it('below the threshold: the status and nothing else, groups neither', () => {
		const out = apiRoundResults(page(false));
		expect(out).toEqual({
			round: { id: 'r1', name: 'Spring' },
			threshold: 5,
			status: 'below_threshold',
			respondents: null,
			overall: null,
			areas: [],
			groups: { departments: [], roleLevels: [] }
		});
	});
});

describe('apiRoadmap', () => {
	const item = { id: 'rec', rank: 1, title: 'Map journeys', areaName: 'Journeys', quickWin: true };
	const tracking = {
		ownerId: 'u1',
		ownerName: 'Ana',
		dueQuarter: '2027-Q1',
		status: 'in_progress'
	};
	const view = (hidden: boolean, consensus = false) =>
		({
			round: { id: 'r1', name: 'Spring', threshold: 5 },
			hidden,
			consensus,
			horizons: [{ days: 30, items: [{ ...item, ...tracking }] }],
			others: []
		}) as unknown as RoadmapPageView;

	it('lists items with the owner name, never the owner id', () => {
		const out = apiRoadmap(view(false));
		expect(out.items).toEqual([
			{
				recommendationId: 'rec',
				title: 'Map journeys',
				area: 'Journeys',
				horizonDays: 30,
				rank: 1,
				quickWin: true,
				owner: 'Ana',
				dueQuarter: '2027-Q1',
				status: 'in_progress'
			}
		]);
		expect(JSON.stringify(out)).not.toContain('u1');
	});

	it('hidden: no items', () => {
		expect(apiRoadmap(view(true))).toMatchObject({ status: 'below_threshold', items: [] });
	});

	it("a workshop-only round: the items of the room's agreed answers, as the page lists them", () => {
		const out = apiRoadmap(view(false, true));
		expect(out.status).toBe('workshop_consensus');
		expect(out.items.map((i) => i.recommendationId)).toEqual(['rec']);
	});
});
