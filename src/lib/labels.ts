/** Labels for values that come from code (roles, statuses), in the reader's language. */
import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/domain/permissions';

export function roleLabel(role: Role): string {
	return {
		owner: m.role_owner,
		facilitator: m.role_facilitator,
		member: m.role_member,
		viewer: m.role_viewer
	}[role]();
}

export function statusLabel(status: 'draft' | 'open' | 'closed'): string {
	return { draft: m.status_draft, open: m.status_open, closed: m.status_closed }[status]();
}

/** What a hidden group shows instead of its numbers. */
export function hiddenLabel(reason: 'below-threshold' | 'differencing' | null, threshold: number) {
	return reason === 'differencing'
		? m.group_hidden_differencing()
		: m.group_hidden_small({ threshold });
}

/** A perception gap in words: "Executive rate Voice of the customer a full stage higher than Frontline". */
export function gapSentence(gap: {
	kind: 'half' | 'one' | 'many';
	stages: number;
	area: string;
	higher: string;
	lower: string;
}): string {
	const values = { area: gap.area, higher: gap.higher, lower: gap.lower, stages: gap.stages };
	return { half: m.gap_half, one: m.gap_one, many: m.gap_many }[gap.kind](values);
}

/** A roadmap item's status. */
export function roadmapStatusLabel(status: 'planned' | 'in_progress' | 'done' | 'dropped') {
	return {
		planned: m.roadmap_status_planned,
		in_progress: m.roadmap_status_in_progress,
		done: m.roadmap_status_done,
		dropped: m.roadmap_status_dropped
	}[status]();
}

/** A count as shown: the number, or "fewer than N" when the view left it out (below the threshold). */
export const countLabel = (count: number | null, threshold: number): string =>
	count === null ? m.count_fewer_than({ threshold }) : String(count);
