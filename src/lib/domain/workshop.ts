/**
 * The live workshop (issue 12): a facilitator runs a round's questions with a room, the room votes,
 * the facilitator reveals the distribution, may re-open the vote once, and records the level the
 * room agreed on (or that it did not agree) with the reason. Pure: the storage
 * (`lib/server/db/workshops.ts`) loads a `WorkshopState`, asks these functions what a command or a
 * vote does, and writes the answer in one transaction.
 *
 * States of the current step (a step is one question, or one area's questions with pace 'area'):
 *
 *   lobby ──start──▶ open ──reveal──▶ revealed ──record──▶ recorded ──next──▶ open (next step)
 *                     ▲                  │                    │
 *                     └──reopen (round 2)┘                    └─ back ─▶ recorded (previous step)
 *   open | revealed ──pause──▶ paused ──resume──▶ the state it was paused from
 *   open | revealed ──skip──▶ the step's unrecorded questions are marked skipped; next step opens
 *   any state but ended ──end──▶ ended
 *   open | revealed ──timer──▶ the same, with a timer of N seconds for the step (or none again)
 *
 * `back` works from open, revealed or recorded: the previous step's records are kept and can be
 * recorded again. Every command names the step it was given for (`position`), so a replayed or
 * stale command (a second click, an old tab) is refused and changes nothing; one whose effect
 * already holds (a second reveal of the step) is answered as done by the storage
 * (`alreadyApplied`), also changing nothing.
 *
 * The timer is a deadline for the current step (15 s to 30 min, `TIMER_SECONDS`), kept in the
 * state like everything else so every screen counts down from the same moment; a new step, a
 * re-opened vote, a pause and the end clear it.
 *
 * Anonymity: votes carry a participant id, but nothing here that is meant for other people
 * (`distributionOf`, `workshopRecordOf`) returns one; only counts leave.
 */
import { meetsThreshold } from './anonymity';
import { MAX_REASON } from './limits';
import { isStageId, type MaturityModel, type StageId } from './model';

export type WorkshopPace = 'question' | 'area';
export const WORKSHOP_PACES: readonly WorkshopPace[] = ['question', 'area'];
export type WorkshopStatus = 'lobby' | 'open' | 'revealed' | 'recorded' | 'paused' | 'ended';
export const WORKSHOP_STATUSES: readonly WorkshopStatus[] = [
	'lobby',
	'open',
	'revealed',
	'recorded',
	'paused',
	'ended'
];
/** A question is voted on at most twice: the first vote, and once more after discussion. */
export type VoteRound = 1 | 2;
export type RecordOutcome = 'agreed' | 'no-agreement' | 'skipped';

/** The shortest and longest timer a facilitator may start, in seconds. */
export const TIMER_SECONDS = { min: 15, max: 30 * 60 } as const;

/** A running timer: how long it was set for, and when it ends (ISO time). */
export interface WorkshopTimer {
	seconds: number;
	endsAt: string;
}

/** One step of the workshop: one question (pace 'question'), or an area's questions ('area'). */
export interface WorkshopStep {
	areaId: string;
	questionIds: string[];
}

/** What the room decided about one question. */
export interface QuestionRecord {
	questionId: string;
	outcome: RecordOutcome;
	/** The agreed level; null unless the outcome is 'agreed'. */
	level: StageId | null;
	/** Why: required for 'agreed' and 'no-agreement', null for 'skipped'. */
	reason: string | null;
	/** The vote round the record was made after (1 or 2). */
	voteRound: VoteRound;
}

export interface WorkshopState {
	status: WorkshopStatus;
	/** The state `paused` returns to; null unless paused. */
	pausedFrom: 'open' | 'revealed' | null;
	pace: WorkshopPace;
	areas: string[];
	steps: WorkshopStep[];
	/** Index into `steps`. */
	position: number;
	voteRound: VoteRound;
	/** The round's anonymity threshold: fewer voters than this show as "too few votes". */
	threshold: number;
	/** The facilitator chose to show distributions of fewer voters (a small leadership group). */
	smallGroupOptIn: boolean;
	/** Participants must give a department and role level to join. */
	requireGroup: boolean;
	/** Records by question id. */
	records: Record<string, QuestionRecord>;
	/** The current step's timer; null when none runs. */
	timer: WorkshopTimer | null;
}

