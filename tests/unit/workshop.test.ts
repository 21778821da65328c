/**
 * The workshop state machine (src/lib/domain/workshop.ts): every transition and every refusal,
 * votes, distributions and the record. Fixture model: alpha (a1, a2), beta (b1, b2, b3), gamma (c1).
 */
import { describe, expect, it } from 'vitest';
import { MAX_REASON } from '../../src/lib/domain/limits';
import {
	acceptVote,
	alreadyApplied,
	applyCommand,
	currentQuestions,
	distributionOf,
	questionsOf,
	startWorkshop,
	withVote,
	workshopRecordOf,
	type Vote,
	type WorkshopCommand,
	type WorkshopState
} from '../../src/lib/domain/workshop';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();

function fresh(options: Partial<Parameters<typeof startWorkshop>[1]> = {}): WorkshopState {
	const started = startWorkshop(model, {
		areas: ['alpha', 'gamma'],
		pace: 'question',
		threshold: 3,
		...options
	});
	if (!started.ok) throw new Error(started.reason);
	return started.value;
}

/** Applies commands in order, failing the test on a refusal. */
function run(state: WorkshopState, ...commands: WorkshopCommand[]): WorkshopState {
	for (const command of commands) {
		const result = applyCommand(state, command);
		if (!result.ok) throw new Error(`${command.type}: ${result.reason}`);
		state = result.value;
	}
	return state;
}

const agreed = (
	position: number,
	questionId: string,
	level = 3
): Extract<WorkshopCommand, { type: 'record' }> => ({
	type: 'record',
	position,
	questionId,
	outcome: 'agreed',
	level,
	reason: 'Complaints are logged in one place but nobody reads them monthly'
});

// Named states of the question-paced workshop alpha + gamma (a1, a2, c1).
const lobby = fresh();
const open = run(lobby, { type: 'start' });
const revealed = run(open, { type: 'reveal', position: 0 });
const reopened = run(revealed, { type: 'reopen', position: 0 });
const revealed2 = run(reopened, { type: 'reveal', position: 0 });
const recorded = run(revealed, agreed(0, 'a1'));
const pausedOpen = run(open, { type: 'pause', position: 0 });
const pausedRevealed = run(revealed, { type: 'pause', position: 0 });
const second = run(recorded, { type: 'next', position: 0 });
const lastRecorded = run(
	second,
	{ type: 'reveal', position: 1 },
	agreed(1, 'a2', 2),
	{ type: 'next', position: 1 },
	{ type: 'reveal', position: 2 },
	agreed(2, 'c1', 1)
);
const ended = run(open, { type: 'end' });

describe('startWorkshop', () => {
	it('runs the chosen areas in the model order, one question a step', () => {
		const state = fresh({ areas: ['gamma', 'alpha'] });
		expect(state.areas).toEqual(['alpha', 'gamma']);
		expect(questionsOf(state)).toEqual(['a1', 'a2', 'c1']);
		expect(state.steps.map((s) => s.questionIds)).toEqual([['a1'], ['a2'], ['c1']]);
		expect(state).toMatchObject({ status: 'lobby', position: 0, voteRound: 1, records: {} });
	});

	it('runs an area a step with pace "area"', () => {
		const state = fresh({ areas: ['beta', 'gamma'], pace: 'area' });
		expect(state.steps).toEqual([
			{ areaId: 'beta', questionIds: ['b1', 'b2', 'b3'] },
			{ areaId: 'gamma', questionIds: ['c1'] }
		]);
	});

	it.each([
		[{ areas: ['nope'] }, 'unknown-area'],
		[{ areas: [] }, 'no-questions'],
		[{ threshold: 0 }, 'threshold-out-of-range'],
		[{ threshold: 2.5 }, 'threshold-out-of-range']
	] as const)('refuses %j: %s', (options, reason) => {
		expect(
			startWorkshop(model, { areas: ['alpha'], pace: 'question', threshold: 3, ...options })
		).toEqual({ ok: false, reason });
	});
});

