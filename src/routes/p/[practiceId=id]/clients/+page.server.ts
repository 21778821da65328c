import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { byName } from '$lib/format';
import { SECTORS } from '$lib/domain/sectors';
import { SIZE_BAND_IDS } from '$lib/domain/size-bands';
import {
	createClientOrganisation,
	createPracticeInvite,
	listPracticeClients
} from '$lib/server/db/practices';
import {
	nameField,
	optionalSectorField,
	optionalSizeBandField,
	parseForm
} from '$lib/server/forms';
import { openInvites, revokeInviteAction } from '$lib/server/practice-invites';
import { requirePractice } from '$lib/server/practice-guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/** The invitations this page makes and revokes. */
const CLIENT_INVITES = ['client'] as const;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const context = await requirePractice(locals, url, params.practiceId, 'view');
	const [list, invites] = await Promise.all([
		listPracticeClients(context.db, [params.practiceId]),
		// Open client invitations are for those who may make and revoke them.
		openInvites(context, CLIENT_INVITES, 'inviteClient')
	]);
	const clients = list.sort((a, b) => byName()(a.name, b.name));
	return {
		invites,
		clients: clients.map((c) => ({
			id: c.id,
			name: c.name,
			sector: c.sector,
			sizeBand: c.sizeBand
		})),
		sectors: SECTORS,
		sizeBands: SIZE_BAND_IDS
	};
};

const clientSchema = z.object({
	name: nameField,
	sector: optionalSectorField,
	sizeBand: optionalSizeBandField
});

export const actions: Actions = {
	/** A new organisation, a client of the practice from the start, with no members of its own. */
	create: async ({ locals, url, params, request }) => {
		const { db } = await requirePractice(locals, url, params.practiceId, 'createClient');
		const form = parseForm(clientSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message, errors: form.errors });
		const organisation = await createClientOrganisation(db, {
			practiceId: params.practiceId,
			...form.data
		});
		redirect(303, `/o/${organisation.id}`);
	},
	/** A link an owner of an existing organisation accepts to make it a client. */
	invite: async ({ locals, url, params }) => {
		const { db, user } = await requirePractice(locals, url, params.practiceId, 'inviteClient');
		const invite = await createPracticeInvite(db, {
			practiceId: params.practiceId,
			kind: 'client',
			createdBy: user.id
		});
		return {
			ok: true,
			message: m.practice_invite_created(),
			inviteUrl: `${url.origin}/practice-invite/${invite.token}`
		};
	},
	/** A client invitation not yet accepted stops working. */
	revoke: (event) => revokeInviteAction(event, CLIENT_INVITES, 'inviteClient')
};
