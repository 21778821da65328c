import { byName } from '$lib/format';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { ROLES } from '$lib/domain/permissions';
import { recordAudit } from '$lib/server/db/audit';
import { createMemberInvite } from '$lib/server/db/member-invites';
import { getMember, listMembers, removeMember, setMemberRole } from '$lib/server/db/members';
import { parseForm } from '$lib/server/forms';
import { requireMember, requireReader } from '$lib/server/guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, user } = await requireReader(locals, url, params.orgId);
	const members = (await listMembers(db, params.orgId)).sort((a, b) =>
		byName()(a.displayName, b.displayName)
	);
	return { members, me: user?.id ?? null, origin: url.origin };
};

const roleField = z.enum(ROLES, { error: () => m.members_unknown_role() });

export const actions: Actions = {
	invite: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageMembers');
		const form = parseForm(z.object({ role: roleField }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const invite = await db.transaction().execute(async (trx) => {
			const created = await createMemberInvite(trx, {
				organisationId: params.orgId,
				role: form.data.role,
				createdBy: user.id
			});
			await recordAudit(trx, {
				organisationId: params.orgId,
				actorId: user.id,
				action: 'member.invite',
				subjectType: 'invite',
				subjectId: null,
				after: { role: form.data.role }
			});
			return created;
		});
		return {
			ok: true,
			message: m.members_invite_created(),
			inviteUrl: `${url.origin}/invite/${invite.token}`,
			role: form.data.role
		};
	},
	setRole: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageMembers');
		const form = parseForm(
			z.object({ userId: z.string().min(1), role: roleField }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: form.message });
		const { userId, role } = form.data;
		const result = await db.transaction().execute(async (trx) => {
			const before = await getMember(trx, params.orgId, userId);
			const changed = await setMemberRole(trx, params.orgId, userId, role);
			if (changed === 'ok' && before && before.role !== role)
				await recordAudit(trx, {
					organisationId: params.orgId,
					actorId: user.id,
					action: 'member.role',
					subjectType: 'member',
					subjectId: userId,
					subjectLabel: before.displayName,
					before: { role: before.role },
					after: { role }
				});
			return changed;
		});
		if (result === 'not-found') return fail(404, { message: m.members_unknown() });
		if (result === 'last-owner') return fail(400, { message: m.members_last_owner() });
		return { ok: true, message: m.members_role_changed() };
	},
	remove: async ({ locals, url, params, request }) => {
		const { db, user } = await requireMember(locals, url, params.orgId, 'manageMembers');
		const form = parseForm(z.object({ userId: z.string().min(1) }), await request.formData());
		if (!form.ok) return fail(400, { message: form.message });
		const { userId } = form.data;
		const result = await db.transaction().execute(async (trx) => {
			const before = await getMember(trx, params.orgId, userId);
			const removed = await removeMember(trx, params.orgId, userId);
			if (removed === 'ok' && before)
				await recordAudit(trx, {
					organisationId: params.orgId,
					actorId: user.id,
					action: 'member.remove',
					subjectType: 'member',
					subjectId: userId,
					subjectLabel: before.displayName,
					before: { role: before.role },
					after: null
				});
			return removed;
		});
		if (result === 'not-found') return fail(404, { message: m.members_unknown() });
		if (result === 'last-owner') return fail(400, { message: m.members_last_owner() });
		return { ok: true, message: m.members_removed() };
	}
};
