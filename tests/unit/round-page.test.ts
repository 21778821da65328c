import { describe, expect, it } from 'vitest';
import {
	responseReviewView,
	roundPageView,
	roundSummaryView,
	shownCount
} from '../../src/lib/domain/round-page';
import { ROLES } from '../../src/lib/domain/permissions';
import { fixtureModel } from '../support/fixture-model';

describe('shownCount', () => {
	it.each([
		[0, 5, null],
		[4, 5, null],
		[5, 5, 5],
		[12, 3, 12]
	])('%s responses, threshold %s: %s', (count, threshold, expected) => {
		expect(shownCount(count, threshold)).toBe(expected);
	});
});

const input = (role: (typeof ROLES)[number]) => ({
	role,
	round: { id: 'r1', name: 'Q1', status: 'open' as const, anonymityThreshold: 5 },
	myStatus: null,
	links: [
		{
			token: 'secret-token-a',
			departmentId: 'd1',
			departmentName: 'Sales',
			roleLevelId: null,
			roleLevelName: null,
			revoked: false,
			invited: 4,
			started: 4,
			submitted: 3
		},
		{
			token: 'secret-token-b',
			departmentId: 'd2',
			departmentName: 'Care',
			roleLevelId: null,
			roleLevelName: null,
			revoked: true,
			invited: null,
			started: 9,
			submitted: 9
		}
	],
	departments: [{ id: 'd1', name: 'Sales' }],
	roleLevels: [],
	model: fixtureModel(),
	importance: { gamma: 'high' as const, alpha: 'low' as const },
	locale: 'en' as const
});

const responses = [
	{
		id: 'resp-1',
		linkToken: 'secret-token-a',
		status: 'submitted' as const,
		startedOn: '2026-11-30',
		submittedOn: '2026-11-30',
		answered: 41,
		excluded: false
	}
];

describe('roundPageView', () => {
	it.each([
		{ role: 'owner', links: 1, review: true },
		{ role: 'facilitator', links: 1, review: false },
		{ role: 'member', links: 0, review: false },
		{ role: 'viewer', links: 0, review: false }
	] as const)('$role: $links active links, review $review', ({ role, links, review }) => {
		const view = roundPageView(input(role));
		expect(view.links).toHaveLength(links);
		expect(view.canReview).toBe(review);
		const json = JSON.stringify(view);
		expect(json.includes('secret-token')).toBe(links > 0);
		// The revoked link is never listed.
		expect(json.includes('secret-token-b')).toBe(false);
		// Everyone reads the ratings; only those who manage rounds get the form to change them.
		expect(view.importance).toEqual([
			{ level: 'high', areas: ['Area gamma'] },
			{ level: 'low', areas: ['Area alpha'] }
		]);
		expect(view.importanceForm === null).toBe(links === 0);
	});

	it('gives the importance form every area in model order with its rating', () => {
		expect(roundPageView(input('facilitator')).importanceForm).toEqual({
			areas: [
				{ id: 'alpha', name: 'Area alpha', importance: 'low' },
				{ id: 'beta', name: 'Area beta', importance: null },
				{ id: 'gamma', name: 'Area gamma', importance: 'high' }
			]
		});
	});

	it('tells counts below the threshold as null, and a link that reached its cap as full', () => {
		const [link] = roundPageView(input('owner')).links;
		expect(link).toMatchObject({ started: null, submitted: null, full: true, invited: 4 });
		const review = responseReviewView({
			...input('owner'),
			responses,
			total: 51,
			page: 1,
			pageSize: 50,
			linkToken: null
		});
		expect(review.responses[0]).toMatchObject({ department: 'Sales', viaLink: true });
		expect(review.pages).toBe(2);
	});

	it('a round in the list tells its progress only from the threshold on', () => {
		const round = { id: 'r', name: 'Q', status: 'open' as const, anonymityThreshold: 5 };
		expect(roundSummaryView({ ...round, started: 7, submitted: 4 })).toMatchObject({
			started: 7,
			submitted: null
		});
	});
});
