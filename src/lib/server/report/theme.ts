/**
 * The report's look: page geometry, type scale and colours. One place, so every section uses the
 * same margins, sizes and stage colours as the app.
 */
import { ACCENT, BRAND, STAGE_COLOR } from '$lib/domain/colours';

/** A4 in PDF points (1/72 inch). */
export const PAGE = { width: 595.28, height: 841.89 } as const;

/** Generous margins; the running header and footer sit inside the top and bottom margins. */
export const MARGIN = { top: 78, bottom: 70, left: 62, right: 62 } as const;

export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const CONTENT_BOTTOM = PAGE.height - MARGIN.bottom;

/** Type scale in points. */
export const SIZE = {
	cover: 30,
	h1: 20,
	h2: 12.5,
	h3: 10,
	body: 9.5,
	small: 8,
	tiny: 7
} as const;

export const LINE_GAP = { body: 2.2, small: 1.4 } as const;

export const COLOR = {
	ink: '#1d2733',
	muted: '#5b6776',
	faint: '#8a94a1',
	rule: '#d5dbe2',
	panel: '#f3f5f8',
	white: '#ffffff',
	dontKnow: '#c3c9d1',
	target: '#3a4654'
} as const;

/** The same stage colours as the app's stage badges. */
export { STAGE_COLOR };

/** The app's quick-win tag colour. */
export const QUICK_WIN = ACCENT;

export const DEFAULT_ACCENT = BRAND;

/** The accent colour if it is a valid `#rrggbb`, otherwise the app's brand colour. */
export function accentOf(value: string): string {
	return /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : DEFAULT_ACCENT;
}

/** Relative luminance (WCAG) of a `#rrggbb` colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White or ink, whichever reads better on `background`. */
export function textOn(background: string): string {
	const l = luminance(background);
	const contrastWhite = 1.05 / (l + 0.05);
	const contrastInk = (l + 0.05) / (luminance(COLOR.ink) + 0.05);
	return contrastWhite >= contrastInk ? COLOR.white : COLOR.ink;
}

/**
 * A colour that is readable as text or a thin rule on white: the accent itself, or a darker
 * shade of it when it is too light (a yellow brand colour, say).
 */
export function accentInk(accent: string): string {
	let [r, g, b] = [1, 3, 5].map((i) => parseInt(accent.slice(i, i + 2), 16)) as [
		number,
		number,
		number
	];
	for (let step = 0; step < 12 && 1.05 / (luminance(hex(r, g, b)) + 0.05) < 4.5; step++) {
		r = Math.round(r * 0.85);
		g = Math.round(g * 0.85);
		b = Math.round(b * 0.85);
	}
	return hex(r, g, b);
}

function hex(r: number, g: number, b: number): string {
	return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
