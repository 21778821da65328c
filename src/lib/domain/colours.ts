/**
 * The app's colours: one source for everything drawn from TypeScript (the report's theme, the
 * charts, an organisation's default brand colour, the logo). Files that cannot import TypeScript
 * repeat them: src/app.css as custom properties, src/app.html's theme colour and
 * static/favicon.svg; tests/unit/colours.test.ts holds those copies equal to these constants.
 */
import type { StageId } from './model';

/** The brand colour, also every organisation's report accent until it chooses its own. */
export const BRAND = '#0f3d5e';

/** The warm highlight: quick-win tags and the logo's bars (app.css `--accent`). */
export const ACCENT = '#f5b841';

/**
 * The stage colours, dark enough for white text on them: stage badges, heatmap cells, the report
 * (app.css `--stage-1` … `--stage-4`).
 */
export const STAGE_COLOR: Readonly<Record<StageId, string>> = {
	1: '#a63d2a',
	2: '#9a6b00',
	3: '#2a6f97',
	4: '#2e7d4f'
};

/**
 * Lighter stage colours for decoration that carries no text, such as the stage list's top borders
 * (app.css `--stage-1-tint` … `--stage-4-tint`).
 */
export const STAGE_TINT: Readonly<Record<StageId, string>> = {
	1: '#c8553d',
	2: '#e0a526',
	3: '#3c8dbc',
	4: '#2e7d4f'
};

/** The target series in the results charts. */
export const CHART_TARGET = '#d08c00';

/** A `#rrggbb` colour with transparency, as CSS `rgba(r, g, b, alpha)`. */
export function withAlpha(hex: string, alpha: number): string {
	const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
	return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
