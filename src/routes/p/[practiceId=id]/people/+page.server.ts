import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { byName } from '$lib/format';
import { PRACTICE_ROLES } from '$lib/domain/practice-permissions';
import {
	createPracticeInvite,
	listPracticeMembers,
	removePracticeMember,
	setPracticeMemberRole
} from '$lib/server/db/practices';
import { openInvites, revokeInviteAction } from '$lib/server/practice-invites';
import { parseForm } from '$lib/server/forms';
import { requirePractice } from '$lib/server/practice-guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const context = await requirePractice(locals, url, params.practiceId, 'view');
	const [members, invites] = await Promise.all([
		listPracticeMembers(context.db, params.practiceId),
		// Open invitations are for those who may make and revoke them.
		openInvites(context, PRACTICE_ROLES, 'managePeople')
	]);
	return {
		people: members.sort((a, b) => byName()(a.displayName, b.displayName)),
		me: context.user.id,
		invites
	};
};

const roleField = z.enum(PRACTICE_ROLES, { error: () => m.practice_unknown_role() });
const personSchema = z.object({ userId: z.string().min(1).max(64) });

const refusal = (result: 'not-found' | 'last-partner') =>
	result === 'last-partner'
		? fail(409, { message: m.practice_last_partner() })
		: fail(404, { message: m.practice_person_not_found() });

export const actions: Actions = {
	invite: async ({ locals, url, params, request }) => {
		const { db, user } = await requirePractice(locals, url, params.practiceId, 'managePeople');
		const form = parseForm(z.object({ role: roleField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const invite = await createPracticeInvite(db, {
			practiceId: params.practiceId,
			kind: form.data.role,
			createdBy: user.id
		});
		return {
			ok: true,
			message: m.practice_invite_created(),
			inviteUrl: `${url.origin}/practice-invite/${invite.token}`,
			role: form.data.role
		};
	},
	revoke: (event) => revokeInviteAction(event, PRACTICE_ROLES, 'managePeople'),
	setRole: async ({ locals, url, params, request }) => {
		const { db, user } = await requirePractice(locals, url, params.practiceId, 'managePeople');
		const form = parseForm(personSchema.extend({ role: roleField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const result = await setPracticeMemberRole(
			db,
			params.practiceId,
			form.data.userId,
			form.data.role,
			user.id
		);
		if (result !== 'ok') return refusal(result);
		return { ok: true, message: m.practice_role_changed() };
	},
	remove: async ({ locals, url, params, request }) => {
		const { db, user } = await requirePractice(locals, url, params.practiceId, 'managePeople');
		const form = parseForm(personSchema, await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const result = await removePracticeMember(db, params.practiceId, form.data.userId, user.id);
		if (result !== 'ok') return refusal(result);
		return { ok: true, message: m.practice_person_removed() };
	}
};