describe('applyCommand: transitions', () => {
	it.each<[string, WorkshopState, WorkshopCommand, Partial<WorkshopState>]>([
		['lobby → open', lobby, { type: 'start' }, { status: 'open', position: 0, voteRound: 1 }],
		['open → revealed', open, { type: 'reveal', position: 0 }, { status: 'revealed' }],
		[
			'revealed → open in vote round 2',
			revealed,
			{ type: 'reopen', position: 0 },
			{ status: 'open', voteRound: 2 }
		],
		['revealed → recorded', revealed, agreed(0, 'a1'), { status: 'recorded' }],
		['round 2 revealed → recorded', revealed2, agreed(0, 'a1'), { status: 'recorded' }],
		[
			'recorded → recorded (record changed)',
			recorded,
			{ ...agreed(0, 'a1', 1), reason: '  changed  ' },
			{ status: 'recorded' }
		],
		[
			'recorded → next question open',
			recorded,
			{ type: 'next', position: 0 },
			{ status: 'open', position: 1, voteRound: 1 }
		],
		[
			'open → paused',
			open,
			{ type: 'pause', position: 0 },
			{ status: 'paused', pausedFrom: 'open' }
		],
		[
			'revealed → paused',
			revealed,
			{ type: 'pause', position: 0 },
			{ status: 'paused', pausedFrom: 'revealed' }
		],
		[
			'paused → open',
			pausedOpen,
			{ type: 'resume', position: 0 },
			{ status: 'open', pausedFrom: null }
		],
		[
			'paused → revealed',
			pausedRevealed,
			{ type: 'resume', position: 0 },
			{ status: 'revealed', pausedFrom: null }
		],
		[
			'open → skipped, next open',
			open,
			{ type: 'skip', position: 0 },
			{ status: 'open', position: 1, voteRound: 1 }
		],
		[
			'revealed → skipped, next open',
			revealed,
			{ type: 'skip', position: 0 },
			{ status: 'open', position: 1 }
		],
		[
			'open (second) → back to the recorded first',
			second,
			{ type: 'back', position: 1 },
			{ status: 'recorded', position: 0, voteRound: 1 }
		],
		['lobby → ended', lobby, { type: 'end' }, { status: 'ended' }],
		['open → ended', open, { type: 'end' }, { status: 'ended' }],
		['revealed → ended', revealed, { type: 'end' }, { status: 'ended' }],
		['recorded → ended', recorded, { type: 'end' }, { status: 'ended' }],
		['paused → ended', pausedOpen, { type: 'end' }, { status: 'ended', pausedFrom: null }]
	])('%s', (_name, state, command, expected) => {
		const result = applyCommand(state, command);
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.value).toMatchObject(expected);
	});

	it('records the agreed level with the reason trimmed, in the vote round it was made', () => {
		const state = run(revealed2, { ...agreed(0, 'a1', 4), reason: '  Nobody reads them.  ' });
		expect(state.records.a1).toEqual({
			questionId: 'a1',
			outcome: 'agreed',
			level: 4,
			reason: 'Nobody reads them.',
			voteRound: 2
		});
	});

	it('records no agreement with its reason and no level', () => {
		const state = run(revealed, {
			type: 'record',
			position: 0,
			questionId: 'a1',
			outcome: 'no-agreement',
			reason: 'Sales and service see it differently'
		});
		expect(state.records.a1).toMatchObject({ outcome: 'no-agreement', level: null });
	});

	it('marks a skipped question skipped and leaves it without level or reason', () => {
		const state = run(open, { type: 'skip', position: 0 });
		expect(state.records.a1).toEqual({
			questionId: 'a1',
			outcome: 'skipped',
			level: null,
			reason: null,
			voteRound: 1
		});
	});

	it('skipping the last question keeps the workshop on it, recorded', () => {
		const last = run(second, { type: 'skip', position: 1 });
		const skipped = run(last, { type: 'skip', position: 2 });
		expect(skipped).toMatchObject({ status: 'recorded', position: 2 });
		expect(skipped.records.c1?.outcome).toBe('skipped');
	});

	it('back keeps the record editable, and forward again returns to a recorded step as recorded', () => {
		const back = run(lastRecorded, { type: 'back', position: 2 });
		expect(back).toMatchObject({ position: 1, status: 'recorded' });
		const edited = run(back, { ...agreed(1, 'a2', 4), reason: 'Second thoughts' });
		expect(edited.records.a2).toMatchObject({ level: 4, reason: 'Second thoughts' });
		expect(edited.records.c1).toMatchObject({ level: 1 });
		expect(run(edited, { type: 'next', position: 1 })).toMatchObject({
			position: 2,
			status: 'recorded'
		});
	});

	it('back to a question recorded after a second vote returns to vote round 2', () => {
		const state = run(revealed2, agreed(0, 'a1'), { type: 'next', position: 0 });
		expect(run(state, { type: 'back', position: 1 })).toMatchObject({ voteRound: 2 });
	});

	it('back from an unrecorded question leaves it unrecorded, and it opens again later', () => {
		const back = run(second, { type: 'reveal', position: 1 }, { type: 'back', position: 1 });
		expect(back.records.a2).toBeUndefined();
		expect(run(back, { type: 'next', position: 0 })).toMatchObject({
			position: 1,
			status: 'open',
			voteRound: 1
		});
	});

	describe('pace "area"', () => {
		const areaOpen = run(fresh({ areas: ['alpha', 'gamma'], pace: 'area' }), { type: 'start' });
		const areaRevealed = run(areaOpen, { type: 'reveal', position: 0 });

		it('stays revealed until every question of the area is recorded', () => {
			const one = run(areaRevealed, agreed(0, 'a1'));
			expect(one.status).toBe('revealed');
			expect(applyCommand(one, { type: 'next', position: 0 })).toEqual({
				ok: false,
				reason: 'not-recorded'
			});
			const both = run(one, agreed(0, 'a2'));
			expect(both.status).toBe('recorded');
			expect(currentQuestions(run(both, { type: 'next', position: 0 }))).toEqual(['c1']);
		});

		it('skip marks only the unrecorded questions of the area skipped', () => {
			const state = run(areaRevealed, agreed(0, 'a1'), { type: 'skip', position: 0 });
			expect(state.records.a1?.outcome).toBe('agreed');
			expect(state.records.a2?.outcome).toBe('skipped');
			expect(state.position).toBe(1);
		});

		it('refuses a record for a question of another area', () => {
			expect(applyCommand(areaRevealed, agreed(0, 'c1'))).toEqual({
				ok: false,
				reason: 'unknown-question'
			});
		});
	});
});

