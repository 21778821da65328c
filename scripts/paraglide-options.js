// The one set of Paraglide compiler options, for `npm run i18n` (scripts/i18n.js) and the Vite
// plugin (vite.config.ts). The server decides each request's language (src/lib/server/locale.ts)
// and Paraglide's getLocale reads it from the request (useRequestLocale, set up in
// hooks.server.ts); the browser reads it back from <html lang> through `custom-document`
// (src/hooks.client.ts).
/** @type {{ project: string; outdir: string; strategy: Array<'baseLocale' | `custom-${string}`> }} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['custom-document', 'baseLocale']
};
