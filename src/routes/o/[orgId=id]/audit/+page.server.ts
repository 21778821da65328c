/**
 * The organisation's audit log, for owners: newest first, filtered by kind of change, person and
 * dates, all kept in the address (a GET form), and paged with an "Older" link carrying a cursor.
 */
import { auditList } from '$lib/server/audit-list';
import { listAuditEvents, listAuditFacets } from '$lib/server/db/audit';
import { requireMember } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD day that exists, or undefined. */
function day(value: string | null): string | undefined {
	if (!value || !DAY.test(value)) return undefined;
	const time = Date.parse(`${value}T00:00:00Z`);
	return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value
		? value
		: undefined;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId, 'audit');
	const q = url.searchParams;
	const text = (name: string) => q.get(name)?.trim() || undefined;
	const filter = {
		action: text('action'),
		actor: text('actor'),
		from: day(q.get('from')),
		to: day(q.get('to'))
	};
	const badDate = (!!text('from') && !filter.from) || (!!text('to') && !filter.to);
	const [page, facets] = await Promise.all([
		listAuditEvents(db, params.orgId, {
			action: filter.action,
			actorId: filter.actor,
			from: filter.from,
			to: filter.to,
			before: text('before'),
			limit: PAGE_SIZE
		}),
		listAuditFacets(db, params.orgId)
	]);

	// The same filter, on another page of it.
	const href = (before: string | null) => {
		const next = new URLSearchParams();
		for (const [key, value] of Object.entries(filter)) if (value) next.set(key, value);
		if (before) next.set('before', before);
		const query = next.toString();
		return query ? `?${query}` : url.pathname;
	};

	return {
		filter,
		badDate,
		actions: facets.actions,
		actors: facets.actors,
		events: auditList(page.events, 'label'),
		olderHref: page.nextCursor ? href(page.nextCursor) : null,
		newestHref: text('before') ? href(null) : null
	};
};
