/**
 * Deleting a round, for owners: the page counts what goes, and the round's name typed exactly
 * confirms. The deletion is recorded in the organisation's audit log (which stays).
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { countRoundContents, deleteRound, getRound } from '$lib/server/db/rounds';
import { recordAudit } from '$lib/server/db/audit';
import { confirmNameSchema, parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = await requireMember(locals, url, params.orgId, 'erase');
	const round = await getRound(db, params.orgId, params.roundId);
	if (!round) error(404, { message: 'Not found' });
	return {
		round: { id: round.id, name: round.name },
		contents: await countRoundContents(db, params.orgId, round.id)
	};
};

export const actions: Actions = {
	delete: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'erase');
		const round = await getRound(db, params.orgId, params.roundId);
		if (!round) error(404, { message: 'Not found' });
		const form = parseForm(
			confirmNameSchema(round.name, () => m.round_delete_mismatch()),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		await db.transaction().execute(async (trx) => {
			const contents = await countRoundContents(trx, params.orgId, round.id);
			await recordAudit(trx, {
				organisationId: params.orgId,
				actorId: user.id,
				action: 'round.delete',
				subjectType: 'round',
				subjectId: round.id,
				subjectLabel: round.name,
				before: {
					name: round.name,
					status: round.status,
					threshold: round.anonymityThreshold,
					responses: contents.responses
				},
				after: null
			});
			await deleteRound(trx, params.orgId, round.id);
		});
		redirect(303, `/o/${params.orgId}?deleted=round`);
	}
};
