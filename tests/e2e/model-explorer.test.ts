import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, PHONE, seriousViolations } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
	mkdirSync('artifacts/screens', { recursive: true });
});
afterAll(async () => {
	await browser?.close();
});

describe('the model explorer', () => {
	it('on a phone: lists the stages and areas, and opens an area with its questions', async () => {
		const context = await browser.newContext(PHONE);
		const page = await context.newPage();
		await page.goto(`${baseURL}/model`, { waitUntil: 'networkidle' });
		await expect.poll(() => page.locator('h1').textContent()).toBe('The maturity model');
		expect(await page.locator('section[aria-labelledby="stages-title"] li').count()).toBe(4);
		expect(await page.locator('section[aria-labelledby="areas-title"] li').count()).toBe(9);
		// Nothing is wider than the phone.
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - window.innerWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.screenshot({ path: 'artifacts/screens/model-phone.png', fullPage: false });

		await page.getByRole('link', { name: /Customer feedback and complaints/ }).click();
		await page.waitForURL(/\/model\/voice-of-customer$/);
		expect(await page.locator('h1').textContent()).toBe('Customer feedback and complaints');
		const questions = page.locator('ol.questions > li');
		expect(await questions.count()).toBeGreaterThanOrEqual(4);
		expect(await questions.first().locator('ol.levels > li').count()).toBe(4);
		await page.screenshot({ path: 'artifacts/screens/area-phone.png', fullPage: false });
		await context.close();
	});

	it('works by keyboard: skip link, then Tab to an area link and Enter', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${baseURL}/model`, { waitUntil: 'networkidle' });
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
		await page.keyboard.press('Enter');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
		// Tab until the first area link has focus.
		for (let i = 0; i < 10; i++) {
			await page.keyboard.press('Tab');
			const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
			if (href?.startsWith('/model/')) break;
		}
		const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
		expect(href).toBe('/model/strategy-vision');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/model\/strategy-vision$/);
		await page.screenshot({ path: 'artifacts/screens/area-desktop.png', fullPage: true });
		await context.close();
	});

	it.each(['/', '/model', '/model/governance'])(
		'axe finds no serious or critical violation on %s',
		async (path) => {
			const page = await browser.newPage();
			await page.goto(`${baseURL}${path}`, { waitUntil: 'networkidle' });
			expect(await seriousViolations(page)).toEqual([]);
			await page.close();
		}
	);
});
