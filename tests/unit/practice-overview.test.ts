import { describe, expect, it } from 'vitest';
import {
	TREND_MARGIN,
	overviewRow,
	trendOf,
	type OverviewClientInput,
	type OverviewRound
} from '../../src/lib/domain/practice-overview';
import { sumResponses } from '../../src/lib/domain/round-sums';
import type { StageId } from '../../src/lib/domain/model';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();
const answersAt = (level: StageId) => ({
	departmentId: null,
	roleLevelId: null,
	answers: { a1: level, a2: level, b1: level, b2: level, b3: level, c1: level },
	targets: {}
});
const round = (id: string, count: number, level: StageId, threshold = 5): OverviewRound => ({
	id,
	name: `Round ${id}`,
	status: 'closed',
	date: '2026-01-01T00:00:00.000Z',
	threshold,
	model,
	sums: sumResponses(
		model,
		Array.from({ length: count }, () => answersAt(level))
	)
});
const client = (
	latest: OverviewRound | null,
	previous: OverviewRound | null = null
): OverviewClientInput => ({
	id: 'c',
	name: 'Client',
	sector: 'banking',
	sizeBand: 'small',
	latest,
	previous,
	openItems: 2
});

describe('trendOf', () => {
	it.each([
		[0.5, 'up'],
		[-0.5, 'down'],
		[0, 'same'],
		[TREND_MARGIN / 2, 'same'],
		[-TREND_MARGIN / 2, 'same'],
		[TREND_MARGIN, 'up']
	] as const)('%s stages is %s', (delta, trend) => {
		expect(trendOf(delta)).toBe(trend);
	});
});

describe('overviewRow', () => {
	it('gives no stage and no trend without a round', () => {
		const row = overviewRow(client(null));
		expect(row.stage).toEqual({ state: 'none' });
		expect(row.trend).toBeNull();
		expect(row.latestRound).toBeNull();
		expect(row.openItems).toBe(2);
	});

	it('says "too few" below the threshold, with no count and no trend', () => {
		const row = overviewRow(client(round('b', 4, 3), round('a', 8, 2)));
		expect(row.stage).toEqual({ state: 'too-few' });
		expect(row.trend).toBeNull();
		expect(JSON.stringify(row)).not.toContain('"count"');
	});

	it('gives the stage of a round at its threshold and the trend against the previous one', () => {
		const up = overviewRow(client(round('b', 5, 3), round('a', 6, 2)));
		expect(up.stage).toEqual({ state: 'shown', stage: 3 });
		expect(up.trend).toBe('up');
		expect(up.latestRound).toMatchObject({ id: 'b', status: 'closed' });
		expect(overviewRow(client(round('b', 5, 2), round('a', 6, 3))).trend).toBe('down');
		expect(overviewRow(client(round('b', 5, 2), round('a', 6, 2))).trend).toBe('same');
	});

	it('gives no trend when the previous round is below its threshold', () => {
		const row = overviewRow(client(round('b', 6, 3), round('a', 3, 1)));
		expect(row.stage).toEqual({ state: 'shown', stage: 3 });
		expect(row.trend).toBeNull();
	});

	it('gives no trend across model versions (rule 42a)', () => {
		const older = { ...round('a', 6, 1), model: { ...model, version: '0.9.0' } };
		const row = overviewRow(client(round('b', 6, 3), older));
		expect(row.stage).toEqual({ state: 'shown', stage: 3 });
		expect(row.trend).toBeNull();
	});
});