describe('applyCommand: refusals change nothing', () => {
	const everyCommand = (position: number): WorkshopCommand[] => [
		{ type: 'start' },
		{ type: 'reveal', position },
		{ type: 'reopen', position },
		agreed(position, 'a1'),
		{ type: 'next', position },
		{ type: 'back', position },
		{ type: 'skip', position },
		{ type: 'pause', position },
		{ type: 'resume', position },
		{ type: 'timer', position, seconds: 60, now: 0 },
		{ type: 'end' }
	];

	it.each(everyCommand(0))('ended refuses $type', (command) => {
		expect(applyCommand(ended, command)).toEqual({ ok: false, reason: 'ended' });
	});

	it.each<[string, WorkshopState, WorkshopCommand, string]>([
		['start when started', open, { type: 'start' }, 'already-started'],
		['start when paused', pausedOpen, { type: 'start' }, 'already-started'],
		['reveal in the lobby', lobby, { type: 'reveal', position: 0 }, 'not-started'],
		['reopen in the lobby', lobby, { type: 'reopen', position: 0 }, 'not-started'],
		['record in the lobby', lobby, agreed(0, 'a1'), 'not-started'],
		['next in the lobby', lobby, { type: 'next', position: 0 }, 'not-started'],
		['back in the lobby', lobby, { type: 'back', position: 0 }, 'not-started'],
		['skip in the lobby', lobby, { type: 'skip', position: 0 }, 'not-started'],
		['pause in the lobby', lobby, { type: 'pause', position: 0 }, 'not-started'],
		['resume in the lobby', lobby, { type: 'resume', position: 0 }, 'not-started'],
		['reveal twice (replayed)', revealed, { type: 'reveal', position: 0 }, 'already-revealed'],
		['reveal when recorded', recorded, { type: 'reveal', position: 0 }, 'already-revealed'],
		['reveal of another step (stale)', second, { type: 'reveal', position: 0 }, 'stale-position'],
		['next replayed from the step before', second, { type: 'next', position: 0 }, 'stale-position'],
		['a position past the end', open, { type: 'next', position: 7 }, 'stale-position'],
		['reopen while open', open, { type: 'reopen', position: 0 }, 'not-revealed'],
		['reopen when recorded', recorded, { type: 'reopen', position: 0 }, 'not-revealed'],
		['a third vote round', revealed2, { type: 'reopen', position: 0 }, 'no-more-rounds'],
		['record while open', open, agreed(0, 'a1'), 'not-revealed'],
		['record while paused', pausedRevealed, agreed(0, 'a1'), 'paused'],
		['record another question', revealed, agreed(0, 'a2'), 'unknown-question'],
		['record a question not in the workshop', revealed, agreed(0, 'b1'), 'unknown-question'],
		['record level 0', revealed, agreed(0, 'a1', 0), 'level-out-of-range'],
		['record level 5', revealed, agreed(0, 'a1', 5), 'level-out-of-range'],
		['record level 2.5', revealed, agreed(0, 'a1', 2.5), 'level-out-of-range'],
		[
			'agreed without a level',
			revealed,
			{ type: 'record', position: 0, questionId: 'a1', outcome: 'agreed', reason: 'r' },
			'level-out-of-range'
		],
		[
			'no agreement with a level',
			revealed,
			{
				type: 'record',
				position: 0,
				questionId: 'a1',
				outcome: 'no-agreement',
				level: 2,
				reason: 'r'
			},
			'level-out-of-range'
		],
		['an empty reason', revealed, { ...agreed(0, 'a1'), reason: '' }, 'reason-required'],
		['a blank reason', revealed, { ...agreed(0, 'a1'), reason: ' \n\t ' }, 'reason-required'],
		[
			'a reason too long',
			revealed,
			{ ...agreed(0, 'a1'), reason: 'x'.repeat(MAX_REASON + 1) },
			'reason-too-long'
		],
		['next while open', open, { type: 'next', position: 0 }, 'not-recorded'],
		['next while revealed', revealed, { type: 'next', position: 0 }, 'not-recorded'],
		['next after the last step', lastRecorded, { type: 'next', position: 2 }, 'last-step'],
		['next while paused', pausedRevealed, { type: 'next', position: 0 }, 'paused'],
		['back from the first step', open, { type: 'back', position: 0 }, 'first-step'],
		['back while paused', pausedOpen, { type: 'back', position: 0 }, 'paused'],
		['skip a recorded step', recorded, { type: 'skip', position: 0 }, 'already-recorded'],
		['skip while paused', pausedOpen, { type: 'skip', position: 0 }, 'paused'],
		['pause twice', pausedOpen, { type: 'pause', position: 0 }, 'paused'],
		['pause when recorded', recorded, { type: 'pause', position: 0 }, 'not-pausable'],
		['resume when not paused', open, { type: 'resume', position: 0 }, 'not-paused'],
		['resume a stale step', pausedOpen, { type: 'resume', position: 1 }, 'stale-position']
	])('%s', (_name, state, command, reason) => {
		const before = structuredClone(state);
		const result = applyCommand(state, command);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toBe(reason);
		expect(state).toEqual(before);
	});

	it('accepts a reason of exactly the maximum length', () => {
		expect(applyCommand(revealed, { ...agreed(0, 'a1'), reason: 'x'.repeat(MAX_REASON) }).ok).toBe(
			true
		);
	});
});

