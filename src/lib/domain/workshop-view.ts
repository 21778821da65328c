/**
 * What the screens of a live workshop show (issue 12), built for the asking role from the state,
 * the counts and the votes. Pure. The room view is what participants see; the presenter view adds
 * the join code; the control view adds what the facilitator drives with and the names people gave
 * when they joined. No view ever carries a participant's id or an individual vote, and a name is
 * never beside a vote: the control view lists the names apart, sorted, and counts votes per
 * question only. Counts leave through `distributionOf`, which hides a question's votes as "too
 * few" below the round's threshold unless the facilitator opted in.
 */
import type { InLocale, MaturityModel, StageId } from './model';
import {
	applyCommand,
	currentQuestions,
	distributionOf,
	TIMER_SECONDS,
	WORKSHOP_COMMANDS,
	type Distribution,
	type RecordOutcome,
	type Vote,
	type VoteRound,
	type WorkshopCommand,
	type WorkshopCommandType,
	type WorkshopState,
	type WorkshopStatus,
	type WorkshopTimer
} from './workshop';

/** A model with its texts in one language (`inLocale(model, locale)`). */
export type LocalModel = InLocale<MaturityModel>;

/** A distribution as a screen shows it, with where the room splits when it is shown. */
export type DistributionView = Distribution & {
	/** The lowest and highest level voted for, when they differ (the room is split); else null. */
	split?: { low: StageId; high: StageId } | null;
};

export interface RoomQuestion {
	id: string;
	text: string;
	hint: string | null;
	/** The four statements, level 1 first. */
	statements: Array<{ level: StageId; text: string }>;
	/** How many have voted on it in the current vote round. */
	voted: number;
	/** The current vote round's distribution, once revealed (or recorded); else null. */
	distribution: DistributionView | null;
	/** In vote round 2: the first round's distribution; else null. */
	firstDistribution: DistributionView | null;
	/** What the room agreed, once recorded. */
	record: { outcome: RecordOutcome; level: StageId | null; reason: string | null } | null;
}

export interface RoomView {
	workshopId: string;
	version: number;
	status: WorkshopStatus;
	pausedFrom: WorkshopState['pausedFrom'];
	/** The current step, 0-based. */
	position: number;
	stepCount: number;
	voteRound: VoteRound;
	/** How many have joined. */
	participants: number;
	/** The current step's area; null in the lobby and once ended. */
	area: { id: string; name: string } | null;
	/** The current step's questions; empty in the lobby and once ended. */
	questions: RoomQuestion[];
	smallGroupOptIn: boolean;
	threshold: number;
	/** The current step's timer (its deadline, counted down on each screen); null when none runs. */
	timer: WorkshopTimer | null;
}

/** The projector's screen: the room, and the code to join with (never any name). */
export interface PresenterView extends RoomView {
	joinCode: string;
}

export interface StepSummary {
	position: number;
	areaId: string;
	areaName: string;
	questions: Array<{ id: string; text: string; outcome: RecordOutcome | null }>;
}

export interface ControlView extends PresenterView {
	steps: StepSummary[];
	/** Which commands the state machine accepts now (a record: for the step's questions). */
	possible: Record<WorkshopCommandType, boolean>;
	/** Who joined: the names given, sorted (never with a vote), and how many gave none. */
	joined: { names: string[]; unnamed: number };
}

/** What the views are built from: one read of the workshop. */
export interface WorkshopSnapshot {
	workshop: { id: string; version: number; state: WorkshopState };
	counts: { participants: number; voted: Record<string, number> };
	votes: readonly Vote[];
	/** The names participants gave (only the control view lists them); absent: none read. */
	names?: readonly string[];
}

/** The levels with votes, lowest and highest, when the room did not all pick one level. */
function splitOf(distribution: Distribution): DistributionView['split'] {
	if (!distribution.shown) return null;
	const levels = ([1, 2, 3, 4] as const).filter((l) => distribution.counts[l - 1]! > 0);
	if (levels.length < 2) return null;
	return { low: levels[0]!, high: levels[levels.length - 1]! };
}

function distributionView(
	votes: readonly Vote[],
	questionId: string,
	round: VoteRound,
	state: WorkshopState
): DistributionView {
	const distribution = distributionOf(
		votes.filter((v) => v.questionId === questionId && v.voteRound === round),
		state.threshold,
		state.smallGroupOptIn
	);
	return distribution.shown ? { ...distribution, split: splitOf(distribution) } : distribution;
}

