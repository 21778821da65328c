/** Sessions (lucia 3, stored by Kysely), password checks and sign-in rate limits. */
import type { Cookies } from '@sveltejs/kit';
import { Lucia } from 'lucia';
import { env } from '$env/dynamic/private';
import { database } from '$lib/server/db';
import { KyselySessionAdapter } from '$lib/server/db/sessions';
import { RateLimiter } from './rate-limit';

declare module 'lucia' {
	interface Register {
		Lucia: Lucia<Record<never, never>, { email: string; displayName: string }>;
		DatabaseUserAttributes: { email: string; displayName: string };
	}
}

let instance:
	Promise<Lucia<Record<never, never>, { email: string; displayName: string }>> | undefined;

export function lucia() {
	instance ??= database().then(
		({ db }) =>
			new Lucia(new KyselySessionAdapter(db), {
				// Secure is decided per request in setSessionCookie: true whenever the app is on HTTPS.
				sessionCookie: { name: 'cx_session', attributes: { secure: false, sameSite: 'lax' } },
				getUserAttributes: (attributes) => ({
					email: attributes.email,
					displayName: attributes.displayName
				})
			})
	);
	return instance;
}

/** Sets a session cookie: HttpOnly, SameSite=Lax, Secure whenever the app is served over HTTPS. */
export function setSessionCookie(
	cookies: Cookies,
	url: URL,
	cookie: { name: string; value: string; attributes: { maxAge?: number } }
): void {
	cookies.set(cookie.name, cookie.value, {
		maxAge: cookie.attributes.maxAge,
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}

export async function startSession(userId: string, cookies: Cookies, url: URL): Promise<void> {
	const auth = await lucia();
	const session = await auth.createSession(userId, {});
	setSessionCookie(cookies, url, auth.createSessionCookie(session.id));
}

export async function clearSessionCookie(cookies: Cookies, url: URL): Promise<void> {
	const auth = await lucia();
	setSessionCookie(cookies, url, auth.createBlankSessionCookie());
}

const WINDOW = 15 * 60 * 1000;
/** Failed sign-ins per account before it is locked for the rest of the window. */
export const accountLimiter = new RateLimiter(5, WINDOW);
/** Sign-in and sign-up attempts per address. */
export const addressLimiter = new RateLimiter(Number(env.AUTH_ATTEMPTS_PER_ADDRESS) || 30, WINDOW);
