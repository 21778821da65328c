import { defineCustomClientStrategy } from '$lib/paraglide/runtime';

// The server decides the language (lib/server/locale.ts) and writes it into <html lang>; the
// browser reads it back from there, so a page never hydrates in another language than it was
// rendered in. Changing the language is a form post to /language, which reloads the page.
defineCustomClientStrategy('custom-document', {
	getLocale: () => document.documentElement.lang || undefined,
	setLocale: () => {}
});
