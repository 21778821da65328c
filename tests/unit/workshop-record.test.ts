/**
 * The round's workshop record (src/lib/domain/workshop-record.ts, docs/scoring.md rules 46-48):
 * which workshop counts, the threshold applied outside the room, the consensus stage per area, the
 * view for pages and the export rows. Fixture model: alpha (a1, a2), beta (b1, b2, b3), gamma (c1).
 */
import { describe, expect, it } from 'vitest';
import {
	consensusScoresExport,
	toCsv,
	workshopRecordExport,
	type WorkshopExportLabels
} from '../../src/lib/domain/exports';
import type { StageId } from '../../src/lib/domain/model';
import {
	applyCommand,
	startWorkshop,
	type Vote,
	type WorkshopCommand,
	type WorkshopState
} from '../../src/lib/domain/workshop';
import {
	consensusByArea,
	consensusResults,
	recordWorkshopId,
	roundRecordOf,
	workshopRecordView,
	type RecordCandidate,
	type RecordLine
} from '../../src/lib/domain/workshop-record';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();

describe('which workshop counts (rule 46)', () => {
	const c = (id: string, over: Partial<RecordCandidate> = {}): RecordCandidate => ({
		id,
		status: 'ended',
		endedAt: '2026-03-01T10:00:00.000Z',
		recorded: 3,
		...over
	});

	it('is the most recently ended workshop that recorded a question', () => {
		expect(
			recordWorkshopId([
				c('a', { endedAt: '2026-03-01T10:00:00.000Z' }),
				c('b', { endedAt: '2026-03-02T10:00:00.000Z' }),
				c('c', { endedAt: '2026-02-01T10:00:00.000Z' })
			])
		).toBe('b');
	});

	it('passes over a workshop still running, however recent', () => {
		for (const status of ['lobby', 'open', 'revealed', 'recorded', 'paused'] as const)
			expect(
				recordWorkshopId([c('old'), c('running', { status, endedAt: null, recorded: 9 })])
			).toBe('old');
	});

	it('passes over an ended workshop that recorded nothing (only skipped questions)', () => {
		expect(
			recordWorkshopId([c('old'), c('empty', { endedAt: '2026-04-01T10:00:00.000Z', recorded: 0 })])
		).toBe('old');
	});

	it('is none without a qualifying workshop', () => {
		expect(recordWorkshopId([])).toBeNull();
		expect(recordWorkshopId([c('x', { recorded: 0 }), c('y', { status: 'open' })])).toBeNull();
	});

	it('settles equal end times by id, whatever the order read', () => {
		expect(recordWorkshopId([c('a'), c('b')])).toBe('b');
		expect(recordWorkshopId([c('b'), c('a')])).toBe('b');
	});
});

/** A question-paced workshop over alpha and gamma (a1, a2, c1), threshold 3. */
function workshop(smallGroupOptIn = false): WorkshopState {
	const started = startWorkshop(model, {
		areas: ['alpha', 'gamma'],
		pace: 'question',
		threshold: 3,
		smallGroupOptIn
	});
	if (!started.ok) throw new Error(started.reason);
	return started.value;
}

function run(state: WorkshopState, ...commands: WorkshopCommand[]): WorkshopState {
	for (const command of commands) {
		const result = applyCommand(state, command);
		if (!result.ok) throw new Error(`${command.type}: ${result.reason}`);
		state = result.value;
	}
	return state;
}

const votes = (questionId: string, voteRound: 1 | 2, levels: Array<StageId | null>): Vote[] =>
	levels.map((level, i) => ({ participantId: `p${i}`, questionId, voteRound, level }));

/** a1 agreed at 2 after a re-vote (the room moved from 3 to 2); a2: 2 voters, no agreement; c1 skipped. */
function ended(smallGroupOptIn = false) {
	const state = run(
		workshop(smallGroupOptIn),
		{ type: 'start' },
		{ type: 'reveal', position: 0 },
		{ type: 'reopen', position: 0 },
		{ type: 'reveal', position: 0 },
		{
			type: 'record',
			position: 0,
			questionId: 'a1',
			outcome: 'agreed',
			level: 2,
			reason: 'Complaints are logged in one place but nobody reads them monthly'
		},
		{ type: 'next', position: 0 },
		{ type: 'reveal', position: 1 },
		{
			type: 'record',
			position: 1,
			questionId: 'a2',
			outcome: 'no-agreement',
			reason: '=HYPERLINK("http://x") finance and service disagree'
		},
		{ type: 'next', position: 1 },
		{ type: 'skip', position: 2 },
		{ type: 'end' }
	);
	const all = [
		...votes('a1', 1, [3, 3, 3, 2, null]),
		...votes('a1', 2, [2, 2, 2, 3, 2]),
		...votes('a2', 1, [1, 2])
	];
	return { state, lines: roundRecordOf(state, all) };
}

