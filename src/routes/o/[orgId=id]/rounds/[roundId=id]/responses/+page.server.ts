import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { responseReviewView } from '$lib/domain/round-page';
import { m } from '$lib/paraglide/messages';
import { getRound, listResponseLinks } from '$lib/server/db/rounds';
import { recordAudit } from '$lib/server/db/audit';
import { inTransaction, type Db } from '$lib/server/db/connection';
import {
	deleteResponse,
	getReviewedResponse,
	listResponsesForReview,
	setResponseExcluded
} from '$lib/server/db/responses';
import { parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PAGE_SIZE = 50;

/** `?link=<token>&page=<n>`: a link of this round (anything else shows every response) and a page. */
const querySchema = z.object({
	link: z.string().max(100).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId, 'reviewResponses');
	const round = await getRound(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	const query = querySchema.parse(Object.fromEntries(url.searchParams));
	const links = await listResponseLinks(db, params.orgId, params.roundId);
	// Only a link of this round filters; another round's or organisation's token shows everything.
	const linkToken = links.some((l) => l.token === query.link) ? query.link! : null;
	const { rows, total } = await listResponsesForReview(db, params.orgId, params.roundId, {
		linkToken,
		limit: PAGE_SIZE,
		offset: (query.page - 1) * PAGE_SIZE
	});
	return responseReviewView({
		round,
		links,
		responses: rows,
		total,
		page: query.page,
		pageSize: PAGE_SIZE,
		linkToken
	});
};

export const actions: Actions = {
	exclude: (event) => review(event, 'exclude'),
	include: (event) => review(event, 'include'),
	delete: (event) => review(event, 'delete')
};

/** Excludes, includes again or deletes one response of this round: owners only, in the audit log. */
async function review(
	{ locals, url, params, request }: RequestEvent,
	change: 'exclude' | 'include' | 'delete'
) {
	const { db, user } = await requireMember(locals, url, params.orgId, 'reviewResponses');
	const form = parseForm(
		z.object({ responseId: z.string().min(1, m.review_unknown()).max(100, m.review_unknown()) }),
		await request.formData()
	);
	if (!form.ok) return fail(400, { message: form.message });
	const { responseId } = form.data;
	const done = await inTransaction(db, async (trx) => {
		const described = await describeResponse(trx, params.orgId, params.roundId, responseId);
		if (!described) return false;
		if (change === 'delete') await deleteResponse(trx, params.orgId, params.roundId, responseId);
		else
			await setResponseExcluded(
				trx,
				params.orgId,
				params.roundId,
				responseId,
				change === 'exclude'
			);
		if (change === 'delete' || described.excluded !== (change === 'exclude'))
			await recordAudit(trx, {
				organisationId: params.orgId,
				actorId: user.id,
				action: `response.${change}`,
				subjectType: 'response',
				subjectId: responseId,
				subjectLabel: described.label,
				before: { excluded: described.excluded },
				after: change === 'delete' ? null : { excluded: change === 'exclude' }
			});
		return true;
	});
	if (!done) return fail(404, { message: m.review_unknown() });
	return {
		ok: true,
		message:
			change === 'delete'
				? m.review_deleted()
				: change === 'exclude'
					? m.review_excluded()
					: m.review_included()
	};
}

/** A response of this round as the audit log names it: its round, group and day, never its answers. */
async function describeResponse(db: Db, orgId: string, roundId: string, responseId: string) {
	const [round, links, found] = await Promise.all([
		getRound(db, orgId, roundId),
		listResponseLinks(db, orgId, roundId),
		getReviewedResponse(db, orgId, roundId, responseId)
	]);
	if (!round || !found) return undefined;
	const link = links.find((l) => l.token === found.linkToken);
	const source = found.linkToken
		? `${link?.departmentName ?? m.links_any_department()} · ${link?.roleLevelName ?? m.links_any_role_level()}`
		: m.review_own_response();
	return { excluded: found.excluded, label: `${round.name} · ${source} · ${found.startedOn}` };
}
