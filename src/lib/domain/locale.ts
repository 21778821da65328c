/**
 * Which language a person reads the app in (docs/architecture.md, "Languages"). Pure: the hook in
 * `hooks.server.ts` gathers the inputs and this decides, in this order:
 * 1. the person's choice on this device (the language switcher's cookie);
 * 2. the choice saved on their account (signed in);
 * 3. the language of the respondent link they came through;
 * 4. the browser's languages (`Accept-Language`), the first one the app has;
 * 5. the organisation's default language;
 * 6. English.
 */
import { BASE_LOCALE, LOCALES, type Locale } from './model';

/** Each language's name in itself, as a switcher lists it (not translated: a reader finds their own). */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
	en: 'English',
	bg: 'Български',
	ru: 'Русский',
	ro: 'Română',
	uk: 'Українська'
};

/** `value` when it is one of `available`, else undefined. Case-insensitive, region ignored (`uk-UA`). */
export function toLocale(
	value: string | null | undefined,
	available: readonly Locale[] = LOCALES
): Locale | undefined {
	const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
	return available.find((locale) => locale === primary);
}

/**
 * The browser's languages that the app has, best first: `uk-UA,uk;q=0.9,ru;q=0.8,en;q=0.5` →
 * `uk, ru, en`. A language with q=0 is refused; unparseable parts are skipped.
 */
export function acceptedLocales(
	header: string | null | undefined,
	available: readonly Locale[] = LOCALES
): Locale[] {
	if (!header) return [];
	const ranked = header
		.slice(0, 1000)
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const quality = q === undefined ? 1 : Number(q.slice(2));
			return { locale: toLocale(tag, available), quality, index };
		})
		.filter(
			(entry): entry is { locale: Locale; quality: number; index: number } =>
				entry.locale !== undefined && Number.isFinite(entry.quality) && entry.quality > 0
		)
		.sort((a, b) => b.quality - a.quality || a.index - b.index);
	return [...new Set(ranked.map((entry) => entry.locale))];
}

export interface LocaleInputs {
	/** The switcher's cookie. */
	choice?: string | null;
	/** Saved on the signed-in person's account. */
	saved?: string | null;
	/** The respondent link's language. */
	link?: string | null;
	/** The `Accept-Language` header. */
	acceptLanguage?: string | null;
	/** The organisation's default language. */
	organisation?: string | null;
}

/** The language to show, from the inputs in the order of the module's comment. */
export function pickLocale(inputs: LocaleInputs, available: readonly Locale[] = LOCALES): Locale {
	return (
		toLocale(inputs.choice, available) ??
		toLocale(inputs.saved, available) ??
		toLocale(inputs.link, available) ??
		acceptedLocales(inputs.acceptLanguage, available)[0] ??
		toLocale(inputs.organisation, available) ??
		(available.includes(BASE_LOCALE) ? BASE_LOCALE : available[0]!)
	);
}