/** Whether the current vote round's result may be seen: after the reveal. */
function isRevealed(state: WorkshopState): boolean {
	return (
		state.status === 'revealed' ||
		state.status === 'recorded' ||
		(state.status === 'paused' && state.pausedFrom === 'revealed')
	);
}

const questionIndex = (model: LocalModel) =>
	new Map(model.areas.flatMap((area) => area.questions.map((q) => [q.id, { area, q }] as const)));

/** What participants and the presenter see. */
export function roomViewOf(snapshot: WorkshopSnapshot, model: LocalModel): RoomView {
	const { workshop, counts, votes } = snapshot;
	const state = workshop.state;
	const running = state.status !== 'lobby' && state.status !== 'ended';
	const step = running ? state.steps[state.position] : undefined;
	const index = questionIndex(model);
	const area = step ? model.areas.find((a) => a.id === step.areaId) : undefined;
	const revealed = isRevealed(state);
	const questions: RoomQuestion[] = (step ? currentQuestions(state) : []).flatMap((id) => {
		const found = index.get(id);
		if (!found) return [];
		const record = state.records[id];
		return [
			{
				id,
				text: found.q.text,
				hint: found.q.hint ?? null,
				statements: found.q.levels.map((text, i) => ({ level: (i + 1) as StageId, text })),
				voted: counts.voted[id] ?? 0,
				distribution: revealed ? distributionView(votes, id, state.voteRound, state) : null,
				firstDistribution: state.voteRound === 2 ? distributionView(votes, id, 1, state) : null,
				record: record
					? { outcome: record.outcome, level: record.level, reason: record.reason }
					: null
			}
		];
	});
	return {
		workshopId: workshop.id,
		version: workshop.version,
		status: state.status,
		pausedFrom: state.pausedFrom,
		position: state.position,
		stepCount: state.steps.length,
		voteRound: state.voteRound,
		participants: counts.participants,
		area: area ? { id: area.id, name: area.name } : null,
		questions,
		smallGroupOptIn: state.smallGroupOptIn,
		threshold: state.threshold,
		timer: state.timer
	};
}

/** What the presenter screen shows: the room view and the join code; no names. */
export function presenterViewOf(
	snapshot: WorkshopSnapshot & { workshop: { joinCode: string } },
	model: LocalModel
): PresenterView {
	return { ...roomViewOf(snapshot, model), joinCode: snapshot.workshop.joinCode };
}

/** A command of `type` as the control view would send it now (a record: for `questionId`). */
function probe(
	type: WorkshopCommandType,
	state: WorkshopState,
	questionId: string
): WorkshopCommand {
	const position = state.position;
	switch (type) {
		case 'start':
		case 'end':
			return { type };
		case 'record':
			return { type, position, questionId, outcome: 'no-agreement', reason: 'probe' };
		case 'timer':
			return { type, position, seconds: TIMER_SECONDS.min, now: 0 };
		default:
			return { type, position };
	}
}

/** Which commands `applyCommand` accepts in `state`: the buttons and the server cannot disagree. */
export function possibleCommands(state: WorkshopState): Record<WorkshopCommandType, boolean> {
	const questionId = currentQuestions(state)[0] ?? '';
	return Object.fromEntries(
		WORKSHOP_COMMANDS.map((type) => [type, applyCommand(state, probe(type, state, questionId)).ok])
	) as Record<WorkshopCommandType, boolean>;
}

/**
 * What the facilitator sees and drives with: the presenter view, progress, commands, and who
 * joined (names sorted in the reader's language, so the list tells nothing of when anyone joined).
 */
export function controlViewOf(
	snapshot: WorkshopSnapshot & { workshop: { joinCode: string } },
	model: LocalModel,
	locale = 'en'
): ControlView {
	const state = snapshot.workshop.state;
	const index = questionIndex(model);
	const steps = state.steps.map((step, position) => ({
		position,
		areaId: step.areaId,
		areaName: model.areas.find((a) => a.id === step.areaId)?.name ?? step.areaId,
		questions: step.questionIds.map((id) => ({
			id,
			text: index.get(id)?.q.text ?? id,
			outcome: state.records[id]?.outcome ?? null
		}))
	}));
	const names = [...(snapshot.names ?? [])].sort((a, b) => a.localeCompare(b, locale));
	return {
		...presenterViewOf(snapshot, model),
		steps,
		possible: possibleCommands(state),
		joined: { names, unnamed: Math.max(0, snapshot.counts.participants - names.length) }
	};
}