describe('alreadyApplied: a command sent twice', () => {
	const timed = run(open, { type: 'timer', position: 0, seconds: 60, now: 0 });
	it.each<[string, WorkshopState, WorkshopCommand, boolean]>([
		['start when started', open, { type: 'start' }, true],
		['start when paused', pausedOpen, { type: 'start' }, true],
		['start in the lobby', lobby, { type: 'start' }, false],
		['start when ended', ended, { type: 'start' }, false],
		['end when ended', ended, { type: 'end' }, true],
		['end while open', open, { type: 'end' }, false],
		['reveal when revealed', revealed, { type: 'reveal', position: 0 }, true],
		['reveal when recorded', recorded, { type: 'reveal', position: 0 }, true],
		['reveal while open', open, { type: 'reveal', position: 0 }, false],
		['reveal of another step', second, { type: 'reveal', position: 0 }, false],
		['reveal in the lobby', lobby, { type: 'reveal', position: 0 }, false],
		['reveal when paused from revealed', pausedRevealed, { type: 'reveal', position: 0 }, false],
		['pause when paused', pausedOpen, { type: 'pause', position: 0 }, true],
		['pause while open', open, { type: 'pause', position: 0 }, false],
		['resume when running', open, { type: 'resume', position: 0 }, true],
		['resume when paused', pausedOpen, { type: 'resume', position: 0 }, false],
		['reopen when re-opened', reopened, { type: 'reopen', position: 0 }, true],
		['reopen while open in round 1', open, { type: 'reopen', position: 0 }, false],
		[
			'stop a timer when none runs',
			open,
			{ type: 'timer', position: 0, seconds: null, now: 0 },
			true
		],
		['stop a running timer', timed, { type: 'timer', position: 0, seconds: null, now: 0 }, false],
		['next sent twice (stale)', second, { type: 'next', position: 0 }, false],
		['next', recorded, { type: 'next', position: 0 }, false],
		['skip sent twice (stale)', second, { type: 'skip', position: 0 }, false],
		['back sent twice (stale)', open, { type: 'back', position: 1 }, false],
		['ended refuses a reveal', ended, { type: 'reveal', position: 0 }, false]
	])('%s', (_label, state, command, expected) => {
		expect(alreadyApplied(state, command)).toBe(expected);
		// What is already applied is exactly what applyCommand refuses without it being stale.
		if (expected) expect(applyCommand(state, command).ok).toBe(false);
	});
});