export interface WorkshopOptions {
	areas: readonly string[];
	pace: WorkshopPace;
	threshold: number;
	smallGroupOptIn?: boolean;
	requireGroup?: boolean;
}

export type WorkshopCommand =
	| { type: 'start' }
	| { type: 'reveal'; position: number }
	| { type: 'reopen'; position: number }
	| {
			type: 'record';
			position: number;
			questionId: string;
			outcome: 'agreed' | 'no-agreement';
			level?: number | null;
			reason: string;
	  }
	| { type: 'next'; position: number }
	| { type: 'back'; position: number }
	| { type: 'skip'; position: number }
	| { type: 'pause'; position: number }
	| { type: 'resume'; position: number }
	/** Starts a timer of `seconds` from `now` (epoch ms) for the step, or stops it (null). */
	| { type: 'timer'; position: number; seconds: number | null; now: number }
	| { type: 'end' };

export type WorkshopCommandType = WorkshopCommand['type'];
export const WORKSHOP_COMMANDS: readonly WorkshopCommandType[] = [
	'start',
	'reveal',
	'reopen',
	'record',
	'next',
	'back',
	'skip',
	'pause',
	'resume',
	'timer',
	'end'
];

export type Refusal =
	| 'ended'
	| 'paused'
	| 'already-started'
	| 'not-started'
	| 'not-open'
	| 'already-revealed'
	| 'not-revealed'
	| 'no-more-rounds'
	| 'not-recorded'
	| 'already-recorded'
	| 'not-paused'
	| 'not-pausable'
	| 'first-step'
	| 'last-step'
	| 'stale-position'
	| 'unknown-question'
	| 'unknown-area'
	| 'no-questions'
	| 'reason-required'
	| 'reason-too-long'
	| 'level-out-of-range'
	| 'threshold-out-of-range'
	| 'timer-out-of-range'
	| 'timer-not-now'
	| 'no-timer';

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: Refusal };

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const refuse = <T = never>(reason: Refusal): Outcome<T> => ({ ok: false, reason });

/** The steps a workshop runs: the chosen areas in the model's order, their questions in order. */
export function stepsOf(
	model: MaturityModel,
	areas: readonly string[],
	pace: WorkshopPace
): WorkshopStep[] {
	const chosen = new Set(areas);
	return model.areas
		.filter((area) => chosen.has(area.id))
		.flatMap((area) => {
			const questionIds = area.questions.map((q) => q.id);
			return pace === 'area'
				? [{ areaId: area.id, questionIds }]
				: questionIds.map((id) => ({ areaId: area.id, questionIds: [id] }));
		});
}

/** The workshop's questions in the order they are run. */
export const questionsOf = (state: Pick<WorkshopState, 'steps'>): string[] =>
	state.steps.flatMap((s) => s.questionIds);

/** The questions of the current step. */
export const currentQuestions = (state: Pick<WorkshopState, 'steps' | 'position'>): string[] =>
	state.steps[state.position]?.questionIds ?? [];

/** A new workshop in the lobby, or a refusal for areas the model lacks or no areas at all. */
export function startWorkshop(
	model: MaturityModel,
	options: WorkshopOptions
): Outcome<WorkshopState> {
	const known = new Set(model.areas.map((a) => a.id));
	if (options.areas.some((a) => !known.has(a))) return refuse('unknown-area');
	if (!Number.isInteger(options.threshold) || options.threshold < 1)
		return refuse('threshold-out-of-range');
	const areas = model.areas.map((a) => a.id).filter((id) => options.areas.includes(id));
	const steps = stepsOf(model, areas, options.pace);
	if (steps.length === 0) return refuse('no-questions');
	return ok({
		status: 'lobby',
		pausedFrom: null,
		pace: options.pace,
		areas,
		steps,
		position: 0,
		voteRound: 1,
		threshold: options.threshold,
		smallGroupOptIn: options.smallGroupOptIn ?? false,
		requireGroup: options.requireGroup ?? false,
		records: {},
		timer: null
	});
}

