import { redirect } from '@sveltejs/kit';
import { clearSessionCookie, lucia } from '$lib/server/auth';
import type { RequestHandler } from './$types';

// POST only: a GET (a link, a prefetch, an <img src>) must never sign anyone out. SvelteKit answers
// other methods with 405, and its origin check refuses cross-site form posts.
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.session) await (await lucia()).invalidateSession(locals.session.id);
	await clearSessionCookie(cookies, url);
	redirect(303, '/');
};
