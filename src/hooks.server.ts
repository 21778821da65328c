import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { closeDatabase, database } from '$lib/server/db';
import { closePubSub } from '$lib/server/pubsub-shared';
import { clearSessionCookie, lucia, SESSION_COOKIE, setSessionCookie } from '$lib/server/auth';
import { applySecurityHeaders } from '$lib/server/security-headers';
import { isRefusedFormPost, unsupportedMediaType } from '$lib/server/form-content-type';
import { describeErrorChain } from '$lib/server/errors';
import { requestLocale, useRequestLocale } from '$lib/server/locale';

// Open and migrate the database before the first request, so a broken database fails the start
// (scripts/serve.js prints a DatabaseOpenError as its one sentence and exits with 1).
export const init: ServerInit = async () => {
	await database();
	// On SIGTERM or SIGINT adapter-node stops taking requests, then emits this: the pool and the
	// LISTEN connection to PostgreSQL would keep the process alive, so they are closed.
	process.once('sveltekit:shutdown', () => {
		void Promise.all([closePubSub(), closeDatabase()]).catch((error: unknown) =>
			console.error(`shutdown: ${error instanceof Error ? error.message : String(error)}`)
		);
	});
};

// Paraglide's getLocale reads the language the hook below decided for this request (see
// useRequestLocale): no paraglideMiddleware, which cloned every request and ran its own
// AsyncLocalStorage context around it.
useRequestLocale();

const handleLocale: Handle = async ({ event, resolve }) => {
	const locale = await requestLocale(event);
	event.locals.locale = locale;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
	});
};

const handleAuth: Handle = async ({ event, resolve }) => {
	const sessionId = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	// A respondent (and /healthz) has no session cookie: nothing to look up.
	if (!sessionId) return resolve(event);
	const auth = await lucia();
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
	applySecurityHeaders(response.headers, event.url);
	return response;
};

/** A post to a page that is not form data gets 415 before its body is read (see the module). */
const handleFormContentType: Handle = ({ event, resolve }) => {
	const { method, headers } = event.request;
	if (isRefusedFormPost(method, event.route.id, headers.get('content-type')))
		return unsupportedMediaType(headers, m.error_form_content_type(), getLocale());
	return resolve(event);
};

export const handle: Handle = sequence(
	handleSecurityHeaders,
	handleAuth,
	handleLocale,
	handleFormContentType
);

/**
 * Unexpected errors are logged with their whole cause chain and SQLite's code, so the log names
 * the cause (`SQLITE_FULL: database or disk is full`) rather than a consequence of it.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status < 500) return { message };
	console.error(
		`${status} ${event.request.method} ${event.url.pathname}: ${describeErrorChain(error)}`
	);
	if (error instanceof Error && error.stack) console.error(error.stack);
	return { message };
};
