import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { accountLimiter, clearSessionCookie, lucia, startSession } from '$lib/server/auth';
import { changePasswordSchema, fieldErrors, formFields } from '$lib/server/auth/forms';
import { hashPassword, verifyPassword } from '$lib/server/auth/password';
import { database } from '$lib/server/db';
import { getPasswordHash, updatePasswordHash } from '$lib/server/db/users';
import type { Actions, PageServerLoad } from './$types';

const SIGN_IN = '/signin?next=/account';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, SIGN_IN);
	return { user: { displayName: locals.user.displayName, email: locals.user.email } };
};

export const actions: Actions = {
	changePassword: async ({ request, locals, cookies, url }) => {
		if (!locals.user) redirect(303, SIGN_IN);
		const userId = locals.user.id;
		const parsed = changePasswordSchema.safeParse(formFields(await request.formData()));
		if (!parsed.success) {
			return fail(400, {
				action: 'changePassword' as const,
				message: m.auth_error_invalid(),
				errors: fieldErrors(parsed.error)
			});
		}

		// A stolen session must not become a way to guess the password, so guesses are limited here too.
		const limitKey = `password:user:${userId}`;
		if (accountLimiter.isLimited(limitKey)) {
			return fail(429, {
				action: 'changePassword' as const,
				message: m.auth_error_too_many_attempts(),
				errors: {}
			});
		}
		const { db } = await database();
		const currentHash = await getPasswordHash(db, userId);
		if (!currentHash || !(await verifyPassword(currentHash, parsed.data.currentPassword))) {
			accountLimiter.hit(limitKey);
			return fail(400, {
				action: 'changePassword' as const,
				message: m.auth_error_invalid(),
				errors: { currentPassword: m.auth_error_current_password_wrong() }
			});
		}
		accountLimiter.reset(limitKey);

		await updatePasswordHash(db, userId, await hashPassword(parsed.data.newPassword));
		// Whoever else holds a session (perhaps the reason for the change) is signed out; this browser
		// gets a new session, so the old session id is worthless too.
		await (await lucia()).invalidateUserSessions(userId);
		await startSession(userId, cookies, url);
		return {
			action: 'changePassword' as const,
			success: true,
			message: m.auth_account_password_changed()
		};
	},

	signOutEverywhere: async ({ locals, cookies, url }) => {
		if (!locals.user) redirect(303, SIGN_IN);
		await (await lucia()).invalidateUserSessions(locals.user.id);
		await clearSessionCookie(cookies, url);
		redirect(303, '/signin');
	}
};
