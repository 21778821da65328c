/**
 * How the pages that list changes show them: the organisation's audit log, the practice's log on
 * its settings page, and the times of the organisation's API tokens. One time format for all of
 * them, and one reading of an audit event as a row of a list.
 */
import { auditChanges, type AuditChange } from '$lib/domain/audit';
import { getLocale } from '$lib/paraglide/runtime';
import type { AuditEvent } from '$lib/server/db/audit';

/**
 * A moment as the log pages give it, in the reader's language, to the minute and in UTC (so two
 * readers in different zones read the same): "3 Feb 2026, 14:05 UTC".
 */
export function timeFormat(locale: string = getLocale()): (iso: string) => string {
	const format = new Intl.DateTimeFormat(locale, {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'UTC',
		timeZoneName: 'short'
	});
	return (iso) => format.format(new Date(iso));
}

/** One change in a log: when (ISO and in words), who, what, about whom or what, and the values. */
export interface AuditListItem {
	id: string;
	at: string;
	when: string;
	actorName: string | null;
	action: string;
	/** Who or what the change is about, as it was called then; null when the action says it all. */
	subjectLabel: string | null;
	changes: AuditChange[];
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
	typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;

/**
 * The events as a log page lists them, in the order given. Where the subject's name is kept is
 * the one difference between the logs: an organisation's events carry it as their label
 * (`'label'`); a practice's people events name the person under `person` in the values before or
 * after (`'person'`), which says who, not what changed, so it is not listed as a change.
 */
export function auditList(events: AuditEvent[], subject: 'label' | 'person'): AuditListItem[] {
	const when = timeFormat();
	return events.map((e) => {
		let subjectLabel = e.subjectLabel;
		let before = e.before;
		let after = e.after;
		if (subject === 'person') {
			const { person: personBefore, ...restBefore } = asRecord(e.before) ?? {};
			const { person: personAfter, ...restAfter } = asRecord(e.after) ?? {};
			const person = personAfter ?? personBefore;
			subjectLabel = typeof person === 'string' ? person : null;
			before = e.before === null ? null : restBefore;
			after = e.after === null ? null : restAfter;
		}
		return {
			id: e.id,
			at: e.createdAt,
			when: when(e.createdAt),
			actorName: e.actorName,
			action: e.action,
			subjectLabel,
			changes: auditChanges(before, after)
		};
	});
}
