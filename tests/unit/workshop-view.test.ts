/**
 * What a live workshop's screens show (src/lib/domain/workshop-view.ts): counts only, never a
 * participant's id, name or vote; distributions hidden below the threshold unless the small-group
 * opt-in; the commands offered are exactly the ones the state machine accepts.
 * Fixture model: alpha (a1, a2), beta (b1, b2, b3), gamma (c1).
 */
import { describe, expect, it } from 'vitest';
import { inLocale } from '../../src/lib/domain/model';
import {
	applyCommand,
	startWorkshop,
	WORKSHOP_COMMANDS,
	type Vote,
	type WorkshopCommand,
	type WorkshopState
} from '../../src/lib/domain/workshop';
import {
	controlViewOf,
	possibleCommands,
	presenterViewOf,
	roomViewOf,
	type WorkshopSnapshot
} from '../../src/lib/domain/workshop-view';
import { fixtureModel } from '../support/fixture-model';

const model = fixtureModel();
const local = inLocale(model, 'en');

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

function run(state: WorkshopState, ...commands: WorkshopCommand[]): WorkshopState {
	for (const command of commands) {
		const result = applyCommand(state, command);
		if (!result.ok) throw new Error(`${command.type}: ${result.reason}`);
		state = result.value;
	}
	return state;
}

const record = (position: number, questionId: string, level = 3): WorkshopCommand => ({
	type: 'record',
	position,
	questionId,
	outcome: 'agreed',
	level,
	reason: 'Complaints are logged in one place but nobody reads them monthly'
});

/** Participants with names as ids, so a leak of either is found by the same search. */
const PEOPLE = [
	'participant-ana-7f3',
	'participant-bo-91c',
	'participant-cy-22d',
	'participant-di'
];
const votes = (questionId: string, round: 1 | 2, levels: Array<1 | 2 | 3 | 4 | null>): Vote[] =>
	levels.map((level, i) => ({ participantId: PEOPLE[i]!, questionId, voteRound: round, level }));

function snapshot(state: WorkshopState, all: Vote[] = [], participants = 4): WorkshopSnapshot {
	const current = state.steps[state.position]?.questionIds ?? [];
	const voted = Object.fromEntries(
		current.map((q) => [
			q,
			all.filter((v) => v.questionId === q && v.voteRound === state.voteRound).length
		])
	);
	return {
		workshop: { id: 'w1', version: 7, state },
		counts: { participants, voted },
		votes: all
	};
}

const lobby = fresh();
const open = run(lobby, { type: 'start' });
const revealed = run(open, { type: 'reveal', position: 0 });
const reopened = run(revealed, { type: 'reopen', position: 0 });
const recorded = run(revealed, record(0, 'a1'));
const round1 = votes('a1', 1, [1, 3, 3, null]);
const round2 = votes('a1', 2, [3, 3, 3, 2]);

