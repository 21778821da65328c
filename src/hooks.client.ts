import { z } from 'zod';
import { defineCustomClientStrategy } from '$lib/paraglide/runtime';

// zod compiles object schemas with `new Function` when it may, and finds out whether it may by
// trying: under the Content-Security-Policy (no 'unsafe-eval', see svelte.config.js) that attempt is
// refused and reported as a violation on every page that parses. Without the JIT, zod interprets
// the schemas; in the browser it parses a handful of small objects per page, so nothing is lost.
z.config({ jitless: true });

// The server decides the language (lib/server/locale.ts) and writes it into <html lang>; the
// browser reads it back from there, so a page never hydrates in another language than it was
// rendered in. Changing the language is a form post to /language, which reloads the page.
defineCustomClientStrategy('custom-document', {
	getLocale: () => document.documentElement.lang || undefined,
	setLocale: () => {}
});
