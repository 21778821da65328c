/**
 * The embedded fonts: DejaVu Sans covers Latin (Romanian ș ț ă î â included) and Cyrillic
 * (Bulgarian, Russian, Ukrainian). pdfkit subsets the TrueType files, so only the glyphs used are
 * embedded and the text can be copied out of the PDF.
 *
 * The files are resolved from node_modules at run time (not bundled), which works both under vite
 * and in the built server, where node_modules stays external.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

let cache: { regular: Buffer; bold: Buffer } | null = null;

/** The font files, read once per process. */
export function fontFiles(): { regular: Buffer; bold: Buffer } {
	if (!cache) {
		const require = createRequire(import.meta.url);
		cache = {
			regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
			bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))
		};
	}
	return cache;
}