describe('roomViewOf', () => {
	it('shows the lobby without a question', () => {
		const view = roomViewOf(snapshot(lobby), local);
		expect(view).toMatchObject({
			workshopId: 'w1',
			version: 7,
			status: 'lobby',
			position: 0,
			stepCount: 3,
			voteRound: 1,
			participants: 4,
			area: null,
			questions: [],
			smallGroupOptIn: false,
			threshold: 3
		});
	});

	it('shows an open question with its statements and how many voted, not how', () => {
		const view = roomViewOf(snapshot(open, round1), local);
		expect(view.area).toEqual({ id: 'alpha', name: 'Area alpha' });
		expect(view.questions).toEqual([
			{
				id: 'a1',
				text: 'Question a1?',
				hint: null,
				statements: [
					{ level: 1, text: 'a1 one' },
					{ level: 2, text: 'a1 two' },
					{ level: 3, text: 'a1 three' },
					{ level: 4, text: 'a1 four' }
				],
				voted: 4,
				distribution: null,
				firstDistribution: null,
				record: null
			}
		]);
	});

	it('shows the distribution after the reveal, with where the room splits', () => {
		const [question] = roomViewOf(snapshot(revealed, round1), local).questions;
		expect(question!.distribution).toEqual({
			shown: true,
			voters: 4,
			counts: [1, 0, 2, 0],
			dontKnow: 1,
			belowThreshold: false,
			split: { low: 1, high: 3 }
		});
	});

	it('hides a distribution of fewer voters than the threshold as "too few"', () => {
		const few = votes('a1', 1, [2, 4]);
		const [question] = roomViewOf(snapshot(revealed, few), local).questions;
		expect(question!.distribution).toEqual({ shown: false, voters: 2, reason: 'too-few' });
		expect(JSON.stringify(question)).not.toMatch(/"counts"/);
	});

	it('shows it anyway with the small-group opt-in, marked as below the threshold', () => {
		const optedIn = run(
			fresh({ smallGroupOptIn: true }),
			{ type: 'start' },
			{
				type: 'reveal',
				position: 0
			}
		);
		const view = roomViewOf(snapshot(optedIn, votes('a1', 1, [2, 2])), local);
		expect(view.smallGroupOptIn).toBe(true);
		expect(view.questions[0]!.distribution).toMatchObject({
			shown: true,
			counts: [0, 2, 0, 0],
			belowThreshold: true,
			split: null
		});
	});

	it('in vote round 2 shows the first round while the room votes again, then both', () => {
		const votingAgain = roomViewOf(snapshot(reopened, [...round1, ...round2]), local);
		expect(votingAgain.voteRound).toBe(2);
		expect(votingAgain.questions[0]).toMatchObject({
			voted: 4,
			distribution: null,
			firstDistribution: { shown: true, counts: [1, 0, 2, 0] }
		});
		const shown = roomViewOf(
			snapshot(run(reopened, { type: 'reveal', position: 0 }), [...round1, ...round2]),
			local
		);
		expect(shown.questions[0]).toMatchObject({
			distribution: { shown: true, counts: [0, 1, 3, 0], split: { low: 2, high: 3 } },
			firstDistribution: { shown: true, counts: [1, 0, 2, 0] }
		});
	});

	it('shows the record once recorded, and keeps the distribution', () => {
		const [question] = roomViewOf(snapshot(recorded, round1), local).questions;
		expect(question!.record).toEqual({
			outcome: 'agreed',
			level: 3,
			reason: 'Complaints are logged in one place but nobody reads them monthly'
		});
		expect(question!.distribution).toMatchObject({ shown: true });
	});

	it('keeps the revealed distribution while paused from the reveal, not from voting', () => {
		const fromRevealed = run(revealed, { type: 'pause', position: 0 });
		const fromOpen = run(open, { type: 'pause', position: 0 });
		expect(roomViewOf(snapshot(fromRevealed, round1), local).questions[0]!.distribution).not.toBe(
			null
		);
		expect(roomViewOf(snapshot(fromOpen, round1), local).questions[0]!.distribution).toBe(null);
	});

	it('shows all of an area\'s questions in a step with pace "area"', () => {
		const state = run(fresh({ areas: ['beta'], pace: 'area' }), { type: 'start' });
		const view = roomViewOf(snapshot(state), local);
		expect(view.questions.map((q) => q.id)).toEqual(['b1', 'b2', 'b3']);
		expect(view.area?.name).toBe('Area beta');
	});

	it('shows nothing of the questions once ended', () => {
		const view = roomViewOf(snapshot(run(open, { type: 'end' }), round1), local);
		expect(view).toMatchObject({ status: 'ended', area: null, questions: [] });
	});

	it('never carries a participant id or an individual vote, in any state', () => {
		const everything = [...round1, ...round2, ...votes('a2', 1, [4, 4, 4, 4])];
		const states = [
			lobby,
			open,
			revealed,
			reopened,
			run(reopened, { type: 'reveal', position: 0 }),
			recorded,
			run(recorded, { type: 'next', position: 0 }),
			run(revealed, { type: 'pause', position: 0 }),
			run(open, { type: 'end' })
		];
		for (const state of states) {
			for (const view of [
				roomViewOf(snapshot(state, everything), local),
				controlViewOf(
					{
						...snapshot(state, everything),
						workshop: { id: 'w1', version: 7, state, joinCode: 'ABC234' }
					},
					local
				)
			]) {
				const text = JSON.stringify(view);
				for (const person of PEOPLE) expect(text).not.toContain(person);
				expect(text).not.toMatch(/participantId|"level":\s*null,\s*"questionId"/);
			}
		}
	});
});