/** A reason as stored: trimmed, inner runs of white space kept as typed. */
function checkReason(reason: unknown): Outcome<string> {
	const text = typeof reason === 'string' ? reason.trim() : '';
	if (text === '') return refuse('reason-required');
	if (text.length > MAX_REASON) return refuse('reason-too-long');
	return ok(text);
}

const isRecorded = (state: WorkshopState, questionId: string) =>
	state.records[questionId] !== undefined;

/** The step at `position` opened: 'recorded' when all its questions are, else 'open' in round 1. */
function enterStep(state: WorkshopState, position: number): WorkshopState {
	const questions = state.steps[position]!.questionIds;
	const recorded = questions.every((q) => isRecorded(state, q));
	const rounds = questions.map((q) => state.records[q]?.voteRound ?? 1);
	return {
		...state,
		position,
		pausedFrom: null,
		status: recorded ? 'recorded' : 'open',
		voteRound: recorded ? (Math.max(...rounds) as VoteRound) : 1,
		timer: null
	};
}

/**
 * What a command does to the workshop: the new state, or why it is refused (the state is then
 * unchanged). Refusals are checked in this order: ended, the step named, paused, then the command's
 * own conditions.
 */
export function applyCommand(
	state: WorkshopState,
	command: WorkshopCommand
): Outcome<WorkshopState> {
	if (state.status === 'ended') return refuse('ended');
	if (command.type === 'end')
		return ok({ ...state, status: 'ended', pausedFrom: null, timer: null });
	if (command.type === 'start')
		return state.status === 'lobby' ? ok(enterStep(state, 0)) : refuse('already-started');
	if (state.status === 'lobby') return refuse('not-started');
	if (command.position !== state.position) return refuse('stale-position');
	if (command.type === 'resume')
		return state.status === 'paused' && state.pausedFrom
			? ok({ ...state, status: state.pausedFrom, pausedFrom: null })
			: refuse('not-paused');
	if (state.status === 'paused') return refuse('paused');

	switch (command.type) {
		case 'pause':
			return state.status === 'open' || state.status === 'revealed'
				? ok({ ...state, status: 'paused', pausedFrom: state.status, timer: null })
				: refuse('not-pausable');
		case 'timer': {
			if (state.status !== 'open' && state.status !== 'revealed') return refuse('timer-not-now');
			if (command.seconds === null)
				return state.timer ? ok({ ...state, timer: null }) : refuse('no-timer');
			const { seconds, now } = command;
			if (
				!Number.isInteger(seconds) ||
				seconds < TIMER_SECONDS.min ||
				seconds > TIMER_SECONDS.max ||
				!Number.isFinite(now)
			)
				return refuse('timer-out-of-range');
			return ok({
				...state,
				timer: { seconds, endsAt: new Date(now + seconds * 1000).toISOString() }
			});
		}
		case 'reveal':
			if (state.status === 'revealed' || state.status === 'recorded')
				return refuse('already-revealed');
			return ok({ ...state, status: 'revealed' });
		case 'reopen':
			if (state.status !== 'revealed') return refuse('not-revealed');
			if (state.voteRound === 2) return refuse('no-more-rounds');
			return ok({ ...state, status: 'open', voteRound: 2, timer: null });
		case 'record': {
			if (!currentQuestions(state).includes(command.questionId)) return refuse('unknown-question');
			if (state.status !== 'revealed' && state.status !== 'recorded') return refuse('not-revealed');
			let level: StageId | null = null;
			if (command.outcome === 'agreed') {
				if (!isStageId(command.level)) return refuse('level-out-of-range');
				level = command.level;
			} else if (command.level !== undefined && command.level !== null)
				return refuse('level-out-of-range');
			const reason = checkReason(command.reason);
			if (!reason.ok) return reason;
			const records = {
				...state.records,
				[command.questionId]: {
					questionId: command.questionId,
					outcome: command.outcome,
					level,
					reason: reason.value,
					voteRound: state.voteRound
				}
			};
			const next = { ...state, records };
			const all = currentQuestions(state).every((q) => records[q] !== undefined);
			return ok({ ...next, status: all ? 'recorded' : state.status });
		}
		case 'next':
			if (state.status !== 'recorded') return refuse('not-recorded');
			if (state.position + 1 >= state.steps.length) return refuse('last-step');
			return ok(enterStep(state, state.position + 1));
		case 'back':
			if (state.position === 0) return refuse('first-step');
			return ok(enterStep(state, state.position - 1));
		case 'skip': {
			if (state.status === 'recorded') return refuse('already-recorded');
			const records = { ...state.records };
			for (const questionId of currentQuestions(state))
				records[questionId] ??= {
					questionId,
					outcome: 'skipped',
					level: null,
					reason: null,
					voteRound: state.voteRound
				};
			const skipped = { ...state, records };
			return state.position + 1 < state.steps.length
				? ok(enterStep(skipped, state.position + 1))
				: ok({ ...skipped, status: 'recorded', timer: null });
		}
	}
}

