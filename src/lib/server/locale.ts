/**
 * The language of a request: gathers what `pickLocale` (lib/domain/locale.ts) decides from — the
 * switcher's cookie, the account's saved choice, the respondent link's language, the browser's
 * languages and the organisation's default — and looks up the last three only when the earlier
 * ones leave the question open. The hook keeps the result in `locals.locale`;
 * the browser reads it back from `<html lang>` (strategy `custom-document`, hooks.client.ts). On the
 * server Paraglide's `getLocale` reads it from the request (`useRequestLocale`).
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { acceptedLocales, pickLocale, toLocale, type LocaleInputs } from '$lib/domain/locale';
import type { Locale } from '$lib/domain/model';
import { baseLocale, cookieName, locales, overwriteGetLocale } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { linkLocales, organisationLocale } from '$lib/server/db/locales';
import { findResponse } from '$lib/server/respondent';

/** The languages this build has catalogues for. */
export const AVAILABLE_LOCALES: readonly Locale[] = locales as readonly Locale[];

/** The switcher's cookie: Paraglide's name, a year, readable by the server only. */
export const LOCALE_COOKIE = cookieName;

export function rememberLocale(cookies: Cookies, url: URL, locale: Locale): void {
	cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		maxAge: 60 * 60 * 24 * 365,
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}

/** Respondent pages whose link carries a language; the autosave endpoint is left out (JSON only). */
const JOIN_ROUTE = /^\/join\/\[token=id\]/;
const ANSWER_ROUTE = /^\/answer\/\[token=id\](?!\/save)/;
const ORGANISATION_ROUTE = /^\/o\/\[orgId=id\]/;

export async function requestLocale(event: RequestEvent): Promise<Locale> {
	const inputs: LocaleInputs = {
		choice: event.cookies.get(LOCALE_COOKIE),
		saved: event.locals.user?.locale,
		acceptLanguage: event.request.headers.get('accept-language')
	};
	if (AVAILABLE_LOCALES.length === 1) return AVAILABLE_LOCALES[0]!;
	const decided =
		toLocale(inputs.choice, AVAILABLE_LOCALES) ?? toLocale(inputs.saved, AVAILABLE_LOCALES);
	if (decided) return decided;
	const route = event.route.id ?? '';
	const { token, orgId } = event.params;
	if (token && (JOIN_ROUTE.test(route) || ANSWER_ROUTE.test(route))) {
		// An answer page reads the response anyway: the languages come with it, in the same look-up.
		const context = JOIN_ROUTE.test(route)
			? await linkLocales((await database()).db, token)
			: (await findResponse(token, event.request))?.locales;
		if (context) Object.assign(inputs, context);
	} else if (
		orgId &&
		ORGANISATION_ROUTE.test(route) &&
		acceptedLocales(inputs.acceptLanguage, AVAILABLE_LOCALES).length === 0
	) {
		const { db } = await database();
		inputs.organisation = await organisationLocale(db, orgId);
	}
	return pickLocale(inputs, AVAILABLE_LOCALES);
}

/**
 * Makes Paraglide's `getLocale()` answer the language the hook decided for the current request
 * (`event.locals.locale`), read through SvelteKit's own request context; outside a request (or
 * before the hook decided) it is the base language. This replaces `paraglideMiddleware`, which
 * cloned every request and ran a second AsyncLocalStorage context around it (the profile showed
 * both). Called once, from hooks.server.ts.
 */
export function useRequestLocale(): void {
	overwriteGetLocale(() => {
		let locale: Locale | undefined;
		try {
			locale = getRequestEvent().locals.locale;
		} catch {
			// Not in a request (a script, a test importing a module): the base language.
		}
		return locale ?? (baseLocale as Locale);
	});
}

/**
 * Runs `work` with Paraglide's messages in `locale` (a PDF in another language than the page's),
 * then puts the request's own language back. Only for a request that does nothing else meanwhile
 * (the PDF endpoints): the language is the request's while `work` runs.
 */
export async function withLocale<T>(locale: Locale, work: () => T | Promise<T>): Promise<T> {
	const { locals } = getRequestEvent();
	const own = locals.locale;
	locals.locale = locale;
	try {
		return await work();
	} finally {
		locals.locale = own;
	}
}

/** The `language` asked for in the address, when it is one the app has. */
export function askedLocale(params: URLSearchParams): Locale | undefined {
	return toLocale(params.get('language'), AVAILABLE_LOCALES);
}
