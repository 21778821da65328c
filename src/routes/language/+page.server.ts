/**
 * Choosing the language: the switcher in every page's header posts here, and so does this page
 * (for a phone, or a browser without JavaScript). The choice is kept in a cookie on this device and,
 * for a signed-in person, on their account; then the person goes back to where they were.
 */
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { LANGUAGE_NAMES } from '$lib/domain/locale';
import { m } from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { saveUserLocale } from '$lib/server/db/locales';
import { parseForm } from '$lib/server/forms';
import { AVAILABLE_LOCALES, rememberLocale } from '$lib/server/locale';
import type { Actions, PageServerLoad } from './$types';

/** Back to a page of this app only: a path, never another origin (`//evil.example`, `/\evil`). */
const backTo = z
	.string()
	.max(2000)
	.optional()
	.transform((to) => (to && /^\/(?![/\\])/.test(to) ? to : '/'));

const languageForm = z.object({
	locale: z.string().refine((value) => (AVAILABLE_LOCALES as readonly string[]).includes(value), {
		error: () => m.language_unknown()
	}),
	to: backTo
});

export const load: PageServerLoad = ({ locals, url }) => ({
	current: locals.locale,
	to: backTo.parse(url.searchParams.get('to') ?? undefined),
	languages: AVAILABLE_LOCALES.map((locale) => ({ locale, name: LANGUAGE_NAMES[locale] }))
});

export const actions: Actions = {
	default: async ({ request, cookies, url, locals }) => {
		const form = parseForm(languageForm, await request.formData());
		if (!form.ok) return fail(400, { message: form.message, errors: form.errors });
		const locale = AVAILABLE_LOCALES.find((l) => l === form.data.locale)!;
		rememberLocale(cookies, url, locale);
		if (locals.user) await saveUserLocale((await database()).db, locals.user.id, locale);
		redirect(303, form.data.to);
	}
};
