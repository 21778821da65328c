import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { ROLES } from '$lib/domain/permissions';
import {
	createMemberInvite,
	listMembers,
	removeMember,
	setMemberRole
} from '$lib/server/db/organisations';
import { parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, user } = await requireMember(locals, url, params.orgId);
	return { members: await listMembers(db, params.orgId), me: user.id, origin: url.origin };
};

const roleField = z.enum(ROLES, { error: () => m.members_unknown_role() });

export const actions: Actions = {
	invite: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageMembers');
		const form = parseForm(z.object({ role: roleField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const invite = await createMemberInvite(db, {
			organisationId: params.orgId,
			role: form.data.role,
			createdBy: user.id
		});
		return {
			ok: true,
			message: m.members_invite_created(),
			inviteUrl: `${url.origin}/invite/${invite.token}`,
			role: form.data.role
		};
	},
	setRole: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageMembers');
		const form = parseForm(
			z.object({ userId: z.string().min(1), role: roleField }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const result = await setMemberRole(db, params.orgId, form.data.userId, form.data.role);
		if (result === 'not-found') return fail(404, { message: m.members_unknown() });
		if (result === 'last-owner') return fail(400, { message: m.members_last_owner() });
		return { ok: true, message: m.members_role_changed() };
	},
	remove: async ({ locals, url, params, request }) => {
		const { db } = await requireMember(locals, url, params.orgId, 'manageMembers');
		const form = parseForm(z.object({ userId: z.string().min(1) }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const result = await removeMember(db, params.orgId, form.data.userId);
		if (result === 'not-found') return fail(404, { message: m.members_unknown() });
		if (result === 'last-owner') return fail(400, { message: m.members_last_owner() });
		return { ok: true, message: m.members_removed() };
	}
};
