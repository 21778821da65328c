import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { addressLimiter, lucia, startSession } from '$lib/server/auth';
import { echo, fieldErrors, formFields, nextPath, signUpSchema } from '$lib/server/auth/forms';
import { hashPassword } from '$lib/server/auth/password';
import { database } from '$lib/server/db';
import { createUser } from '$lib/server/db/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, nextPath(url));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const input = formFields(await request.formData());
		// Never the password: only these go back into the form.
		const fields = { email: echo(input.email), displayName: echo(input.displayName, 200) };
		const addressKey = `signup:ip:${getClientAddress()}`;
		if (addressLimiter.isLimited(addressKey)) {
			return fail(429, { message: m.auth_error_too_many_attempts(), fields, errors: {} });
		}

		const parsed = signUpSchema.safeParse(input);
		if (!parsed.success) {
			return fail(400, {
				message: m.auth_error_invalid(),
				fields,
				errors: fieldErrors(parsed.error)
			});
		}

		// Hashed before the insert whether or not the email is taken, so both answers take as long.
		const passwordHash = await hashPassword(parsed.data.password);
		const { db } = await database();
		const user = await createUser(db, { ...parsed.data, passwordHash });
		if (!user) {
			// Counted so that one address cannot walk a list of emails to learn who has an account.
			addressLimiter.hit(addressKey);
			return fail(400, { message: m.auth_error_email_exists(), fields, errors: {} });
		}

		// Someone signed in who creates another account leaves the old session behind, not open.
		if (locals.session) await (await lucia()).invalidateSession(locals.session.id);
		await startSession(user.id, cookies, url);
		redirect(303, nextPath(url));
	}
};
