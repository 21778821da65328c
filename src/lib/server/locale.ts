/**
 * The language of a request: gathers what `pickLocale` (lib/domain/locale.ts) decides from — the
 * switcher's cookie, the account's saved choice, the respondent link's language, the browser's
 * languages and the organisation's default — and looks up the last three only when the earlier
 * ones leave the question open. The hook hands the result to Paraglide (strategy `custom-request`);
 * the browser reads it back from `<html lang>` (strategy `custom-document`, hooks.client.ts).
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { acceptedLocales, pickLocale, toLocale, type LocaleInputs } from '$lib/domain/locale';
import type { Locale } from '$lib/domain/model';
import { cookieName, getServerAsyncLocalStorage, locales } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { linkLocales, organisationLocale, responseLocales } from '$lib/server/db/locales';

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
		const { db } = await database();
		const context = JOIN_ROUTE.test(route)
			? await linkLocales(db, token)
			: await responseLocales(db, token);
		Object.assign(inputs, context);
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
 * Runs `work` with Paraglide's messages in `locale` (a PDF in another language than the page's):
 * a nested context of the request's own, so nothing else of the request changes.
 */
export function withLocale<T>(locale: Locale, work: () => T): T {
	const storage = getServerAsyncLocalStorage();
	const store = storage?.getStore();
	if (!storage || !store) return work();
	return storage.run({ ...store, locale }, work);
}

/** The `language` asked for in the address, when it is one the app has. */
export function askedLocale(params: URLSearchParams): Locale | undefined {
	return toLocale(params.get('language'), AVAILABLE_LOCALES);
}
