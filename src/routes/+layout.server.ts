import { LANGUAGE_NAMES } from '$lib/domain/locale';
import { AVAILABLE_LOCALES } from '$lib/server/locale';
import type { LayoutServerLoad } from './$types';

const languages = AVAILABLE_LOCALES.map((locale) => ({ locale, name: LANGUAGE_NAMES[locale] }));

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { displayName: locals.user.displayName } : null,
	locale: locals.locale,
	languages
});
