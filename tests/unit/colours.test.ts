/**
 * CSS, HTML and SVG cannot import TypeScript, so they repeat the colours of
 * src/lib/domain/colours.ts; this test keeps the copies from drifting.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	ACCENT,
	BRAND,
	CHART_TARGET,
	STAGE_COLOR,
	STAGE_TINT,
	withAlpha
} from '../../src/lib/domain/colours';

/** The custom properties declared in app.css's `:root`, by name. */
function rootProperties(): Map<string, string> {
	const css = readFileSync('src/app.css', 'utf8');
	const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
	return new Map(
		[...root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim().toLowerCase()])
	);
}

describe('colours', () => {
	it('app.css declares the stage, tint, brand and accent colours of colours.ts', () => {
		const css = rootProperties();
		for (const stage of [1, 2, 3, 4] as const) {
			expect(css.get(`--stage-${stage}`), `--stage-${stage}`).toBe(STAGE_COLOR[stage]);
			expect(css.get(`--stage-${stage}-tint`), `--stage-${stage}-tint`).toBe(STAGE_TINT[stage]);
		}
		expect(css.get('--brand')).toBe(BRAND);
		expect(css.get('--accent')).toBe(ACCENT);
	});

	it('app.html and the favicon use the brand colours', () => {
		expect(readFileSync('src/app.html', 'utf8')).toContain(
			`<meta name="theme-color" content="${BRAND}" />`
		);
		const favicon = readFileSync('static/favicon.svg', 'utf8');
		expect(favicon).toContain(`fill="${BRAND}"`);
		expect(favicon).toContain(`fill="${ACCENT}"`);
	});

	it('spells every colour as lower-case #rrggbb', () => {
		for (const colour of [
			BRAND,
			ACCENT,
			CHART_TARGET,
			...Object.values(STAGE_COLOR),
			...Object.values(STAGE_TINT)
		])
			expect(colour).toMatch(/^#[0-9a-f]{6}$/);
	});

	it('adds transparency as CSS rgba()', () => {
		expect(withAlpha(BRAND, 0.18)).toBe('rgba(15, 61, 94, 0.18)');
		expect(withAlpha(CHART_TARGET, 0.55)).toBe('rgba(208, 140, 0, 0.55)');
	});
});