describe('the record outside the room (rule 48)', () => {
	it('keeps outcomes, levels, reasons, counts and the changed mind', () => {
		const { lines } = ended();
		expect(lines).toEqual([
			{
				questionId: 'a1',
				areaId: 'alpha',
				outcome: 'agreed',
				level: 2,
				reason: 'Complaints are logged in one place but nobody reads them monthly',
				first: { shown: true, voters: 5, counts: [0, 1, 3, 0], dontKnow: 1 },
				final: { shown: true, voters: 5, counts: [0, 4, 1, 0], dontKnow: 0 },
				changedMind: true
			},
			{
				questionId: 'a2',
				areaId: 'alpha',
				outcome: 'no-agreement',
				level: null,
				reason: '=HYPERLINK("http://x") finance and service disagree',
				first: { shown: false },
				final: null,
				changedMind: false
			},
			{
				questionId: 'c1',
				areaId: 'gamma',
				outcome: 'skipped',
				level: null,
				reason: null,
				first: { shown: false },
				final: null,
				changedMind: false
			}
		]);
	});

	it('hides a vote below the threshold even when the room was shown it (small-group opt-in)', () => {
		const { lines } = ended(true);
		expect(lines[1]!.first).toEqual({ shown: false });
		// Not even the number of voters leaves: nothing in the line says that two people voted.
		expect(JSON.stringify(lines[1])).not.toMatch(/voters/);
	});

	it('carries no participant', () => {
		const { lines } = ended();
		expect(JSON.stringify(lines)).not.toMatch(/p[0-4]|participant/);
	});

	it('marks a question the workshop ended on before recording it as not recorded', () => {
		const state = run(workshop(), { type: 'start' }, { type: 'end' });
		expect(roundRecordOf(state, []).map((l) => l.outcome)).toEqual(['open', 'open', 'open']);
	});
});

describe('consensus stage per area (rule 47)', () => {
	const line = (
		questionId: string,
		areaId: string,
		outcome: RecordLine['outcome'],
		level: StageId | null = null
	) => ({ questionId, areaId, outcome, level });

	it('scores the agreed levels like one response; the rest count as unanswered', () => {
		// beta: agreed 2 and 1, b3 without agreement: mean 1.5, stage 1 (model 1.0.0, whole part).
		const areas = consensusByArea(model, [
			line('b1', 'beta', 'agreed', 2),
			line('b2', 'beta', 'agreed', 1),
			line('b3', 'beta', 'no-agreement'),
			line('c1', 'gamma', 'skipped')
		]);
		expect(areas).toEqual([
			{ areaId: 'beta', mean: 1.5, stage: 1, lowPractices: [], agreed: 2, questions: 3 },
			{ areaId: 'gamma', mean: null, stage: null, lowPractices: [], agreed: 0, questions: 1 }
		]);
	});

	it("follows the model's stage rule (rule 47's example)", () => {
		const lines = [
			line('b1', 'beta', 'agreed', 2),
			line('b2', 'beta', 'agreed', 1),
			line('b3', 'beta', 'agreed', 2)
		];
		expect(consensusByArea(model, lines)[0]).toMatchObject({ stage: 1 });
		expect(consensusByArea({ ...model, stageRule: 'half-up' }, lines)[0]).toMatchObject({
			stage: 2
		});
		expect(consensusByArea(model, lines)[0]!.mean).toBeCloseTo(5 / 3);
	});

	it('names an agreed practice two or more stages below the consensus stage (rule 24c)', () => {
		// beta: agreed 1, 4 and 4: mean 3, stage 3; b1 at 1 is two stages below, as the results say.
		const lines = [
			line('b1', 'beta', 'agreed', 1),
			line('b2', 'beta', 'agreed', 4),
			line('b3', 'beta', 'agreed', 4)
		];
		const [beta] = consensusByArea(model, lines);
		expect(beta).toMatchObject({ stage: 3, lowPractices: [{ questionId: 'b1', stage: 1 }] });
		const results = consensusResults(model, false, { lines })!;
		expect(results.areas.find((a) => a.areaId === 'beta')!.lowPractices).toEqual(
			beta!.lowPractices
		);
		const view = workshopRecordView(
			model,
			{
				endedAt: '2026-03-01T10:00:00.000Z',
				lines: lines.map((l) => ({
					...l,
					reason: null,
					first: { shown: false as const },
					final: null,
					changedMind: false
				}))
			},
			null,
			'en'
		);
		expect(view.areas[0]!.consensus.lowPractices).toEqual([
			{ id: 'b1', question: 'Question b1?', stage: 1 }
		]);
		// 2, 4 and 4: b1 one stage below (rule 24a's gap), not named; "no agreement" is no level.
		expect(
			consensusByArea(model, [
				line('b1', 'beta', 'agreed', 2),
				line('b2', 'beta', 'agreed', 4),
				line('b3', 'beta', 'agreed', 4)
			])[0]!.lowPractices
		).toEqual([]);
		expect(
			consensusByArea(model, [
				line('b1', 'beta', 'no-agreement'),
				line('b2', 'beta', 'agreed', 4),
				line('b3', 'beta', 'agreed', 4)
			])[0]!.lowPractices
		).toEqual([]);
	});

	it('leaves out the areas the workshop did not run', () => {
		expect(consensusByArea(model, [line('a1', 'alpha', 'agreed', 3)]).map((a) => a.areaId)).toEqual(
			['alpha']
		);
	});
});

