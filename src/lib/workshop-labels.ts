/** Words for a live workshop's states and numbers, in the reader's language (pages only). */
import { m } from '$lib/paraglide/messages';
import type { WorkshopStatus } from '$lib/domain/workshop';
import type { RoomQuestion, RoomView } from '$lib/domain/workshop-view';

export function workshopStatusLabel(status: WorkshopStatus): string {
	return {
		lobby: m.workshop_status_lobby,
		open: m.workshop_status_open,
		revealed: m.workshop_status_revealed,
		recorded: m.workshop_status_recorded,
		paused: m.workshop_status_paused,
		ended: m.workshop_status_ended
	}[status]();
}

/** "Step 3 of 12 · vote round 2". */
export function stepLabel(view: Pick<RoomView, 'position' | 'stepCount' | 'voteRound'>): string {
	const step = m.workshop_step_of({ step: view.position + 1, total: view.stepCount });
	return view.voteRound === 2 ? `${step} · ${m.workshop_vote_round_2()}` : step;
}

/** "5 of 12 voted". */
export const votedLabel = (question: Pick<RoomQuestion, 'voted'>, participants: number) =>
	m.workshop_voted_of({ voted: question.voted, total: participants });

/** What the room recorded for a question, in words. */
export function recordLabel(record: NonNullable<RoomQuestion['record']>): string {
	if (record.outcome === 'agreed' && record.level !== null)
		return m.workshop_live_agreed_level({ level: record.level });
	if (record.outcome === 'skipped') return m.workshop_record_skipped();
	return m.workshop_record_no_agreement();
}

export function outcomeLabel(outcome: 'agreed' | 'no-agreement' | 'skipped' | null): string {
	if (outcome === 'agreed') return m.workshop_outcome_agreed();
	if (outcome === 'no-agreement') return m.workshop_outcome_no_agreement();
	if (outcome === 'skipped') return m.workshop_outcome_skipped();
	return m.workshop_outcome_open();
}