/**
 * Whether what `command` asks for already holds, so that sending it again (two facilitators at
 * once, a double click, a second tab) asks for nothing: the workshop is started, ended, revealed,
 * paused, running again after a pause, re-opened, or has no timer. `applyCommand` refuses such a
 * command; the storage answers it as done and changes nothing, since the facilitator sees what
 * they asked for. A command that moves the workshop on (next, back, skip) or names another step is
 * never already applied: sent twice for one step, the second is stale and stays refused.
 */
export function alreadyApplied(state: WorkshopState, command: WorkshopCommand): boolean {
	if (command.type === 'end') return state.status === 'ended';
	if (state.status === 'ended') return false;
	if (command.type === 'start') return state.status !== 'lobby';
	if (state.status === 'lobby' || command.position !== state.position) return false;
	const running = state.status === 'open' || state.status === 'revealed';
	switch (command.type) {
		case 'reveal':
			return state.status === 'revealed' || state.status === 'recorded';
		case 'pause':
			return state.status === 'paused';
		case 'resume':
			return running || state.status === 'recorded';
		case 'reopen':
			return state.status === 'open' && state.voteRound === 2;
		case 'timer':
			return command.seconds === null && state.timer === null && running;
		default:
			return false;
	}
}

/** A participant's vote: a level, or null for "don't know". */
export interface Vote {
	participantId: string;
	questionId: string;
	voteRound: VoteRound;
	level: StageId | null;
}

/**
 * Whether the room may vote now on `questionId`, and the vote as it is kept (in the current vote
 * round). A second vote of the same participant in the same round replaces the first: the storage
 * keys votes by (participant, question, round), and `withVote` does the same on a list.
 */
export function acceptVote(
	state: WorkshopState,
	vote: { participantId: string; questionId: string; level: unknown }
): Outcome<Vote> {
	if (state.status === 'ended') return refuse('ended');
	if (!questionsOf(state).includes(vote.questionId)) return refuse('unknown-question');
	if (!currentQuestions(state).includes(vote.questionId)) return refuse('stale-position');
	if (state.status === 'paused') return refuse('paused');
	if (state.status === 'lobby') return refuse('not-started');
	if (state.status === 'revealed' || state.status === 'recorded') return refuse('already-revealed');
	if (vote.level !== null && !isStageId(vote.level)) return refuse('level-out-of-range');
	return ok({
		participantId: vote.participantId,
		questionId: vote.questionId,
		voteRound: state.voteRound,
		level: vote.level
	});
}