describe('the record standing in for the individual answers (rule 49)', () => {
	const line = (
		questionId: string,
		areaId: string,
		outcome: RecordLine['outcome'],
		level: StageId | null = null
	) => ({ questionId, areaId, outcome, level });
	const record = {
		lines: [
			line('b1', 'beta', 'agreed', 2),
			line('b2', 'beta', 'agreed', 1),
			line('b3', 'beta', 'no-agreement'),
			line('c1', 'gamma', 'agreed', 3)
		]
	};

	it('is the agreed levels scored as one response, only below the threshold with a record', () => {
		const results = consensusResults(model, false, record)!;
		expect(results.respondents).toBe(0);
		const byArea = new Map(results.areas.map((a) => [a.areaId, a]));
		// The same stages and means as consensusByArea: one way to score.
		for (const c of consensusByArea(model, record.lines))
			expect(byArea.get(c.areaId)).toMatchObject({ mean: c.mean, stage: c.stage });
		expect(byArea.get('alpha')).toMatchObject({ mean: null, stage: null });
		expect(byArea.get('beta')!.confidence).toBeCloseTo(2 / 3);
		expect(byArea.get('beta')!.target).toBeNull();
		// The roadmap follows the consensus stages: beta at stage 1, gamma at stage 3.
		expect(results.roadmap.items.map((i) => i.recommendation.id)).toEqual(
			expect.arrayContaining(['beta-r1-quick', 'gamma-r3-quick'])
		);
		expect(results.roadmap.items.some((i) => i.areaId === 'alpha')).toBe(false);
		expect(consensusResults(model, true, record)).toBeNull();
		expect(consensusResults(model, false, null)).toBeNull();
	});

	it('exports the same as the scores, without a count of responses', () => {
		const results = consensusResults(model, false, record)!;
		const labels = {
			groupType: 'Group type',
			group: 'Group',
			responses: 'Responses',
			areaId: 'Area id',
			area: 'Area',
			score: 'Score',
			stage: 'Stage',
			agreement: 'Agreement %',
			confidence: 'Confidence %',
			target: 'Target',
			lowPractices: 'Practices two or more stages below',
			wholeRound: 'Whole round',
			department: 'Department',
			roleLevel: 'Role level',
			combination: 'Combination',
			withoutDepartment: 'Without department',
			withoutRoleLevel: 'Without role level',
			hidden: 'hidden',
			consensus: 'Workshop consensus'
		};
		const table = consensusScoresExport(model, results, { locale: 'en', labels });
		expect(table.rows).toContainEqual([
			'Workshop consensus',
			'Workshop consensus',
			null,
			'beta',
			'Area beta',
			16.7,
			1,
			null,
			67,
			null,
			null
		]);
		expect(table.rows).toHaveLength(model.areas.length);
	});
});

describe('the view', () => {
	it('puts the consensus beside the individual figures, rounded', () => {
		const { lines } = ended();
		const view = workshopRecordView(
			model,
			{ endedAt: '2026-03-01T10:00:00.000Z', lines },
			{
				areas: [{ areaId: 'alpha', stage: 3, mean: 3.04 }],
				questions: [{ questionId: 'a1', mean: 2.666 }]
			},
			'en'
		);
		expect(view).toMatchObject({ agreed: 1, noAgreement: 1, skipped: 1, changedMind: 1 });
		expect(view.areas[0]).toMatchObject({
			id: 'alpha',
			consensus: { stage: 2, mean: 2, agreed: 1, questions: 2 },
			individual: { stage: 3, mean: 3 }
		});
		expect(view.areas[0]!.questions[0]).toMatchObject({ level: 2, individualMean: 2.7 });
		expect(view.areas[1]).toMatchObject({ id: 'gamma', individual: null });
	});
});

