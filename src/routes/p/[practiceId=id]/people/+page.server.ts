import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { byName } from '$lib/format';
import { canInPractice, PRACTICE_ROLES, type PracticeRole } from '$lib/domain/practice-permissions';
import {
	createPracticeInvite,
	listOpenPracticeInvites,
	listPracticeMembers,
	removePracticeMember,
	revokePracticeInvite,
	setPracticeMemberRole
} from '$lib/server/db/practices';
import { getLocale } from '$lib/paraglide/runtime';
import { parseForm } from '$lib/server/forms';
import { requirePractice } from '$lib/server/practice-guards';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, user, role } = await requirePractice(locals, url, params.practiceId, 'view');
	const [members, invites] = await Promise.all([
		listPracticeMembers(db, params.practiceId),
		// Open invitations are for those who may make and revoke them.
		canInPractice(role, 'managePeople')
			? listOpenPracticeInvites(db, params.practiceId, PRACTICE_ROLES)
			: []
	]);
	const people = members.sort((a, b) => byName()(a.displayName, b.displayName));
	const day = new Intl.DateTimeFormat(getLocale(), {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC'
	});
	return {
		people,
		me: user.id,
		invites: invites.map((i) => ({
			id: i.id,
			role: i.kind as PracticeRole,
			expires: day.format(new Date(i.expiresAt)),
			createdByName: i.createdByName
		}))
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
	revoke: async ({ locals, url, params, request }) => {
		const { db, user } = await requirePractice(locals, url, params.practiceId, 'managePeople');
		const form = parseForm(
			z.object({ inviteId: z.string().regex(/^[a-f0-9]{64}$/) }),
			await request.formData()
		);
		if (!form.ok) return fail(400, { message: m.practice_invite_not_open() });
		const result = await revokePracticeInvite(db, {
			practiceId: params.practiceId,
			inviteId: form.data.inviteId,
			kinds: PRACTICE_ROLES,
			actorId: user.id
		});
		if (result !== 'ok') return fail(404, { message: m.practice_invite_not_open() });
		return { ok: true, message: m.practice_invite_revoked() };
	},
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
