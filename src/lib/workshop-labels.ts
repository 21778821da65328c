/**
 * Words for a live workshop's states and numbers, in the reader's language (the pages, and the PDF
 * where it says the same thing).
 */
import { m } from '$lib/paraglide/messages';
import type { WorkshopStatus } from '$lib/domain/workshop';
import type { RecordDistribution } from '$lib/domain/workshop-record';
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

/**
 * A shown distribution of the workshop record in words ("10 votes: level 1 4, …"): the results
 * page and the PDF say it with this one function, the PDF in the report's language (`options`).
 */
export function recordDistributionText(
	d: Extract<RecordDistribution, { shown: true }>,
	options?: Parameters<typeof m.workshop_record_distribution>[1]
): string {
	return m.workshop_record_distribution(
		{
			voters: d.voters,
			one: d.counts[0],
			two: d.counts[1],
			three: d.counts[2],
			four: d.counts[3],
			dontKnow: d.dontKnow
		},
		options
	);
}
