/** Real Chromium (Debian's package) driven by playwright-core, and axe-core run inside the page. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const PHONE: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true
};

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
	// Evaluated through the DevTools protocol, not added as an inline <script>: the page's
	// Content-Security-Policy (rightly) refuses inline scripts without its nonce.
	await page.evaluate(`${axeSource}\n;0`);
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }
		).axe;
		const result = await axe.run();
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.map((n) => ({ target: n.target }))
		}));
	});
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
