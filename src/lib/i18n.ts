/** Glue between Paraglide's current locale and the model's localized texts. */
import { getLocale } from '$lib/paraglide/runtime';
import { LOCALES, localize, type Locale, type LocalizedText } from '$lib/domain/model';

export function currentLocale(): Locale {
	const locale = getLocale();
	return (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'en';
}

/** The text in the reader's language, English when it has no translation. */
export function t(text: LocalizedText): string {
	return localize(text, currentLocale());
}
