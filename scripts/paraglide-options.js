// The one set of Paraglide compiler options, for `npm run i18n` (scripts/i18n.js) and the Vite
// plugin (vite.config.ts). The server decides each request's language (src/lib/server/locale.ts)
// and hands it to Paraglide through `custom-request`; the browser reads it back from <html lang>
// through `custom-document` (src/hooks.client.ts).
/** @type {{ project: string; outdir: string; strategy: Array<'baseLocale' | `custom-${string}`> }} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['custom-request', 'custom-document', 'baseLocale']
};