describe('controlViewOf', () => {
	const control = (state: WorkshopState, all: Vote[] = []) =>
		controlViewOf(
			{ ...snapshot(state, all), workshop: { id: 'w1', version: 7, state, joinCode: 'ABC234' } },
			local
		);

	it('adds the join code and every step with its outcome so far', () => {
		const view = control(run(recorded, { type: 'next', position: 0 }), round1);
		expect(view.joinCode).toBe('ABC234');
		expect(view.steps).toEqual([
			{
				position: 0,
				areaId: 'alpha',
				areaName: 'Area alpha',
				questions: [{ id: 'a1', text: 'Question a1?', outcome: 'agreed' }]
			},
			{
				position: 1,
				areaId: 'alpha',
				areaName: 'Area alpha',
				questions: [{ id: 'a2', text: 'Question a2?', outcome: null }]
			},
			{
				position: 2,
				areaId: 'gamma',
				areaName: 'Area gamma',
				questions: [{ id: 'c1', text: 'Question c1?', outcome: null }]
			}
		]);
	});

	it.each([
		['lobby', lobby, ['start', 'end']],
		['open', open, ['reveal', 'skip', 'pause', 'timer', 'end']],
		['revealed', revealed, ['reopen', 'record', 'skip', 'pause', 'timer', 'end']],
		['reopened', reopened, ['reveal', 'skip', 'pause', 'timer', 'end']],
		['recorded', recorded, ['record', 'next', 'end']],
		['paused', run(open, { type: 'pause', position: 0 }), ['resume', 'end']],
		['ended', run(open, { type: 'end' }), []]
	] as const)('offers in %s exactly %j', (_, state, expected) => {
		const possible = control(state).possible;
		expect(WORKSHOP_COMMANDS.filter((c) => possible[c])).toEqual(expected);
	});

	it('offers a command exactly when applyCommand accepts it, in every state reached', () => {
		const states = [
			lobby,
			open,
			revealed,
			reopened,
			recorded,
			run(recorded, { type: 'next', position: 0 }),
			run(recorded, { type: 'next', position: 0 }, { type: 'reveal', position: 1 }),
			run(open, { type: 'skip', position: 0 }),
			run(revealed, { type: 'pause', position: 0 }),
			run(open, { type: 'end' })
		];
		for (const state of states) {
			const possible = possibleCommands(state);
			const questionId = state.steps[state.position]!.questionIds[0]!;
			for (const type of WORKSHOP_COMMANDS) {
				const command = (
					type === 'start' || type === 'end'
						? { type }
						: type === 'record'
							? record(state.position, questionId)
							: type === 'timer'
								? { type, position: state.position, seconds: 60, now: 0 }
								: { type, position: state.position }
				) as WorkshopCommand;
				expect(possible[type], `${state.status} ${type}`).toBe(applyCommand(state, command).ok);
			}
		}
	});
});

describe('who joined, and the timer', () => {
	const named = (state: WorkshopState, all: Vote[] = []) => ({
		...snapshot(state, all, 5),
		workshop: { id: 'w1', version: 7, state, joinCode: 'ABC234' },
		names: ['Zoë', 'ana', 'Bo', 'Cy']
	});

	it('lists the names on the control view only, sorted, with how many gave none', () => {
		const view = controlViewOf(named(revealed, round1), local);
		expect(view.joined).toEqual({ names: ['ana', 'Bo', 'Cy', 'Zoë'], unnamed: 1 });
	});

	it('never puts a name in the room or presenter view, nor beside a vote anywhere', () => {
		const room = JSON.stringify(roomViewOf(named(revealed, round1), local));
		const presenter = presenterViewOf(named(revealed, round1), local);
		expect(presenter.joinCode).toBe('ABC234');
		expect(presenter.participants).toBe(5);
		for (const text of [room, JSON.stringify(presenter)])
			for (const name of ['Zoë', 'ana', 'Bo', 'Cy']) expect(text).not.toContain(name);
		// The control view's questions carry counts only; the names are a separate list.
		const control = controlViewOf(named(revealed, round1), local);
		const questions = JSON.stringify(control.questions);
		for (const name of ['Zoë', 'ana', 'Bo', 'Cy']) expect(questions).not.toContain(name);
		for (const id of PEOPLE) expect(JSON.stringify(control)).not.toContain(id);
	});

	it("carries the step's timer to every view", () => {
		const timed = run(open, { type: 'timer', position: 0, seconds: 90, now: 0 });
		const timer = { seconds: 90, endsAt: '1970-01-01T00:01:30.000Z' };
		expect(roomViewOf(named(timed), local).timer).toEqual(timer);
		expect(presenterViewOf(named(timed), local).timer).toEqual(timer);
		expect(controlViewOf(named(timed), local).timer).toEqual(timer);
		expect(roomViewOf(named(open), local).timer).toBeNull();
	});
});
