import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { recordAudit } from '$lib/server/db/audit';
import {
	acceptPracticeInvite,
	getPracticeInvite,
	listOwnedOrganisationsWithoutPractice
} from '$lib/server/db/practices';
import { parseForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = await database();
	const invite = await getPracticeInvite(db, params.token);
	if (!invite) error(404, { message: 'Not found' });
	return {
		practiceName: invite.practice.name,
		kind: invite.kind,
		usable: invite.usable,
		signedIn: !!locals.user,
		// A client invitation is accepted for one of the organisations the person owns.
		organisations:
			invite.usable && invite.kind === 'client' && locals.user
				? await listOwnedOrganisationsWithoutPractice(db, locals.user.id)
				: []
	};
};

/** A client invitation names the organisation; one for a partner or consultant names none. */
const acceptSchema = z.object({
	organisationId: z
		.string()
		.max(64)
		.optional()
		.transform((v) => (v ? v : null))
});

export const actions: Actions = {
	default: async ({ params, locals, url, request }) => {
		const user = requireUser(locals, url);
		const form = parseForm(acceptSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { db } = await database();
		const { organisationId } = form.data;
		const result = await db.transaction().execute(async (trx) => {
			const accepted = await acceptPracticeInvite(trx, params.token, user.id, organisationId);
			if (typeof accepted === 'object' && accepted.organisationId) {
				const practice = await getPracticeInvite(trx, params.token);
				await recordAudit(trx, {
					organisationId: accepted.organisationId,
					actorId: user.id,
					action: 'practice.client',
					subjectType: 'practice',
					subjectId: accepted.practiceId,
					subjectLabel: practice?.practice.name ?? null,
					before: { practice: null },
					after: { practice: practice?.practice.name ?? null }
				});
			}
			return accepted;
		});
		if (result === 'invalid') return fail(410, { message: m.practice_invite_used() });
		if (result === 'wrong-kind') return fail(400, { message: m.practice_invite_wrong_kind() });
		if (result === 'not-owner') return fail(403, { message: m.practice_invite_not_owner() });
		if (result === 'taken') return fail(409, { message: m.practice_invite_taken() });
		redirect(
			303,
			result.organisationId ? `/o/${result.organisationId}` : `/p/${result.practiceId}`
		);
	}
};