describe('applyCommand: the timer', () => {
	const NOW = Date.parse('2026-12-01T10:00:00.000Z');
	const timer = (position: number, seconds: number | null): WorkshopCommand => ({
		type: 'timer',
		position,
		seconds,
		now: NOW
	});

	it('starts a timer of N seconds for the step while open or revealed, deadline from now', () => {
		expect(run(open, timer(0, 90)).timer).toEqual({
			seconds: 90,
			endsAt: '2026-12-01T10:01:30.000Z'
		});
		expect(run(revealed, timer(0, 15)).timer).toMatchObject({ seconds: 15 });
		expect(run(open, timer(0, 1800)).timer).toMatchObject({ seconds: 1800 });
		// Starting again replaces it; stopping clears it.
		expect(run(open, timer(0, 60), timer(0, 120)).timer).toMatchObject({ seconds: 120 });
		expect(run(open, timer(0, 60), timer(0, null)).timer).toBeNull();
	});

	it.each<[string, WorkshopState, WorkshopCommand]>([
		['a reveal', open, { type: 'reveal', position: 0 }],
		['a record', revealed, agreed(0, 'a1')]
	])('keeps running after %s on the same question', (_, state, command) => {
		const after = run(state, timer(0, 60), command);
		expect(after.timer).toMatchObject({ seconds: 60 });
	});

	it.each<[string, WorkshopState, WorkshopCommand[]]>([
		['next', revealed, [agreed(0, 'a1'), { type: 'next', position: 0 }]],
		['back', second, [{ type: 'back', position: 1 }]],
		['a re-opened vote', revealed, [{ type: 'reopen', position: 0 }]],
		['a pause', open, [{ type: 'pause', position: 0 }]],
		['a skip', open, [{ type: 'skip', position: 0 }]],
		['the end', open, [{ type: 'end' }]]
	])('is cleared by %s', (_, state, commands) => {
		const timed = run(state, timer(state.position, 60));
		expect(run(timed, ...commands).timer).toBeNull();
	});

	it.each<[string, WorkshopState, WorkshopCommand, string]>([
		['14 seconds', open, timer(0, 14), 'timer-out-of-range'],
		['31 minutes', open, timer(0, 1801), 'timer-out-of-range'],
		['a fraction', open, timer(0, 20.5), 'timer-out-of-range'],
		['not a number', open, timer(0, Number.NaN), 'timer-out-of-range'],
		[
			'no clock',
			open,
			{ type: 'timer', position: 0, seconds: 60, now: Number.NaN },
			'timer-out-of-range'
		],
		['in the lobby', lobby, timer(0, 60), 'not-started'],
		['once recorded', recorded, timer(0, 60), 'timer-not-now'],
		['while paused', pausedOpen, timer(0, 60), 'paused'],
		['for another step', open, timer(1, 60), 'stale-position'],
		['a stop without a timer', open, timer(0, null), 'no-timer'],
		['once ended', ended, timer(0, 60), 'ended']
	])('refuses %s', (_, state, command, reason) => {
		expect(applyCommand(state, command)).toEqual({ ok: false, reason });
	});
});