describe('the export (rule 48)', () => {
	const labels: WorkshopExportLabels = {
		areaId: 'Area id',
		area: 'Area',
		questionId: 'Question id',
		question: 'Question',
		outcome: 'Outcome',
		level: 'Agreed level',
		reason: 'Rationale',
		voters: (v) => `${v}: votes`,
		votesAt: (v, l) => `${v}: level ${l}`,
		dontKnow: (v) => `${v}: don't know`,
		changedMind: 'Changed its mind',
		first: 'First vote',
		final: 'Final vote',
		agreed: 'Agreed',
		noAgreement: 'No agreement',
		skipped: 'Skipped',
		open: 'Not recorded',
		tooFew: 'too few votes',
		notReopened: 'not re-opened',
		yes: 'yes',
		no: 'no'
	};
	const { lines } = ended();
	const exported = workshopRecordExport(
		model,
		{ endedAt: '2026-03-01T10:00:00.000Z', lines },
		{ round: { name: 'Q1', threshold: 3 }, locale: 'en', labels }
	);

	it('has one row per question with counts, "too few" and "not re-opened"', () => {
		expect(exported.header).toHaveLength(20);
		expect(exported.rows.map((r) => r.slice(0, 7))).toEqual([
			[
				'alpha',
				'Area alpha',
				'a1',
				expect.any(String),
				'Agreed',
				2,
				'Complaints are logged in one place but nobody reads them monthly'
			],
			[
				'alpha',
				'Area alpha',
				'a2',
				expect.any(String),
				'No agreement',
				null,
				'=HYPERLINK("http://x") finance and service disagree'
			],
			['gamma', 'Area gamma', 'c1', expect.any(String), 'Skipped', null, null]
		]);
		expect(exported.rows[0]!.slice(7)).toEqual([5, 0, 1, 3, 0, 1, 5, 0, 4, 1, 0, 0, 'yes']);
		expect(exported.rows[1]!.slice(7)).toEqual([
			'too few votes',
			null,
			null,
			null,
			null,
			null,
			'not re-opened',
			null,
			null,
			null,
			null,
			null,
			'no'
		]);
	});

	it('is safe against formula injection in a typed rationale', () => {
		const csv = toCsv([exported.header, ...exported.rows]);
		expect(csv).toContain(`"'=HYPERLINK(""http://x"") finance and service disagree"`);
	});

	it('gives the same in JSON, "too-few" for a hidden vote', () => {
		expect(exported.json.questions[0]).toMatchObject({
			questionId: 'a1',
			outcome: 'agreed',
			level: 2,
			first: { voters: 5, levels: [0, 1, 3, 0], dontKnow: 1 },
			final: { voters: 5, levels: [0, 4, 1, 0], dontKnow: 0 },
			changedMind: true
		});
		expect(exported.json.questions[1]).toMatchObject({ first: 'too-few', final: null });
		expect(JSON.stringify(exported.json)).not.toMatch(/participant|p[0-4]"/);
	});

	it('names in JSON an agreed practice two or more stages below the consensus stage (rule 24c)', () => {
		// alpha: agreed 2, one question without agreement: nothing named. beta: 1, 4 and 4, stage 3.
		expect(exported.json.consensus.map((c) => c.lowPractices)).toEqual([[], []]);
		const plain = {
			reason: null,
			first: { shown: false as const },
			final: null,
			changedMind: false
		};
		const low = workshopRecordExport(
			model,
			{
				endedAt: '2026-03-01T10:00:00.000Z',
				lines: [
					{
						questionId: 'b1',
						areaId: 'beta',
						outcome: 'agreed' as const,
						level: 1 as const,
						...plain
					},
					{
						questionId: 'b2',
						areaId: 'beta',
						outcome: 'agreed' as const,
						level: 4 as const,
						...plain
					},
					{
						questionId: 'b3',
						areaId: 'beta',
						outcome: 'agreed' as const,
						level: 4 as const,
						...plain
					}
				]
			},
			{ round: { name: 'Q1', threshold: 3 }, locale: 'en', labels }
		);
		expect(low.json.consensus).toEqual([
			expect.objectContaining({
				areaId: 'beta',
				stage: 3,
				lowPractices: [{ questionId: 'b1', question: 'Question b1?', stage: 1 }]
			})
		]);
		// The CSV keeps one row per question and no column for it.
		expect(low.header).toEqual(exported.header);
	});
});
