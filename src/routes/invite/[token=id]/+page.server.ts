import { error, fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { acceptMemberInvite, getMemberInvite } from '$lib/server/db/member-invites';
import { requireUser } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = await database();
	const invite = await getMemberInvite(db, params.token);
	if (!invite) error(404, { message: 'Not found' });
	return {
		organisationName: invite.organisation.name,
		role: invite.role,
		usable: invite.usable,
		signedIn: !!locals.user
	};
};

export const actions: Actions = {
	default: async ({ params, locals, url }) => {
		const user = requireUser(locals, url);
		const { db } = await database();
		const result = await acceptMemberInvite(db, params.token, user.id);
		if (result === 'invalid') return fail(410, { message: m.invite_used() });
		redirect(303, `/o/${result.organisationId}`);
	}
};