describe('acceptVote', () => {
	const vote = (level: unknown, questionId = 'a1') => ({ participantId: 'p1', questionId, level });

	it.each([1, 2, 3, 4, null])('takes level %s while open, in the current vote round', (level) => {
		expect(acceptVote(open, vote(level))).toEqual({
			ok: true,
			value: { participantId: 'p1', questionId: 'a1', voteRound: 1, level }
		});
	});

	it('keeps a re-opened vote in round 2', () => {
		const result = acceptVote(reopened, vote(2));
		expect(result.ok && result.value.voteRound).toBe(2);
	});

	it.each<[string, WorkshopState, ReturnType<typeof vote>, string]>([
		['after the reveal', revealed, vote(2), 'already-revealed'],
		['after the record', recorded, vote(2), 'already-revealed'],
		['in the lobby', lobby, vote(2), 'not-started'],
		['while paused', pausedOpen, vote(2), 'paused'],
		['after the end', ended, vote(2), 'ended'],
		['for another question of the workshop', open, vote(2, 'a2'), 'stale-position'],
		['for a question not in the workshop', open, vote(2, 'b1'), 'unknown-question'],
		['for an unknown question', open, vote(2, 'zz'), 'unknown-question'],
		['level 0', open, vote(0), 'level-out-of-range'],
		['level 5', open, vote(5), 'level-out-of-range'],
		['level "3"', open, vote('3'), 'level-out-of-range'],
		['level undefined', open, vote(undefined), 'level-out-of-range']
	])('refuses a vote %s', (_name, state, v, reason) => {
		expect(acceptVote(state, v)).toEqual({ ok: false, reason });
	});

	it('a second vote in the same round replaces the first; another round is kept apart', () => {
		const v = (level: 1 | 2 | 3 | 4, voteRound: 1 | 2, participantId = 'p1'): Vote => ({
			participantId,
			questionId: 'a1',
			voteRound,
			level
		});
		let votes = withVote([], v(1, 1));
		votes = withVote(votes, v(2, 1, 'p2'));
		votes = withVote(votes, v(3, 1));
		expect(votes).toEqual([v(2, 1, 'p2'), v(3, 1)]);
		votes = withVote(votes, v(4, 2));
		expect(votes).toEqual([v(2, 1, 'p2'), v(3, 1), v(4, 2)]);
	});
});

