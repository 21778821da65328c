/**
 * Pages of a live workshop in Chromium, for the e2e tests (tests/e2e/workshop*.test.ts): a browser
 * context signed in as an HTTP client's account, opening a page once SvelteKit's client has
 * started, and a participant's level buttons.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Client } from './http';

/** A browser context with `client`'s cookies for its server, `width` px wide. */
export async function signedInContext(
	browser: Browser,
	client: Client,
	width = 1280
): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: { width, height: 900 } });
	await context.addCookies(
		[...client.cookies].map(([name, value]) => ({ name, value, url: client.baseURL }))
	);
	return context;
}

/**
 * `open(page, path)` for the server at `base`: loads the page (200) and waits until SvelteKit's
 * client has started (the live stream opens then).
 */
export const opener = (base: string) => async (page: Page, path: string) => {
	const res = await page.goto(`${base}${path}`, { waitUntil: 'load' });
	expect(res?.status(), path).toBe(200);
	await expect
		.poll(() => page.evaluate(() => !!document.querySelector('#svelte-announcer')), {
			timeout: 10_000
		})
		.toBe(true);
};

/** A participant's button for `level` ('1'-'4') on the current question. */
export const choice = (page: Page, level: string) =>
	page.locator(`form.choices button[name="level"][value="${level}"]`);
