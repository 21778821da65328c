/** Sessions (lucia 3, stored by Kysely), password checks and the sign-in throttle. */
import type { Cookies } from '@sveltejs/kit';
import { Lucia } from 'lucia';
import { env } from '$env/dynamic/private';
import { m } from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import type { Db } from '$lib/server/db/connection';
import { KyselySessionAdapter } from '$lib/server/db/sessions';
import {
	clearAttempts,
	refundBudget,
	takeAttempt,
	type ThrottleKey
} from '$lib/server/db/sign-in-attempts';
import { normaliseEmail } from '$lib/server/db/users';
import { addressPolicy, PAIR_POLICY, waitInWords } from './throttle';

declare module 'lucia' {
	interface Register {
		Lucia: Lucia<
			Record<never, never>,
			{ email: string; displayName: string; locale: string | null }
		>;
		DatabaseUserAttributes: { email: string; displayName: string; locale: string | null };
	}
}

let instance:
	| Promise<
			Lucia<Record<never, never>, { email: string; displayName: string; locale: string | null }>
	  >
	| undefined;

/** The session cookie's name (Lucia's `sessionCookieName`). */
export const SESSION_COOKIE = 'cx_session';

export function lucia() {
	instance ??= database().then(
		({ db }) =>
			new Lucia(new KyselySessionAdapter(db), {
				// Secure is decided per request in setSessionCookie: true whenever the app is on HTTPS.
				sessionCookie: { name: SESSION_COOKIE, attributes: { secure: false, sameSite: 'lax' } },
				getUserAttributes: (attributes) => ({
					email: attributes.email,
					displayName: attributes.displayName,
					locale: attributes.locale
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

/** Sign-in and sign-up attempts per address in 15 minutes, across all accounts. */
const perAddress = () => addressPolicy(Number(env.AUTH_ATTEMPTS_PER_ADDRESS) || 30);

const pairKey = (email: string, address: string): ThrottleKey => ({
	scope: 'signin-pair',
	subject: `${normaliseEmail(email)} ${address}`
});
const signInAddressKey = (address: string): ThrottleKey => ({
	scope: 'signin-address',
	subject: address
});
const passwordKey = (userId: string): ThrottleKey => ({ scope: 'password', subject: userId });

/** An attempt the throttle refused: how long to wait, and the message that says so. */
export interface Throttled {
	retryAfterSeconds: number;
	message: string;
}

function throttled(outcome: Awaited<ReturnType<typeof takeAttempt>>): Throttled | undefined {
	if (outcome.allowed) return undefined;
	const wait = waitInWords(outcome.retryAfterSeconds);
	const message =
		wait.unit === 'seconds'
			? wait.amount === 1
				? m.auth_error_wait_second()
				: m.auth_error_wait_seconds({ count: wait.amount })
			: wait.amount === 1
				? m.auth_error_wait_minute()
				: m.auth_error_wait_minutes({ count: wait.amount });
	return { retryAfterSeconds: outcome.retryAfterSeconds, message };
}

/**
 * Asks the throttle before a sign-in checks a password, and counts the attempt: per account e-mail
 * and client address (exponential delay after a few failures), and per address across all accounts.
 * Returns why to refuse, or undefined to go ahead. The same for e-mails without an account.
 */
export async function beginSignIn(
	db: Db,
	email: string,
	address: string
): Promise<Throttled | undefined> {
	return throttled(
		await takeAttempt(db, [
			{ ...signInAddressKey(address), policy: perAddress() },
			{ ...pairKey(email, address), policy: PAIR_POLICY }
		])
	);
}

/** A sign-in succeeded: its pair's failures are forgotten and the address's budget gets it back. */
export async function signInSucceeded(db: Db, email: string, address: string): Promise<void> {
	await clearAttempts(db, pairKey(email, address));
	await refundBudget(db, signInAddressKey(address), perAddress());
}

/** Asks the throttle before a sign-up hashes a password, and counts the attempt per address. */
export async function beginSignUp(db: Db, address: string): Promise<Throttled | undefined> {
	return throttled(
		await takeAttempt(db, [{ scope: 'signup-address', subject: address, policy: perAddress() }])
	);
}

/**
 * Asks the throttle before checking a signed-in person's current password (changing the password,
 * deleting the account), so that a stolen session is no way to guess it; counts the attempt.
 */
export async function beginPasswordCheck(db: Db, userId: string): Promise<Throttled | undefined> {
	return throttled(await takeAttempt(db, [{ ...passwordKey(userId), policy: PAIR_POLICY }]));
}

export async function passwordCheckSucceeded(db: Db, userId: string): Promise<void> {
	await clearAttempts(db, passwordKey(userId));
}
