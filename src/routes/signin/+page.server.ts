import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { beginSignIn, lucia, signInSucceeded, startSession } from '$lib/server/auth';
import { echo, nextPath, signInSchema } from '$lib/server/auth/forms';
import { dummyPasswordHash, verifyPassword } from '$lib/server/auth/password';
import { database } from '$lib/server/db';
import { getUserCredentials } from '$lib/server/db/users';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, nextPath(url));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress, setHeaders }) => {
		const data = await request.formData();
		// Never the password: only the email goes back into the form.
		const fields = { email: echo(data.get('email')) };
		const parsed = parseForm(signInSchema, data);
		if (!parsed.ok) {
			return fail(400, { message: m.auth_error_invalid(), fields, errors: parsed.errors });
		}

		const { db } = await database();
		const address = getClientAddress();
		// Asked before the password is checked, so that a delayed pair cannot be probed with more
		// guesses; the same for e-mails without an account, so the answer does not tell them apart.
		const throttled = await beginSignIn(db, parsed.data.email, address);
		if (throttled) {
			setHeaders({ 'retry-after': String(throttled.retryAfterSeconds) });
			return fail(429, { message: throttled.message, fields, errors: {} });
		}

		const user = await getUserCredentials(db, parsed.data.email);
		// An unknown email is checked against a dummy hash so that it takes as long as a wrong password.
		const valid = await verifyPassword(
			user?.passwordHash ?? (await dummyPasswordHash()),
			parsed.data.password
		);
		if (!user || !valid) {
			return fail(400, { message: m.auth_error_credentials(), fields, errors: {} });
		}

		await signInSucceeded(db, parsed.data.email, address);
		if (locals.session) await (await lucia()).invalidateSession(locals.session.id);
		await startSession(user.id, cookies, url);
		redirect(303, nextPath(url));
	}
};
