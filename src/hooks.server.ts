import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { database } from '$lib/server/db';
import { clearSessionCookie, lucia, setSessionCookie } from '$lib/server/auth';

// Open and migrate the database before the first request, so a broken database fails the start.
export const init: ServerInit = async () => {
	await database();
};

const handleParaglide: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const handleAuth: Handle = async ({ event, resolve }) => {
	const auth = await lucia();
	const sessionId = event.cookies.get(auth.sessionCookieName);
	event.locals.user = null;
	event.locals.session = null;
	if (!sessionId) return resolve(event);
	const { session, user } = await auth.validateSession(sessionId);
	if (!session) {
		await clearSessionCookie(event.cookies, event.url);
	} else if (session.fresh) {
		// Lucia extended the session: send the cookie again with the new expiry.
		setSessionCookie(event.cookies, event.url, auth.createSessionCookie(session.id));
	}
	event.locals.user = user;
	event.locals.session = session;
	return resolve(event);
};

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handle: Handle = sequence(handleSecurityHeaders, handleAuth, handleParaglide);
