import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { beginSignUp, lucia, startSession } from '$lib/server/auth';
import { echo, nextPath, signUpSchema } from '$lib/server/auth/forms';
import { hashPassword } from '$lib/server/auth/password';
import { database } from '$lib/server/db';
import { createUser } from '$lib/server/db/users';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, nextPath(url));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress, setHeaders }) => {
		const data = await request.formData();
		// Never the password: only these go back into the form.
		const fields = {
			email: echo(data.get('email')),
			displayName: echo(data.get('displayName'), 200)
		};
		const parsed = parseForm(signUpSchema, data);
		if (!parsed.ok) {
			return fail(400, { message: m.auth_error_invalid(), fields, errors: parsed.errors });
		}

		// Every complete sign-up counts against the address, whether or not the email is taken, so
		// that the budget running out tells nothing about which emails have accounts.
		const { db } = await database();
		const throttled = await beginSignUp(db, getClientAddress());
		if (throttled) {
			setHeaders({ 'retry-after': String(throttled.retryAfterSeconds) });
			return fail(429, { message: throttled.message, fields, errors: {} });
		}

		// Hashed before the insert whether or not the email is taken, so both answers take as long.
		const passwordHash = await hashPassword(parsed.data.password);
		const user = await createUser(db, { ...parsed.data, passwordHash });
		if (!user) {
			// Worded so as not to say that the email has an account (see the threat model).
			return fail(400, { message: m.auth_error_signup_refused(), fields, errors: {} });
		}

		// Someone signed in who creates another account leaves the old session behind, not open.
		if (locals.session) await (await lucia()).invalidateSession(locals.session.id);
		await startSession(user.id, cookies, url);
		redirect(303, nextPath(url));
	}
};
