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
// @ts-expect-error fontkit ships no type definitions; only `create` is used, as pdfkit does.
import * as fontkit from 'fontkit';

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

/** A parsed font as pdfkit accepts it in registerFont (it checks for a `layout` function). */
export type ParsedFont = {
	layout: (...args: unknown[]) => unknown;
	characterSet: number[];
	glyphForCodePoint: (codePoint: number) => unknown;
};

/**
 * fontkit keeps each glyph it makes, with the characters it was made for, and pdfkit writes those
 * characters into a PDF's text layer (what is copied, searched and read aloud). Embedding a
 * composite glyph (ï, ă, й) makes its parts (i, a, и) without characters; on a font shared by
 * every report, a later report then wrote, say, "B nking" for "Banking". Making every glyph from
 * its character first, once, keeps the characters with the glyphs (about 40 ms per font).
 */
function withCharacters(font: ParsedFont): ParsedFont {
	for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
	return font;
}

let parsed: { regular: ParsedFont; bold: ParsedFont } | null = null;

/**
 * The fonts parsed once per process and shared by every report: parsing the font tables took a
 * large share of each report's time. pdfkit makes a fresh subset per document from a shared font.
 */
export function parsedFonts(): { regular: ParsedFont; bold: ParsedFont } {
	if (!parsed) {
		const files = fontFiles();
		const create = (fontkit as { create(data: Uint8Array): ParsedFont }).create;
		parsed = {
			regular: withCharacters(create(new Uint8Array(files.regular))),
			bold: withCharacters(create(new Uint8Array(files.bold)))
		};
	}
	return parsed;
}
