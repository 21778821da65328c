import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import {
	beginPasswordCheck,
	clearSessionCookie,
	lucia,
	passwordCheckSucceeded,
	startSession
} from '$lib/server/auth';
import { changePasswordSchema, deleteAccountSchema } from '$lib/server/auth/forms';
import { hashPassword, verifyPassword } from '$lib/server/auth/password';
import { database } from '$lib/server/db';
import { deleteAccount, planAccountDeletion } from '$lib/server/db/account-deletion';
import type { Db } from '$lib/server/db/connection';
import { getPasswordHash, updatePasswordHash } from '$lib/server/db/users';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const SIGN_IN = '/signin?next=/account';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) redirect(303, SIGN_IN);
	const { db } = await database();
	const plan = await planAccountDeletion(db, locals.user.id);
	return {
		user: { displayName: locals.user.displayName, email: locals.user.email },
		deletion: plan
	};
};

/**
 * Checks a signed-in person's current password, throttled so that a stolen session is no way to
 * guess it: 'ok', 'wrong', or how long to wait.
 */
async function checkCurrentPassword(
	db: Db,
	userId: string,
	password: string
): Promise<'ok' | 'wrong' | { retryAfterSeconds: number; message: string }> {
	const throttled = await beginPasswordCheck(db, userId);
	if (throttled) return throttled;
	const currentHash = await getPasswordHash(db, userId);
	if (!currentHash || !(await verifyPassword(currentHash, password))) return 'wrong';
	await passwordCheckSucceeded(db, userId);
	return 'ok';
}

export const actions: Actions = {
	changePassword: async ({ request, locals, cookies, url, setHeaders }) => {
		if (!locals.user) redirect(303, SIGN_IN);
		const userId = locals.user.id;
		const parsed = parseForm(changePasswordSchema, await request.formData());
		if (!parsed.ok) {
			return fail(400, {
				action: 'changePassword' as const,
				message: m.auth_error_invalid(),
				errors: parsed.errors
			});
		}

		const { db } = await database();
		const check = await checkCurrentPassword(db, userId, parsed.data.currentPassword);
		if (typeof check === 'object') {
			setHeaders({ 'retry-after': String(check.retryAfterSeconds) });
			return fail(429, { action: 'changePassword' as const, message: check.message, errors: {} });
		}
		if (check === 'wrong') {
			return fail(400, {
				action: 'changePassword' as const,
				message: m.auth_error_invalid(),
				errors: { currentPassword: m.auth_error_current_password_wrong() }
			});
		}

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
	},

	deleteAccount: async ({ request, locals, cookies, url, setHeaders }) => {
		if (!locals.user) redirect(303, SIGN_IN);
		const userId = locals.user.id;
		const parsed = parseForm(deleteAccountSchema, await request.formData());
		if (!parsed.ok) {
			return fail(400, {
				action: 'deleteAccount' as const,
				message: m.auth_error_invalid(),
				errors: parsed.errors
			});
		}

		const { db } = await database();
		const check = await checkCurrentPassword(db, userId, parsed.data.deletePassword);
		if (typeof check === 'object') {
			setHeaders({ 'retry-after': String(check.retryAfterSeconds) });
			return fail(429, { action: 'deleteAccount' as const, message: check.message, errors: {} });
		}
		if (check === 'wrong') {
			return fail(400, {
				action: 'deleteAccount' as const,
				message: m.auth_error_invalid(),
				errors: { deletePassword: m.auth_error_current_password_wrong() }
			});
		}

		const result = await deleteAccount(db, userId, {
			deleteSubmittedAnswers: parsed.data.deleteAnswers
		});
		if (!result.deleted) {
			const list = (items: Array<{ name: string }>) =>
				new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(items.map((o) => o.name));
			const reasons = [
				...(result.lastOwnerOf.length > 0
					? [m.auth_account_delete_refused({ names: list(result.lastOwnerOf) })]
					: []),
				...(result.lastPartnerOf.length > 0
					? [m.auth_account_delete_refused_partner({ names: list(result.lastPartnerOf) })]
					: [])
			];
			return fail(409, {
				action: 'deleteAccount' as const,
				message: reasons.join(' '),
				errors: {}
			});
		}

		// The sessions went with the account; this browser forgets its cookie too.
		await clearSessionCookie(cookies, url);
		redirect(303, '/?account=deleted');
	}
};
