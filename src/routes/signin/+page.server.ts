import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { accountLimiter, addressLimiter, lucia, startSession } from '$lib/server/auth';
import { echo, fieldErrors, formFields, nextPath, signInSchema } from '$lib/server/auth/forms';
import { dummyPasswordHash, verifyPassword } from '$lib/server/auth/password';
import { database } from '$lib/server/db';
import { getUserCredentials, normaliseEmail } from '$lib/server/db/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, nextPath(url));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const input = formFields(await request.formData());
		// Never the password: only the email goes back into the form.
		const fields = { email: echo(input.email) };
		const parsed = signInSchema.safeParse(input);
		if (!parsed.success) {
			return fail(400, {
				message: m.auth_error_invalid(),
				fields,
				errors: fieldErrors(parsed.error)
			});
		}

		const addressKey = `signin:ip:${getClientAddress()}`;
		const accountKey = `signin:email:${normaliseEmail(parsed.data.email)}`;
		// Checked before the password, so that a locked account cannot be probed with more guesses.
		if (addressLimiter.isLimited(addressKey) || accountLimiter.isLimited(accountKey)) {
			return fail(429, { message: m.auth_error_too_many_attempts(), fields, errors: {} });
		}

		const { db } = await database();
		const user = await getUserCredentials(db, parsed.data.email);
		// An unknown email is checked against a dummy hash so that it takes as long as a wrong password.
		const valid = await verifyPassword(
			user?.passwordHash ?? (await dummyPasswordHash()),
			parsed.data.password
		);
		if (!user || !valid) {
			addressLimiter.hit(addressKey);
			accountLimiter.hit(accountKey);
			return fail(400, { message: m.auth_error_credentials(), fields, errors: {} });
		}

		accountLimiter.reset(accountKey);
		if (locals.session) await (await lucia()).invalidateSession(locals.session.id);
		await startSession(user.id, cookies, url);
		redirect(303, nextPath(url));
	}
};