describe('distributionOf', () => {
	const levels = (...ls: (1 | 2 | 3 | 4 | null)[]) => ls.map((level) => ({ level }));

	it('counts per level and "don\'t know" from the threshold on', () => {
		expect(distributionOf(levels(1, 3, 3, null, 4), 5, false)).toEqual({
			shown: true,
			voters: 5,
			counts: [1, 0, 2, 1],
			dontKnow: 1,
			belowThreshold: false
		});
	});

	it('hides fewer voters than the threshold as "too few", without counts', () => {
		expect(distributionOf(levels(1, 3, 3, 4), 5, false)).toEqual({
			shown: false,
			voters: 4,
			reason: 'too-few'
		});
		expect(distributionOf([], 1, false)).toEqual({ shown: false, voters: 0, reason: 'too-few' });
	});

	it('shows fewer voters when the facilitator opted in, saying so', () => {
		expect(distributionOf(levels(2, 2), 5, true)).toEqual({
			shown: true,
			voters: 2,
			counts: [0, 2, 0, 0],
			dontKnow: 0,
			belowThreshold: true
		});
	});
});

describe('workshopRecordOf', () => {
	const v = (
		participantId: string,
		questionId: string,
		voteRound: 1 | 2,
		level: Vote['level']
	) => ({
		participantId,
		questionId,
		voteRound,
		level
	});
	const votes: Vote[] = [
		v('p1', 'a1', 1, 2),
		v('p2', 'a1', 1, 2),
		v('p3', 'a1', 1, 3),
		v('p1', 'a1', 2, 3),
		v('p2', 'a1', 2, 3),
		v('p3', 'a1', 2, 3),
		v('p1', 'a2', 1, 1),
		v('p2', 'a2', 1, 1),
		v('p3', 'a2', 1, null)
	];
	const finished = run(
		revealed2,
		agreed(0, 'a1', 3),
		{ type: 'next', position: 0 },
		{ type: 'reveal', position: 1 },
		{
			type: 'record',
			position: 1,
			questionId: 'a2',
			outcome: 'no-agreement',
			reason: 'Split between teams'
		},
		{ type: 'next', position: 1 },
		{ type: 'skip', position: 2 },
		{ type: 'end' }
	);
	const record = workshopRecordOf(finished, votes);

	it('has one line per question in the order run, with counts only', () => {
		expect(record.map((r) => [r.questionId, r.areaId, r.outcome])).toEqual([
			['a1', 'alpha', 'agreed'],
			['a2', 'alpha', 'no-agreement'],
			['c1', 'gamma', 'skipped']
		]);
		expect(JSON.stringify(record)).not.toMatch(/p[123]/);
	});

	it('keeps the first and the final distribution and sees the room change its mind', () => {
		expect(record[0]).toMatchObject({
			level: 3,
			reason: 'Complaints are logged in one place but nobody reads them monthly',
			first: { shown: true, counts: [0, 2, 1, 0] },
			final: { shown: true, counts: [0, 0, 3, 0] },
			changedMind: true
		});
	});

	it('has no final distribution without a second vote, and no change of mind', () => {
		expect(record[1]).toMatchObject({
			level: null,
			reason: 'Split between teams',
			first: { shown: true, counts: [2, 0, 0, 0], dontKnow: 1 },
			final: null,
			changedMind: false
		});
		expect(record[2]).toMatchObject({
			outcome: 'skipped',
			first: { shown: false, voters: 0 },
			final: null
		});
	});

	it('hides distributions below the threshold', () => {
		const strict = workshopRecordOf({ ...finished, threshold: 5 }, votes);
		expect(strict[0]!.first).toEqual({ shown: false, voters: 3, reason: 'too-few' });
	});

	it("counts an agreed level outside the first vote's most voted as a change of mind", () => {
		const state = run(revealed, agreed(0, 'a1', 4));
		expect(
			workshopRecordOf(
				state,
				votes.filter((x) => x.voteRound === 1)
			)[0]!.changedMind
		).toBe(true);
	});
});