/** `votes` with `vote` in it, replacing the same participant's vote on the question in the round. */
export function withVote(votes: readonly Vote[], vote: Vote): Vote[] {
	return [
		...votes.filter(
			(v) =>
				!(
					v.participantId === vote.participantId &&
					v.questionId === vote.questionId &&
					v.voteRound === vote.voteRound
				)
		),
		vote
	];
}

/** How a question's votes fell, counts only; hidden as "too few" below the threshold. */
export type Distribution =
	| {
			shown: true;
			voters: number;
			/** Votes per level, index 0 = level 1. */
			counts: [number, number, number, number];
			dontKnow: number;
			/** Shown with fewer voters than the threshold, because the facilitator opted in. */
			belowThreshold: boolean;
	  }
	| { shown: false; voters: number; reason: 'too-few' };

/** A level's place in a list of four counts. */
const slot = (level: StageId) => (level - 1) as 0 | 1 | 2 | 3;

/** The distribution of `votes` (one question, one vote round, one vote per participant). */
export function distributionOf(
	votes: readonly Pick<Vote, 'level'>[],
	threshold: number,
	smallGroupOptIn: boolean
): Distribution {
	const voters = votes.length;
	const enough = meetsThreshold(voters, threshold);
	if (!enough && !smallGroupOptIn) return { shown: false, voters, reason: 'too-few' };
	const counts: [number, number, number, number] = [0, 0, 0, 0];
	let dontKnow = 0;
	for (const v of votes) {
		if (v.level === null) dontKnow++;
		else counts[slot(v.level)] += 1;
	}
	return { shown: true, voters, counts, dontKnow, belowThreshold: !enough };
}

/** The levels most voted for (several on a tie; none when nobody gave a level). */
function mostVoted(votes: readonly Vote[]): StageId[] {
	const counts: [number, number, number, number] = [0, 0, 0, 0];
	for (const v of votes) if (v.level !== null) counts[slot(v.level)] += 1;
	const top = Math.max(...counts);
	return top === 0 ? [] : ([1, 2, 3, 4] as const).filter((l) => counts[l - 1] === top);
}

/** One line of the workshop record. */
export interface QuestionRecordLine {
	questionId: string;
	areaId: string;
	/** Null when the workshop never got to record the question. */
	outcome: RecordOutcome | null;
	level: StageId | null;
	reason: string | null;
	/** The first vote's distribution. */
	first: Distribution;
	/** The second vote's, or null when the vote was not re-opened. */
	final: Distribution | null;
	/**
	 * The room changed its mind: the most voted level(s) of the second vote differ from the first's,
	 * or the level agreed is not among the first vote's most voted.
	 */
	changedMind: boolean;
}

/** The workshop's record, question by question in the order run, built from counts only. */
export function workshopRecordOf(
	state: WorkshopState,
	votes: readonly Vote[]
): QuestionRecordLine[] {
	return state.steps.flatMap((step) =>
		step.questionIds.map((questionId) => {
			const ofQuestion = votes.filter((v) => v.questionId === questionId);
			const round1 = ofQuestion.filter((v) => v.voteRound === 1);
			const round2 = ofQuestion.filter((v) => v.voteRound === 2);
			const record = state.records[questionId];
			const reopened =
				round2.length > 0 ||
				record?.voteRound === 2 ||
				(currentQuestions(state).includes(questionId) && state.voteRound === 2);
			const firstTop = mostVoted(round1);
			const sameLevels = (a: StageId[], b: StageId[]) =>
				a.length === b.length && a.every((l, i) => l === b[i]);
			const changedMind =
				(round2.length > 0 && !sameLevels(firstTop, mostVoted(round2))) ||
				(record?.outcome === 'agreed' &&
					firstTop.length > 0 &&
					!firstTop.includes(record.level as StageId));
			return {
				questionId,
				areaId: step.areaId,
				outcome: record?.outcome ?? null,
				level: record?.level ?? null,
				reason: record?.reason ?? null,
				first: distributionOf(round1, state.threshold, state.smallGroupOptIn),
				final: reopened ? distributionOf(round2, state.threshold, state.smallGroupOptIn) : null,
				changedMind
			};
		})
	);
}
